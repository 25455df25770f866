"""Assessment instruments: the AUDIT sum rule, the BDI version rule and bands, 3X10D's per-item bands, Kykyviisari
ranges, and MARAK never leaving raw except as a county aggregate."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
from collections import defaultdict

import duckdb
import pytest
from _indicator_files import load_cases
from _statistics_warehouse import SEEDS, built_warehouse

from demo import fictitious_hetu
from sources.contracts.registers import INSTRUMENT_SPECS
from sources.statistics.instruments import HEADERS, SOURCE

_N = iter(range(910, 1000))


def assessment(instrument: str, version: str = "", items=(), total=None, **kw) -> dict[str, str]:
    nnn = next(_N)
    r = {"asiakkaan_hetu": fictitious_hetu(dt.date(1985, 2, 1 + nnn % 28), nnn), "arviointipvm": "3.4.2025",
         "palvelutehtava": "Päihdepalvelut", "kunta": "Salo", "mittari": instrument, "mittarin_versio": version,
         "kokonaispisteet": "" if total is None else str(total)}
    for i in range(1, 22):
        r[f"kohta_{i}"] = str(items[i - 1]) if i <= len(items) else ""
    return {**r, **kw}


AUDIT_ITEMS = [3, 2, 1, 0, 1, 0, 2, 1, 2, 4]  # sum 16


def test_audit_total_must_be_the_sum_of_items(tmp_path):
    con, _ = load_cases(tmp_path, SOURCE, HEADERS, [
        (assessment("AUDIT", items=AUDIT_ITEMS, total=16), None),
        (assessment("AUDIT", items=AUDIT_ITEMS, total=19), "AUDIT total 19 is not the sum of its items (16)"),
        (assessment("AUDIT", items=AUDIT_ITEMS, total=None), None),  # total computed from complete items
        (assessment("AUDIT", total=23), None),                       # total only (items not exported)
        (assessment("AUDIT", items=AUDIT_ITEMS[:9], total=12), "items incomplete"),
        (assessment("AUDIT", items=AUDIT_ITEMS[:8] + [3, 0], total=15), "AUDIT item 9 must be one of 0,2,4"),
        (assessment("AUDIT", items=[5] + AUDIT_ITEMS[1:], total=18), "AUDIT item 1 must be one of 0,1,2,3,4"),
        (assessment("AUDIT", total=41), "AUDIT total must be 0-40"),
        (assessment("AUDIT", items=AUDIT_ITEMS + [1], total=17), "kohta_11..kohta_21 must be empty"),  # 11th item
    ])
    totals = sorted(r[0] for r in con.execute("select total_score from raw.instruments").fetchall())
    assert totals == [16, 16, 23]
    assert con.execute("select distinct instrument_version from raw.instruments").fetchall() == [("WHO-2001",)]


def test_bdi_needs_its_version_and_each_version_has_its_range(tmp_path):
    con, _ = load_cases(tmp_path, SOURCE, HEADERS, [
        (assessment("BDI", "BDI-II", items=[1] * 21, total=21), None),
        (assessment("BDI", "", items=[1] * 21, total=21), "BDI needs its version"),
        (assessment("BDI", "bdi-21", total=40), None),                 # BDI-21 = BDI-I (Beck 1961), total only
        (assessment("BDI", "R-BDI", items=[3] * 13, total=39), None),  # BDI-13 maximum
        (assessment("BDI", "BDI-13", total=40), "BDI-13 total must be 0-39"),
        (assessment("BDI", "BDI-13", items=[1] * 14, total=14), "BDI-13 has only 13 items"),
        (assessment("BDI", "BDI-II", items=[4] + [1] * 20, total=24), "BDI-II item 1 must be one of 0,1,2,3"),
        (assessment("BDI", "WHO-2001", total=10), "is not a version of BDI"),
        (assessment("BDI", "BDI-III", total=10), "unknown instrument version 'BDI-III'"),
    ])
    got = con.execute("select instrument_version, total_score from raw.instruments order by _row_number").fetchall()
    assert got == [("BDI-II", 21), ("BDI-I", 40), ("BDI-13", 39)]


def test_3x10d_kykyviisari_and_marak_rules(tmp_path):
    con, _ = load_cases(tmp_path, SOURCE, HEADERS, [
        (assessment("3X10D", items=[5, 6, 7, 8, 10, 0, 3, 6, 8, 9], total=62), None),  # the sum is dropped
        (assessment("3X10D", items=[5, 6, 7, 8, 11, 0, 3, 6, 8, 9]), "3X10D item 5 must be one of 0,1,2,3,4,5,6,7,8,9,10"),
        (assessment("3X10D", items=[5, 6, 7, 8, 10, 0, 3, 6, 8]), "3X10D: all 10 items are required"),
        (assessment("Kykyviisari", items=[7] * 17, total=8), None),
        (assessment("Kykyviisari", items=[7] * 17, total=11), "KYKYVIISARI total must be 0-10"),  # work ability
        (assessment("MARAK", items=[1, 0, 1, 1], total=15), None),       # answers not stored
        (assessment("MARAK", items=[2], total=15), "MARAK item 1 must be one of 0,1"),  # yes/no answers only
        (assessment("MARAK", total=25), "MARAK total must be 0-24"),    # at most 24 yes answers
    ])
    got = con.execute("select instrument, item_5, item_1, total_score from raw.instruments order by _row_number").fetchall()
    assert got == [("3X10D", 10, 5, None), ("KYKYVIISARI", 7, 7, 8), ("MARAK", None, None, 15)]
    # a quarantined row keeps no identity code
    assert all("asiakkaan_hetu" not in json.loads(r[0])
               for r in con.execute("select record from quarantine.instruments").fetchall())


def test_band_seed_covers_each_total_range_exactly_and_3x10d_per_item():
    with (SEEDS / "instrument_bands.csv").open(encoding="utf-8") as fh:
        bands = list(csv.DictReader(fh))
    for (instrument, version), spec in INSTRUMENT_SPECS.items():
        if spec.total_min is None:
            for i in range(1, spec.items + 1):
                own = sorted((int(b["min"]), int(b["max"])) for b in bands
                             if (b["instrument"], b["version"], b["item"]) == (instrument, version, f"item_{i}"))
                assert own == [(0, 5), (6, 7), (8, 10)], (instrument, i)
            continue
        own = sorted((int(b["min"]), int(b["max"])) for b in bands
                     if (b["instrument"], b["version"], b["item"]) == (instrument, version, "total"))
        if instrument == "KYKYVIISARI":
            assert own == []  # not banded
            continue
        assert own[0][0] == spec.total_min and own[-1][1] == spec.total_max, (instrument, version)
        assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(own)), (instrument, version)  # no gaps, no overlaps


# -- dbt: banding and MARAK ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def warehouse():
    con = duckdb.connect(str(built_warehouse()))
    yield con
    con.close()


def test_bands_are_per_version_and_per_item(warehouse):
    got = dict(warehouse.execute(
        "select instrument_version || ':' || item || ':' || cast(score as varchar), band "
        "from intermediate.int_instruments__scores_banded where municipality_code = '853' "
        "and assessment_date = date '2025-03-10'").fetchall())
    assert got["BDI-I:total:19"] == "moderate"
    assert got["BDI-II:total:19"] == "mild"
    assert got["BDI-13:total:16"] == "severe"
    assert got["WHO-2001:total:16"] == "III"
    assert got["WHO-2001:total:9"] == "II"
    assert got["3X10D:item_1:5"] == "dissatisfied" and got["3X10D:item_2:6"] == "moderate"
    assert got["3X10D:item_4:8"] == "satisfied" and got["3X10D:item_6:0"] == "dissatisfied"
    assert got["KYKYVIISARI:total:8"] == "not_banded"
    assert not any(k.startswith("3X10D:total") for k in got)  # no headline sum


def test_marak_never_leaves_raw_unaggregated(warehouse):
    assert warehouse.execute("select count(*) from raw.instruments where instrument = 'MARAK'").fetchall()[0][0] > 0
    # MARAK answers are not even stored in raw: only the yes-count
    assert warehouse.execute("select count(*) from raw.instruments where instrument = 'MARAK' and "
                             "coalesce(item_1, item_2, item_21) is not null").fetchall()[0][0] == 0
    relations = warehouse.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema not in ('raw', 'quarantine', 'information_schema', 'pg_catalog')").fetchall()
    assert relations
    for schema, name in relations:
        columns = {c[0] for c in warehouse.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [schema, name]).fetchall()}
        if "instrument" in columns and "client_pseudonym" in columns:
            n = warehouse.execute(f'select count(*) from "{schema}"."{name}" where instrument = \'MARAK\'').fetchall()
            assert n[0][0] == 0, f"{schema}.{name} exposes MARAK rows"
    # true counts (the publish layer protects them): bands add up to 'all' in every county-period
    counts = warehouse.execute("""
        select region_code, period_label, band, clients, is_suppressed, suppression_reason
        from staging.stg_instruments__marak_aggregate""").fetchall()
    assert counts and all(c is not None and c >= 1 and not s and r is None for *_, c, s, r in counts)
    totals = {(g, p): c for g, p, b, c, *_ in counts if b == "all"}
    bands = defaultdict(int)
    for g, p, b, c, *_ in counts:
        if b != "all":
            bands[(g, p)] += c
    assert bands == totals
