"""Demo landing files for the professional-observation sources issue 17 adds, in their (designed) export formats:

- patient_ombudsman: the patient ombudsman's contacts table, the whole year 2024 (xlsx) and the first half of
  2025 (xlsx); a few broken rows (unknown topic, a count that is not a number, an unknown period).
- supervision_findings: the supervision unit's findings register, exported quarterly as `;` CSV (UTF-8 with BOM),
  each export every finding reported so far with its fix date as known then (a later export repeats a finding);
  a few broken rows (malformed id, deadline before the report, a municipality outside Varha) and an identity
  code typed into a finding (redacted, row kept).
- shqs_criteria: SHQS criteria assessments, one xlsx per year (self-assessments 2024 and 2025, internal and
  external audits in 2025); a few broken rows (unknown status, malformed criterion number, unknown group).

Deterministic for a seed. Units are not persons; the counts are synthetic.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from demo.hetu import random_fictitious_hetu
from demo.professional_observations import _fmt_date, _pick, draw_unit
from demo.writers import write_csv, write_xlsx

# -- patient ombudsman ------------------------------------------------------------------------------------------
PATIENT_AREAS = [  # label in the export, weight, units
    ("Perusterveydenhuolto", 30, ["Terveysasema Turku Mäntymäki", "Terveysasema Salo", "Terveysasema Raisio",
                                  "Terveysasema Loimaa"]),
    ("Erikoissairaanhoito", 28, ["Tyks T-sairaala", "Tyks U-sairaala", "Salon sairaala"]),
    ("Mielenterveys- ja päihdepalvelut", 16, ["Psykiatrian poliklinikka Turku", "Päihdepoliklinikka Salo",
                                              "Nuorisopsykiatria"]),
    ("Suun terveydenhuolto", 8, ["Hammashoitola Kaarina", "Hammashoitola Uusikaupunki"]),
    ("Päivystys ja ensihoito", 10, ["Tyks yhteispäivystys", "Ensihoito"]),
    ("Ikääntyneiden palvelut", 6, ["Kotisairaala", "Pitkäaikaishoito Naantali"]),
    ("Yksityiset palveluntuottajat", 2, ["Yksityinen lääkäriasema"]),
]
PATIENT_TOPICS = [("Hoito ja tutkimus", 36), ("Kohtelu", 18), ("Hoitoon pääsy", 14), ("Potilasasiakirjat", 10),
                  ("Asiakasmaksut ja laskutus", 8), ("Potilasvahingot", 9), ("Muu", 5)]
PATIENT_OUTCOMES = [("Neuvonta ja ohjaus", 56), ("Yhteydenotto toimintayksikköön", 14), ("Muistutus", 16),
                    ("Hallintokantelu", 3), ("Potilasvakuutusilmoitus", 8), ("Lääkevahinkoilmoitus", 1),
                    ("Tarkastus- tai korjaamisvaatimus", 2)]
PATIENT_HEADERS = ["Vuosi", "Jakso", "Toimialue", "Toimintayksikkö", "Yhteydenoton aihe", "Toimenpide",
                   "Yhteydenottoja"]


def write_patient_ombudsman(landing_root: Path, rng, scale: float, today: dt.date) -> None:
    deliveries = [(2024, "Koko vuosi", dt.date(2024, 12, 31), 3200), (2025, "1. puolivuotiskausi",
                                                                       dt.date(2025, 6, 30), 1700)]
    units = [(area, unit, weight / len(names)) for area, weight, names in PATIENT_AREAS for unit in names]
    unit_p = np.array([w for *_, w in units])
    topic_p = np.array([w for _, w in PATIENT_TOPICS], float)
    outcome_p = np.array([w for _, w in PATIENT_OUTCOMES], float)
    for year, period, period_end, contacts in deliveries:
        if period_end >= today:
            continue  # the table comes after the period
        cells = np.einsum("i,j,k->ijk", unit_p / unit_p.sum(), topic_p / topic_p.sum(), outcome_p / outcome_p.sum())
        counts = rng.multinomial(max(80, round(contacts * scale)), cells.ravel()).reshape(cells.shape)
        rows = [[year, period, units[i][0], units[i][1], PATIENT_TOPICS[j][0], PATIENT_OUTCOMES[k][0],
                 int(counts[i, j, k])] for i, j, k in zip(*np.nonzero(counts), strict=True)]
        rows.append([year, period, "Perusterveydenhuolto", "Terveysasema Salo", "Ruokapalvelu", "Muu", 2])  # topic
        rows.append([year, period, "Erikoissairaanhoito", "Tyks T-sairaala", "Kohtelu", "Muistutus", "useita"])
        rows.append([year, "Q3", "Erikoissairaanhoito", "Tyks U-sairaala", "Kohtelu", "Muistutus", 1])  # period
        name = "vuosi" if period == "Koko vuosi" else "h1"
        write_xlsx(landing_root / "patient_ombudsman" / f"potilasasiavastaava_{year}_{name}.xlsx", PATIENT_HEADERS,
                    rows, sheet="Yhteydenotot")


# -- self-monitoring and inspection findings --------------------------------------------------------------------
FINDING_TYPES = [("Omavalvonnan seurantaraportti", 55), ("Valvontakäynti", 35), ("Valvontaviranomaisen tarkastus", 10)]
FINDING_SEVERITIES = [("Vähäinen", 55), ("Merkittävä", 35), ("Vakava", 10)]
FINDING_TEXTS = {  # topic label → finding texts (some name a phenomenon, most do not)
    "Henkilöstö": ["Yövuorossa vain yksi työntekijä, mitoitus ei toteudu.",
                   "Sijaisten perehdytys on dokumentoimatta.",
                   "Päihdetyön osaamista ei ole varmistettu uusilta työntekijöiltä."],
    "Toimitilat, laitteet ja hygienia": ["Paloturvallisuusselvitys on vanhentunut.",
                                         "Tukiasuntojen kunto on heikko, kosteusvaurio yhdessä asunnossa."],
    "Lääkehoito": ["Lääkehoitosuunnitelma on päivittämättä.",
                   "Mielenterveyskuntoutujien lääkkeiden jako on kirjaamatta."],
    "Riskien ja epäkohtien hallinta": ["Epäkohtailmoitusten käsittely ei ole ohjeistettu.",
                                       "Väkivaltatilanteiden riskiarvio puuttuu."],
    "Asiakirjat ja tietosuoja": ["Asiakassuunnitelmat ovat päivittämättä.",
                                 "Toimeentulotukiasiakkaiden tietoja säilytetään lukitsemattomassa kaapissa."],
    "Osallisuus ja muistutusten käsittely": ["Muistutuksiin ei ole vastattu kohtuullisessa ajassa.",
                                             "Asiakkaiden kuuleminen palvelun suunnittelussa puuttuu."],
    "Palvelun sisältö ja laatu": ["Asunnottomien asiakkaiden jatkoasumisen suunnitelmat puuttuvat.",
                                  "Ulkoilu ei toteudu viikoittain."],
}
FINDING_HEADERS = ["Havainnon tunnus", "Raportin laji", "Raportin päivä", "Yksikön tunnus", "Yksikkö", "Palvelualue",
                   "Kunta", "Tuottaja", "Aihealue", "Vakavuus", "Havainto", "Korjauksen määräaika", "Korjattu"]


def _units(rng, n: int, first_id: int) -> list[dict]:
    return [draw_unit(rng, first_id + i, i % 5 + 1) for i in range(n)]


def write_supervision_findings(landing_root: Path, rng, scale: float, today: dt.date) -> None:
    units = _units(rng, max(20, round(150 * min(scale, 1.0))), 3001)
    per_month = max(3, round(45 * min(scale, 1.0)))
    findings = []
    for year in (2024, 2025):
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            if first > today:
                break
            for _ in range(int(rng.poisson(per_month))):
                reported = first + dt.timedelta(days=int(rng.integers(0, 28)))
                topic = _pick(rng, list(FINDING_TEXTS))
                severity = _pick(rng, [s for s, _ in FINDING_SEVERITIES], [w for _, w in FINDING_SEVERITIES])
                due = reported + dt.timedelta(days={"Vakava": 14, "Merkittävä": 60}.get(severity, 120))
                fix_days = int(rng.gamma(2.0, 35.0))
                findings.append(dict(
                    id=f"VH-{year}-{len(findings) + 1}", unit=_pick(rng, units),
                    type=_pick(rng, [t for t, _ in FINDING_TYPES], [w for _, w in FINDING_TYPES]),
                    reported=reported, topic=topic, severity=severity, text=_pick(rng, FINDING_TEXTS[topic]),
                    due=due, fixed=reported + dt.timedelta(days=fix_days) if rng.random() < 0.92 else None))
    quarter_ends = [dt.date(y, m, d) for y in (2024, 2025) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
    for export in [q for q in quarter_ends if q <= today]:
        rows = []
        for f in findings:
            if f["reported"] > export:
                continue
            fixed = f["fixed"] if f["fixed"] is not None and f["fixed"] <= export else None
            u = f["unit"]
            rows.append([f["id"], f["type"], _fmt_date(f["reported"]), u["id"], u["name"], u["area"], u["muni"],
                         u["provider"], f["topic"], f["severity"], f["text"], _fmt_date(f["due"]), _fmt_date(fixed)])
        if rows:
            rows[-1][10] += f" Asiakkaan hetu {random_fictitious_hetu(rng)} näkyi ilmoitustaululla."  # redacted, row kept
        rows.append(["VH 2025 X", "Valvontakäynti", _fmt_date(export), "SOS-3001", "Palvelukoti Rusko 1",
                     "Ikääntyneiden palvelut", "Rusko", "Ostopalvelu", "Lääkehoito", "Vakava", "Tunnus väärin.",
                     _fmt_date(export), ""])  # malformed finding id
        rows.append([f"VH-{export.year}-99999", "Valvontakäynti", _fmt_date(export), "SOS-3002", "Kotihoito Salo 2",
                     "Ikääntyneiden palvelut", "Salo", "Oma tuotanto", "Henkilöstö", "Merkittävä", "Määräaika ennen.",
                     _fmt_date(export - dt.timedelta(days=10)), ""])  # deadline before the report
        rows.append([f"VH-{export.year}-99998", "Omavalvonnan seurantaraportti", _fmt_date(export), "SOS-3003",
                     "Perhekoti Pori", "Lastensuojelu", "Pori", "Ostopalvelu", "Henkilöstö", "Vähäinen", "Ei Varhaa.",
                     _fmt_date(export), ""])  # not a Varha municipality
        write_csv(landing_root / "supervision_findings" / f"valvontahavainnot_{export.isoformat()}.csv",
                   FINDING_HEADERS, rows)


# -- SHQS criteria --------------------------------------------------------------------------------------------
SHQS_GROUPS = [("Strateginen johtaminen", 5), ("Toimintojen järjestäminen", 6), ("Henkilöstö ja osaaminen", 5),
               ("Palveluprosessit", 7), ("Asiakas- ja potilasturvallisuus", 6), ("Arviointi ja jatkuva parantaminen", 4)]
SHQS_STATUSES = ["Täyttyy", "Täyttyy osittain", "Ei täyty"]
SHQS_HEADERS = ["Arviointipäivä", "Arvioinnin laji", "Yksikön tunnus", "Yksikkö", "Palvelualue", "Kriteeriryhmä",
                "Kriteeri", "Arvio"]


def write_shqs_criteria(landing_root: Path, rng, scale: float, today: dt.date) -> None:
    units = _units(rng, max(12, round(60 * min(scale, 1.0))), 5001)
    maturity = {u["id"]: rng.uniform(0.45, 0.9) for u in units}
    plan = [(2024, "Itsearviointi", units), (2025, "Itsearviointi", units),
            (2025, "Sisäinen auditointi", units[: len(units) // 3]), (2025, "Ulkoinen auditointi", units[:6])]
    for year in (2024, 2025):
        rows = []
        for y, kind, assessed in plan:
            if y != year:
                continue
            for u in assessed:
                day = dt.date(year, 3, 1) + dt.timedelta(days=int(rng.integers(0, 200)))
                if day > today:
                    continue
                m = min(0.97, maturity[u["id"]] + (0.08 if year == 2025 else 0.0))
                for g, (group, n) in enumerate(SHQS_GROUPS, start=1):
                    for k in range(1, n + 1):
                        status = _pick(rng, SHQS_STATUSES, [m, (1 - m) * 0.7, (1 - m) * 0.3])
                        rows.append([_fmt_date(day), kind, u["id"], u["name"], u["area"], group, f"{g}.{k}", status])
        if not rows:
            continue
        rows.append([rows[0][0], "Itsearviointi", "SOS-5001", "x", "Lastensuojelu", "Palveluprosessit", "4.9",
                     "Ehkä"])  # not a status
        rows.append([rows[0][0], "Itsearviointi", "SOS-5001", "x", "Lastensuojelu", "Palveluprosessit", "IV.1",
                     "Täyttyy"])  # malformed criterion number
        rows.append([rows[0][0], "Itsearviointi", "SOS-5001", "x", "Lastensuojelu", "Talous", "7.1",
                     "Täyttyy"])  # not a criteria group
        write_xlsx(landing_root / "shqs_criteria" / f"shqs_arvioinnit_{year}.xlsx", SHQS_HEADERS, rows,
                    sheet="Arvioinnit")


def write_missing_observations_landing(landing_root: Path, scale: float = 1.0, seed: int = 2025,
                                       today: dt.date = dt.date(2025, 12, 31)) -> None:
    """Write the demo files of patient_ombudsman, supervision_findings and shqs_criteria."""
    landing_root = Path(landing_root)
    write_patient_ombudsman(landing_root, np.random.default_rng(seed + 170), scale, today)
    write_supervision_findings(landing_root, np.random.default_rng(seed + 171), scale, today)
    write_shqs_criteria(landing_root, np.random.default_rng(seed + 172), scale, today)
