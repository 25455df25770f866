"""The disclosure layer attacked the way an outsider would: on multi-area grids, with an attacker of the test's
own (a dense linear programme over every cell, written here, not the production solver), across two
releases, and with breaches planted in the published file."""

from __future__ import annotations

import itertools
import shutil
from functools import partial
from pathlib import Path

import duckdb
import highspy
import numpy as np
import pytest

from disclosure import intervals
from disclosure.audit import audit, audit_file
from disclosure.guard import DisclosureAuditFailed, protect_and_audit
from disclosure.intervals import Memo, feasible_intervals, too_narrow
from disclosure.proposals import anonymise_proposals, small_classes
from disclosure.snapshot import protect_snapshot
from disclosure.tables import Relation
from sources.publish import PUBLISHED_FILE, publish_snapshot

T = 5
SEVERITY = ("lieva", "kohtalainen", "vakava")


def _signals(con, grid: dict[str, tuple[int, ...]]) -> None:
    """professional_signals as HaiPro reports: service area × severity, with the 'all' margins."""
    con.execute("create schema if not exists marts")
    con.execute("""create or replace table marts.professional_signals (
        source_system varchar, indicator_code varchar, unit varchar, period_label varchar,
        service_area_code varchar, breakdown varchar, breakdown_value varchar,
        value double, numerator double, denominator double, is_suppressed boolean, suppression_reason varchar)""")
    areas = dict(grid)
    areas["all"] = tuple(map(sum, zip(*grid.values())))
    for area, counts in areas.items():
        rows = [("severity", s, c) for s, c in zip(SEVERITY, counts)] + [("total", "all", sum(counts))]
        for breakdown, value, n in rows:
            con.execute("insert into marts.professional_signals values ('haipro', 'haipro_reports', 'count', "
                        "'2025H1', ?, ?, ?, ?, ?, null, false, null)", [area, breakdown, value, n, n])



def _hidden_bounds(h: highspy.Highs, published: np.ndarray) -> dict[int, tuple[float, float]]:
    """The attacker's answer: for every hidden (NaN) cell, its smallest and largest value under the model `h`."""
    out = {}
    for i in np.flatnonzero(np.isnan(published)):
        bounds = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            h.changeColCost(int(i), 1.0)
            h.changeObjectiveSense(sense)
            h.run()
            unbounded = h.getModelStatus() == highspy.HighsModelStatus.kUnbounded
            bounds.append(float("inf") if unbounded else h.getInfo().objective_function_value)
            h.changeColCost(int(i), 0.0)
        out[int(i)] = tuple(bounds)
    return out

def _attack(con, table: str, measure: str, relations) -> dict[tuple, tuple[float, float]]:
    """The test's own attacker: every cell a variable, published cells fixed, hidden cells ≥ 0, and the
    relations as equalities; min and max of every hidden cell."""
    rows = con.execute(f"select * from marts.{table}").df()
    key = [c for c in rows.columns if c not in (measure, "value", "numerator", "denominator", "is_suppressed",
                                                 "suppression_reason")]
    index = {tuple(r): i for i, r in enumerate(rows[key].itertuples(index=False))}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    n = len(rows)
    published = rows[measure].to_numpy(dtype=float)
    lower = np.where(np.isnan(published), 0.0, published)
    upper = np.where(np.isnan(published), highspy.kHighsInf, published)
    h.addVars(n, lower, upper)
    for total, parts in relations(rows, index):
        idx = np.array([total, *parts], dtype=np.int32)
        coef = np.array([-1.0] + [1.0] * len(parts))
        h.addRow(0.0, 0.0, len(idx), idx, coef)
    return {tuple(rows.loc[i, key]): b for i, b in _hidden_bounds(h, published).items()}


def _signal_relations(rows, index):
    key_cols = ["source_system", "indicator_code", "unit", "period_label", "service_area_code", "breakdown",
                "breakdown_value"]
    for r in rows[key_cols].itertuples(index=False):
        r = tuple(r)
        if r[5] == "total":  # total of each area = its severities
            parts = [index[r[:5] + ("severity", s)] for s in SEVERITY]
            yield index[r], parts
        if r[4] == "all":  # each column of the 'all' area = the areas
            parts = [index[r[:4] + (a,) + r[5:]] for a in ("A", "B", "C")]
            yield index[r], parts


def test_the_issue_grid_cannot_be_recomputed_by_subtraction():
    """A 3/7/20, B 10/30/10, C 20/8/20: with only the 3 hidden, B's 10 = 50 − 30 − 10 and then A's 3 = 33 −
    10 − 20. After protection no hidden cell is recoverable and every interval is at least the threshold."""
    con = duckdb.connect()
    _signals(con, {"A": (3, 7, 20), "B": (10, 30, 10), "C": (20, 8, 20)})
    protect_snapshot(con, T)
    intervals = _attack(con, "professional_signals", "numerator", _signal_relations)
    a3 = ("haipro", "haipro_reports", "count", "2025H1", "A", "severity", "lieva")
    assert a3 in intervals, "the primary cell is published"
    for cell, (lo, hi) in intervals.items():
        assert hi - lo >= T, f"{cell} narrowed to [{lo}, {hi}]"
    assert audit(con, T).passed
    visible = con.execute("select count(*) from marts.professional_signals where numerator is not null").fetchone()[0]
    assert visible >= 8, "protection must not hide the whole table"


def _phenomenon(con, counts: dict[tuple[str, str, str], float], source="instruments", unit="count",
                denominators: dict | None = None) -> None:
    con.execute("create schema if not exists marts")
    con.execute("""create or replace table marts.phenomenon_indicators (
        indicator_code varchar, region_code varchar, period_label varchar, gender varchar, age_group varchar,
        source_system varchar, unit varchar, value double, numerator double, denominator double,
        is_suppressed boolean, suppression_reason varchar, disclosure_control varchar)""")
    for (region, gender, age), n in sorted(counts.items()):
        d = (denominators or {}).get((region, gender, age))
        con.execute("insert into marts.phenomenon_indicators values ('ind', ?, '2025', ?, ?, ?, ?, ?, ?, ?, "
                    "false, null, 'protected')", [region, gender, age, source, unit, n, n, d])


def _full_grid(cell_value) -> dict:
    """Two municipalities of Varha and the county, gender × age, every total the sum of its parts."""
    ages = ("0-17", "18-24", "25-64", "65+")
    grid = {}
    for region in ("019", "202"):
        for gender in ("male", "female"):
            for age in ages:
                grid[(region, gender, age)] = cell_value(region, gender, age)
    for region, age in itertools.product(("019", "202"), ages):
        grid[(region, "total", age)] = grid[(region, "male", age)] + grid[(region, "female", age)]
    for region, gender in itertools.product(("019", "202"), ("male", "female", "total")):
        grid[(region, gender, "all")] = sum(grid[(region, gender, a)] for a in ages)
    for gender, age in itertools.product(("male", "female", "total"), (*ages, "all")):
        grid[("05", gender, age)] = grid[("019", gender, age)] + grid[("202", gender, age)]
    return grid


def _phenomenon_relations(rows, index):
    ages = ("0-17", "18-24", "25-64", "65+")
    for r in rows[["indicator_code", "region_code", "period_label", "gender", "age_group"]].itertuples(index=False):
        ind, region, period, gender, age = r
        if gender == "total":
            yield index[(ind, region, period, gender, age, "instruments", "count", "protected")], [
                index[(ind, region, period, g, age, "instruments", "count", "protected")] for g in ("male", "female")]
        if age == "all":
            yield index[(ind, region, period, gender, age, "instruments", "count", "protected")], [
                index[(ind, region, period, gender, a, "instruments", "count", "protected")] for a in ages]
        if region == "05":
            yield index[(ind, region, period, gender, age, "instruments", "count", "protected")], [
                index[(ind, m, period, gender, age, "instruments", "count", "protected")] for m in ("019", "202")]


def test_one_person_alone_in_municipality_age_and_gender_is_protected_everywhere():
    """The bad-input case: one person, the only woman aged 0–17 in Aura; every margin around her is published
    unless protection says otherwise. Also the issue's instrument example: 0–17 = 3 beside the other bands."""
    grid = _full_grid(lambda region, gender, age: 1 if (region, gender, age) == ("019", "female", "0-17")
                      else (3 if (region, gender, age) == ("202", "male", "0-17") else 12))
    con = duckdb.connect()
    _phenomenon(con, grid)
    protect_snapshot(con, T)
    hidden = {tuple(r[:3]) for r in con.execute(
        "select region_code, gender, age_group from marts.phenomenon_indicators where numerator is null").fetchall()}
    assert ("019", "female", "0-17") in hidden and ("202", "male", "0-17") in hidden
    intervals = _attack(con, "phenomenon_indicators", "numerator", _phenomenon_relations)
    assert intervals and all(hi - lo >= T for lo, hi in intervals.values()), intervals
    assert audit(con, T).passed


def test_derived_values_follow_the_persons_behind_them():
    """A monthly average of 0.083 (one person for one month), a share whose complement is 2, and a share over
    three respondents are all primary, although none of their numerators is a whole 1..4."""
    con = duckdb.connect()
    _phenomenon(con, {("019", "total", "all"): 0.083, ("202", "total", "all"): 40.0, ("05", "total", "all"): 40.083},
                source="client_register", unit="per_1000")
    protect_snapshot(con, T)
    assert con.execute("select numerator from marts.phenomenon_indicators where region_code = '019'").fetchone()[0] is None
    _phenomenon(con, {("019", "total", "all"): 98.0, ("202", "total", "all"): 2.0, ("05", "total", "all"): 100.0},
                unit="percent", denominators={("019", "total", "all"): 100.0, ("202", "total", "all"): 3.0,
                                              ("05", "total", "all"): 103.0})
    protect_snapshot(con, T)
    hidden = dict(con.execute("select region_code, numerator is null from marts.phenomenon_indicators").fetchall())
    assert hidden["019"] and hidden["202"], hidden


def test_same_data_same_pattern_whatever_the_row_order():
    grid = _full_grid(lambda region, gender, age: (hash((region, gender, age)) % 7) + 1)
    patterns = []
    for order in (sorted(grid.items()), sorted(grid.items(), reverse=True)):
        con = duckdb.connect()
        _phenomenon(con, dict(order))
        protect_snapshot(con, T)
        patterns.append(con.execute("select region_code, gender, age_group, numerator from "
                                    "marts.phenomenon_indicators order by all").fetchall())
    assert patterns[0] == patterns[1]


def test_auditor_catches_a_planted_breach():
    con = duckdb.connect()
    _signals(con, {"A": (3, 7, 20), "B": (10, 30, 10), "C": (20, 8, 20)})
    protect_snapshot(con, T)
    assert audit(con, T).passed
    # re-publish one hidden complementary cell: the primary becomes recoverable by subtraction
    hidden = con.execute("select service_area_code, breakdown_value from marts.professional_signals "
                         "where numerator is null and not (service_area_code = 'A' and breakdown_value = 'lieva') "
                         "order by all limit 1").fetchone()
    true = {("A", "lieva"): 3, ("A", "kohtalainen"): 7, ("A", "vakava"): 20, ("B", "lieva"): 10,
            ("B", "kohtalainen"): 30, ("B", "vakava"): 10, ("C", "lieva"): 20, ("C", "kohtalainen"): 8,
            ("C", "vakava"): 20, ("A", "all"): 30, ("B", "all"): 50, ("C", "all"): 48}
    con.execute("update marts.professional_signals set numerator = ?, is_suppressed = false "
                "where service_area_code = ? and breakdown_value = ?", [true[hidden], *hidden])
    report = audit(con, T)
    assert not report.passed and (report.exactly_recoverable or report.too_narrow)
    # and a small count left visible is a breach by itself
    con.execute("update marts.professional_signals set numerator = 3, is_suppressed = false "
                "where service_area_code = 'A' and breakdown_value = 'lieva'")
    assert audit(con, T).visible_breaches >= 1


def test_auditor_refuses_visible_cells_that_break_a_declared_relation():
    """A published total that its visible parts contradict is a structure error (the declaration or the mart is
    wrong), reported as such and refused, also when no cell of the relation is hidden."""
    con = duckdb.connect()
    _signals(con, {"A": (3, 7, 20), "B": (10, 30, 10), "C": (20, 8, 20)})
    protect_snapshot(con, T)
    assert audit(con, T).infeasible_relations == 0
    visible = con.execute("select service_area_code from marts.professional_signals group by all "
                          "having count(numerator) = count(*) order by all limit 1").fetchone()
    assert visible, "a service area with every cell published"
    con.execute("update marts.professional_signals set numerator = numerator + 1 "
                "where service_area_code = ? and breakdown_value = 'all'", visible)
    report = audit(con, T)
    assert report.infeasible_relations >= 1 and not report.passed


def test_two_releases_together(tmp_path: Path):
    """A cell hidden now but shown in the previous release, under unchanged data, is known to the attacker."""
    grid = {"A": (3, 7, 20), "B": (10, 30, 10), "C": (20, 8, 20)}
    previous, current = tmp_path / "previous.duckdb", tmp_path / "current.duckdb"
    for path in (previous, current):
        con = duckdb.connect(str(path))
        _signals(con, grid)
        protect_snapshot(con, T)
        con.close()
    assert audit_file(current, T, previous).passed
    con = duckdb.connect(str(previous))  # an older release that showed a complementary cell
    con.execute("update marts.professional_signals set numerator = 10, is_suppressed = false "
                "where service_area_code = 'B' and breakdown_value = 'lieva'")
    con.close()
    con = duckdb.connect(str(current))
    hidden_b = con.execute("select numerator from marts.professional_signals where service_area_code = 'B' "
                           "and breakdown_value = 'lieva'").fetchone()[0]
    con.close()
    if hidden_b is None:
        # the older release gives B's vakava away on its own (50 − 30 − 10): nothing published now can take that
        # back, so the audit names it a historical disclosure instead of refusing every future release; a cell
        # recovered only by combining the releases is a breach (test_history_aware_protection_...)
        report = audit_file(current, T, previous)
        assert report.historical_disclosures >= 1
        assert {(h["service_area_code"], h["breakdown_value"]) for h in report.historical} >= {("B", "vakava")}


def test_a_release_that_narrows_an_old_leak_further_is_refused(tmp_path: Path):
    """The previous release narrowed A's cells to [10, 13] and [0, 3] on its own (a leak of its own, nothing to do
    now); this release alone protects them (13 wide), but with the old file an outsider gets both exactly (the
    previous release showed C's cells, which close the rectangle): that is this release's breach, not history."""
    def release(path: Path, hidden: list[tuple[str, str]]) -> Path:
        con = duckdb.connect(str(path))
        _signals(con, {"A": (10, 3, 20), "B": (10, 0, 20), "C": (10, 10, 20)})
        for area, severity in hidden:
            con.execute("update marts.professional_signals set numerator = null, denominator = null, value = null, "
                        "is_suppressed = true, suppression_reason = 'disclosure_control' "
                        "where service_area_code = ? and breakdown_value = ?", [area, severity])
        con.close()
        return path

    a_cells = [("A", "lieva"), ("A", "kohtalainen")]
    previous = release(tmp_path / "previous.duckdb", [*a_cells, ("B", "lieva"), ("B", "kohtalainen")])
    current = release(tmp_path / "current.duckdb", [*a_cells, ("C", "lieva"), ("C", "kohtalainen")])
    assert audit_file(current, T).passed
    report = audit_file(current, T, previous)
    assert not report.passed and report.exactly_recoverable == 2 and report.historical_disclosures == 0


def test_development_proposals_are_k_anonymous():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute("""create table marts.development_proposals as
        select 'k' || i as proposal_key, '2025H1' as period_label, 'livelihood' as phenomenon,
               case when i < 9 then 'negative' else 'positive' end as valence,
               case when i < 6 then 'lastensuojelu' else 'ikaantyneet' end as service_area_code,
               'x' as service_area_name_fi, 'sote' as admin_sector,
               case when i = 0 then 'sv' else 'fi' end as language, 'open' as handling_status, true as is_open,
               'text' as proposal_text
        from range(10) t(i)""")
    assert small_classes(con, T) > 0
    anonymise_proposals(con, T)
    assert small_classes(con, T) == 0
    assert con.execute("select count(*) from marts.development_proposals").fetchone()[0] <= 10


def test_failed_audit_keeps_the_last_good_snapshot_byte_for_byte(tmp_path: Path, monkeypatch):
    warehouse = duckdb.connect()
    _signals(warehouse, {"A": (3, 7, 20), "B": (10, 30, 10), "C": (20, 8, 20)})
    out = tmp_path / "published"
    publish_snapshot(warehouse, out, lambda c, p: protect_and_audit(c, p, T))
    good = (out / PUBLISHED_FILE).read_bytes()
    shutil.copytree(out / "parquet", tmp_path / "parquet_before")
    # plant a breach: a protection that forgets to protect
    monkeypatch.setattr("disclosure.guard.protect_snapshot", lambda con, t, **kw: type(
        "S", (), {"seconds": 0.0, "primary": {}, "hidden": {}, "previous_cells": None})())
    with pytest.raises(DisclosureAuditFailed):
        publish_snapshot(warehouse, out, lambda c, p: protect_and_audit(c, p, T))
    assert (out / PUBLISHED_FILE).read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == sorted([PUBLISHED_FILE, "parquet"])
    for f in (tmp_path / "parquet_before").iterdir():
        assert (out / "parquet" / f.name).read_bytes() == f.read_bytes()


def test_a_total_that_counts_more_than_its_published_parts_does_not_give_the_rest_away():
    """The client register's 'all' counts minors, who have no band row: all − the bands would be the number of
    minors receiving social assistance. That unpublished remainder is protected like a cell."""
    con = duckdb.connect()
    cells = {("019", "total", "all"): 20.0, ("019", "total", "18-24"): 6.0, ("019", "total", "25-64"): 6.0,
             ("019", "total", "65+"): 6.0}
    _phenomenon(con, cells, source="client_register", unit="per_1000")
    protect_snapshot(con, T)
    shown = dict(((a, n) for a, n in con.execute(
        "select age_group, numerator from marts.phenomenon_indicators").fetchall()))
    known_remainder = shown["all"] is not None and all(shown[a] is not None for a in ("18-24", "25-64", "65+"))
    assert not known_remainder, shown
    assert audit(con, T).passed


# -- issue 17: the patient ombudsman's contacts, whose phenomenon breakdown overlaps -----------------------------
# Per area: topic counts (a partition of the area's contacts) and phenomenon counts (a contact can concern two
# phenomena; 'none' holds the contacts with none): the phenomena cover the total, they do not add up to it.
OMBUDSMAN_TOPICS = ("hoito_tutkimus", "kohtelu", "asiakasmaksut")
OMBUDSMAN_GRID = {
    "perusterveydenhuolto": ((20, 12, 2), {"none": 31, "livelihood": 3}),
    "mielenterveys_paihde": ((9, 4, 8), {"mental_health": 15, "substance_use": 9}),  # 3 contacts in both
    "erikoissairaanhoito": ((30, 10, 1), {"mental_health": 4, "none": 37}),
}


def _ombudsman_signals(con) -> None:
    con.execute("create schema if not exists marts")
    con.execute("""create or replace table marts.professional_signals (
        source_system varchar, indicator_code varchar, unit varchar, period_label varchar,
        service_area_code varchar, breakdown varchar, breakdown_value varchar,
        value double, numerator double, denominator double, is_suppressed boolean, suppression_reason varchar)""")
    cells: dict[tuple[str, str, str], int] = {}
    for area, (topics, phenomena) in OMBUDSMAN_GRID.items():
        for a in (area, "all"):
            cells[(a, "total", "all")] = cells.get((a, "total", "all"), 0) + sum(topics)
            for topic, n in zip(OMBUDSMAN_TOPICS, topics):
                cells[(a, "topic", topic)] = cells.get((a, "topic", topic), 0) + n
            for phenomenon, n in phenomena.items():
                cells[(a, "phenomenon", phenomenon)] = cells.get((a, "phenomenon", phenomenon), 0) + n
    for (area, breakdown, value), n in cells.items():
        con.execute("insert into marts.professional_signals values ('patient_ombudsman', "
                    "'patient_ombudsman_contacts', 'count', '2025', ?, ?, ?, ?, ?, null, false, null)",
                    [area, breakdown, value, n, n])


def _attack_with_inequalities(con) -> dict[tuple, tuple[float, float]]:
    """The test's own attacker over every cell: topics add up to the area's total, areas to 'all' (equalities);
    the phenomena cover the total: total ≤ Σ phenomena and every phenomenon ≤ total (inequalities)."""
    rows = con.execute("select service_area_code, breakdown, breakdown_value, numerator "
                       "from marts.professional_signals").fetchall()
    index = {r[:3]: i for i, r in enumerate(rows)}
    published = np.array([np.nan if r[3] is None else r[3] for r in rows], dtype=float)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.addVars(len(rows), np.where(np.isnan(published), 0.0, published),
              np.where(np.isnan(published), highspy.kHighsInf, published))

    def row(lower, upper, coefficients: dict[int, float]):
        idx = np.array(list(coefficients), dtype=np.int32)
        h.addRow(lower, upper, len(idx), idx, np.array(list(coefficients.values())))

    inf = highspy.kHighsInf
    for (area, breakdown, value), i in index.items():
        if breakdown == "total":
            topics = [index[(area, "topic", t)] for t in OMBUDSMAN_TOPICS]
            row(0.0, 0.0, {i: -1.0, **{p: 1.0 for p in topics}})
            phenomena = [j for (a, b, _), j in index.items() if a == area and b == "phenomenon"]
            row(-inf, 0.0, {i: 1.0, **{p: -1.0 for p in phenomena}})  # total ≤ Σ phenomena
            for p in phenomena:
                row(-inf, 0.0, {p: 1.0, i: -1.0})  # a phenomenon ≤ total
        if area == "all":
            parts = [index[(a, breakdown, value)] for a in OMBUDSMAN_GRID if (a, breakdown, value) in index]
            row(0.0, 0.0, {i: -1.0, **{p: 1.0 for p in parts}})
    return {rows[i][:3]: b for i, b in _hidden_bounds(h, published).items()}


def test_overlapping_phenomena_of_ombudsman_contacts_recover_no_hidden_cell():
    """Primary cells: asiakasmaksut 2 and 1, kohtelu 4, livelihood 3, mental_health 4. Subtraction over the
    topics and areas, and the phenomena's bounds (a part ≤ its total, the total ≤ the parts' sum), narrow no
    hidden cell below the threshold after protection; the auditor agrees; most of the table stays published."""
    con = duckdb.connect()
    _ombudsman_signals(con)
    protect_snapshot(con, T)
    intervals = _attack_with_inequalities(con)
    for primary in [("perusterveydenhuolto", "topic", "asiakasmaksut"), ("erikoissairaanhoito", "topic",
                    "asiakasmaksut"), ("mielenterveys_paihde", "topic", "kohtelu"),
                    ("perusterveydenhuolto", "phenomenon", "livelihood"),
                    ("erikoissairaanhoito", "phenomenon", "mental_health")]:
        assert primary in intervals, f"{primary} is published"
    for cell, (lo, hi) in intervals.items():
        assert hi - lo >= T, f"{cell} narrowed to [{lo}, {hi}]"
    assert audit(con, T).passed
    visible = con.execute("select count(*) from marts.professional_signals where numerator is not null").fetchone()[0]
    assert visible >= 10, "protection must not hide the whole table"


def test_the_declared_structure_fits_overlapping_phenomena_and_a_sum_would_not():
    """On the true values: the mental-health area's phenomena count 24 for its 21 contacts. Declared as covering
    their total, every relation holds; declared as a sum (as every other breakdown is), two would not."""
    import dataclasses

    from disclosure.marts import structures
    from disclosure.tables import Breakdown, holds, row_relations

    con = duckdb.connect()
    _ombudsman_signals(con)
    cells = con.execute("select * from marts.professional_signals").df()
    declared = next(s for s in structures() if s.table == "professional_signals")
    as_sum = dataclasses.replace(declared, breakdowns=(Breakdown("breakdown", "breakdown_value", "total", "all"),))
    values = cells["numerator"].to_numpy(dtype=float)
    for structure, expected_failures in ((declared, 0), (as_sum, 2)):  # the area and the county
        failures = [(t, kind) for t, parts, kind in row_relations(cells, structure)
                    if not holds(kind, values[t], values[parts])]
        assert len(failures) == expected_failures, failures
def _feedback(con, halves: dict[str, dict[str, int]]) -> None:
    """client_feedback by half-year × service area and its yearly twin, built from the same items (year = H1 + H2);
    only feedback_count is non-zero."""
    con.execute("create schema if not exists marts")
    columns = """period_type varchar, period_label varchar, service_area_code varchar, feedback_count bigint,
        rated_count bigint, rating_count bigint, mean_rating double, score_count bigint, mean_score double,
        low_rating_count bigint, low_rating_share double, text_count bigint, swedish_count bigint,
        is_suppressed boolean, suppression_reason varchar"""
    for table in ("client_feedback", "client_feedback_yearly"):
        con.execute(f"create or replace table marts.{table} ({columns})")
    insert = "insert into marts.{} values (?, ?, ?, ?, 0, 0, null, 0, null, 0, null, 0, 0, false, null)"
    for half, counts in halves.items():
        for area, n in counts.items():
            con.execute(insert.format("client_feedback"), ["half_year", half, area, n])
    for area in sorted({a for counts in halves.values() for a in counts}):
        total = sum(counts.get(area, 0) for counts in halves.values())
        con.execute(insert.format("client_feedback_yearly"), ["year", "2025", area, total])


def test_a_year_minus_its_published_half_does_not_give_the_other_half_away():
    """A has 3 feedback items in 2025H1 (primary) and 12 in H2: unprotected, the yearly 15 − 12 = 3. After
    protection the test's own attacker, knowing year = H1 + H2 for every area, recovers no hidden cell and narrows
    none below the threshold, and the auditor agrees."""
    con = duckdb.connect()
    _feedback(con, {"2025H1": {"A": 3, "B": 10, "C": 20}, "2025H2": {"A": 12, "B": 8, "C": 15}})
    protect_snapshot(con, T)
    rows = con.execute("select period_label, service_area_code, feedback_count from marts.client_feedback "
                       "union all select period_label, service_area_code, feedback_count "
                       "from marts.client_feedback_yearly").fetchall()
    value = {(p, a): v for p, a, v in rows}
    assert value[("2025H1", "A")] is None, "the primary cell is published"
    hidden = {k for k, v in value.items() if v is None}
    for area in ("A", "B", "C"):
        cells = [("2025", area), ("2025H1", area), ("2025H2", area)]
        unknown = [c for c in cells if c in hidden]
        assert len(unknown) != 1, f"{area}: year − half recovers {unknown}"
        if len(unknown) == 2 and ("2025", area) not in unknown:
            assert value[("2025", area)] >= T, f"{area}: both halves hidden under a year below the threshold"
    report = audit(con, T)
    assert report.passed and report.exactly_recoverable == 0


def test_a_corrected_year_whose_witnesses_surround_a_new_small_cell_is_still_published(tmp_path: Path):
    """A re-export corrects 2025: A's H1 6 → 4 (primary now), its H2 12 → 13 and the year 18 → 17. Both changed
    cells the previous release showed are the visible witnesses of their changes, and they are all that
    surrounds the new small cell: year − H2 = 4. Protection releases them (hides the year and H2 too) instead of
    refusing every publish from now on; the auditor passes both views; with this release alone A's H1 is not
    narrowed, and an outsider holding both releases gets only the old 6 (year 18 − H2 12), not today's 4."""
    previous, current = tmp_path / "previous.duckdb", tmp_path / "current.duckdb"
    for path, a in ((previous, (6, 12)), (current, (4, 13))):
        con = duckdb.connect(str(path))
        _feedback(con, {"2025H1": {"A": a[0], "B": 10, "C": 20}, "2025H2": {"A": a[1], "B": 8, "C": 15}})
        con.close()
    assert protect_and_audit(previous, None, T)["hidden_cells"]["client_feedback"] == 0

    report = protect_and_audit(current, previous, T)
    assert report["audit"]["passed"] and report["audit"]["historical_disclosures"] == 0
    con = duckdb.connect(str(current), read_only=True)
    shown = dict(((p, a), v) for p, a, v in con.execute(
        "select period_label, service_area_code, feedback_count from marts.client_feedback union all "
        "select period_label, service_area_code, feedback_count from marts.client_feedback_yearly").fetchall())
    con.close()
    assert shown[("2025H1", "A")] is None, "the primary cell is published"
    a = [shown[(p, "A")] for p in ("2025", "2025H1", "2025H2")]
    assert a.count(None) != 1, f"A: year − half recovers today's cell: {a}"
    assert shown[("2025", "B")] == 18 and shown[("2025H1", "C")] == 20, "unrelated cells stay published"


def _follow_up(con) -> None:
    """phenomenon_indicators (county 05, two half-years, the second hidden by the publish layer already) and
    measures_follow_up, which copies its values before and after a measure."""
    con.execute("create schema if not exists marts")
    con.execute("""create or replace table marts.phenomenon_indicators (
        indicator_code varchar, region_code varchar, period_label varchar, gender varchar, age_group varchar,
        source_system varchar, unit varchar, value double, numerator double, denominator double,
        is_suppressed boolean, suppression_reason varchar, disclosure_control varchar)""")
    con.execute("""insert into marts.phenomenon_indicators values
        ('complaints_cases_livelihood', '05', '2024H1', 'total', 'all', 'complaints', 'count', 115, 115, null,
         false, null, 'protected'),
        ('complaints_cases_livelihood', '05', '2025H2', 'total', 'all', 'complaints', 'count', null, null, null,
         true, 'disclosure_control', 'protected')""")
    con.execute("""create or replace table marts.measures_follow_up (
        handling_id varchar, indicator_code varchar, region_code varchar, baseline_period_label varchar,
        baseline_value double, followup_period_label varchar, followup_value double, county_change double,
        evaluation_status varchar, is_suppressed boolean, suppression_reason varchar)""")
    con.execute("""insert into marts.measures_follow_up values
        ('K1', 'complaints_cases_livelihood', '05', '2024H1', 115, '2025H2', 3, -112, 'on_track', false, null),
        ('K2', null, null, null, null, null, null, null, null, false, null)""")


def test_measures_follow_up_hides_what_phenomenon_indicators_hides():
    """The follow-up value 3 is hidden in phenomenon_indicators (county, total, all): the copy hides it too, with
    the change and the status that would betray it; the visible baseline stays. A value put back is a breach."""
    from disclosure.marts import COPIES
    from disclosure.snapshot import apply_copy

    con = duckdb.connect()
    _follow_up(con)
    assert sum(apply_copy(con, c) for c in COPIES) == 1
    row = con.execute("select baseline_value, followup_value, county_change, evaluation_status, is_suppressed, "
                      "suppression_reason from marts.measures_follow_up where handling_id = 'K1'").fetchone()
    assert row == (115.0, None, None, None, True, "disclosure_control")
    assert audit(con, T).passed
    con.execute("update marts.measures_follow_up set followup_value = 3 where handling_id = 'K1'")
    report = audit(con, T)
    assert not report.passed and report.breaches[0]["mart"] == "measures_follow_up"


# -- issue 17: the new rows (RAI's DRS share, the county's local surveys, partner indicators) ------------------
def _attack_with(con, measure: str, relations) -> dict[tuple, tuple[float, float]]:
    """The test's own attacker over marts.phenomenon_indicators, with equalities ('sum': total = Σ parts) and
    inequalities ('contains': total ≥ Σ parts, what an outsider knows of a survey whose totals also count
    respondents who gave no gender, age or municipality)."""
    rows = con.execute("select * from marts.phenomenon_indicators").df()
    key = ["indicator_code", "region_code", "period_label", "gender", "age_group"]
    index = {tuple(r): i for i, r in enumerate(rows[key].itertuples(index=False))}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    published = rows[measure].to_numpy(dtype=float)
    h.addVars(len(rows), np.where(np.isnan(published), 0.0, published),
              np.where(np.isnan(published), highspy.kHighsInf, published))
    for total, parts, kind in relations(index):
        idx = np.array([index[total], *(index[p] for p in parts)], dtype=np.int32)
        coef = np.array([-1.0] + [1.0] * len(parts))
        h.addRow(-highspy.kHighsInf if kind == "contains" else 0.0, 0.0, len(idx), idx, coef)
    return {tuple(rows.loc[i, key]): b for i, b in _hidden_bounds(h, published).items()}


def _grid_relations(kind: str):
    ages = ("0-17", "18-24", "25-64", "65+")

    def relations(index):
        for ind, region, period, gender, age in list(index):
            if gender == "total":
                yield (ind, region, period, gender, age), [(ind, region, period, g, age) for g in ("male", "female")], kind
            if age == "all":
                yield (ind, region, period, gender, age), [(ind, region, period, gender, a) for a in ages], kind
            if region == "05":
                yield (ind, region, period, gender, age), [(ind, m, period, gender, age) for m in ("019", "202")], kind
    return relations


def _survey_grid(cell_value) -> dict:
    """Like _full_grid, but every total also counts one respondent per margin who gave no gender, age or
    municipality: totals contain their parts (and are larger than their sum)."""
    ages = ("0-17", "18-24", "25-64", "65+")
    known = {(r, g, a): cell_value(r, g, a) for r in ("019", "202") for g in ("male", "female") for a in ages}
    grid = dict(known)
    for r in ("019", "202"):
        for a in ages:
            grid[(r, "total", a)] = known[(r, "male", a)] + known[(r, "female", a)] + 1
        for g in ("male", "female"):
            grid[(r, g, "all")] = sum(known[(r, g, a)] for a in ages) + 1
        grid[(r, "total", "all")] = sum(v for c, v in known.items() if c[0] == r) + len(ages) + 2
    for g in ("male", "female", "total"):
        for a in (*ages, "all"):
            grid[("05", g, a)] = grid[("019", g, a)] + grid[("202", g, a)] + 1
    return grid


def _share_grid(con, numerators: dict, denominators: dict, source: str) -> None:
    _phenomenon(con, numerators, source=source, unit="percent", denominators=denominators)
    con.execute("update marts.phenomenon_indicators set value = 100 * numerator / denominator")


def test_rai_depression_share_is_protected_against_subtraction_in_numerators_and_denominators():
    """RAI's DRS ≥ 3 share (issue 17): its municipalities, genders and ages add up exactly (the 'exact' family).
    One woman aged 0–17 in Aura was assessed and has DRS ≥ 3: her cell (1 of 1) is primary, and no published
    total gives it back, neither in the numerators nor in the denominators (the persons assessed)."""
    numerators = _full_grid(lambda r, g, a: 1 if (r, g, a) == ("019", "female", "0-17") else 6)
    denominators = _full_grid(lambda r, g, a: 1 if (r, g, a) == ("019", "female", "0-17") else 20)
    con = duckdb.connect()
    _share_grid(con, numerators, denominators, "rai_assessments")
    protect_snapshot(con, T)
    hidden = con.execute("select numerator is null and denominator is null and value is null "
                         "from marts.phenomenon_indicators where region_code = '019' and gender = 'female' "
                         "and age_group = '0-17'").fetchone()[0]
    assert hidden
    for measure in ("numerator", "denominator"):
        intervals = _attack_with(con, measure, _grid_relations("sum"))
        assert intervals and all(hi - lo >= T for lo, hi in intervals.values()), (measure, intervals)
    assert audit(con, T).passed


def test_local_survey_respondent_counts_are_protected_and_cannot_be_recomputed():
    """A local survey (issue 17): three women aged 18–24 answered in Kaarina, one with the finding. Their
    respondent count is a protected cell like any count of the county's own data; with the county's totals also
    counting respondents who gave no gender or age (totals contain their parts), no hidden respondent or finding
    count can be narrowed below the threshold."""
    def n(r, g, a):
        return 3 if (r, g, a) == ("202", "female", "18-24") else 40

    def k(r, g, a):
        return 1 if (r, g, a) == ("202", "female", "18-24") else 9

    numerators, denominators = _survey_grid(k), _survey_grid(n)
    con = duckdb.connect()
    _share_grid(con, numerators, denominators, "local_surveys")
    protect_snapshot(con, T)
    small = con.execute("select numerator, denominator, value from marts.phenomenon_indicators "
                        "where region_code = '202' and gender = 'female' and age_group = '18-24'").fetchone()
    assert small == (None, None, None)
    for measure in ("numerator", "denominator"):
        intervals = _attack_with(con, measure, _grid_relations("contains"))
        assert intervals and all(hi - lo >= T for lo, hi in intervals.values()), (measure, intervals)
    assert audit(con, T).passed


def test_partner_counts_are_protected_unless_declared_open_statistics():
    """A partner's count of 3 households is protected; the same 3 from a partner who declared it already
    published open statistics (source_system partner_open_statistics) is passed through as published."""
    con = duckdb.connect()
    _phenomenon(con, {("019", "total", "all"): 3.0, ("202", "total", "all"): 30.0}, source="partner_indicators")
    con.execute("insert into marts.phenomenon_indicators values ('open', '019', '2025', 'total', 'all', "
                "'partner_open_statistics', 'count', 3, 3, null, false, null, 'open_statistics')")
    protect_snapshot(con, T)
    shown = dict(((i, r), n) for i, r, n in con.execute(
        "select indicator_code, region_code, numerator from marts.phenomenon_indicators").fetchall())
    assert shown[("ind", "019")] is None and shown[("open", "019")] == 3
    assert audit(con, T).passed


# --- history-aware protection: the pattern is chosen around what the previous release published ---------------

GRID = {"A": (3, 7, 20), "B": (10, 30, 10), "C": (20, 8, 20)}
# a pattern older code chose for GRID, safe on its own: A's 3 with A's vakava and C's lieva and vakava
OLDER_PATTERN = {("A", "lieva"), ("A", "vakava"), ("C", "lieva"), ("C", "vakava")}
A3 = ("haipro", "haipro_reports", "count", "2025H1", "A", "severity", "lieva")


def _release(path: Path, grid: dict, hidden: set[tuple[str, str]], extra_period: dict | None = None) -> None:
    """A published file of `grid` (2025H1) hiding exactly `hidden` (area, breakdown value), as older code did."""
    con = duckdb.connect(str(path))
    _signals(con, grid)
    for area, value in hidden:
        con.execute("update marts.professional_signals set numerator = null, denominator = null, value = null, "
                    "is_suppressed = true, suppression_reason = 'disclosure_control' "
                    "where service_area_code = ? and breakdown_value = ?", [area, value])
    if extra_period:
        _add_period(con, "2025H2", extra_period)
    con.close()


def _add_period(con, period: str, grid: dict) -> None:
    other = duckdb.connect()
    _signals(other, grid)
    rows = other.execute("select * replace (? as period_label) from marts.professional_signals", [period]).fetchall()
    con.executemany(f"insert into marts.professional_signals values ({', '.join('?' * len(rows[0]))})", rows)


def _candidate(path: Path, grid: dict, extra_period: dict | None = None) -> None:
    con = duckdb.connect(str(path))
    _signals(con, grid)
    if extra_period:
        _add_period(con, "2025H2", extra_period)
    con.close()


def _attack_both(current: Path, previous: Path, tmp_path: Path) -> dict[tuple, tuple[float, float]]:
    """The test's own attacker holding both releases of unchanged data: a value hidden now but shown then is
    known; then every declared total as an equality (one period at a time)."""
    both = tmp_path / "both.duckdb"
    shutil.copy(current, both)
    con = duckdb.connect(str(both))
    con.execute(f"attach '{previous}' as prev (read_only)")
    con.execute("""update marts.professional_signals t set numerator = p.numerator
        from prev.marts.professional_signals p
        where t.numerator is null and p.numerator is not null and t.period_label = p.period_label
          and t.service_area_code = p.service_area_code and t.breakdown_value = p.breakdown_value""")
    con.execute("delete from marts.professional_signals where period_label <> '2025H1'")
    out = _attack(con, "professional_signals", "numerator", _signal_relations)
    con.close()
    return out


@pytest.mark.parametrize("new_period", [None, {"A": (12, 9, 20), "B": (10, 2, 10), "C": (20, 8, 21)}],
                         ids=["upgrade", "new-data"])
def test_history_aware_protection_passes_where_todays_is_refused(tmp_path: Path, new_period):
    """The previous release (older code) hid A's 3 behind a different rectangle than today's code chooses.
    Today's pattern shows nothing of 2025H1 that the old one hid... but hides what the old one showed: with both
    releases C's lieva = 48 − 8 − 20 and then A's 3 = 33 − 10 − 20. Today's protection is refused by the guard's
    audit; history-aware protection keeps what was published visible and passes, and an outsider holding both
    releases recovers no hidden cell."""
    previous = tmp_path / "previous.duckdb"
    _release(previous, GRID, OLDER_PATTERN, new_period and {})
    assert audit_file(previous, T).passed, "the older release was safe on its own"

    today = tmp_path / "today.duckdb"
    _candidate(today, GRID, new_period)
    con = duckdb.connect(str(today))
    protect_snapshot(con, T)  # history-blind, as on main
    con.close()
    refused = audit_file(today, T, previous)
    assert not refused.passed and refused.exactly_recoverable

    current = tmp_path / "current.duckdb"
    _candidate(current, GRID, new_period)
    report = protect_and_audit(current, previous, T)
    assert report["audit"]["passed"] and report["audit"]["historical_disclosures"] == 0
    assert report["history"]["shown_before"] > 0 and report["history"]["historical_disclosures"] == 0
    intervals = _attack_both(current, previous, tmp_path)
    assert A3 in intervals, "the primary cell is published"
    for cell, (lo, hi) in intervals.items():
        assert hi - lo >= T, f"{cell} narrowed to [{lo}, {hi}] with both releases"


def test_history_aware_protection_with_changed_data(tmp_path: Path):
    """The data changed under the old pattern (B's kohtalainen 30 → 31): the old values are no longer today's,
    the change is visible in both releases, and the guard passes without keeping the old pattern."""
    previous = tmp_path / "previous.duckdb"
    _release(previous, GRID, OLDER_PATTERN)
    current = tmp_path / "current.duckdb"
    _candidate(current, {**GRID, "B": (10, 31, 10)})
    report = protect_and_audit(current, previous, T)
    assert report["audit"]["passed"]
    assert report["history"]["changed_partitions"] == 1


def test_a_cell_the_previous_release_showed_and_a_rule_now_forbids_is_hidden_and_reported(tmp_path: Path):
    """An older release showed A's 3 (say the threshold was 3 then). Nothing can take it back: the cell is
    hidden now anyway (with its complements: this release alone must protect it), and the audit reports a historical disclosure
    instead of refusing every future release."""
    previous = tmp_path / "previous.duckdb"
    _release(previous, GRID, set())
    current = tmp_path / "current.duckdb"
    _candidate(current, GRID)
    report = protect_and_audit(current, previous, T)
    assert report["audit"]["passed"] and report["audit"]["historical_disclosures"] == 1
    assert report["history"]["historical_disclosures"] == 1 and report["history"]["shown_before"] == 16
    con = duckdb.connect(str(current), read_only=True)
    hidden = con.execute("select service_area_code, breakdown_value from marts.professional_signals "
                         "where numerator is null").fetchall()
    assert ("A", "lieva") in hidden, "this release alone still protects the cell"


def test_solved_programmes_are_reused_by_content_across_publishes(tmp_path: Path):
    """The attacker's programmes of a component are fixed by its constraints alone: the same component solved
    at the last publish (saved beside the warehouse) is not solved again, whatever its cells' numbers are in
    this snapshot; a component whose published values changed is solved again, and gives its own answer."""
    def grid(offset: int, visible_part: float):
        # total = a + b + c and a = d + e, with a, b and d hidden: two constraints over one component; `offset`
        # visible cells in front renumber the cells
        values = np.array([1.0] * offset + [20.0, 7.0, 20.0 - 15.0 - visible_part + 8.0, visible_part, 4.0, 3.0])
        hidden = np.array([False] * offset + [False, True, True, False, True, False])
        c = np.arange(offset, offset + 6)
        return values, hidden, [Relation(int(c[0]), c[1:4], "sum"), Relation(int(c[1]), c[4:6], "sum")]

    memo_path = tmp_path / "programmes.json"
    first = Memo.load(memo_path)
    iv = feasible_intervals(*grid(0, 8.0), first)
    assert first.solved == 1 and list(iv.lower[1:3]) == [3.0, 0.0] and list(iv.upper[1:3]) == [12.0, 9.0]
    first.save(memo_path)

    again = Memo.load(memo_path)
    moved = feasible_intervals(*grid(5, 8.0), again)
    assert (again.solved, again.hits) == (0, 1)
    assert list(moved.lower[6:8]) == [3.0, 0.0] and list(moved.upper[6:8]) == [12.0, 9.0]
    changed = feasible_intervals(*grid(0, 9.0), again)
    assert again.solved == 1 and list(changed.upper[1:3]) == [11.0, 8.0]


def test_programmes_solved_side_by_side_give_what_one_thread_gives(monkeypatch):
    """The programmes of one attack are solved on several threads: the intervals, the memo and its counts are
    those of one thread, and a programme met twice in the same attack is solved once."""
    values: list[float] = []
    rels: list[Relation] = []
    for k in range(24):  # total = a + b + c and a = d + e with a, b, d hidden; every third one repeats another
        part = float(k % 8 if k % 3 else 3)
        first = len(values)
        values.extend([20.0 + 2 * part, 7.0 + part, 13.0, part, 4.0 + part, 3.0])
        c = np.arange(first, first + 6)
        rels += [Relation(int(c[0]), c[1:4], "sum"), Relation(int(c[1]), c[4:6], "sum")]
    hidden = np.tile([False, True, True, False, True, False], 24)
    runs = []
    for workers in (1, 4):
        monkeypatch.setattr("disclosure.intervals.WORKERS", workers)
        memo = Memo()
        iv = feasible_intervals(np.array(values), hidden, rels, memo)
        runs.append((np.nan_to_num(iv.lower, nan=-1).tolist(), np.nan_to_num(iv.upper, nan=-1).tolist(),
                     memo.solved, memo.hits, sorted(memo.used)))
    assert runs[0] == runs[1]
    assert (runs[0][2], runs[0][3]) == (8, 16)  # 8 distinct programmes among the 24 components


def test_intervals_equal_a_dense_programme_over_every_cell():
    """The production attacker (components, bounds, one constraint in closed form, the programmes' shortcuts)
    against the test's own: one dense LP over every cell of random two-level tables of sums, containers and
    covers (subtotals of parts, and sometimes a grand total of the subtotals)."""
    rng = np.random.default_rng(7)
    inf = highspy.kHighsInf
    for _ in range(200):
        values: list[float] = []
        rels: list[Relation] = []
        subtotals = []
        for _ in range(int(rng.integers(1, 4))):
            kind = str(rng.choice(["sum", "contains", "cover"]))
            parts = rng.integers(0, 12, size=int(rng.integers(2, 5))).astype(float)
            total = {"sum": parts.sum(), "contains": parts.sum() + rng.integers(0, 4),
                     "cover": max(parts.max(), parts.sum() - rng.integers(0, 4))}[kind]
            first = len(values)
            values.extend([float(total), *parts])
            rels.append(Relation(first, np.arange(first + 1, len(values)), kind))
            subtotals.append(first)
        if len(subtotals) > 1 and rng.random() < 0.6:
            values.append(float(sum(values[i] for i in subtotals)))
            rels.append(Relation(len(values) - 1, np.array(subtotals), "sum"))
        values = np.array(values)
        hidden = rng.random(len(values)) < 0.5
        got = feasible_intervals(values, hidden, rels)
        assert got.infeasible == []  # every relation holds, the fully visible ones too

        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.addVars(len(values), np.where(hidden, 0.0, values), np.where(hidden, inf, values))
        for r in rels:
            idx = np.array([r.total, *r.parts], dtype=np.int32)
            lo, hi = {"sum": (0.0, 0.0), "contains": (-inf, 0.0), "cover": (0.0, inf)}[r.kind]
            h.addRow(lo, hi, len(idx), idx, np.array([-1.0] + [1.0] * len(r.parts)))
            for p in r.parts if r.kind == "cover" else ():
                h.addRow(-inf, 0.0, 2, np.array([p, r.total], dtype=np.int32), np.array([1.0, -1.0]))
        for i in np.flatnonzero(hidden):
            ends = []
            for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
                h.changeColCost(int(i), 1.0)
                h.changeObjectiveSense(sense)
                h.run()
                status = h.getModelStatus()
                ends.append(h.getInfo().objective_function_value if status == highspy.HighsModelStatus.kOptimal
                            else float("inf"))
                h.changeColCost(int(i), 0.0)
            assert (got.lower[i], got.upper[i]) == (pytest.approx(ends[0], abs=1e-6),
                                                    pytest.approx(ends[1], abs=1e-6)), (i, rels, values, hidden)


def test_cells_are_read_through_arrow_exactly_as_duckdb_frames_them():
    """`cells.frame` (Arrow, faster on the large marts) must give the very frame `.df()` gives: the same dtypes
    (integers nullable only where a null is), the same values; other types go through `.df()` itself."""
    from disclosure.cells import frame

    con = duckdb.connect()
    con.execute("""create table t as select * from (values
        ('a', 1, 10, 1.5, true, null::boolean, date '2025-01-01', 1.25::decimal(9, 2)),
        (null, null, 20, null, false, true, null, null),
        ('c', 3, 30, 2.0, true, false, date '2025-06-30', 3.00)
    ) as v(s, i_null, i, f, b, b_null, d, dec)""")
    simple = "select s, i_null, i, f, b from t order by i"
    for sql in (simple, "select * from t order by i", "select s, b_null from t", "select i, d from t",
                "select dec from t", "select s, i from t where false"):
        got, expected = frame(con, sql), con.execute(sql).df()
        assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str)), sql
        assert got.equals(expected), sql
    assert str(frame(con, simple)["i_null"].dtype) == "Int32" and str(frame(con, simple)["i"].dtype) == "int32"


@pytest.mark.parametrize("spread_from", [intervals.SPREAD_MIN_CELLS, 2], ids=["large", "every"])
def test_the_auditors_shortcut_gives_the_exact_verdict(monkeypatch, spread_from):
    """The auditor stops solving a cell once the programmes' solutions span the threshold (`enough`): on random
    two-way tables (rows of parts and their totals, and each column's total over the rows) every cell's verdict
    (recoverable exactly, too narrow) is the one exact intervals give, a cell narrower than the threshold keeps
    its exact interval, and a wider one is reported at least the threshold and no wider than it is; so too when
    every component first takes the optima of random objectives (`_spread`, for large components only)."""
    monkeypatch.setattr(intervals, "SPREAD_MIN_CELLS", spread_from)
    rng = np.random.default_rng(11)
    narrow_cells = shortcut_cells = 0
    for _ in range(200):
        values: list[float] = []
        rows: list[Relation] = []
        for _ in range(int(rng.integers(2, 6))):
            parts = rng.integers(0, 12, size=int(rng.integers(2, 6))).astype(float)
            first = len(values)
            values.extend([float(parts.sum()), *parts])
            rows.append(Relation(first, np.arange(first + 1, len(values)), "sum"))
        rels = list(rows)
        for j in range(min(len(r.parts) for r in rows)):
            values.append(float(sum(values[r.parts[j]] for r in rows)))
            rels.append(Relation(len(values) - 1, np.array([r.parts[j] for r in rows]), "sum"))
        values, hidden = np.array(values), rng.random(len(values)) < 0.6
        virtual = np.zeros(len(values), dtype=bool)
        exact = feasible_intervals(values, hidden, rels)
        shown = feasible_intervals(values, hidden, rels, Memo(), enough=T)
        assert (too_narrow(shown, hidden, virtual, T) == too_narrow(exact, hidden, virtual, T)).all()
        narrow = hidden & (exact.width() < T)
        assert np.allclose(shown.lower[narrow], exact.lower[narrow])
        assert np.allclose(shown.upper[narrow], exact.upper[narrow])
        assert (shown.width()[hidden] <= exact.width()[hidden] + 1e-6).all()
        assert (shown.width()[hidden & ~narrow] >= T - 1e-6).all()
        narrow_cells += int(narrow.sum())
        shortcut_cells += int((hidden & (shown.width() < exact.width() - 1e-6)).sum())
    assert narrow_cells > 100 and shortcut_cells > 100  # both kinds of cell, many times


def test_the_audit_of_a_snapshot_just_protected_solves_no_programme_again():
    con = duckdb.connect()
    _signals(con, {"A": (3, 7, 20), "B": (10, 30, 10), "C": (20, 8, 20)})
    memo = Memo()
    protect_snapshot(con, T, memo=memo)
    solved = memo.solved
    report = audit(con, T, memo=memo)
    assert report.passed and report.hidden_items > 0 and memo.solved == solved


def test_a_local_pass_hides_what_a_pass_over_every_relation_in_order_hides():
    """The local pass takes a relation's turn only when it can be weak then (weak at the pass's start, or holding
    a unit hidden earlier in the pass): on random overlapping relations, with units shared by several items and
    cells the previous release showed, it hides exactly what the plain pass over every relation hides."""
    from disclosure import protect
    from disclosure.cells import Items

    def every_relation(items, rels, state, threshold, view):  # the plain pass, the test's own
        changed, attacked = False, state.attacked(view)
        for r in rels:
            hidden = attacked[r.units]
            if hidden.any() and protect._weak(items, r, hidden, threshold) \
                    and protect._hide_complement(items, r, state, threshold, view) is not None:
                changed, attacked = True, state.attacked(view)
        return changed

    rng = np.random.default_rng(5)
    hidden_by_passes = 0
    for _ in range(300):
        n_items = int(rng.integers(6, 40))
        n_units = int(rng.integers(3, n_items + 1))
        unit = rng.integers(0, n_units, n_items)
        relations = []
        for _ in range(int(rng.integers(1, 12))):
            members = rng.choice(n_items, size=int(rng.integers(2, min(6, n_items) + 1)), replace=False)
            relations.append(Relation(int(members[0]), np.sort(members[1:]), "sum"))
        items = Items(value=rng.integers(0, 12, n_items).astype(float), hidden=np.zeros(n_items, dtype=bool),
                      unit=unit, measure=[""] * n_items, relations=relations, units=[("t", u, 0) for u in range(n_units)],
                      unit_primary=rng.random(n_units) < 0.25, virtual=np.zeros(n_items, dtype=bool), tables={})
        rels = protect._sorted_relations(items)
        shown = rng.random(n_units) < 0.2
        passes = (partial(protect._local_pass, items, rels, protect._Flat(items, rels)),
                  partial(every_relation, items, rels))
        for view in ("alone", "both"):
            patterns = []
            for one_pass in passes:
                state = protect._State(items.unit_primary.copy(), np.zeros(n_units, dtype=bool), shown.copy())
                while one_pass(state, T, view):
                    pass
                patterns.append(state.hidden)
            assert (patterns[0] == patterns[1]).all()
            hidden_by_passes += int((patterns[0] & ~items.unit_primary).sum())
    assert hidden_by_passes > 300  # the passes had work to do


def test_relation_index_lists_each_key_s_relations_in_order():
    """protect._Index (the relations of each unit and item, looked up by binary search) gives what a dict of
    lists built relation by relation gives: each key's relations in order, once per relation for units, as often
    as the item occurs for items, and nothing for a key in no relation."""
    from disclosure import protect

    rng = np.random.default_rng(11)
    for _ in range(50):
        members = [rng.integers(0, 30, int(rng.integers(2, 7))) for _ in range(int(rng.integers(1, 40)))]
        keys = np.concatenate(members)
        relation = np.repeat(np.arange(len(members)), [len(m) for m in members])
        by_key: dict[int, list[int]] = {}
        once: dict[int, list[int]] = {}
        for k, m in enumerate(members):
            for i in m.tolist():
                by_key.setdefault(i, []).append(k)
            for i in np.unique(m).tolist():
                once.setdefault(i, []).append(k)
        every, distinct = protect._Index(keys, relation), protect._Index(keys, relation, distinct=True)
        for key in range(-1, 31):
            assert every[key] == by_key.get(key, [])
            assert distinct[key] == once.get(key, [])
