"""Deterministic demo data for the client-data source class, written in the real export formats.

`write_client_data_landing(landing_root)` writes, under `landing_root/<source>/`:
- `complaints/asiat_<year>.csv`: the case register, `;`-separated UTF-8 with BOM, `d.m.yyyy` dates. One file per
  receipt year; the later export repeats the earlier year's cases that changed after that file was taken, with a
  newer `muokattu` (dbt keeps the latest version). About 2,000 cases a year at scale 1.
- `client_feedback/palaute_<yyyy-mm>.csv`: the feedback system's monthly export, cp1252, `;`; one month as
  `.xlsx`. About 20,000 items a year at scale 1.
- `client_panels/asiakasraadit_<year>.xlsx`: meeting records of client panels and citizen forums.
- `kouluterveyskysely/kouluterveyskysely_<year>.csv`: THL indicator tables for 2019/2021/2023/2025, `;` with
  decimal comma: the whole country, all 22 areas and Varha's 27 municipalities.

Every file holds a few deliberately broken rows (invalid identity code, `31.2.`, unknown municipality or
service area, a future date, ...) that the loader must quarantine. Identity codes are fictitious test codes
(individual number 900–999). Nothing depends on the wall clock: `today` fixes the data period, `seed` the rest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
from faker import Faker

from demo.hetu import fictitious_hetu
from demo.writers import write_frame_csv, write_frame_xlsx
from sources.reference import _rows

# Approximate populations (Statistics Finland, 2024, rounded): weights for where cases and feedback come from.
MUNICIPALITY_POPULATION = {
    "853": 204_000,
    "734": 51_000,
    "202": 36_000,
    "680": 24_500,
    "423": 21_000,
    "529": 20_000,
    "895": 15_000,
    "445": 15_000,
    "430": 15_500,
    "577": 11_000,
    "481": 9_900,
    "761": 8_500,
    "400": 8_500,
    "636": 8_000,
    "503": 7_600,
    "322": 6_500,
    "704": 6_300,
    "538": 4_800,
    "019": 4_000,
    "738": 3_000,
    "284": 2_200,
    "918": 2_200,
    "480": 2_000,
    "631": 2_000,
    "833": 1_600,
    "561": 1_300,
    "304": 1_000,
}
AREA_POPULATION = {
    "01": 99_000,
    "02": 201_000,
    "03": 482_000,
    "04": 277_000,
    "05": 490_000,
    "06": 214_000,
    "07": 170_000,
    "08": 537_000,
    "09": 205_000,
    "10": 160_000,
    "11": 126_000,
    "12": 130_000,
    "13": 250_000,
    "14": 163_000,
    "15": 275_000,
    "16": 190_000,
    "17": 176_000,
    "18": 75_000,
    "19": 417_000,
    "20": 71_000,
    "21": 176_000,
    "90": 674_000,
}
SWEDISH_SHARE = {"445": 0.55, "322": 0.65, "853": 0.05, "202": 0.06, "529": 0.03}

SERVICE_AREAS = {  # code: (weight for complaints, weight for feedback, unit label in Finnish)
    "aikuissosiaalityo": (25, 22, "Aikuissosiaalityö"),
    "lastensuojelu": (18, 8, "Lastensuojelu"),
    "lapsiperheet": (10, 14, "Lapsiperheiden sosiaalipalvelut"),
    "ikaantyneet": (17, 24, "Ikääntyneiden palvelut"),
    "vammaispalvelut": (15, 12, "Vammaispalvelut"),
    "mielenterveys_paihde": (10, 12, "Mielenterveys- ja päihdepalvelut"),
    "maahanmuuttajat": (3, 5, "Maahanmuuttajapalvelut"),
    "sosiaalipaivystys": (2, 3, "Sosiaalipäivystys"),
}
# SHL §11 need code by service area (None = not coded); weights follow.
NEEDS_BY_AREA = {
    "aikuissosiaalityo": ([3, 2, 1, 4, 8, None], [35, 20, 10, 10, 15, 10]),
    "lastensuojelu": ([7, 5, 6, 8, None], [55, 15, 10, 10, 10]),
    "lapsiperheet": ([7, 1, 3, 5, None], [45, 20, 15, 10, 10]),
    "ikaantyneet": ([8, 9, 10, 1, None], [40, 25, 15, 10, 10]),
    "vammaispalvelut": ([9, 8, 1, 10, None], [40, 30, 15, 5, 10]),
    "mielenterveys_paihde": ([8, 2, 3, 1, None], [70, 10, 8, 4, 8]),
    "maahanmuuttajat": ([4, 3, 2, 1, None], [35, 25, 20, 10, 10]),
    "sosiaalipaivystys": ([6, 5, 8, 2, None], [40, 25, 20, 5, 10]),
}
CASE_TYPE_LABELS = {
    "muistutus": "Muistutus",
    "kantelu": "Kantelu AVI",
    "kantelu_muistutuksena": "AVI:n siirtämä kantelu",
    "epakohtailmoitus": "Epäkohtailmoitus",
}
KANTELU_LABELS = {"AVI": "Kantelu AVI", "Valvira": "Kantelu Valvira", "Oikeusasiamies": "Kantelu EOA"}
CATEGORY_LABELS = {
    "kohtelu": "Kohtelu",
    "viivastys": "Päätöksen viivästyminen",
    "saatavuus": "Palvelun saatavuus",
    "tiedonsaanti": "Tiedonsaanti",
    "tietosuoja": "Tietosuoja",
    "turvallisuus": "Turvallisuus",
    "palvelun_laatu": "Palvelun laatu",
    "maksut": "Asiakasmaksut",
    "muu": "Muu",
}
CATEGORY_WEIGHTS = [24, 18, 16, 10, 5, 6, 14, 4, 3]
MEASURES = [
    "Asia käsitelty yksikön tiimipalaverissa ja toimintaohjetta tarkennettu.",
    "Asiakkaalle pahoiteltu tapahtunutta ja päätös käsitelty uudelleen.",
    "Henkilöstölle järjestetty koulutus asiakkaan kohtaamisesta.",
    "Käsittelyaikoja seurataan viikoittain; lisäresurssia haettu.",
    "Yhteydenotto asiakkaaseen puhelimitse, asiakas tyytyväinen ratkaisuun.",
    "Ei toimenpiteitä, menettely ollut asianmukainen.",
    "Omavalvontasuunnitelmaa päivitetty ja riskit arvioitu uudelleen.",
    "Tietosuojapoikkeama kirjattu ja ilmoitettu tietosuojavastaavalle.",
]

FEEDBACK_TEXTS = {  # (topic, sentiment) → Finnish / Swedish sentences; all encodable in cp1252
    "pos": (
        [
            "Sain nopeasti apua ja minua kohdeltiin ystävällisesti.",
            "Kiitos työntekijälle, asiat hoituivat hyvin.",
            "Palvelu oli asiantuntevaa ja selkeää.",
            "Hyvä kokemus, kiitos!",
        ],
        ["Jag fick snabbt hjälp och bemöttes vänligt.", "Tack, allt fungerade bra.", "Bra service, tack!"],
    ),
    "neg": (
        [
            "Jonotin puhelimessa yli tunnin eikä kukaan vastannut.",
            "Päätöstä on odotettu jo kuukausia.",
            "Minua ei kuunneltu, tuntui että asiani ei kiinnosta ketään.",
            "Tietoa oli vaikea saada ja ohjeet ristiriitaisia.",
        ],
        [
            "Jag väntade i telefon över en timme.",
            "Beslutet har dröjt i flera månader.",
            "Det var svårt att få information på svenska.",
        ],
    ),
    "asuminen": (
        [
            "Asunnon löytäminen on mahdotonta, olen asunut kavereiden nurkissa.",
            "Tarvitsin apua vuokrarästien kanssa.",
        ],
        ["Jag har ingen bostad och bor hos vänner."],
    ),
    "toimeentulo": (
        [
            "Toimeentulotuen käsittely kesti liian kauan, ruoka loppui.",
            "Rahat eivät riitä vuokraan ja lääkkeisiin.",
        ],
        ["Utkomststödet dröjde och pengarna tog slut."],
    ),
    "mielenterveys": (
        ["Mielenterveyspalveluihin pääsy kesti kuukausia.", "Sain hyvää tukea ahdistukseen."],
        ["Det tog månader att få hjälp för min ångest."],
    ),
    "paihteet": (
        ["Päihdekuntoutukseen pääsyä joutui odottamaan liian kauan.", "Hyvä tuki raitistumiseen, kiitos."],
        ["Jag fick vänta länge på missbrukarvård."],
    ),
}
TOPICS_BY_AREA = {
    "aikuissosiaalityo": (
        ["toimeentulo", "asuminen", "kohtelu", "odotusaika", "tiedonsaanti", "kiitos", None],
        [30, 12, 14, 14, 10, 10, 10],
    ),
    "mielenterveys_paihde": (
        ["mielenterveys", "paihteet", "asuminen", "kohtelu", "odotusaika", "kiitos", None],
        [32, 22, 6, 12, 12, 8, 8],
    ),
}
DEFAULT_TOPICS = (
    ["kohtelu", "odotusaika", "saatavuus", "tiedonsaanti", "asiointi", "kiitos", "muu", None],
    [20, 18, 12, 10, 10, 15, 5, 10],
)
TOPIC_LABELS = {
    "kohtelu": "Kohtelu",
    "odotusaika": "Odotusaika",
    "saatavuus": "Palvelun saatavuus",
    "tiedonsaanti": "Tiedonsaanti",
    "asiointi": "Asiointi",
    "asuminen": "Asuminen",
    "toimeentulo": "Toimeentulotuki",
    "mielenterveys": "Mielenterveys",
    "paihteet": "Päihteet",
    "kiitos": "Kiitos",
    "muu": "Muu",
}
CHANNELS = (
    ["Verkkolomake", "Palautepääte", "Paperilomake", "Tekstiviesti", "Puhelin", "Sähköposti"],
    [45, 20, 10, 15, 6, 4],
)

PANELS = [  # (type label, panel name, service area or None)
    ("Asiakasraati", "Aikuissosiaalityön asiakasraati", "aikuissosiaalityo"),
    ("Asiakasraati", "Lapsiperheiden asiakasraati", "lapsiperheet"),
    ("Asiakasraati", "Ikäihmisten asiakasraati", "ikaantyneet"),
    ("Asiakasraati", "Vammaispalvelujen asiakasraati", "vammaispalvelut"),
    ("Asiakasraati", "Mielenterveys- ja päihdekuntoutujien kehittäjäasiakasraati", "mielenterveys_paihde"),
    ("Kansalaisfoorumi", "Kansalaisfoorumi", None),
]
PANEL_THEMES = [
    (
        "Sähköinen asiointi ja Omasote",
        ["Chat-palvelun aukioloaikoja pidennettävä", "Selkokielinen ohje sähköiseen asiointiin"],
    ),
    (
        "Asumisen tuki ja asunnottomuuden ehkäisy",
        ["Vuokrarästeihin puututtava aiemmin", "Asumisneuvonta kaikkiin sote-keskuksiin"],
    ),
    (
        "Toimeentulotuen asiakaskokemus",
        ["Päätösten perustelut selkeämmiksi", "Kela-yhteistyön ohjaus yhdeksi luukuksi"],
    ),
    (
        "Mielenterveyspalveluihin pääsy",
        ["Matalan kynnyksen vastaanotto iltaisin", "Kokemusasiantuntijat mukaan hoitoon"],
    ),
    (
        "Päihdepalvelujen saavutettavuus",
        ["Päihdetyön jalkautuminen nuorisotiloihin", "Korvaushoidon jonot lyhyemmiksi"],
    ),
    ("Lapsiperheiden kotipalvelu", ["Kotipalvelun kriteerit julkisiksi", "Perhetyöhön pääsy ilman odotusta"]),
    ("Palveluverkko ja liikkuminen", ["Kutsutaksi sote-asemille", "Jalkautuvat palvelut saaristoon"]),
]

KTK_INDICATORS = {  # export name: (levels where asked, base % for (male, female), yearly trend in points)
    "Kohtalainen tai vaikea ahdistuneisuus": (
        ("grades_8_9", "upper_secondary", "vocational"),
        (9.0, 27.0),
        0.6,
    ),
    "Masentuneisuus viimeisen kahden viikon aikana": (
        ("grades_8_9", "upper_secondary", "vocational"),
        (10.0, 24.0),
        0.4,
    ),
    "Tosi humalassa vähintään kerran kuukaudessa": (
        ("grades_8_9", "upper_secondary", "vocational"),
        (9.0, 10.0),
        -0.5,
    ),
    "Kokeillut kannabista vähintään kerran": (
        ("grades_8_9", "upper_secondary", "vocational"),
        (8.0, 6.0),
        0.1,
    ),
    "Perheen taloudellinen tilanne melko tai erittäin huono": (
        ("grades_4_5", "grades_8_9", "upper_secondary", "vocational"),
        (4.0, 5.0),
        0.2,
    ),
    "Ei asu kummankaan vanhemman kanssa": (("grades_8_9", "upper_secondary", "vocational"), (2.0, 2.5), 0.05),
    "Terveydentila keskinkertainen tai huono": (
        ("grades_4_5", "grades_8_9", "upper_secondary", "vocational"),
        (14.0, 22.0),
        0.3,
    ),
    "Tupakoi päivittäin": (("grades_8_9", "upper_secondary", "vocational"), (5.0, 4.0), -0.6),
}
KTK_LEVEL_LABELS = {
    "grades_4_5": "Perusopetus 4. ja 5. lk",
    "grades_8_9": "Perusopetus 8. ja 9. lk",
    "upper_secondary": "Lukio 1. ja 2. vuosi",
    "vocational": "Ammatillinen oppilaitos 1. ja 2. vuosi",
}
# Respondents per 1,000 residents, by school level (about 90,000 grade 8–9 respondents nationally).
KTK_RESPONDENTS_PER_1000 = {"grades_4_5": 17.0, "grades_8_9": 15.5, "upper_secondary": 8.5, "vocational": 5.0}
KTK_LEVEL_FACTOR = {"grades_4_5": 0.7, "grades_8_9": 1.0, "upper_secondary": 1.1, "vocational": 1.5}
KTK_YEARS = (2019, 2021, 2023, 2025)
KTK_WITHHELD_BELOW = 10  # THL does not show a share computed from fewer respondents than this [I]


# --- helpers ----------------------------------------------------------------------------------------------
def _fi_date(values: pd.Series) -> pd.Series:
    d = pd.to_datetime(values)
    part = {k: getattr(d.dt, k).astype("Int64").astype("string") for k in ("day", "month", "year")}
    return (part["day"] + "." + part["month"] + "." + part["year"]).where(d.notna(), None)


def _fi_timestamp(values: pd.Series) -> pd.Series:
    d = pd.to_datetime(values)
    return (_fi_date(d) + " " + d.dt.strftime("%H:%M")).where(d.notna(), None)


def _choice(rng: np.random.Generator, options, weights, size):
    w = np.asarray(weights, dtype=float)
    idx = rng.choice(len(options), size=size, p=w / w.sum())
    return np.asarray(options, dtype=object)[idx]


def _municipality_names() -> dict[str, str]:
    return {r["municipality_code"]: r["municipality_name_fi"] for r in _rows("municipalities")}


def _region_names() -> dict[str, str]:
    return {r["region_code"]: r["region_name_fi"] for r in _rows("regions")}


# --- complaints -------------------------------------------------------------------------------------------
def _complaints_year(rng, fake, year: int, n: int, today: dt.date, clients: np.ndarray) -> pd.DataFrame:
    municipalities = np.array(list(MUNICIPALITY_POPULATION))
    start = dt.date(year, 1, 1)
    days_in_year = (dt.date(year, 12, 31) - start).days + 1
    received = pd.Series(
        pd.to_datetime(start) + pd.to_timedelta(np.sort(rng.integers(0, days_in_year, n)), unit="D")
    )
    case_type = _choice(rng, list(CASE_TYPE_LABELS), [60, 20, 5, 15], n)
    area = _choice(rng, list(SERVICE_AREAS), [v[0] for v in SERVICE_AREAS.values()], n)
    municipality = _choice(rng, municipalities, list(MUNICIPALITY_POPULATION.values()), n)
    need = np.empty(n, dtype=object)
    for code, (needs, weights) in NEEDS_BY_AREA.items():
        mask = area == code
        need[mask] = _choice(rng, needs, weights, int(mask.sum()))
    category = _choice(rng, list(CATEGORY_LABELS), CATEGORY_WEIGHTS, n)

    submitter = np.where(
        case_type == "epakohtailmoitus",
        "henkilöstö",
        _choice(rng, ["asiakas", "omainen", "edustaja", "anonyymi"], [60, 25, 12, 3], n),
    )
    event_lag = rng.exponential(25, n).astype(int)
    old = (case_type == "kantelu") & (rng.random(n) < 0.06)
    event_lag = np.where(old, rng.integers(740, 1400, n), event_lag)
    event = received - pd.to_timedelta(event_lag, unit="D")
    event = event.where(rng.random(n) > 0.05)  # some cases name no event date

    typical = {"muistutus": 20, "kantelu_muistutuksena": 24, "kantelu": 210, "epakohtailmoitus": 12}
    median = np.array([typical[t] for t in case_type], dtype=float)
    handling = np.maximum(1, rng.lognormal(np.log(median), 0.55)).astype(int)
    decision = received + pd.to_timedelta(handling, unit="D")
    decided = (decision <= pd.Timestamp(today)).to_numpy()
    decision = decision.where(decided)

    body = np.select(
        [case_type == "kantelu", case_type == "epakohtailmoitus"],
        [
            _choice(rng, ["AVI", "Valvira", "Oikeusasiamies"], [85, 10, 5], n),
            _choice(rng, ["Yksikkö", "Johtava viranhaltija"], [80, 20], n),
        ],
        _choice(rng, ["Yksikkö", "Johtava viranhaltija"], [65, 35], n),
    )
    outcome = np.select(
        [case_type == "kantelu", case_type == "epakohtailmoitus"],
        [
            _choice(
                rng,
                ["Ei toimenpiteitä", "Käsitys", "Huomion kiinnittäminen", "Huomautus", "Ei tutkittu"],
                [45, 20, 20, 5, 10],
                n,
            ),
            _choice(rng, ["Korjattu", "Ilmoitettu AVI:lle"], [92, 8], n),
        ],
        _choice(rng, ["Aiheellinen", "Osittain aiheellinen", "Aiheeton"], [30, 35, 35], n),
    )
    outcome = np.where(decided, outcome, "Kesken")

    prefix = {"muistutus": "MU", "kantelu_muistutuksena": "MU", "kantelu": "KA", "epakohtailmoitus": "EI"}
    case_id = [f"{prefix[t]}-{year}-{i + 1:05d}" for i, t in enumerate(case_type)]
    linked = np.full(n, None, dtype=object)
    transferred = np.flatnonzero(case_type == "kantelu_muistutuksena")
    linked[transferred] = [f"LSAVI/{rng.integers(1000, 30000)}/{year}" for _ in transferred]
    # Some kantelut follow an earlier muistutus of the same year (received before them: rows are by date).
    muistutus_rows = np.flatnonzero(case_type == "muistutus")
    for i in np.flatnonzero((case_type == "kantelu") & (rng.random(n) < 0.15)):
        earlier = muistutus_rows[muistutus_rows < i]
        if len(earlier):
            linked[i] = case_id[int(earlier[rng.integers(0, len(earlier))])]

    needs_client = (case_type != "epakohtailmoitus") & (submitter != "anonyymi")
    hetu = np.where(needs_client, clients[rng.integers(0, len(clients), n)], None)

    measures = _choice(rng, MEASURES, np.ones(len(MEASURES)), n)
    contact = rng.random(n) < 0.03  # a contact detail typed into the text: must be redacted on load
    measures = np.array(
        [f"{m} Lisätiedot: {fake.phone_number()}" if c else m for m, c in zip(measures, contact)],
        dtype=object,
    )
    measures = np.where(decided, measures, None)

    modified = decision.fillna(received) + pd.to_timedelta(rng.integers(8 * 60, 16 * 60, n), unit="min")
    names = _municipality_names()
    unit_name = [f"{SERVICE_AREAS[a][2]}, {names[m]}" for a, m in zip(area, municipality)]
    return pd.DataFrame(
        {
            "asianumero": case_id,
            "asiatyyppi": [
                KANTELU_LABELS[b] if t == "kantelu" else CASE_TYPE_LABELS[t] for t, b in zip(case_type, body)
            ],
            "saapumispvm": _fi_date(pd.Series(received)),
            "tapahtumapvm": _fi_date(pd.Series(event)),
            "tekija": pd.Series(submitter).str.capitalize(),
            "asiakkaan_hetu": hetu,
            "palvelualue": [SERVICE_AREAS[a][2] for a in area],
            "yksikko": unit_name,
            "kunta": [names[m] for m in municipality],
            "kategoria": [CATEGORY_LABELS[c] for c in category],
            "shl11_tarve": pd.array(need.astype(float), dtype="Int64"),
            "kasittelija": body,
            "ratkaisupvm": _fi_date(pd.Series(decision)),
            "ratkaisu": outcome,
            "toimenpiteet": measures,
            "liittyva_asia": linked,
            "muokattu": _fi_timestamp(pd.Series(modified)),
            "_decided_on": pd.Series(decision),
            "_received": pd.Series(received),
        }
    )


def complaint_case(year: int) -> dict[str, str | None]:
    """One well-formed complaint case of `year` in the register export's columns, all but its case number
    (`asianumero`): a muistutus received in March and still open. The demo spoils it into its broken rows; tests
    start their hand-made rows from it."""
    return {
        "tekija": "Asiakas",
        "palvelualue": "Aikuissosiaalityö",
        "yksikko": "Aikuissosiaalityö, Turku",
        "kunta": "Turku",
        "kategoria": "Kohtelu",
        "shl11_tarve": "3",
        "kasittelija": "Yksikkö",
        "ratkaisupvm": None,
        "ratkaisu": "Kesken",
        "toimenpiteet": None,
        "liittyva_asia": None,
        "asiatyyppi": "Muistutus",
        "tapahtumapvm": f"2.3.{year}",
        "saapumispvm": f"10.3.{year}",
        "muokattu": f"10.3.{year} 09:15",
        "asiakkaan_hetu": fictitious_hetu(dt.date(1980, 4, 12), 951),
    }


def _complaints_broken(year: int, today: dt.date) -> list[dict]:
    base = complaint_case(year)
    rows = [
        {"asiakkaan_hetu": fictitious_hetu(dt.date(1975, 6, 3), 962, valid=False)},  # checksum wrong
        {"saapumispvm": f"31.2.{year}"},  # no such day
        {"kunta": "Pori"},  # not a Varha municipality
        {"palvelualue": "Hammashoito"},  # not a social-welfare service area
        {"saapumispvm": f"15.1.{today.year + 1}", "tapahtumapvm": f"10.1.{today.year + 1}"},  # future
        {"ratkaisupvm": f"1.3.{year}", "ratkaisu": "Aiheeton"},  # decided before it arrived
        {"saapumispvm": f"3/14/{year}"},  # US-style date: not guessed
        {"asiatyyppi": "Valitus"},  # an appeal is not a complaint case
    ]
    return [{**base, **r, "asianumero": f"MU-{year}-{99000 + i}"} for i, r in enumerate(rows)]


def write_complaints(landing_root: Path, rng, fake, scale: float, years: list[int], today: dt.date) -> None:
    n = max(20, round(2000 * scale))
    births = pd.to_datetime("1940-01-01") + pd.to_timedelta(rng.integers(0, 365 * 67, int(n * 0.9)), unit="D")
    individuals = rng.integers(900, 1000, len(births))
    clients = np.array([fictitious_hetu(b.date(), int(i)) for b, i in zip(births, individuals)], dtype=object)
    previous: pd.DataFrame | None = None
    for year in years:
        frame = _complaints_year(rng, fake, year, n, today, clients)
        exported = dt.date(year + 1, 1, 10) if year < today.year else today
        if year < today.year:
            # The export was taken on `exported`: cases decided after that are still open in this file.
            late = frame["_decided_on"] > pd.Timestamp(exported)
            snapshot = frame.copy()
            snapshot.loc[late, ["ratkaisupvm", "toimenpiteet"]] = None
            snapshot.loc[late, "ratkaisu"] = "Kesken"
            snapshot.loc[late, "muokattu"] = _fi_timestamp(
                snapshot.loc[late, "_received"] + pd.Timedelta(hours=10)
            )
            previous = frame[late]  # their final versions arrive in the next export
            frame = snapshot
        elif previous is not None and len(previous):
            frame = pd.concat([previous, frame], ignore_index=True)
            previous = None
        broken = pd.DataFrame(_complaints_broken(year, today))
        out = pd.concat([frame.drop(columns=["_decided_on", "_received"]), broken], ignore_index=True)
        out["shl11_tarve"] = out["shl11_tarve"].astype("string")
        write_frame_csv(out, landing_root / "complaints" / f"asiat_{year}.csv", "utf-8-sig")


# --- client feedback --------------------------------------------------------------------------------------
def _feedback_month(rng, fake, year: int, month: int, n: int, offset: int) -> pd.DataFrame:
    start = pd.Timestamp(year, month, 1)
    days = start.days_in_month
    received = start + pd.to_timedelta(np.sort(rng.integers(0, days * 24 * 60, n)), unit="min")
    area = _choice(rng, list(SERVICE_AREAS), [v[1] for v in SERVICE_AREAS.values()], n)
    municipality = _choice(rng, list(MUNICIPALITY_POPULATION), list(MUNICIPALITY_POPULATION.values()), n)
    topic = np.empty(n, dtype=object)
    for code in SERVICE_AREAS:
        options, weights = TOPICS_BY_AREA.get(code, DEFAULT_TOPICS)
        mask = area == code
        topic[mask] = _choice(rng, options, weights, int(mask.sum()))
    # Satisfaction: mostly good; waiting and livelihood topics pull it down, thanks pushes it up.
    shift = np.select(
        [np.isin(topic, ["odotusaika", "toimeentulo", "asuminen", "saatavuus"]), topic == "kiitos"],
        [-1.1, 0.6],
        0.0,
    )
    latent = rng.normal(3.9 + shift, 1.0)
    rating = np.clip(np.rint(latent), 1, 5).astype(float)
    score = np.clip(np.rint((latent - 1) * 2.5 + rng.normal(0, 0.8, n)), 0, 10).astype(float)
    form = rng.random(n)
    rating[form > 0.85] = np.nan  # score-only form
    score[form < 0.45] = np.nan  # rating-only form
    channel = _choice(rng, *CHANNELS, n)
    sv = rng.random(n) < np.array([SWEDISH_SHARE.get(m, 0.01) for m in municipality])
    has_text = rng.random(n) < 0.4
    sentiment = np.where(latent >= 3.5, "pos", "neg")
    key = np.where(np.isin(topic, list(FEEDBACK_TEXTS)), topic, sentiment)
    text = np.full(n, None, dtype=object)
    pick = rng.random(n)
    for k in np.unique(key):
        for lang_idx, lang_mask in ((0, ~sv), (1, sv)):
            options = FEEDBACK_TEXTS[k][lang_idx]
            mask = (key == k) & lang_mask & has_text
            text[mask] = np.asarray(options, dtype=object)[(pick[mask] * len(options)).astype(int)]
    contact = has_text & (rng.random(n) < 0.01)
    text = np.array(
        [
            f"{t} Soittakaa minulle {fake.phone_number()} tai {fake.email()}" if c else t
            for t, c in zip(text, contact)
        ],
        dtype=object,
    )
    names = _municipality_names()
    return pd.DataFrame(
        {
            "Palautteen tunnus": [f"P{year}{month:02d}-{offset + i:06d}" for i in range(n)],
            "Saapunut": _fi_timestamp(pd.Series(received)),
            "Palvelualue": [SERVICE_AREAS[a][2] for a in area],
            "Yksikkö": [f"{SERVICE_AREAS[a][2]}, {names[m]}" for a, m in zip(area, municipality)],
            "Kunta": np.where(rng.random(n) < 0.85, [names[m] for m in municipality], None),
            "Kanava": channel,
            "Aihe": [TOPIC_LABELS.get(t) if t else None for t in topic],
            "Arvosana (1-5)": pd.array(rating, dtype="Int64"),
            "Suosittelu (0-10)": pd.array(score, dtype="Int64"),
            "Palaute": text,
            "Kieli": np.where(sv, "sv", "fi"),
            "_received": received,
        }
    )


def feedback_record(year: int, month: int) -> dict[str, str | None]:
    """One well-formed feedback record of `month` in the feedback system's export columns, all but its id
    (`Palautteen tunnus`): a rating and a score, no text. The demo spoils it into its broken rows; tests start
    their hand-made rows from it."""
    return {
        "Saapunut": f"12.{month}.{year} 10:20",
        "Palvelualue": "Ikääntyneiden palvelut",
        "Yksikkö": "Kotihoito, Salo",
        "Kunta": "Salo",
        "Kanava": "Verkkolomake",
        "Aihe": "Kohtelu",
        "Arvosana (1-5)": "4",
        "Suosittelu (0-10)": "8",
        "Palaute": None,
        "Kieli": "fi",
    }


def _feedback_broken(year: int, month: int, today: dt.date) -> list[dict]:
    base = feedback_record(year, month)
    rows = [
        {"Arvosana (1-5)": "6"},  # outside the 1–5 scale
        {"Palvelualue": "Suun terveydenhuolto"},  # not a social-welfare service area
        {"Saapunut": f"31.2.{year} 14:00"},
        {"Kanava": "Kirjekyyhky"},
        {"Arvosana (1-5)": None, "Suosittelu (0-10)": None, "Palaute": None},  # nothing to count
    ]
    if (year, month) == (today.year, today.month):
        rows.append({"Saapunut": f"3.1.{today.year + 1} 08:00"})  # future
    return [{**base, **r, "Palautteen tunnus": f"P{year}{month:02d}-X{i}"} for i, r in enumerate(rows)]


def write_client_feedback(
    landing_root: Path, rng, fake, scale: float, years: list[int], today: dt.date
) -> None:
    per_year = max(24, round(20_000 * scale))
    season = np.array([1.05, 1.0, 1.1, 1.0, 1.0, 0.8, 0.6, 0.8, 1.1, 1.15, 1.15, 0.95])
    xlsx_month = (today.year, 6)
    for year in years:
        counts = np.maximum(2, np.rint(per_year * season / season.sum())).astype(int)
        for month in range(1, 13):
            if dt.date(year, month, 1) > today:
                break
            frame = _feedback_month(rng, fake, year, month, int(counts[month - 1]), 0)
            frame = frame[frame["_received"] <= pd.Timestamp(today) + pd.Timedelta(days=1)].drop(
                columns="_received"
            )
            broken = pd.DataFrame(_feedback_broken(year, month, today))
            out = pd.concat([frame, broken], ignore_index=True)
            name = f"palaute_{year}-{month:02d}"
            if (year, month) == xlsx_month:
                xl = out.copy()
                # Excel exports carry real timestamps and numbers; keep the broken rows as the text they were.
                parsed = pd.to_datetime(xl["Saapunut"], format="%d.%m.%Y %H:%M", errors="coerce")
                xl["Saapunut"] = [
                    p.to_pydatetime() if pd.notna(p) else s for p, s in zip(parsed, xl["Saapunut"])
                ]
                for col in ("Arvosana (1-5)", "Suosittelu (0-10)"):
                    xl[col] = [
                        int(v) if str(v).isdigit() else (None if v is None or v is pd.NA else v)
                        for v in xl[col].astype(object)
                    ]
                write_frame_xlsx(
                    xl,
                    landing_root / "client_feedback" / f"{name}.xlsx",
                    sheet="Palautteet",
                    when=min(today, dt.date(year, month, 1) + dt.timedelta(days=32)),
                )
            else:
                out = out.astype({"Arvosana (1-5)": "string", "Suosittelu (0-10)": "string"})
                write_frame_csv(out, landing_root / "client_feedback" / f"{name}.csv", "cp1252")


# --- client panels ----------------------------------------------------------------------------------------
def panel_meeting(year: int) -> dict[str, object]:
    """One well-formed client panel meeting of `year` in the meeting records' columns, all but its id
    (`Kokouksen tunnus`): an older people's panel in May. The demo spoils it into its broken rows; tests start
    their hand-made rows from it."""
    return {
        "Tyyppi": "Asiakasraati",
        "Raati tai foorumi": "Ikäihmisten asiakasraati",
        "Palvelualue": "Ikääntyneiden palvelut",
        "Kunta": None,
        "Teema": "Kotihoidon käyntiajat",
        "Osallistujia": 9,
        "Ehdotukset": "1) Käyntiajat tekstiviestillä",
        "Päivämäärä": dt.date(year, 5, 20),
    }


def write_client_panels(
    landing_root: Path, rng, fake, scale: float, years: list[int], today: dt.date
) -> None:
    names = _municipality_names()
    forum_towns = ["853", "734", "202", "895", "430", "445", "680", "400"]
    for year in years:
        rows = []
        per_year = max(6, round(34 * min(scale, 3)))
        dates = sorted(
            dt.date(year, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(5, 360, per_year)
        )
        for i, day in enumerate(dates):
            if day > today:
                continue
            type_label, panel_name, area = PANELS[int(rng.integers(0, len(PANELS)))]
            theme, proposals = PANEL_THEMES[int(rng.integers(0, len(PANEL_THEMES)))]
            town = None
            if type_label == "Kansalaisfoorumi":
                town = forum_towns[int(rng.integers(0, len(forum_towns)))]
                panel_name = f"Kansalaisfoorumi {names[town]}"
                participants = int(rng.integers(15, 120))
            else:
                participants = int(rng.integers(5, 16))
            chosen = [p for p in proposals if rng.random() < 0.8] or proposals[:1]
            if rng.random() < 0.3:
                chosen.append(f"Palautetta voi antaa myös osoitteeseen {fake.email()}")
            rows.append(
                {
                    "Kokouksen tunnus": f"R{year}-{i + 1:03d}",
                    "Päivämäärä": day,
                    "Tyyppi": type_label,
                    "Raati tai foorumi": panel_name,
                    "Palvelualue": SERVICE_AREAS[area][2] if area else None,
                    "Kunta": names[town] if town else None,
                    "Teema": theme,
                    "Osallistujia": participants,
                    "Ehdotukset": "\n".join(f"{k + 1}) {p}" for k, p in enumerate(chosen)),
                }
            )
        base = panel_meeting(year)
        broken = [
            {"Osallistujia": -3},
            {"Päivämäärä": None},
            {"Kunta": "Tampere"},
            {"Päivämäärä": f"31.2.{year}"},
            {"Tyyppi": "Johtoryhmä"},
        ]
        rows += [{**base, **b, "Kokouksen tunnus": f"R{year}-X{k}"} for k, b in enumerate(broken)]
        write_frame_xlsx(
            pd.DataFrame(rows),
            landing_root / "client_panels" / f"asiakasraadit_{year}.xlsx",
            sheet="Kokoukset",
            when=min(today, dt.date(year, 12, 31)),
        )


# --- Kouluterveyskysely -----------------------------------------------------------------------------------
def write_kouluterveyskysely(landing_root: Path, rng, scale: float, today: dt.date) -> None:
    regions = _region_names()
    munis = {r["municipality_code"]: r["municipality_name_fi"] for r in _rows("municipalities")}
    areas = [("SSS", "Koko maa", float(sum(AREA_POPULATION.values())))]
    areas += [(c, regions[c], float(p)) for c, p in AREA_POPULATION.items()]
    areas += [(c, munis[c], float(MUNICIPALITY_POPULATION[c])) for c in MUNICIPALITY_POPULATION]
    area_effect = {code: rng.normal(1.0, 0.08) for code, _, _ in areas}
    area_effect["SSS"] = 1.0
    for year in (y for y in KTK_YEARS if y <= today.year):
        records = []
        for code, name, population in areas:
            # Municipal samples are noisier than county and national ones.
            noise_sd = 0.02 if code == "SSS" else (0.04 if len(code) == 2 else 0.12)
            for level, label in KTK_LEVEL_LABELS.items():
                n_total = round(population / 1000 * KTK_RESPONDENTS_PER_1000[level] * rng.uniform(0.85, 1.0))
                if level in ("upper_secondary", "vocational") and population < 3_000:
                    continue  # no such school in the municipality: THL publishes no row
                n_male = round(n_total * rng.uniform(0.46, 0.52))
                n_female = round(n_total * 0.97) - n_male
                for indicator, (levels, (base_m, base_f), trend) in KTK_INDICATORS.items():
                    if level not in levels:
                        continue
                    factor = KTK_LEVEL_FACTOR[level] * area_effect[code] * (1 + rng.normal(0, noise_sd))
                    yearly = trend * (year - 2019) / 2
                    p_m = float(np.clip(base_m * factor + yearly, 0.2, 95))
                    p_f = float(np.clip(base_f * factor + yearly, 0.2, 95))
                    p_t = (p_m * n_male + p_f * n_female) / max(1, n_male + n_female)
                    for gender, p, n in (
                        ("Sukupuolet yhteensä", p_t, n_total),
                        ("Pojat", p_m, n_male),
                        ("Tytöt", p_f, n_female),
                    ):
                        p = round(p, 1)
                        half = 1.96 * np.sqrt(max(p * (100 - p), 1.0) / max(n, 1))
                        withheld = n < KTK_WITHHELD_BELOW
                        records.append(
                            {
                                "Vuosi": year,
                                "Alue": name,
                                "Kouluaste": label,
                                "Sukupuoli": gender,
                                "Indikaattori": indicator,
                                "Osuus (%)": ".." if withheld else f"{p:.1f}".replace(".", ","),
                                "Luottamusväli alaraja": None
                                if withheld
                                else f"{max(0.0, p - half):.1f}".replace(".", ","),
                                "Luottamusväli yläraja": None
                                if withheld
                                else f"{min(100.0, p + half):.1f}".replace(".", ","),
                                "Vastaajia (n)": n,
                            }
                        )
        good = records[0]
        broken = [
            {**good, "Vuosi": year + 1},  # an even year: KTK is collected in odd years
            {**good, "Osuus (%)": "112,5"},
            {**good, "Alue": "Turunmaa"},  # not an area THL publishes
            {**good, "Kouluaste": "Yläkoulu"},  # grades 7–9 is not a KTK respondent group
            {**good, "Luottamusväli alaraja": "99,0"},  # interval does not contain the value
        ]
        frame = pd.DataFrame(records + broken)
        frame["Vastaajia (n)"] = frame["Vastaajia (n)"].astype("Int64").astype("string")
        write_frame_csv(frame, landing_root / "kouluterveyskysely" / f"kouluterveyskysely_{year}.csv", "utf-8-sig")


def write_client_data_landing(
    landing_root: Path, scale: float = 1.0, seed: int = 2025, today: dt.date = dt.date(2025, 12, 31)
) -> None:
    """Write the demo landing files of every client-data source (deterministic in seed, scale and today)."""
    landing_root = Path(landing_root)
    years = [today.year - 1, today.year]
    fake = Faker("fi_FI")
    fake.seed_instance(seed)
    write_complaints(landing_root, np.random.default_rng([seed, 1]), fake, scale, years, today)
    write_client_feedback(landing_root, np.random.default_rng([seed, 2]), fake, scale, years, today)
    write_client_panels(landing_root, np.random.default_rng([seed, 3]), fake, scale, years, today)
    write_kouluterveyskysely(landing_root, np.random.default_rng([seed, 4]), scale, today)
