"""An outsider's attack on the published snapshot of the demo run, written here without the disclosure code:
small values read straight off the file, then subtraction and interval reasoning over the totals the marts
publish, iterated until nothing new is learned. Also: two publishes of the same warehouse are identical."""

from __future__ import annotations

import shutil
from collections import defaultdict

import duckdb
import pytest

from disclosure.guard import guard
from sources.publish import publish_snapshot

pytestmark = pytest.mark.integration

# (mart, SQL condition of the county's own rows, count columns) — read off the published file, by name
OWN_COUNTS = [
    ("phenomenon_indicators", "disclosure_control = 'protected'", ["numerator"]),
    ("phenomenon_indicators", "disclosure_control = 'protected' and source_system <> 'client_register'",
     ["denominator"]),
    ("social_reporting", "true", ["observations"]),
    ("complaint_cases", "true", ["case_count", "decided_count", "open_count", "overdue_count",
                                     "event_over_2y_count"]),
    ("client_feedback", "true", ["feedback_count", "rated_count", "rating_count", "score_count",
                                 "low_rating_count", "text_count", "swedish_count"]),
    ("professional_signals", "true", ["numerator"]),
    ("professional_signals", "unit = 'percent'", ["denominator"]),
    ("instrument_use", "true", ["band_clients", "assessed_clients", "assessments", "clients_in_service_task"]),
]


def test_no_small_value_of_the_countys_own_data_is_published(published, demo_run):
    _, config = demo_run
    t = config.suppression_threshold
    found = {}
    for mart, own, columns in OWN_COUNTS:
        for c in columns:
            n = published.execute(f"select count(*) from marts.{mart} where {own} and {c} > 0 and {c} < ?",
                                  [t]).fetchone()[0]
            if n:
                found[f"{mart}.{c}"] = n
    shares = published.execute(
        "select count(*) from marts.phenomenon_indicators where disclosure_control = 'protected' "
        "and unit = 'percent' and denominator - numerator > 0 and denominator - numerator < ?", [t]).fetchone()[0]
    medians = published.execute(
        "select count(*) from marts.complaint_cases where median_handling_days is not null "
        "and (decided_count is null or decided_count < ?)", [2 * t]).fetchone()[0]
    assert found == {} and shares == 0 and medians == 0, (found, shares, medians)


def _relations(published) -> list[tuple[tuple, list[tuple]]]:
    """Totals the phenomenon marts publish for the families whose totals are exact sums: gender (total = male +
    female), municipalities → county, and age bands → all for complaints and instruments."""
    rows = published.execute(
        "select indicator_code, period_label, region_code, gender, age_group, source_system "
        "from marts.phenomenon_indicators where disclosure_control = 'protected' "
        "and source_system in ('complaints', 'instruments', 'client_register')").fetchall()
    munis = dict(published.execute("select municipality_code, wellbeing_county_code from "
                                   "(select distinct region_code as municipality_code, '05' as wellbeing_county_code "
                                   "from marts.phenomenon_indicators where region_level = 'municipality')").fetchall())
    cells = {r[:5]: r[5] for r in rows}
    groups = defaultdict(list)
    for (ind, period, region, gender, age), system in cells.items():
        if gender != "total":
            groups[((ind, period, region, "total", age), "gender")].append((ind, period, region, gender, age))
        if region in munis:
            groups[((ind, period, munis[region], gender, age), "area")].append((ind, period, region, gender, age))
        if age != "all" and system in ("complaints", "instruments"):
            groups[((ind, period, region, gender, "all"), "age")].append((ind, period, region, gender, age))
    return [(total, parts) for (total, _), parts in groups.items() if total in cells]


def test_subtraction_and_interval_attack_learns_nothing(published, demo_run):
    _, config = demo_run
    t = config.suppression_threshold
    value = {r[:5]: r[5] for r in published.execute(
        "select indicator_code, period_label, region_code, gender, age_group, numerator "
        "from marts.phenomenon_indicators where disclosure_control = 'protected'").fetchall()}
    relations = _relations(published)
    assert relations, "the attack found no published totals to work with"
    hidden_before = {k for k, v in value.items() if v is None}
    recovered, narrowed = {}, set()
    for _ in range(20):
        progress = False
        for total, parts in relations:
            known = {**value, **recovered}
            unknown = [c for c in [total, *parts] if known.get(c) is None]
            if len(unknown) == 1:
                cell = unknown[0]
                rest = sum(known[p] for p in parts if p != cell)
                recovered[cell] = known[total] - rest if cell != total else rest
                progress = True
            elif unknown and total not in unknown:
                mass = known[total] - sum(known[p] for p in parts if known.get(p) is not None)
                if mass < t:
                    narrowed.update(unknown)
        if not progress:
            break
    assert not recovered, f"{len(recovered)} hidden cells recomputed, e.g. {sorted(recovered.items())[:3]}"
    assert not narrowed, f"{len(narrowed)} hidden cells narrowed below {t}, e.g. {sorted(narrowed)[:3]}"
    assert hidden_before, "nothing was protected"


def test_two_publishes_of_the_same_warehouse_are_identical(demo_run, tmp_path):
    """Two first publishes of the same data are identical; and a republish of unchanged data over the first
    (history-aware, with the programmes solved at the first publish) keeps exactly that pattern and solves no
    programme again."""
    _, config = demo_run
    copy = tmp_path / "warehouse.duckdb"  # publishing attaches the candidate: a writable connection
    shutil.copyfile(config.warehouse_path, copy)
    memo = tmp_path / "programmes.json"
    con = duckdb.connect(str(copy))
    try:
        first, other = (publish_snapshot(con, tmp_path / name, guard(config.suppression_threshold, memo))
                        for name in ("a", "b"))
        kept = shutil.copyfile(first.path, tmp_path / "first.duckdb")
        again = publish_snapshot(con, tmp_path / "a", guard(config.suppression_threshold, memo))
    finally:
        con.close()
    assert again.guard["history"]["shown_before"] > 0, "the republish saw the first release"
    assert again.guard["programmes"]["solved"] == 0 and again.guard["programmes"]["reused"] > 0
    check = duckdb.connect()
    for name, path in (("a", kept), ("b", other.path), ("c", again.path)):
        check.execute(f"attach '{path}' as {name} (read_only)")
    tables = [r[0] for r in check.execute("select table_name from duckdb_tables() where database_name = 'a'")
              .fetchall()]
    for table in tables:
        for x, y in (("a", "b"), ("b", "a"), ("a", "c"), ("c", "a")):
            diff = check.execute(f"select count(*) from (select * from {x}.marts.{table} "
                                 f"except all select * from {y}.marts.{table})").fetchone()[0]
            assert diff == 0, f"{table}: {diff} rows differ between publishes {x} and {y} of the same data"


def test_publish_metadata_reports_the_audit(demo_run):
    from dagster import AssetKey

    result, config = demo_run
    audits = [e.event_specific_data.materialization.metadata["audit"].value for e in result.all_events
              if e.event_type_value == "ASSET_MATERIALIZATION"
              and e.event_specific_data.materialization.asset_key == AssetKey(["published", "rsw_marts"])]
    assert audits
    a = audits[-1]
    assert a["passed"] and a["exactly_recoverable"] == 0 and a["hidden_items"] > 0
    assert a["narrowest_width"] >= config.suppression_threshold - 1e-6
