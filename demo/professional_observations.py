"""Demo landing files for the professional-observations source class, in the real export formats.

Deterministic for a given (scale, seed, today): the same arguments write the same bytes (xlsx included), so a
second run loads nothing new. Scale 1 ≈ one Varha year:

- social_reports: 500 form submissions per year, 2024–2025, about 20 % in Swedish. Three form versions: the
  2024 bilingual form (cp1252 CSV, a language question), and the 2025 Finnish (UTF-8 CSV with BOM) and
  Swedish (xlsx) forms with reworded questions. SHL §11 needs as one 0/1 column per option.
- ombudsman: the ombudsman's annual statistics for 2023 and 2024 (xlsx).
- haipro: monthly HaiPro incident exports (cp1252, `;`).
- staff_survey: the 2025 survey on the state of structural social work, 348 respondents, aggregated.
- supervision_status: quarterly status tables of the supervision unit (xlsx), about 300 units (fewer below
  scale 1; the number of units does not grow with scale).

Every file has a few deliberately broken rows (an impossible date, an unknown municipality, a count that does
not add up, …), and some free texts carry a planted fictitious identity code (individual number 900–999), a
phone number, a name or a street address, which the loaders must redact.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from faker import Faker

from demo.hetu import random_fictitious_hetu
from demo.writers import write_csv, write_xlsx
from sources.professional_observations.social_report_forms import FORM_VERSIONS

# Municipality code, Finnish name, Swedish name, approximate population (weights for the demo only).
MUNICIPALITIES = [
    ("019", "Aura", "Aura", 4000), ("202", "Kaarina", "S:t Karins", 36000), ("284", "Koski Tl", "Koskis", 2200),
    ("304", "Kustavi", "Gustavs", 1000), ("322", "Kemiönsaari", "Kimitoön", 6500),
    ("400", "Laitila", "Letala", 8300), ("423", "Lieto", "Lundo", 20700), ("430", "Loimaa", "Loimaa", 15500),
    ("445", "Parainen", "Pargas", 15100), ("480", "Marttila", "S:t Mårtens", 1900), ("481", "Masku", "Masku", 9900),
    ("503", "Mynämäki", "Virmo", 7600), ("529", "Naantali", "Nådendal", 19900),
    ("538", "Nousiainen", "Nousis", 4700), ("561", "Oripää", "Oripää", 1300), ("577", "Paimio", "Pemar", 11000),
    ("631", "Pyhäranta", "Pyhäranta", 2000), ("636", "Pöytyä", "Pöytyä", 8000), ("680", "Raisio", "Reso", 24700),
    ("704", "Rusko", "Rusko", 6400), ("734", "Salo", "Salo", 51000), ("738", "Sauvo", "Sagu", 3000),
    ("761", "Somero", "Somero", 8500), ("833", "Taivassalo", "Tövsala", 1500), ("853", "Turku", "Åbo", 203000),
    ("895", "Uusikaupunki", "Nystad", 15000), ("918", "Vehmaa", "Vemo", 2200),
]
SERVICE_AREAS = [  # code, Finnish name, Swedish name, weight in social reports
    ("lapsiperheet", "Lapsiperheiden sosiaalipalvelut", "Socialservice för barnfamiljer", 16),
    ("lastensuojelu", "Lastensuojelu", "Barnskydd", 14),
    ("aikuissosiaalityo", "Aikuissosiaalityö", "Socialt arbete för vuxna", 30),
    ("mielenterveys_paihde", "Mielenterveys- ja päihdepalvelut (sosiaalihuolto)",
     "Mentalvårds- och missbrukarvård (socialvård)", 14),
    ("vammaispalvelut", "Vammaispalvelut", "Handikappservice", 8),
    ("ikaantyneet", "Ikääntyneiden palvelut", "Äldreomsorg", 10),
    ("maahanmuuttajat", "Maahanmuuttajien palvelut", "Invandrartjänster", 4),
    ("sosiaalipaivystys", "Sosiaalipäivystys", "Socialjour", 4),
]
ROLES = [("Sosiaalityöntekijä", "Socialarbetare", 50), ("Sosiaaliohjaaja", "Socialhandledare", 35),
         ("Esihenkilö", "Förman", 8), ("Muu", "Annan", 7)]
TARGETS = [("Lapsiperheet", "Barnfamiljer"), ("Nuoret aikuiset", "Unga vuxna"),
           ("Työikäiset", "Personer i arbetsför ålder"), ("Ikääntyneet", "Äldre"),
           ("Vammaiset henkilöt", "Personer med funktionsnedsättning"), ("Maahanmuuttajat", "Invandrare")]
SECTORS = [("Sosiaali- ja terveyspalvelut", "Social- och hälsovård"), ("Asuminen", "Boende"),
           ("Työllisyyspalvelut", "Sysselsättningstjänster"), ("Kela", "FPA"), ("Varhaiskasvatus ja opetus",
           "Småbarnspedagogik och utbildning"), ("Poliisi", "Polisen"), ("Järjestöt", "Organisationer")]
VALENCES = [("Epäkohta", "Missförhållande", 0.62), ("Hyvä käytäntö", "God praxis", 0.16),
            ("Heikko signaali", "Svag signal", 0.22)]
STATUSES = {  # code: (fi label, sv label)
    "received": ("Vastaanotettu", "Mottagen"), "in_progress": ("Käsittelyssä", "Under behandling"),
    "forwarded": ("Välitetty eteenpäin", "Vidarebefordrad"), "feedback_given": ("Palaute annettu", "Respons given"),
    "closed": ("Suljettu", "Avslutad"),
}

# Themes of the observations: SHL §11 needs usually ticked, and texts (Finnish, Swedish) that carry the
# phenomenon's keywords. Some themes have no phenomenon (child development, ageing, violence).
THEMES = {
    "homelessness": dict(weight=17, needs=[2], extra=[3, 4], service="aikuissosiaalityo", texts=dict(
        fi=["Asunnottomien nuorten määrä on kasvanut ja ensisuoja on usein täynnä.",
            "Asiakkaita uhkaa häätö vuokrarästien vuoksi, eikä tukiasuntoja ole tarjolla.",
            "Asunnottomuus näkyy yhä useammin myös perheissä, jotka joutuvat asumaan tilapäisesti sukulaisten luona."],
        sv=["Antalet bostadslösa unga har ökat och härbärget är ofta fullt.",
            "Klienter hotas av vräkning på grund av hyresskulder och stödbostäder saknas."],
        cause_fi=["Kohtuuhintaisia vuokra-asuntoja on liian vähän.", "Asumisneuvontaa ei ole riittävästi."],
        cause_sv=["Det finns för få hyresbostäder till rimligt pris."],
        prop_fi=["Asumisneuvonta tulee laajentaa kaikkiin kuntiin ja häätöjen ennaltaehkäisyyn on luotava malli.",
                 "Tukiasuntojen määrää on lisättävä yhteistyössä kuntien kanssa."],
        prop_sv=["Boenderådgivningen bör utvidgas till alla kommuner."])),
    "livelihood": dict(weight=22, needs=[3], extra=[1, 2, 4], service="aikuissosiaalityo", texts=dict(
        fi=["Toimeentulotuen käsittelyajat ovat venyneet ja asiakkaiden rahat loppuvat kesken kuun.",
            "Velkaantuminen ja ulosotto kuormittavat yhä nuorempia asiakkaita.",
            "Köyhyys näkyy lapsiperheissä: ruoka-apuun turvautuu yhä useampi."],
        sv=["Klienternas skulder har ökat och utsökning berör allt yngre personer.",
            "Fattigdom syns i barnfamiljerna och allt fler söker sig till matbanken."],
        cause_fi=["Etuuksien yhteensovitus on monimutkaista.", "Elinkustannukset ovat nousseet nopeasti."],
        cause_sv=["Levnadskostnaderna har stigit snabbt."],
        prop_fi=["Talous- ja velkaneuvonta on tuotava osaksi aikuissosiaalityön palveluja.",
                 "Kelan ja hyvinvointialueen yhteistyötä on tiivistettävä toimeentulotuen asioissa."],
        prop_sv=["Ekonomisk rådgivning och skuldrådgivning bör ingå i socialt arbete för vuxna."])),
    "substance_use": dict(weight=14, needs=[8], extra=[4, 6, 7], service="mielenterveys_paihde", texts=dict(
        fi=["Nuorten huumeiden käyttö on lisääntynyt ja päihdepalveluihin pääsee vasta viikkojen jonotuksen jälkeen.",
            "Alkoholin ongelmakäyttö näkyy lastensuojelun asiakasperheissä.",
            "Rahapelaaminen ja peliongelmat ovat uusi ilmiö aikuissosiaalityössä."],
        sv=["Missbruk av alkohol syns i barnskyddets familjer.",
            "Ungas användning av droger har ökat och väntetiden till missbrukarvården är lång."],
        cause_fi=["Matalan kynnyksen päihdepalveluja on vähän."],
        cause_sv=["Det finns få lågtröskeltjänster."],
        prop_fi=["Päihdepalveluihin tarvitaan matalan kynnyksen vastaanotto jokaiseen seutukuntaan."],
        prop_sv=["Lågtröskelmottagning för missbrukarvård behövs i varje region."])),
    "mental_health": dict(weight=16, needs=[8], extra=[1, 4, 9], service="mielenterveys_paihde", texts=dict(
        fi=["Nuorten ahdistuneisuus ja masennus ovat lisääntyneet, eikä mielenterveyspalveluihin pääse ajoissa.",
            "Psyykkisesti oireilevat aikuiset jäävät palvelujen väliin.",
            "Itsetuhoisuus näkyy sosiaalipäivystyksen asiakkailla aiempaa useammin."],
        sv=["Ungas ångest och depression har ökat och det är svårt att få psykiatrisk hjälp i tid.",
            "Vuxna med psykisk ohälsa faller mellan tjänsterna."],
        cause_fi=["Psykiatrian ja sosiaalihuollon yhteistyö ei toimi."],
        cause_sv=["Samarbetet mellan psykiatrin och socialvården fungerar inte."],
        prop_fi=["Mielenterveyspalveluihin tarvitaan yhteinen palvelupolku sosiaalihuollon kanssa."],
        prop_sv=["En gemensam vårdkedja behövs mellan psykiatrin och socialvården."])),
    "child": dict(weight=15, needs=[7], extra=[5, 10], service="lastensuojelu", texts=dict(
        fi=["Lasten ja nuorten harrastusmahdollisuudet ovat kaventuneet pienissä kunnissa.",
            "Koulupoissaolot ovat lisääntyneet ja perheet tarvitsevat tukea arkeen."],
        sv=["Barnens möjligheter till fritidsaktiviteter har minskat i små kommuner."],
        cause_fi=["Perhetyön resurssit eivät riitä."], cause_sv=["Familjearbetets resurser räcker inte."],
        prop_fi=["Perhetyötä on vahvistettava ja koulun kanssa tehtävää yhteistyötä lisättävä."],
        prop_sv=["Familjearbetet bör stärkas."])),
    "ageing": dict(weight=10, needs=[8], extra=[1, 9, 10], service="ikaantyneet", texts=dict(
        fi=["Ikääntyneiden yksinäisyys ja omaishoitajien uupuminen näkyvät kotihoidossa.",
            "Muistisairaiden kotona asuminen on vaikeutunut."],
        sv=["Äldres ensamhet och närståendevårdarnas utmattning syns i hemvården."],
        cause_fi=["Kotihoidon käynnit ovat lyhyitä."], cause_sv=["Hemvårdens besök är korta."],
        prop_fi=["Omaishoitajille tarvitaan lisää vapaapäiviä ja tukea."],
        prop_sv=["Närståendevårdare behöver mer stöd."])),
    "violence": dict(weight=6, needs=[5], extra=[6, 7], service="sosiaalipaivystys", texts=dict(
        fi=["Lähisuhdeväkivalta on lisääntynyt ja turvakotipaikkoja on liian vähän."],
        sv=["Våld i nära relationer har ökat och skyddshemsplatserna räcker inte."],
        cause_fi=["Väkivallan puheeksi ottaminen ei ole rutiinia."], cause_sv=["Våld tas inte upp rutinmässigt."],
        prop_fi=["MARAK-työskentely on vakiinnutettava koko hyvinvointialueelle."],
        prop_sv=["MARAK-arbetet bör etableras i hela välfärdsområdet."])),
}
GOOD_PRACTICE = dict(
    fi=["Yhteistyö Kelan kanssa on sujuvoittanut asiakkaiden etuusasioita.",
        "Jalkautuva työ on tavoittanut asiakkaita, jotka eivät muuten hakeutuisi palveluihin."],
    sv=["Det uppsökande arbetet har nått klienter som annars inte skulle söka hjälp."])


def _fmt_date(d: dt.date | None) -> str:
    return "" if d is None else f"{d.day}.{d.month}.{d.year}"


def _fmt_ts(t: dt.datetime) -> str:
    return f"{t.day}.{t.month}.{t.year} {t.hour}:{t.minute:02d}"


# -- social reports -----------------------------------------------------------------------------------------
def _pick(rng: np.random.Generator, items: list, weights=None):
    if weights is None:
        return items[int(rng.integers(len(items)))]
    cumulative = np.cumsum(weights, dtype=float)
    return items[min(int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right")), len(items) - 1)]


def draw_unit(rng: np.random.Generator, number: int, name_number: int) -> dict:
    """A fictitious social services unit `SOS-<number>`: its service area, municipality (weighted towards the
    larger ones), kind and provider drawn in this order, named '<kind> <municipality> <name_number>'."""
    area = _pick(rng, SERVICE_AREAS, [a[3] for a in SERVICE_AREAS])
    muni = _pick(rng, MUNICIPALITIES, [m[3] ** 0.8 for m in MUNICIPALITIES])
    kind = _pick(rng, UNIT_KINDS[area[0]])
    return dict(id=f"SOS-{number}", name=f"{kind} {muni[1]} {name_number}", area=area[1], muni=muni[1],
                provider=_pick(rng, [p for p, _ in PROVIDERS], [w for _, w in PROVIDERS]))


def _social_reports(rng: np.random.Generator, fake_fi: Faker, fake_sv: Faker, year: int, n: int,
                    today: dt.date) -> list[dict]:
    """One dict per submission, in canonical terms (the writers turn them into each form version's export)."""
    start = dt.datetime(year, 1, 1)
    end = min(dt.datetime(year, 12, 31, 23, 59), dt.datetime.combine(today, dt.time(16, 0)))
    span = int((end - start).total_seconds() // 60)
    minutes = np.sort(rng.integers(0, span, n))
    theme_names = list(THEMES)
    theme_weights = [THEMES[t]["weight"] for t in theme_names]
    muni_weights = [m[3] ** 0.9 for m in MUNICIPALITIES]
    records = []
    for i in range(n):
        submitted = start + dt.timedelta(minutes=int(minutes[i]))
        lang = "sv" if rng.random() < 0.2 else "fi"
        theme_name = _pick(rng, theme_names, theme_weights)
        theme = THEMES[theme_name]
        texts = theme["texts"]
        valence = _pick(rng, [v for v in VALENCES], [v[2] for v in VALENCES])
        positive = valence[0] == "Hyvä käytäntö"
        observation = _pick(rng, GOOD_PRACTICE[lang]) if positive and rng.random() < 0.5 else _pick(rng, texts[lang])
        if rng.random() < 0.12:  # a keyword-free text: only the ticked need can classify it
            observation = ("Havainto toistuu useamman asiakkaan kohdalla." if lang == "fi"
                           else "Observationen upprepas hos flera klienter.")
        needs = set(theme["needs"]) if rng.random() < 0.85 else set()
        for extra in theme["extra"]:
            if rng.random() < 0.2:
                needs.add(extra)
        muni = _pick(rng, MUNICIPALITIES, muni_weights) if rng.random() > 0.08 else None
        service = theme["service"] if rng.random() < 0.6 else _pick(rng, SERVICE_AREAS, [a[3] for a in SERVICE_AREAS])[0]
        age_days = (today - submitted.date()).days
        r = rng.random()
        if age_days < 30:
            status = "received" if r < 0.6 else "in_progress"
        elif age_days < 120:
            status = _pick(rng, ["received", "in_progress", "forwarded", "feedback_given"], [2, 4, 2, 3])
        else:
            status = _pick(rng, ["in_progress", "forwarded", "feedback_given", "closed"], [1, 1, 5, 3])
        feedback = None
        if status in ("feedback_given", "closed"):
            feedback = min(today, submitted.date() + dt.timedelta(days=int(rng.integers(7, 110))))
        records.append(dict(
            id=f"{year % 100:02d}{i + 1:05d}", submitted=submitted, lang=lang, role=_pick(rng, ROLES, [r[2] for r in ROLES]),
            service=service, muni=muni, target=_pick(rng, TARGETS) if rng.random() < 0.9 else None,
            needs=needs, valence=valence, observation=observation,
            causes=_pick(rng, texts["cause_" + lang]) if rng.random() < 0.7 else None,
            proposal=_pick(rng, texts["prop_" + lang]) if rng.random() < 0.72 else None,
            sector=_pick(rng, SECTORS) if rng.random() < 0.9 else None, status=status, feedback=feedback,
        ))
    # Personal details that clients' situations drag into free text: the loader must redact every one.
    plants = [
        lambda rec: f" Asiakas {fake_fi.first_name()} {fake_fi.last_name()} (hetu {random_fictitious_hetu(rng)}) "
                    f"pyysi soittamaan numeroon 040 {int(rng.integers(1000000, 9999999))}.",
        lambda rec: f" Yhteyshenkilö: {fake_fi.first_name().lower()}.{fake_fi.last_name().lower()}@example.fi, "
                    f"osoite Kauppakatu {int(rng.integers(1, 40))} B {int(rng.integers(1, 30))}.",
        lambda rec: f" Klienten {fake_sv.first_name()} {fake_sv.last_name()}, personbeteckning "
                    f"{random_fictitious_hetu(rng)}, tel. +358 50 {int(rng.integers(1000000, 9999999))}.",
    ]
    for k, idx in enumerate(rng.choice(n, size=min(n, max(3, n // 40)), replace=False)):
        rec = records[int(idx)]
        field = "observation" if k % 2 == 0 or rec["proposal"] is None else "proposal"
        rec[field] = (rec[field] or "") + plants[k % len(plants)](rec)
    return records


def _label(pair, lang: str) -> str:
    return pair[1] if lang == "sv" else pair[0]


def _area_label(rec: dict, lang: str) -> str:
    if rec["muni"] is None:
        return "Hela välfärdsområdet" if lang == "sv" else "Koko hyvinvointialue"
    return rec["muni"][2] if lang == "sv" else rec["muni"][1]


def _service_label(code: str, lang: str) -> str:
    area = next(a for a in SERVICE_AREAS if a[0] == code)
    return area[2] if lang == "sv" else area[1]


def _social_row(rec: dict, version_key: str) -> list:
    version = FORM_VERSIONS[version_key]
    lang = rec["lang"]
    values = {
        "submission_id": rec["id"],
        "submitted_at": _fmt_ts(rec["submitted"]),
        "language": "svenska" if lang == "sv" else "suomi",
        "reporter_role": _label(rec["role"], lang),
        "service_area": _service_label(rec["service"], lang),
        "municipality": _area_label(rec, lang),
        "target_group": _label(rec["target"], lang) if rec["target"] else None,
        "valence": _label(rec["valence"], lang),
        "observation_text": rec["observation"],
        "causes_text": rec["causes"],
        "proposal_text": rec["proposal"],
        "admin_sector": _label(rec["sector"], lang) if rec["sector"] else None,
        "handling_status": STATUSES[rec["status"]][1 if lang == "sv" else 0],
        "feedback_date": _fmt_date(rec["feedback"]),
    }
    row = [values[f] for f in version.fields.values()]
    row += [1 if code in rec["needs"] else 0 for code in version.needs.values()]
    return row


def _break_social(rows: list[list], version_key: str, year: int) -> None:
    """A few broken rows per file: each must land in quarantine with its reason."""
    headers = FORM_VERSIONS[version_key].headers()
    col = {f: headers.index(h) for h, f in FORM_VERSIONS[version_key].fields.items()}
    first_need = len(FORM_VERSIONS[version_key].fields)
    if len(rows) < 4:
        return
    rows[0][col["submitted_at"]] = f"31.2.{year} 10:15"  # impossible date
    rows[1][col["municipality"]] = "Stockholm" if version_key.endswith("sv") else "Tampere"  # not a Varha municipality
    rows[2][col["valence"]] = ""  # the required observation type is missing
    rows[3][first_need + 1] = "kyllä?"  # a multi-select cell that is not 0/1


def write_social_reports(landing_root: Path, rng, fake_fi, fake_sv, scale: float, today: dt.date) -> None:
    folder = landing_root / "social_reports"
    n = max(24, round(500 * scale))
    r2024 = _social_reports(rng, fake_fi, fake_sv, 2024, n, today)
    rows = [_social_row(r, "2024_bilingual") for r in r2024]
    _break_social(rows, "2024_bilingual", 2024)
    write_csv(folder / "sosiaalinen_raportointi_2024.csv", FORM_VERSIONS["2024_bilingual"].headers(), rows,
              encoding="cp1252")
    if today.year < 2025:
        return
    r2025 = _social_reports(rng, fake_fi, fake_sv, 2025, n, today)
    for version_key, lang in (("2025_fi", "fi"), ("2025_sv", "sv")):
        rows = [_social_row(r, version_key) for r in r2025 if r["lang"] == lang]
        _break_social(rows, version_key, 2025)
        if lang == "fi":
            write_csv(folder / "sosiaalinen_raportointi_2025_fi.csv", FORM_VERSIONS[version_key].headers(), rows)
        else:
            write_xlsx(folder / "social_rapportering_2025_sv.xlsx", FORM_VERSIONS[version_key].headers(), rows,
                       sheet="Svar")


# -- ombudsman --------------------------------------------------------------------------------------------
OMBUDSMAN_AREAS = [("Toimeentulotuki", 38), ("Lastensuojelu", 24), ("Iäkkäiden ja vammaisten palvelut", 26),
                   ("Muut sosiaalipalvelut", 12)]
OMBUDSMAN_REASONS = [("Kohtelu", 18), ("Palvelun laatu tai määrä", 20), ("Päätös", 24),
                     ("Käsittelyn viivästyminen", 14), ("Tiedonsaanti ja neuvonta", 16), ("Tietosuoja", 3), ("Muu", 5)]
OMBUDSMAN_MEASURES = [("Neuvonta ja ohjaus", 55), ("Avustettu muistutuksen laatimisessa", 15),
                      ("Yhteydenotto yksikköön", 18), ("Ohjattu muualle", 8), ("Muu", 4)]


def write_ombudsman(landing_root: Path, rng, scale: float, today: dt.date) -> None:
    headers = ["Vuosi", "Kunta", "Palvelualue", "Yhteydenoton syy", "Toimenpide", "Yhteydenottoja"]
    for year in (2023, 2024):
        if year >= today.year:
            continue  # the annual report comes out in the following spring
        total = max(60, round(1800 * scale))
        muni_p = np.array([m[3] for m in MUNICIPALITIES], float)
        cells = np.einsum("i,j,k,l->ijkl", muni_p / muni_p.sum(),
                          *[np.array([w for _, w in x], float) / sum(w for _, w in x)
                            for x in (OMBUDSMAN_AREAS, OMBUDSMAN_REASONS, OMBUDSMAN_MEASURES)])
        counts = rng.multinomial(total, cells.ravel()).reshape(cells.shape)
        rows = []
        for i, j, k, m in zip(*np.nonzero(counts), strict=True):
            rows.append([year, MUNICIPALITIES[i][1], OMBUDSMAN_AREAS[j][0], OMBUDSMAN_REASONS[k][0],
                         OMBUDSMAN_MEASURES[m][0], int(counts[i, j, k, m])])
        rows.append([year, "Pori", "Toimeentulotuki", "Päätös", "Neuvonta ja ohjaus", 2])  # not a Varha municipality
        rows.append([year, "Turku", "Lastensuojelu", "Kohtelu", "Neuvonta ja ohjaus", "n/a"])  # not a number
        rows.append([year, "Salo", "Perusterveydenhuolto", "Kohtelu", "Muu", 1])  # not an ombudsman service area
        write_xlsx(landing_root / "ombudsman" / f"sosiaaliasiavastaava_tilastot_{year}.xlsx", headers, rows,
                   sheet="Yhteydenotot")


# -- HaiPro ----------------------------------------------------------------------------------------------
HAIPRO_TYPES = [("Vaaratapahtuma", 40), ("Läheltä piti", 35), ("Tietosuojapoikkeama", 15), ("Työturvallisuus", 8),
                ("Muu", 2)]
HAIPRO_SEVERITIES = [("Ei haittaa", 45), ("Lievä haitta", 33), ("Kohtalainen haitta", 14), ("Vakava haitta", 3),
                     ("Ei tiedossa", 5)]
HAIPRO_TEXTS = {
    "Vaaratapahtuma": ["Asiakkaan lääkkeet jäivät antamatta kotikäynnillä.",
                       "Asiakas kaatui asumisyksikön käytävällä.",
                       "Asiakkaan kuljetus palvelukeskukseen jäi tilaamatta."],
    "Läheltä piti": ["Väärän asiakkaan tiedot avattiin, virhe huomattiin ennen kirjausta.",
                     "Päihtynyt asiakas oli viedä toisen asiakkaan lääkkeet."],
    "Tietosuojapoikkeama": ["Päätös lähetettiin väärään osoitteeseen.",
                            "Asiakkaan tietoja käsiteltiin puhelimessa avokonttorissa."],
    "Työturvallisuus": ["Asiakas uhkasi työntekijää vastaanotolla.", "Kotikäynnillä oli aggressiivinen koira."],
    "Muu": ["Tietojärjestelmä oli poissa käytöstä koko aamupäivän."],
}
HAIPRO_MEASURES = ["Käyty läpi tiimipalaverissa.", "Ohjeistusta päivitetty.", "Asiakkaalle ilmoitettu.", None]
HAIPRO_STATUSES = ["Uusi", "Käsittelyssä", "Käsitelty", "Suljettu"]


def write_haipro(landing_root: Path, rng, fake_fi: Faker, scale: float, today: dt.date) -> None:
    headers = ["Ilmoitustunnus", "Ilmoituspäivä", "Tapahtumapäivä", "Tapahtumatyyppi", "Vakavuus", "Palvelualue",
               "Kunta", "Käsittelyn tila", "Tapahtuman kuvaus", "Toimenpiteet"]
    per_month = max(4, round(100 * scale))
    serial = {2024: 0, 2025: 0}
    muni_weights = [m[3] for m in MUNICIPALITIES]
    for year in (2024, 2025):
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            if first > today:
                break
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
            last = min(last, today)
            rows = []
            for _ in range(int(rng.poisson(per_month)) or 1):
                serial[year] += 1
                reported = first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))
                event = reported - dt.timedelta(days=int(rng.integers(0, 6)))
                etype = _pick(rng, [t for t, _ in HAIPRO_TYPES], [w for _, w in HAIPRO_TYPES])
                age = (today - reported).days
                status = (_pick(rng, HAIPRO_STATUSES, [5, 4, 1, 0]) if age < 30
                          else _pick(rng, HAIPRO_STATUSES, [0, 1, 4, 6]))
                text = _pick(rng, HAIPRO_TEXTS[etype])
                if rng.random() < 0.03:
                    text += f" Asiakas {fake_fi.first_name()} {fake_fi.last_name()}, p. 044 {int(rng.integers(1000000, 9999999))}."
                rows.append([
                    f"HP-{year}-{serial[year]}", _fmt_date(reported), _fmt_date(event) if rng.random() < 0.9 else "",
                    etype, _pick(rng, [s for s, _ in HAIPRO_SEVERITIES], [w for _, w in HAIPRO_SEVERITIES]),
                    _service_label(_pick(rng, SERVICE_AREAS, [a[3] for a in SERVICE_AREAS])[0], "fi"),
                    _pick(rng, MUNICIPALITIES, muni_weights)[1] if rng.random() < 0.85 else "",
                    status, text, _pick(rng, HAIPRO_MEASURES),
                ])
            if month == 2 and len(rows) >= 3:
                rows[0][1] = f"31.2.{year}"  # impossible date
                rows[1][4] = "Katastrofaalinen"  # not a HaiPro severity class
                rows[2][8] += f" Hetu {random_fictitious_hetu(rng)} kirjattu vahingossa."  # redacted, row kept
            if month == 6 and rows:
                rows[0][6] = "Tampere"  # not a Varha municipality
            write_csv(landing_root / "haipro" / f"haipro_{year}-{month:02d}.csv", headers, rows, encoding="cp1252")


# -- staff survey -----------------------------------------------------------------------------------------
SURVEY_ITEMS = [
    "Tunnen rakenteellisen sosiaalityön käsitteen ja tavoitteet.",
    "Työyksikössäni on aikaa rakenteelliselle sosiaalityölle.",
    "Tiedän, miten sosiaalinen raportointi tehdään.",
    "Olen tehnyt sosiaalisen raportoinnin ilmoituksen viimeisen vuoden aikana.",
    "Saan palautetta tekemistäni havainnoista.",
    "Havaintoni välittyvät johdolle ja päätöksentekoon.",
    "Esihenkilöni tukee rakenteellista sosiaalityötä.",
    "Asiakastietojärjestelmästä saa tietoa ilmiöiden tunnistamiseen.",
    "Teemme yhteistyötä järjestöjen ja kuntien kanssa asiakkaiden asioissa.",
    "Rakenteellinen sosiaalityö kuuluu jokaisen sosiaalihuollon ammattilaisen työhön.",
]
SURVEY_ROLES = [("Sosiaalityöntekijä", 48), ("Sosiaaliohjaaja", 36), ("Esihenkilö", 10), ("Muu", 6)]


def write_staff_survey(landing_root: Path, rng, today: dt.date, respondents: int = 348) -> None:
    if today < dt.date(2025, 6, 1):
        return
    headers = ["Kysely", "Vuosi", "Ammattiryhmä", "Palvelutehtävä", "Väittämä nro", "Väittämä",
               "Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
               "Täysin samaa mieltä", "En osaa sanoa", "Vastaajia"]
    cell_p = np.outer([w for _, w in SURVEY_ROLES], [a[3] for a in SERVICE_AREAS]).ravel()
    cells = rng.multinomial(respondents, cell_p / cell_p.sum()).reshape(len(SURVEY_ROLES), len(SERVICE_AREAS))
    item_means = rng.uniform(2.2, 4.2, len(SURVEY_ITEMS))
    rows = []
    for r, (role, _) in enumerate(SURVEY_ROLES):
        for a, area in enumerate(SERVICE_AREAS):
            n = int(cells[r, a])
            if n == 0:
                continue
            for q, item in enumerate(SURVEY_ITEMS):
                centre = item_means[q] + (0.4 if role == "Esihenkilö" else 0.0)
                p = np.exp(-0.8 * (np.arange(1, 6) - centre) ** 2)
                p = np.append(p / p.sum() * 0.93, 0.07)
                answers = rng.multinomial(n, p)
                rows.append(["RSTY-2025", 2025, role, area[1], q + 1, item, *map(int, answers), n])
    if len(rows) > 2:
        rows[0][-1] = rows[0][-1] + 3  # the answers do not add up to the respondents
        rows[1][3] = "Hallintopalvelut"  # not a service task of social welfare
    write_csv(landing_root / "staff_survey" / "rakenteellinen_sosiaalityo_henkilostokysely_2025.csv", headers, rows)


# -- supervision status -----------------------------------------------------------------------------------
UNIT_KINDS = {
    "lapsiperheet": ["Perhekeskus", "Perhetyö"], "lastensuojelu": ["Lastenkoti", "Perhekoti"],
    "aikuissosiaalityo": ["Aikuissosiaalityön toimipiste"], "mielenterveys_paihde": ["Tukiasumisyksikkö", "Päihdeklinikka"],
    "vammaispalvelut": ["Asumisyksikkö", "Päivätoiminta"], "ikaantyneet": ["Palvelukoti", "Kotihoito"],
    "maahanmuuttajat": ["Kotoutumispalvelut"], "sosiaalipaivystys": ["Sosiaalipäivystys"],
}
PROVIDERS = [("Oma tuotanto", 55), ("Ostopalvelu", 35), ("Palveluseteli", 10)]


def write_supervision_status(landing_root: Path, rng, scale: float, today: dt.date) -> None:
    headers = ["Tilannepäivä", "Yksikön tunnus", "Yksikkö", "Palvelualue", "Kunta", "Tuottaja",
               "Omavalvontasuunnitelma päivitetty", "Viimeisin valvontakäynti", "Avoimia havaintoja",
               "Joista vakavia", "Vanhimman avoimen havainnon määräaika", "Valvonnan tila"]
    n_units = max(20, round(300 * min(scale, 1.0)))  # the county's units do not multiply with data volume
    units = []
    for i in range(n_units):
        unit = draw_unit(rng, 1001 + i, i % 7 + 1)
        units.append(dict(unit, findings=0, plan=dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 500))),
                          visit=None))
    quarter_ends = [dt.date(y, m, d) for y in (2024, 2025) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
    for snapshot in [q for q in quarter_ends if q <= today]:
        rows = []
        for u in units:
            u["findings"] = max(0, u["findings"] + int(rng.poisson(0.35)) - int(rng.poisson(0.4)))
            if rng.random() < 0.12:
                u["visit"] = snapshot - dt.timedelta(days=int(rng.integers(1, 80)))
            if rng.random() < 0.1:
                u["plan"] = snapshot - dt.timedelta(days=int(rng.integers(1, 80)))
            serious = int(rng.binomial(u["findings"], 0.15))
            state = ("Kunnossa" if u["findings"] == 0 else
                     "Tehostettu valvonta" if serious >= 2 else "Korjaustoimenpiteet kesken")
            due = snapshot + dt.timedelta(days=int(rng.integers(-40, 90))) if u["findings"] else None
            rows.append([snapshot, u["id"], u["name"], u["area"], u["muni"], u["provider"], u["plan"], u["visit"],
                         u["findings"], serious, due, state])
        rows.append([snapshot, "SOS-9999", "Testiyksikkö", "Lastensuojelu", "Pori", "Ostopalvelu", None, None, 0, 0,
                     None, "Kunnossa"])  # not a Varha municipality
        rows.append([snapshot, "SOS-9998", "Palvelukoti Rusko", "Ikääntyneiden palvelut", "Rusko", "Ostopalvelu",
                     None, None, 1, 3, snapshot, "Tehostettu valvonta"])  # more serious findings than open ones
        write_xlsx(landing_root / "supervision_status" / f"valvonnan_tilannetaulukko_{snapshot.isoformat()}.xlsx",
                   headers, rows, sheet="Yksiköt")


def write_professional_observations_landing(landing_root: Path, scale: float = 1.0, seed: int = 2025,
                                            today: dt.date = dt.date(2025, 12, 31)) -> None:
    """Write every professional-observations source's demo files into `landing_root/<source>/`."""
    landing_root = Path(landing_root)
    rng = np.random.default_rng(seed)
    fake_fi, fake_sv = Faker("fi_FI"), Faker("sv_SE")
    fake_fi.seed_instance(seed)
    fake_sv.seed_instance(seed + 1)
    write_social_reports(landing_root, rng, fake_fi, fake_sv, scale, today)
    write_ombudsman(landing_root, np.random.default_rng(seed + 10), scale, today)
    write_haipro(landing_root, np.random.default_rng(seed + 20), fake_fi, scale, today)
    write_staff_survey(landing_root, np.random.default_rng(seed + 30), today)
    write_supervision_status(landing_root, np.random.default_rng(seed + 40), scale, today)
