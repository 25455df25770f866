"""Recorded API responses for the demo and the tests, in the exact formats of the real services.

``write_recordings(out_dir)`` writes (deterministically: seeded, no wall clock):

  sotkanet/regions.json            GET /rest/1.1/regions
  sotkanet/indicators.json         GET /rest/1.1/indicators (the listing)
  sotkanet/indicators/<id>.json    GET /rest/1.1/indicators/<id>
  sotkanet/data/<id>.json          GET /rest/1.1/json?indicator=<id> for every region x year x gender
                                   (the fixture server filters by the repeated years/genders params)
  statfin/11re_meta.json           GET  .../StatFin/vaerak/statfin_vaerak_pxt_11re.px
  statfin/11re_data.json           the whole table as one json-stat2 cube; the fixture server answers a
                                   POST query with the slice it asks for

Decisions (see thl_model.md):
- The country is Sotkanet region 658, category MAA. Its ``code`` is served as ``SSS`` [I: not verified];
  the sync maps category MAA to the official ``SSS`` whatever the code says.
- The current /regions listing has 23 HYVINVOINTIALUE rows (21 counties + Helsinki + Ahvenanmaa 956/91),
  so the pre-2023 county ids 877–898 are NOT in this recording; they only appear in older extracts and
  the parser drops them (their codes collide with the current ones). Tests cover that with a hand-made row.
- Varha's 27 municipalities are KUNTA rows with made-up ids 1000 + code. Other municipalities are left
  out; a few MAAKUNTA / SAIRAANHOITOPIIRI / ALUEHALLINTOVIRASTO / SEUTUKUNTA / ERVA rows are included
  so the parser has to filter.
- StatFin: wellbeing services counties are served as ``HV<code>``; that prefix is NOT verified for the
  real table (the client takes it as a parameter). Ages are single years ``0``…``99`` and ``100-``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20250101
REPO_ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_PATH = REPO_ROOT / "dbt_project" / "seeds" / "indicator_catalogue.csv"
DEFAULT_YEARS = range(2015, 2025)

# (official code, Finnish name, Sotkanet id, pre-2023 Sotkanet id, approx. population at end of 2024).
# Varha's population is not listed: it is the sum of its municipalities.
COUNTIES: list[tuple[str, str, int, int, int | None]] = [
    ("01", "Itä-Uudenmaan hyvinvointialue", 961, 881, 99_000),
    ("02", "Keski-Uudenmaan hyvinvointialue", 966, 886, 203_000),
    ("03", "Länsi-Uudenmaan hyvinvointialue", 969, 889, 487_000),
    ("04", "Vantaan ja Keravan hyvinvointialue", 977, 897, 290_000),
    ("05", "Varsinais-Suomen hyvinvointialue", 978, 898, None),
    ("06", "Satakunnan hyvinvointialue", 976, 896, 211_000),
    ("07", "Kanta-Hämeen hyvinvointialue", 963, 883, 170_000),
    ("08", "Pirkanmaan hyvinvointialue", 970, 890, 535_000),
    ("09", "Päijät-Hämeen hyvinvointialue", 975, 895, 204_000),
    ("10", "Kymenlaakson hyvinvointialue", 967, 887, 160_000),
    ("11", "Etelä-Karjalan hyvinvointialue", 957, 877, 125_000),
    ("12", "Etelä-Savon hyvinvointialue", 959, 879, 129_000),
    ("13", "Pohjois-Savon hyvinvointialue", 974, 894, 248_000),
    ("14", "Pohjois-Karjalan hyvinvointialue", 972, 892, 163_000),
    ("15", "Keski-Suomen hyvinvointialue", 965, 885, 276_000),
    ("16", "Etelä-Pohjanmaan hyvinvointialue", 958, 878, 190_000),
    ("17", "Pohjanmaan hyvinvointialue", 971, 891, 177_000),
    ("18", "Keski-Pohjanmaan hyvinvointialue", 964, 884, 68_000),
    ("19", "Pohjois-Pohjanmaan hyvinvointialue", 973, 893, 418_000),
    ("20", "Kainuun hyvinvointialue", 962, 882, 70_000),
    ("21", "Lapin hyvinvointialue", 968, 888, 176_000),
    ("90", "Helsingin kaupunki", 960, 880, 674_000),
]
ALAND = ("91", "Ahvenanmaa", 956, 30_500)
COUNTRY_ID = 658
VARHA_CODE = "05"

# Varha municipalities: code, Finnish name, Swedish name, approx. population at end of 2024.
MUNICIPALITIES: list[tuple[str, str, str, int]] = [
    ("019", "Aura", "Aura", 4_050),
    ("202", "Kaarina", "S:t Karins", 36_500),
    ("284", "Koski Tl", "Koskis", 2_200),
    ("304", "Kustavi", "Gustavs", 900),
    ("322", "Kemiönsaari", "Kimitoön", 6_300),
    ("400", "Laitila", "Letala", 8_300),
    ("423", "Lieto", "Lundo", 21_200),
    ("430", "Loimaa", "Loimaa", 15_300),
    ("445", "Parainen", "Pargas", 15_300),
    ("480", "Marttila", "S:t Mårtens", 1_900),
    ("481", "Masku", "Masku", 10_000),
    ("503", "Mynämäki", "Virmo", 7_600),
    ("529", "Naantali", "Nådendal", 20_100),
    ("538", "Nousiainen", "Nousis", 4_800),
    ("561", "Oripää", "Oripää", 1_300),
    ("577", "Paimio", "Pemar", 11_000),
    ("631", "Pyhäranta", "Pyhäranta", 2_000),
    ("636", "Pöytyä", "Pöytyä", 8_100),
    ("680", "Raisio", "Reso", 24_700),
    ("704", "Rusko", "Rusko", 6_500),
    ("734", "Salo", "Salo", 51_000),
    ("738", "Sauvo", "Sagu", 3_000),
    ("761", "Somero", "Somero", 8_600),
    ("833", "Taivassalo", "Tövsala", 1_500),
    ("853", "Turku", "Åbo", 204_000),
    ("895", "Uusikaupunki", "Nystad", 15_000),
    ("918", "Vehmaa", "Vemo", 2_200),
]
MUNICIPALITY_ID_BASE = 1000  # made-up, stable Sotkanet ids: 1000 + code

# Other categories, so the parser must filter: (id, code, category, fi, sv, en, uri, population basis).
OTHER_REGIONS: list[tuple[int, str, str, str, str, str, str | None, str]] = [
    (
        833,
        "1",
        "ALUEHALLINTOVIRASTO",
        "Etelä-Suomen AVIn alue",
        "Södra Finlands RFV:s område",
        "Southern Finland AVI area",
        "http://www.yso.fi/onto/kunnat/ahv1",
        "01,02,03,04,07,09,10,11,90",
    ),
    (
        835,
        "2",
        "ALUEHALLINTOVIRASTO",
        "Lounais-Suomen AVIn alue",
        "Sydvästra Finlands RFV:s område",
        "Southwestern Finland AVI area",
        "http://www.yso.fi/onto/kunnat/ahv2",
        "05,06",
    ),
    (402, "02", "MAAKUNTA", "Varsinais-Suomi", "Egentliga Finland", "Southwest Finland", None, "05"),
    (404, "04", "MAAKUNTA", "Satakunta", "Satakunta", "Satakunta", None, "06"),
    (
        503,
        "03",
        "SAIRAANHOITOPIIRI",
        "Varsinais-Suomen sairaanhoitopiiri",
        "Egentliga Finlands sjukvårdsdistrikt",
        "Hospital District of Southwest Finland",
        None,
        "05",
    ),
    (
        602,
        "023",
        "SEUTUKUNTA",
        "Turun seutukunta",
        "Åbo ekonomiska region",
        "Turku sub-region",
        None,
        "202,423,481,503,529,538,577,680,704,738,853,019",
    ),
    (
        702,
        "2",
        "ERVA",
        "TYKS:n erva-alue",
        "ÅUCS specialupptagningsområde",
        "TYKS special responsibility area",
        None,
        "05,06,16,17",
    ),
]

AGES = [str(a) for a in range(100)] + ["100-"]
AGE_GROUPS = ("0-17", "18-24", "25-64", "65+")
GENDERS = ("male", "female", "total")

UNIT_TYPES = {
    "percent": ("PROS", {"fi": "Prosenttia", "en": "Percent", "sv": "Procent"}, 100, 1),
    "per_1000": (
        "PER1000",
        {"fi": "Tuhatta asukasta kohden", "en": "Per 1 000 inhabitants", "sv": "Per tusen invånare"},
        1000,
        1,
    ),
    "per_100000": (
        "PER100000",
        {
            "fi": "Sataa tuhatta asukasta kohden",
            "en": "Per 100 000 inhabitants",
            "sv": "Per hundratusen invånare",
        },
        100_000,
        1,
    ),
    # [I] the demo's code for counts; real count indicators may use another code.
    "count": ("LKM", {"fi": "Lukumäärä", "en": "Number", "sv": "Antal"}, None, 0),
    "score": ("PISTE", {"fi": "Pistemäärä", "en": "Score", "sv": "Poäng"}, None, 1),
}
ORGANIZATIONS = {
    "THL": (
        2,
        {
            "fi": "Terveyden ja hyvinvoinnin laitos (THL)",
            "en": "Finnish institute for Health and Welfare (THL)",
            "sv": "Institutet för hälsa och välfärd (THL)",
        },
    ),
    "Tilastokeskus": (3, {"fi": "Tilastokeskus", "en": "Statistics Finland", "sv": "Statistikcentralen"}),
    # Demo organisation ids [I]: the real Sotkanet ids of these organisations were not looked up.
    "Kela": (940, {"fi": "Kansaneläkelaitos (Kela)", "en": "Social Insurance Institution (Kela)", "sv": "FPA"}),
    "Eläketurvakeskus": (943, {"fi": "Eläketurvakeskus", "en": "Finnish Centre for Pensions", "sv": "Pensionsskyddscentralen"}),
    "ARA": (
        941,
        {
            "fi": "Asumisen rahoitus- ja kehittämiskeskus (ARA)",
            "en": "Housing Finance and Development Centre of Finland (ARA)",
            "sv": "Finansierings- och utvecklingscentralen för boendet (ARA)",
        },
    ),
    "Työ- ja elinkeinoministeriö": (
        942,
        {
            "fi": "Työ- ja elinkeinoministeriö",
            "en": "Ministry of Economic Affairs and Employment",
            "sv": "Arbets- och näringsministeriet",
        },
    ),
}

# Demo level of each indicator: national value in 2015 (for counts: rate per 1 000 inhabitants),
# yearly trend, male/female ratio factor, regional spread (sd of log factor).
PROFILES: dict[int, tuple[float, float, float, float]] = {
    4: (4.8, 0.04, 0.80, 0.25),
    2356: (8.5, 0.03, 0.60, 0.15),
    690: (11.0, 0.01, 0.55, 0.15),
    242: (11.0, 0.04, 0.45, 0.20),
    306: (4.5, -0.02, 1.05, 0.20),
    1278: (3.8, -0.01, 1.45, 0.25),
    289: (13.0, -0.03, 1.00, 0.20),
    288: (9.0, -0.08, 1.15, 0.25),
    3090: (0.30, 0.04, 1.60, 0.35),
    3113: (7.0, 0.00, 1.60, 0.20),
    5: (6.4, -0.015, 1.10, 0.25),
    493: (6.5, -0.01, 1.10, 0.25),
    1275: (4.0, -0.02, 1.05, 0.30),
    3099: (12.8, 0.004, 0.97, 0.12),
    181: (10.0, -0.02, 1.20, 0.25),
    3562: (2.6, -0.03, 1.35, 0.30),
}
DEFAULT_PROFILE = (5.0, 0.0, 1.0, 0.2)

# A few indicators the listing holds beyond the catalogue (real ids and titles from thl_model.md §2.5).
LISTING_EXTRAS = [
    (
        6,
        "Somaattisen erikoissairaanhoidon vuodeosastohoitopäivät 75 vuotta täyttäneillä "
        "/ 1 000 vastaavanikäistä",
        "THL",
    ),
    (127, "Väestö 31.12.", "Tilastokeskus"),
    (179, "Lapsiperheet, % perheistä", "Tilastokeskus"),
    (180, "Koulutustasomittari", "Tilastokeskus"),
    (186, "Kuolleisuus / 100 000 asukasta", "Tilastokeskus"),
    (322, "Kuolleisuus 65 vuotta täyttäneillä / 100 000 vastaavan ikäistä", "Tilastokeskus"),
]


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------


def _rng(*key: object) -> random.Random:
    """A random generator seeded by a key, so each value is independent of generation order."""
    return random.Random(SEED ^ zlib.crc32("|".join(map(str, key)).encode("utf-8")))


def _spread(sd: float, *key: object) -> float:
    return math.exp(_rng("spread", *key).gauss(0.0, sd))


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split an integer total by weights exactly (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(math.floor(x)) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - out[i], -i), reverse=True)
    for i in order[:rest]:
        out[i] += 1
    return out


def _age_of(code: str) -> int:
    return int(code.rstrip("-"))


def age_group(age: int) -> str:
    if age <= 17:
        return "0-17"
    if age <= 24:
        return "18-24"
    if age <= 64:
        return "25-64"
    return "65+"


def _dump(path: Path, doc: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_catalogue(path: Path = CATALOGUE_PATH) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --------------------------------------------------------------------------------------------------
# population (StatFin 11re and the denominators of the Sotkanet demo values)
# --------------------------------------------------------------------------------------------------


@dataclass
class Population:
    """Population cube: cells[area][year] = {(age_code, sex_code): n} for sex '1'/'2' and single ages."""

    cells: dict[str, dict[int, dict[tuple[str, str], int]]]
    _memo: dict[tuple[str, int, str, str], int] = field(default_factory=dict)

    def total(self, area: str, year: int, gender: str = "total", group: str = "all") -> int:
        key = (area, year, gender, group)
        if key not in self._memo:
            sexes = {"male": ("1",), "female": ("2",), "total": ("1", "2")}[gender]
            self._memo[key] = sum(
                n
                for (age, sex), n in self.cells[area][year].items()
                if sex in sexes and (group == "all" or age_group(_age_of(age)) == group)
            )
        return self._memo[key]


def _region_pyramid(area: str, total: int, year: int) -> dict[tuple[str, str], int]:
    rng = _rng("pyramid", area)
    older = -0.2 if area == "KU853" else rng.uniform(-0.15, 0.35)  # rural areas skew older
    slope = older + (year - 2015) * 0.012  # the population ages over time
    weights = []
    for a in range(101):
        if a < 70:
            w = 1.0 + slope * (a - 40) / 60
        elif a < 85:
            w = (1.0 + slope / 2) * (1 - (a - 69) * 0.035)
        else:
            w = (1.0 + slope / 2) * 0.475 * (1 - (a - 84) / 17) ** 2
        weights.append(max(w, 0.02))
    by_age = _allocate(total, weights)
    cells: dict[tuple[str, str], int] = {}
    for a, n in enumerate(by_age):
        male_share = 0.512 if a < 55 else max(0.28, 0.512 - (a - 55) * 0.0055)
        male = int(round(n * male_share))
        cells[(AGES[a], "1")] = male
        cells[(AGES[a], "2")] = n - male
    return cells


def _growth(area: str) -> float:
    return _rng("growth", area).uniform(-0.010, 0.012)


def build_population(years: range | list[int]) -> Population:
    """Municipalities of Varha, every county (Varha = sum of its municipalities), Ahvenanmaa, the country."""
    cells: dict[str, dict[int, dict[tuple[str, str], int]]] = {}

    def grow(area: str, base: int, year: int) -> int:
        return int(round(base * (1 + _growth(area)) ** (year - 2024)))

    for code, _fi, _sv, pop in MUNICIPALITIES:
        cells[f"KU{code}"] = {y: _region_pyramid(f"KU{code}", grow(f"KU{code}", pop, y), y) for y in years}
    for code, _fi, _sid, _old, pop in COUNTIES:
        area = f"HV{code}"
        if code == VARHA_CODE:
            cells[area] = {y: _sum_cells([cells[f"KU{m[0]}"][y] for m in MUNICIPALITIES]) for y in years}
        else:
            cells[area] = {y: _region_pyramid(area, grow(area, int(pop or 0), y), y) for y in years}
    cells["ALAND"] = {y: _region_pyramid("ALAND", grow("ALAND", ALAND[3], y), y) for y in years}
    cells["SSS"] = {
        y: _sum_cells([cells[f"HV{c[0]}"][y] for c in COUNTIES] + [cells["ALAND"][y]]) for y in years
    }
    return Population(cells)


def _sum_cells(parts: list[dict[tuple[str, str], int]]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for part in parts:
        for key, n in part.items():
            out[key] = out.get(key, 0) + n
    return out


def statfin_documents(pop: Population, years: list[int]) -> tuple[dict, dict]:
    """(GET metadata, whole-table json-stat2 cube) of table 11re."""
    areas = ["SSS"] + [f"HV{c[0]}" for c in COUNTIES] + [f"KU{m[0]}" for m in MUNICIPALITIES]
    area_text = {"SSS": "KOKO MAA"}
    area_text.update({f"HV{c[0]}": c[1] for c in COUNTIES})
    area_text.update({f"KU{m[0]}": m[1] for m in MUNICIPALITIES})
    ages = ["SSS"] + AGES
    age_text = {"SSS": "Yhteensä", **{a: a.replace("-", " -") for a in AGES}}
    sexes = ["SSS", "1", "2"]
    sex_text = {"SSS": "Yhteensä", "1": "Miehet", "2": "Naiset"}
    year_codes = [str(y) for y in years]
    dims = [
        ("Alue", "Alue", areas, area_text),
        ("Ikä", "Ikä", ages, age_text),
        ("Sukupuoli", "Sukupuoli", sexes, sex_text),
        ("Vuosi", "Vuosi", year_codes, {y: y for y in year_codes}),
        ("Tiedot", "Tiedot", ["vaesto"], {"vaesto": "Väestö 31.12."}),
    ]
    meta = {
        "title": "Väestö 31.12. muuttujina Alue, Ikä, Sukupuoli, Vuosi ja Tiedot",
        "variables": [
            {
                "code": code,
                "text": text,
                "values": values,
                "valueTexts": [labels[v] for v in values],
                **({"time": True} if code == "Vuosi" else {"elimination": True} if code != "Tiedot" else {}),
            }
            for code, text, values, labels in dims
        ],
    }
    value: list[int] = []
    for area in areas:
        per_year = pop.cells[area]
        for age in ages:
            for sex in sexes:
                for y in years:
                    cell = per_year[y]
                    if age == "SSS":
                        n = sum(v for (a, s), v in cell.items() if sex == "SSS" or s == sex)
                    elif sex == "SSS":
                        n = cell[(age, "1")] + cell[(age, "2")]
                    else:
                        n = cell[(age, sex)]
                    value.append(n)
    cube = {
        "version": "2.0",
        "class": "dataset",
        "label": "Väestö 31.12. muuttujina Alue, Ikä, Sukupuoli, Vuosi ja Tiedot",
        "source": "Tilastokeskus",
        "updated": f"{max(years) + 1}-03-28T06:00:00Z",
        "id": [d[0] for d in dims],
        "size": [len(d[2]) for d in dims],
        "dimension": {
            code: {
                "label": text,
                "category": {
                    "index": {v: i for i, v in enumerate(values)},
                    "label": {v: labels[v] for v in values},
                    **({"unit": {"vaesto": {"base": "henkilöä", "decimals": 0}}} if code == "Tiedot" else {}),
                },
            }
            for code, text, values, labels in dims
        },
        "value": value,
        "role": {"time": ["Vuosi"], "metric": ["Tiedot"]},
        "extension": {"px": {"tableid": "11re", "decimals": 0}},
    }
    return meta, cube


# --------------------------------------------------------------------------------------------------
# Sotkanet
# --------------------------------------------------------------------------------------------------


def sotkanet_regions() -> list[dict]:
    rows: list[dict] = [
        {
            "id": COUNTRY_ID,
            "code": "SSS",
            "category": "MAA",
            "title": {"fi": "Koko maa", "sv": "Hela landet", "en": "Whole country"},
            "uri": None,
        }
    ]
    for code, name, sid, _old, _pop in COUNTIES:
        rows.append(
            {
                "id": sid,
                "code": code,
                "category": "HYVINVOINTIALUE",
                "title": {"fi": name, "sv": name, "en": name},
                "uri": None,
            }
        )
    rows.append(
        {
            "id": ALAND[2],
            "code": ALAND[0],
            "category": "HYVINVOINTIALUE",
            "title": {"fi": "Ahvenanmaa", "sv": "Åland", "en": "Åland"},
            "uri": None,
        }
    )
    for code, fi, sv, _pop in MUNICIPALITIES:
        rows.append(
            {
                "id": MUNICIPALITY_ID_BASE + int(code),
                "code": code,
                "category": "KUNTA",
                "title": {"fi": fi, "sv": sv, "en": fi},
                "uri": f"http://www.yso.fi/onto/kunnat/k{code}",
            }
        )
    for rid, code, category, fi, sv, en, uri, _basis in OTHER_REGIONS:
        rows.append(
            {
                "id": rid,
                "code": code,
                "category": category,
                "title": {"fi": fi, "sv": sv, "en": en},
                "uri": uri,
            }
        )
    return sorted(rows, key=lambda r: r["id"])


def _org_of(entry: dict) -> tuple[int, dict]:
    return ORGANIZATIONS[entry.get("source_organisation") or "THL"]


def _data_updated(indicator_id: int) -> str:
    rng = _rng("updated", indicator_id)
    return f"2025-{rng.randint(3, 11):02d}-{rng.randint(1, 28):02d}"


def indicator_metadata(entry: dict, years: list[int]) -> dict:
    """A /indicators/{id} document, with every field group the real service sends."""
    iid = int(entry["sotkanet_id"])
    unit_code, unit_title, _scale, decimals = UNIT_TYPES[entry["unit"]]
    org_id, org_title = _org_of(entry)
    fi, en = entry["indicator_name_fi"], entry["indicator_name_en"]
    age = entry.get("age_group", "all")
    classifications: dict = {
        "sex": {
            "title": {
                "fi": "Miehet, naiset, yhteensä",
                "en": "Male, female, combined",
                "sv": "Män, kvinnor, totalt",
            },
            "values": list(GENDERS),
        },
        "region": {
            "title": {
                "fi": "Kunta, seutukunta, maakunta, hyvinvointialue, sairaanhoitopiiri, aluehallintoviraston "
                "alue, erityisvastuualue, koko maa",
                "en": "Municipality, sub-region, region, the wellbeing services county, hospital district, "
                "area "
                "for the regional state administrative agency, special responsibility area, whole country",
                "sv": "Kommun, ekonomisk region, landskap, välfärdsområde, sjukvårdsdistrikt, området för "
                "regionförvaltningsverket, specialupptagningsområde, hela landet",
            },
            "values": [
                "Kunta",
                "Seutukunta",
                "Maakunta",
                "Hyvinvointialue",
                "Sairaanhoitopiiri",
                "Aluehallintovirasto",
                "Erva",
                "Maa",
            ],
        },
    }
    if age != "all":
        classifications = {
            "sex": classifications["sex"],
            "age": {"title": {"fi": f"{age}-vuotiaat", "en": f"Ages {age}", "sv": f"{age} år"}, "values": []},
            "region": classifications["region"],
        }
    demo_note = (
        "Demo-aineisto: arvot ovat keksittyjä."
        if entry.get("id_status") != "verified"
        else "Demo-aineisto: tunniste on todellinen, arvot keksittyjä."
    )
    return {
        "id": iid,
        "data-updated": _data_updated(iid),
        "range": {"start": min(years), "end": max(years)},
        "title": {"fi": fi, "en": en, "sv": fi},
        "description": {"fi": f"{fi}. {demo_note}", "en": f"{en}. Demo data: values are made up.", "sv": ""},
        "interpretation": {"fi": "", "en": "", "sv": ""},
        "limits": {"fi": "", "en": "", "sv": ""},
        "legislation": {"fi": "", "en": "", "sv": ""},
        "notices": {"fi": " ", "en": "", "sv": ""},
        "primaryValueType": {"code": unit_code, "title": unit_title},
        "decimals": decimals,
        "classifications": classifications,
        "organization": {"id": org_id, "title": org_title},
        "subjects": [],
        "sources": [
            {
                "organization": {"id": org_id, "title": org_title},
                "title": {"fi": entry.get("source_organisation", ""), "en": "", "sv": ""},
                "description": {},
            }
        ],
        "groups": [],
    }


def _listing_item(iid: int, fi: str, en: str, org: tuple[int, dict]) -> dict:
    return {
        "id": iid,
        "title": {"fi": fi, "en": en, "sv": fi},
        "organization": {"id": org[0], "title": org[1]},
        "classifications": {"sex": {"values": list(GENDERS)}, "region": {"values": ["Kunta", "Maa"]}},
    }


def _area_population(pop: Population, area: str, year: int, gender: str, group: str) -> int:
    if area.startswith("+"):  # a union of areas (other region categories)
        return sum(_area_population(pop, a, year, gender, group) for a in area[1:].split(","))
    return pop.total(area, year, gender, group)


def _demo_areas() -> list[tuple[int, str, str]]:
    """(Sotkanet id, population area key, level) of every region that gets data rows."""
    out: list[tuple[int, str, str]] = [(COUNTRY_ID, "SSS", "country")]
    out += [(sid, f"HV{code}", "county") for code, _n, sid, _o, _p in COUNTIES]
    out.append((ALAND[2], "ALAND", "county"))
    out += [(MUNICIPALITY_ID_BASE + int(code), f"KU{code}", "municipality") for code, *_ in MUNICIPALITIES]
    for rid, _code, _cat, *_rest, basis in OTHER_REGIONS:
        parts = [f"KU{p}" if len(p) == 3 else f"HV{p}" for p in basis.split(",")]
        out.append((rid, "+" + ",".join(parts), "other"))
    return out


def indicator_data(entry: dict, pop: Population, years: list[int]) -> list[dict]:
    """Data rows for every region x year x gender. Numerators are whole persons and the value is
    recomputed from them, so county = sum of its municipalities and the country = sum of counties."""
    iid = int(entry["sotkanet_id"])
    unit = entry["unit"]
    group = entry.get("age_group", "all")
    _code, _title, scale, decimals = UNIT_TYPES[unit]
    base, trend, male_ratio, sd = PROFILES.get(iid, DEFAULT_PROFILE)
    factor_of_sex = {"male": male_ratio / ((male_ratio + 1) / 2), "female": 1 / ((male_ratio + 1) / 2)}
    per = scale or 1000  # counts are generated as rates per 1 000, then summed as whole persons

    def expected_rate(area: str, year: int, sex: str) -> float:
        if area.startswith("KU"):
            region_factor = _spread(sd, iid, "HV05") * _spread(sd * 1.2, iid, area)
        else:
            region_factor = _spread(sd, iid, area)
        noise = math.exp(_rng("noise", iid, area, year, sex).gauss(0.0, 0.04))
        return base * (1 + trend) ** (year - years[0]) * region_factor * factor_of_sex[sex] * noise

    # Numerators of the leaf areas: municipalities of Varha, other counties, Ahvenanmaa.
    leaves = [f"KU{m[0]}" for m in MUNICIPALITIES] + [f"HV{c[0]}" for c in COUNTIES if c[0] != VARHA_CODE]
    leaves.append("ALAND")
    numerators: dict[tuple[str, int, str], int] = {}
    for area in leaves:
        for y in years:
            for sex in ("male", "female"):
                denominator = pop.total(area, y, sex, group)
                numerators[(area, y, sex)] = max(
                    0, int(round(expected_rate(area, y, sex) * denominator / per))
                )

    def numerator(area: str, y: int, sex: str) -> int:
        if sex == "total":
            return numerator(area, y, "male") + numerator(area, y, "female")
        if area.startswith("+"):
            return sum(numerator(a, y, sex) for a in area[1:].split(","))
        if area == f"HV{VARHA_CODE}":
            return sum(numerators[(f"KU{m[0]}", y, sex)] for m in MUNICIPALITIES)
        if area == "SSS":
            return sum(numerator(f"HV{c[0]}", y, sex) for c in COUNTIES) + numerators[("ALAND", y, sex)]
        return numerators[(area, y, sex)]

    # The school health promotion survey runs in odd years: its series have no rows for even years.
    served = [y for y in years if y % 2 == 1] if "biennial" in entry.get("cadence", "") else years
    rows: list[dict] = []
    for sid, area, _level in _demo_areas():
        for y in served:
            for sex in GENDERS:
                n = numerator(area, y, sex)
                if scale is None:
                    value: float | None = float(n)
                else:
                    denominator = _area_population(pop, area, y, sex, group)
                    value = round(n / denominator * scale, decimals) if denominator else None
                row: dict = {
                    "indicator": iid,
                    "region": sid,
                    "year": y,
                    "gender": sex,
                    "value": value,
                    "absValue": n,
                }
                roll = _rng("gaps", iid, sid, y, sex).random()
                if roll < 0.03:
                    del row["absValue"]  # absValue can be absent ...
                elif roll < 0.04:
                    row["absValue"] = None  # ... or null
                elif roll < 0.045:
                    row["value"] = None
                rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------------


def write_recordings(
    out_dir: Path, years: range | list[int] = DEFAULT_YEARS, catalogue_path: Path = CATALOGUE_PATH
) -> None:
    """Write every recorded response under ``out_dir`` (deterministic for the same years and catalogue)."""
    out_dir = Path(out_dir)
    years = sorted(int(y) for y in years)
    catalogue = [e for e in read_catalogue(catalogue_path) if e.get("source_system") == "sotkanet"]
    pop = build_population(years)

    sk = out_dir / "sotkanet"
    _dump(sk / "regions.json", sotkanet_regions())
    listing = [
        _listing_item(int(e["sotkanet_id"]), e["indicator_name_fi"], e["indicator_name_en"], _org_of(e))
        for e in catalogue
    ]
    listing += [_listing_item(iid, fi, "", ORGANIZATIONS[org]) for iid, fi, org in LISTING_EXTRAS]
    _dump(sk / "indicators.json", sorted(listing, key=lambda r: r["id"]))
    for entry in catalogue:
        iid = int(entry["sotkanet_id"])
        _dump(sk / "indicators" / f"{iid}.json", indicator_metadata(entry, years))
        _dump(sk / "data" / f"{iid}.json", indicator_data(entry, pop, years))

    meta, cube = statfin_documents(pop, years)
    _dump(out_dir / "statfin" / "11re_meta.json", meta)
    _dump(out_dir / "statfin" / "11re_data.json", cube)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the demo API recordings.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--first-year", type=int, default=DEFAULT_YEARS.start)
    parser.add_argument("--last-year", type=int, default=DEFAULT_YEARS.stop - 1)
    args = parser.parse_args(argv)
    write_recordings(args.out_dir, range(args.first_year, args.last_year + 1))


if __name__ == "__main__":
    main()
