"""Shared by the statistics-class tests: small hand-made API raw tables (Sotkanet, StatFin) in the contract
agreed with the API clients, and an in-process dbt runner against a scratch warehouse.

Not a test module (no test_ prefix); imported by tests/unit/test_national_comparison.py and test_instruments.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import zlib
from pathlib import Path

import duckdb
import pytest

from sources.statistics import sotkanet, statfin

ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT = ROOT / "dbt_project"
SEEDS = DBT_PROJECT / "seeds"

# The raw API tables exactly as the Sotkanet and StatFin syncs create them.
API_DDL = sotkanet.DDL + statfin.DDL


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Bulk insert (executemany is a statement per row: far too slow for a few thousand rows)."""
    if not rows:
        return
    import pandas as pd

    frame = pd.DataFrame(rows)
    con.register("_rows", frame)
    try:
        con.execute(f"insert into {table} select * from _rows")
    finally:
        con.unregister("_rows")


def seed_rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_api_tables(con: duckdb.DuckDBPyConnection, indicator_ids: list[int] | None = None,
                     years: range = range(2018, 2025), seed: int = 7, legacy_years: tuple[int, ...] = (2018,)) -> None:
    """Sotkanet regions (country, the 22 areas, Ahvenanmaa, Varha's municipalities and Helsinki), metadata and
    data for the catalogue's indicators (or `indicator_ids`), and StatFin population for Varha.
    For `legacy_years` Varsinais-Suomi is ALSO delivered under its pre-2023 id 898 with a different value:
    the current id's row must win."""
    rng = random.Random(seed)
    con.execute(API_DDL)
    fetched = dt.datetime(2025, 3, 1, 12, 0)
    regions = [(658, "SSS", "MAA", "Koko maa")]
    counties = [r for r in seed_rows("regions") if r["region_level"] == "wellbeing_county"]
    regions += [(int(r["sotkanet_region_id"]), r["region_code"], "HYVINVOINTIALUE", r["region_name_fi"]) for r in counties]
    regions.append((956, "91", "HYVINVOINTIALUE", "Ahvenanmaa"))
    municipalities = seed_rows("municipalities")
    regions += [(2000 + i, m["municipality_code"], "KUNTA", m["municipality_name_fi"]) for i, m in enumerate(municipalities)]
    regions.append((2100, "091", "KUNTA", "Helsinki"))
    regions.append((5, "02", "MAAKUNTA", "Varsinais-Suomi (maakunta)"))
    insert_rows(con, "raw.sotkanet_regions", [(i, c, cat, t, t, t, None, fetched) for i, c, cat, t in regions])

    catalogue = [r for r in seed_rows("indicator_catalogue") if r["source_system"] == "sotkanet"]
    if indicator_ids is not None:
        catalogue = [r for r in catalogue if int(r["sotkanet_id"]) in indicator_ids]
    con.executemany(
        "insert into raw.sotkanet_indicators values (?, ?, ?, ?, ?, 1, ?, ?, ?, 2, 'THL', 'CC BY 4.0', false, "
        "'Kunta|Hyvinvointialue|Maa', ?)",
        [(int(r["sotkanet_id"]), r["indicator_name_fi"], r["indicator_name_fi"], r["indicator_name_en"], "PER1000",
          dt.date(2025, 2, 1), min(years), max(years), fetched) for r in catalogue])
    rows = []
    data_regions = [r for r in regions if r[2] in ("MAA", "HYVINVOINTIALUE", "KUNTA")]
    for r in catalogue:
        iid = int(r["sotkanet_id"])
        for region_id, _code, _cat, _title in data_regions:
            level = rng.uniform(5, 50)
            for year in years:
                for gender in ("total", "male", "female"):
                    value = round(level + (year - years.start) * rng.uniform(-1, 1) + rng.uniform(-2, 2), 1)
                    rows.append((iid, region_id, year, gender, value, float(rng.randint(5, 500)),
                                 dt.date(2025, 2, 1), f"sotkanet:{iid}"))
        for year in legacy_years:
            for gender in ("total", "male", "female"):
                rows.append((iid, 898, year, gender, -999.0, 1.0, dt.date(2020, 1, 1), f"sotkanet:{iid}:legacy"))
    insert_rows(con, "raw.sotkanet_data", rows)

    pop = []
    ages = {"0-17": 0.19, "18-24": 0.08, "25-64": 0.50, "65+": 0.23}
    sizes = {m["municipality_code"]: 1000 + 300 * (i % 9) for i, m in enumerate(municipalities)}
    sizes["853"] = 200_000
    for year in years:
        for level, code, total in ([("municipality", c, n) for c, n in sizes.items()]
                                   + [("wellbeing_county", "05", sum(sizes.values())), ("country", "SSS", 5_600_000)]):
            for gender, share in (("total", 1.0), ("male", 0.49), ("female", 0.51)):
                pop.append((code, level, year, gender, "all", int(total * share), "statfin"))
                for age, age_share in ages.items():
                    pop.append((code, level, year, gender, age, int(total * share * age_share), "statfin"))
    insert_rows(con, "raw.statfin_population", pop)


def dbt_env(warehouse: Path, threshold: int = 5, compared: str = "05") -> dict[str, str]:
    return {"RSW_DBT_TARGET": "duckdb", "RSW_WAREHOUSE_PATH": str(warehouse),
            "RSW_SUPPRESSION_THRESHOLD": str(threshold), "RSW_COMPARED_COUNTY": compared}


def run_dbt(args: list[str], warehouse: Path, work: Path, threshold: int = 5, compared: str = "05") -> None:
    """Run dbt in-process against `warehouse`; raises with dbt's messages when a node fails.
    The RSW_* variables are set for the run only and restored afterwards."""
    from dbt.cli.main import dbtRunner

    with pytest.MonkeyPatch.context() as env:
        for name, value in dbt_env(warehouse, threshold, compared).items():
            env.setenv(name, value)
        result = dbtRunner().invoke([
            *args, "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
            "--target-path", str(work / "target"), "--log-path", str(work / "logs"), "--quiet",
        ])
    if not result.success:
        problems = []
        for node in getattr(result.result, "results", None) or []:
            if str(node.status) not in ("success", "pass"):
                problems.append(f"{node.node.name}: {node.status}: {node.message}")
        raise RuntimeError(f"dbt {' '.join(args)} failed: {result.exception or ''} " + "; ".join(problems))


# -- the shared scratch warehouse ------------------------------------------------------------------------------
THRESHOLD = 5
FACT_COLUMNS = ("phenomenon, indicator_code, indicator_name_fi, indicator_name_en, source_class, source_system, unit, "
                "higher_is_worse, region_level, region_code, region_name_fi, parent_region_code, period_type, "
                "period_start, period_end, period_label, gender, age_group, value, numerator, denominator, "
                "source_updated_at, loaded_at")

# Hand-made facts for the national comparison: (indicator_code, higher_is_worse); years 2019..2024.
COMPARISON_INDICATORS = (("cmp_worse_up", True), ("cmp_better_up", False))
COMPARISON_YEARS = range(2019, 2025)
# Cells whose numerator is small (1..threshold-1): central disclosure control must hide them.
SMALL_CELLS = {("cmp_worse_up", "20", 2024), ("cmp_better_up", "12", 2023)}
# The county's own series (issue 17), written for several areas all the same: never compared.
LOCAL_SERIES = (("local_survey_cmp_local", "local_surveys"), ("partner_12345671_cmp_partner", "partner_indicators"))


def write_comparison_facts(con: duckdb.DuckDBPyConnection, seed: int = 11) -> None:
    """intermediate.int_phenomenon_facts__unioned as a TABLE of hand-made county-level facts, so the national
    comparison can be built without the other sources' models (they are not selected, so dbt leaves it)."""
    rng = random.Random(seed)
    con.execute("create schema if not exists intermediate")
    areas = [("SSS", "Koko maa", "country", None)] + [
        (r["region_code"], r["region_name_fi"], "wellbeing_county", "SSS")
        for r in seed_rows("regions") if r["region_level"] == "wellbeing_county"]
    rows = []
    for code, higher_is_worse in COMPARISON_INDICATORS:
        for region, name, level, parent in areas:
            base, step = rng.uniform(10, 40), rng.uniform(-1.5, 1.5)
            for year in COMPARISON_YEARS:
                if region == "14" and year == 2022:
                    continue  # an area without a row: still one of the 22, not ranked
                for gender in ("total", "male", "female"):
                    value = round(base + step * (year - 2019) + rng.uniform(-0.8, 0.8), 2)
                    numerator = 2.0 if (code, region, year) in SMALL_CELLS and gender == "total" else float(rng.randint(50, 900))
                    rows.append(("livelihood", code, f"{code} fi", f"{code} en", "statistics", "sotkanet",
                                 "THL", None, "national", "percent",
                                 higher_is_worse, level, region, name, parent, "year", dt.date(year, 1, 1),
                                 dt.date(year, 12, 31), str(year), gender, "all", value, numerator, None,
                                 dt.datetime(2025, 2, 1), dt.datetime(2025, 3, 1)))
    # The county's own series (issue 17): a local survey and a partner's figure delivered for two areas and the
    # country. They have their own codes and must never enter the national comparison.
    for code, system in LOCAL_SERIES:
        for region, name, level, parent in areas[:3]:
            for year in COMPARISON_YEARS:
                rows.append(("mental_health", code, f"{code} fi", f"{code} en", "client_data", system, "Varha", None,
                             "county_own", "percent", True, level, region, name, parent, "year",
                             dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), "total", "all", 12.0, 12.0,
                             100.0, dt.datetime(2025, 2, 1), dt.datetime(2025, 3, 1)))
    con.execute("""create or replace table intermediate.int_phenomenon_facts__unioned (
        phenomenon varchar, indicator_code varchar, indicator_name_fi varchar, indicator_name_en varchar,
        source_class varchar, source_system varchar, source_organisation varchar, source_indicator_id varchar,
        indicator_definition varchar, unit varchar, higher_is_worse boolean, region_level varchar,
        region_code varchar, region_name_fi varchar, parent_region_code varchar, period_type varchar,
        period_start date, period_end date, period_label varchar, gender varchar, age_group varchar, value double,
        numerator double, denominator double, source_updated_at timestamp, loaded_at timestamp)""")
    insert_rows(con, "intermediate.int_phenomenon_facts__unioned", rows)


def known_instrument_rows(fictitious_hetu) -> list[dict[str, str]]:
    """Assessments whose band is known by hand (see test_instruments.py)."""
    def row(nnn, instrument, version, items, total, group="Työikäisten sosiaalipalvelut"):
        r = {"asiakkaan_hetu": fictitious_hetu(dt.date(1970, 1, 1 + nnn % 28), nnn), "arviointipvm": "10.3.2025",
             "palvelutehtava": group, "kunta": "Turku", "mittari": instrument, "mittarin_versio": version,
             "kokonaispisteet": "" if total is None else str(total)}
        for i in range(1, 22):
            r[f"kohta_{i}"] = str(items[i - 1]) if i <= len(items) else ""
        return r
    return [
        row(901, "BDI", "BDI-I", [], 19),                 # BDI-I 19 = moderate
        row(902, "BDI", "BDI-II", [], 19),                # BDI-II 19 = mild
        row(903, "BDI", "BDI-13", [], 16),                # BDI-13 16 = severe
        row(904, "AUDIT", "", [], 16),                    # zone III
        row(905, "AUDIT", "", [2, 2, 2, 1, 0, 0, 0, 0, 2, 0], None),  # total computed: 9 = zone II
        row(906, "3X10D", "", [5, 6, 7, 8, 10, 0, 3, 6, 8, 9], None),
        row(907, "Kykyviisari", "", [7] * 17, 8),
        {**row(908, "BDI", "", [], 12), "asiakkaan_hetu": "010170-9083"},  # no version, bad check character
    ]


_BUILT: dict[str, Path] = {}


def built_warehouse() -> Path:
    """Build (once per test process) a scratch warehouse: small Sotkanet/StatFin raw tables, the demo instruments
    at a small scale plus known_instrument_rows, hand-made comparison facts; then ONE dbt build of the selected
    statistics models (seeds, Sotkanet chain, instruments chain incl. the MARAK aggregate, the final facts
    and national_comparison with its unit and data tests)."""
    if "path" in _BUILT:
        return _BUILT["path"]
    import shutil
    import tempfile

    import pandas as pd

    from demo import fictitious_hetu, write_statistics_landing
    from sources.landing import load_source
    from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
    from sources.statistics.instruments import HEADERS, SOURCE

    # A fixed scratch folder: dbt's partial parsing (target/partial_parse.msgpack) survives between test runs
    # only when the profile (the warehouse path) stays the same, and a full parse of the project costs ~20 s.
    # One folder per checkout: two worktrees testing at once must not rebuild each other's warehouse.
    work = Path(tempfile.gettempdir()) / f"rsw_statistics_tests_{zlib.crc32(str(ROOT).encode()):08x}"
    warehouse = work / "wh.duckdb"
    landing = work / "landing"
    for stale in (warehouse, work / "wh.duckdb.wal"):
        stale.unlink(missing_ok=True)
    shutil.rmtree(landing, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    write_statistics_landing(landing, scale=0.02, seed=5, today=dt.date(2025, 12, 31))
    pd.DataFrame(known_instrument_rows(fictitious_hetu), columns=HEADERS).to_csv(
        landing / "instruments" / "known.csv", sep=";", index=False, encoding="utf-8-sig")
    con = duckdb.connect(str(warehouse))
    load_source(con, SOURCE, landing, Pseudonymizer(DEMO_PSEUDONYM_KEY), today=dt.date(2025, 12, 31))
    write_api_tables(con, indicator_ids=[5, 4])
    write_comparison_facts(con)
    con.close()
    run_dbt(["build", "--indirect-selection", "cautious", "--exclude", "test_type:data", "--select",
             "regions", "municipalities", "indicator_catalogue", "instrument_bands", "client_groups",
             "stg_sotkanet__regions", "stg_sotkanet__indicators", "stg_sotkanet__data", "stg_sotkanet__resolutions", "stg_statfin__population",
             "int_regions__mapped", "int_sotkanet__reshaped_to_phenomena",
             "stg_instruments__assessments", "stg_instruments__marak_aggregate", "int_instruments__scores_banded",
             "int_phenomenon_facts__finalised", "national_comparison"],
            warehouse, work, threshold=THRESHOLD)
    _BUILT["path"] = warehouse
    return warehouse
