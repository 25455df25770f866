"""The auditor: attacks a published snapshot with nothing but the file and the declared table structures.

For every protected item hidden in the file (null in a suppressed row) it computes the feasible interval
from every published value and every declared relation (linear programmes, HiGHS), and it looks for what a
primary rule forbids in what is visible. It does not call the protection code: hidden cells are read from the
file's nulls, not from any flag the protection kept.

An interval is solved exactly until it is shown to be at least the threshold wide (the programmes' solutions so
far span that much: `feasible_intervals(enough=threshold)`). The verdict (recoverable exactly, too narrow) is
the exact one, and a snapshot the protection just made costs the auditor no new programme: the protection asked
the same question of the same programmes (`intervals.Memo`).

It can also attack two releases together: where a group of cells (same mart, same key apart from the totals'
dimensions) shows the same visible values in both, the data under it did not change, so a value published in
either release is known in both.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from disclosure.cells import Items, build_items, describe, load_cells, mart_exists, plain
from disclosure.intervals import Memo, feasible_intervals, too_narrow
from disclosure.marts import COPIES, LINKS, referenced_columns, structures
from disclosure.proposals import small_classes
from disclosure.tables import Structure

TOLERANCE = 1e-6


@dataclass
class AuditReport:
    protected_items: int = 0
    hidden_items: int = 0
    exactly_recoverable: int = 0
    too_narrow: int = 0
    # over hidden cells not pinned to zero: exact when below the threshold, else the narrowest width shown (a lower
    # bound: an interval shown to be at least the threshold wide is not solved further); so too in `weakest`
    narrowest_width: float | None = None
    known_zeros: int = 0  # hidden cells an attacker can tell are 0 (allowed: a zero tells nothing about a person)
    visible_breaches: int = 0
    infeasible_relations: int = 0
    historical_disclosures: int = 0  # hidden values the previous release showed that a primary rule forbids now,
    # or narrowed below the threshold on its own under today's declared relations: reported, not refused
    seconds: float = 0.0
    per_mart: dict[str, dict] = field(default_factory=dict)
    weakest: list[dict] = field(default_factory=list)
    breaches: list[dict] = field(default_factory=list)
    historical: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not (self.exactly_recoverable or self.too_narrow or self.visible_breaches or self.infeasible_relations)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["passed"] = self.passed
        return d


def audit_file(path: Path, threshold: int, previous: Path | None = None, memo: Memo | None = None,
               previous_cells: dict[str, pd.DataFrame] | None = None) -> AuditReport:
    """Attack the file alone, and together with the `previous` release. `memo`: programmes solved before, by
    content (`intervals.Memo`): the same programme has the same solution, whoever solved it. `previous_cells`:
    the `previous` release laid out as cells by `release_cells`, when the caller read it already (the guard's
    protection reads it with this same function); else it is read here."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        items = _published_items(con, threshold)
        report = audit(con, threshold, memo=memo, items=replace(items, value=items.value.copy(),
                                                                  hidden=items.hidden.copy()))
        if previous is not None and previous.exists():
            con.execute(f"attach '{previous}' as previous (read_only)")
            _merge(report, audit(con, threshold, known_from="previous", memo=memo, items=items,
                                 previous_cells=previous_cells, file_checks=False), "with previous release")
        return report
    finally:
        con.close()


def audit(con: duckdb.DuckDBPyConnection, threshold: int, known_from: str | None = None,
          memo: Memo | None = None, items: Items | None = None,
          previous_cells: dict[str, pd.DataFrame] | None = None, file_checks: bool = True) -> AuditReport:
    """`items`: the file laid out as cells (`_published_items`), when the caller has it already; revealing what
    a previous release showed changes it. `previous_cells`: the release `known_from` laid out as cells
    (`release_cells`), when the caller has it already. `file_checks`: also check what the file shows (visible
    values a primary rule forbids, copied marts, proposals), which is the same with or without a previous
    release: `audit_file` runs them with the first attack only."""
    started = time.perf_counter()
    declared = _declared(con)
    items = _published_items(con, threshold) if items is None else items
    report = AuditReport()
    if known_from:
        old = release_cells(con, declared, known_from, threshold) if previous_cells is None else previous_cells
        shown, known = _reveal_unchanged(items, declared, old, report)
    hidden = items.hidden.copy()
    iv = feasible_intervals(np.nan_to_num(items.value), hidden, items.relations, memo, enough=threshold)
    width = iv.width()
    report.protected_items = int((~items.virtual).sum())
    report.hidden_items = int((hidden & ~items.virtual).sum())
    report.infeasible_relations = len(iv.infeasible)
    exact = hidden & ~items.virtual & (width < TOLERANCE) & (iv.upper > TOLERANCE)  # known zeros aside
    narrow = too_narrow(iv, hidden, items.virtual, threshold, TOLERANCE)
    historical = np.zeros(len(hidden), dtype=bool)
    if known_from and (exact | narrow).any():
        historical = _historical(items, shown, known, exact | narrow, width, threshold)
        exact, narrow = exact & ~historical, narrow & ~historical
        report.historical_disclosures += int(historical.sum())
        for i in np.flatnonzero(historical)[:10]:
            report.historical.append({**describe(items, int(i)), "lower": float(iv.lower[i]),
                                      "upper": float(iv.upper[i]), "previous_release_alone": True})
    report.exactly_recoverable = int(exact.sum())
    report.too_narrow = int(narrow.sum())
    report.known_zeros = int((hidden & ~items.virtual & (iv.upper <= TOLERANCE)).sum())
    published = hidden & ~items.virtual & (iv.upper > TOLERANCE) & ~historical
    if published.any():
        report.narrowest_width = float(width[published].min())
    for i in np.flatnonzero(published)[np.argsort(width[published], kind="stable")][:10]:
        report.weakest.append({**describe(items, int(i)), "lower": float(iv.lower[i]), "upper": float(iv.upper[i])})
    marts, of_item = np.unique([x.split(".")[0] for x in items.measure], return_inverse=True)
    for k, m in enumerate(marts.tolist()):
        mart = of_item == k
        mine = mart & ~items.virtual
        report.per_mart[m] = {
            "protected_items": int(mine.sum()), "hidden_items": int((mine & hidden).sum()),
            "exactly_recoverable": int((mine & exact).sum()), "too_narrow": int((mart & narrow).sum()),
            "narrowest_width": float(width[mine & hidden].min()) if (mine & hidden).any() else None,
        }
    if file_checks:
        _visible_rules(con, items, declared, threshold, report)
        _same_cells(con, declared, report)
        _copies(con, report)
        if mart_exists(con, "development_proposals"):
            rare = small_classes(con, threshold)
            if rare:
                report.visible_breaches += rare
                report.breaches.append({"mart": "development_proposals", "rows_in_classes_below_threshold": rare})
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _declared(con) -> list[Structure]:
    return [s for s in structures() if not s.same_cells and mart_exists(con, s.table)]


def _published_items(con, threshold: int) -> Items:
    return build_items(con, _declared(con), threshold, hidden_from="published", links=LINKS,
                       columns=referenced_columns())


def _visible_rules(con, items: Items, declared: list[Structure], threshold: int, report: AuditReport) -> None:
    """A visible value that a primary rule forbids: a count 1..threshold-1, a share whose complement is small,
    a mean or median over too few cases."""
    for s in declared:
        cells = items.tables[s.label].cells
        scoped = cells[cells["_scope"]]
        for g, group in enumerate(s.groups):
            flagged = scoped[scoped[f"_primary_{g}"]]
            columns = list(group.measures + group.derived)
            shown = flagged[columns].notna().any(axis=1) if columns else flagged.index == flagged.index
            for row in flagged.index[shown.to_numpy()]:
                report.visible_breaches += 1
                if len(report.breaches) < 20:
                    report.breaches.append({"mart": s.label, "group": g,
                                            **{k: plain(cells.at[row, k]) for k in s.key}})


def _same_cells(con, declared: list[Structure], report: AuditReport) -> None:
    """A mart that copies another's cells must hide exactly what the other hides."""
    for s in structures():
        if not s.same_cells or not mart_exists(con, s.table):
            continue
        key = ", ".join(s.key)
        n = con.execute(
            f"select count(*) from marts.{s.table} a join marts.{s.same_cells} b using ({key}) "
            f"where a.numerator is distinct from b.numerator or a.value is distinct from b.value "
            f"or a.is_suppressed is distinct from b.is_suppressed").fetchone()[0]
        if n:
            report.visible_breaches += n
            report.breaches.append({"mart": s.table, "differs_from": s.same_cells, "rows": n})


def _copies(con, report: AuditReport) -> None:
    """A mart that repeats another's published values must show exactly what the other shows: a value hidden
    there and visible here (or different) is a breach."""
    for c in COPIES:
        if not (mart_exists(con, c.table) and mart_exists(con, c.source)):
            continue
        on = " and ".join(f't."{a}" = s."{b}"' for a, b in c.on)
        n = con.execute(f"select count(*) from marts.{c.table} as t join marts.{c.source} as s on {on} "
                        f'where ({c.source_where}) and t."{c.value[0]}" is distinct from s."{c.value[1]}"').fetchone()[0]
        if n:
            report.visible_breaches += n
            report.breaches.append({"mart": c.table, "column": c.value[0], "differs_from": c.source, "rows": n})


def _reveal_unchanged(items: Items, declared: list[Structure], old: dict[str, pd.DataFrame],
                      report: AuditReport) -> tuple[Shown, np.ndarray]:
    """Fill in what the previous release showed, where the data under a partition did not change. A revealed
    value that a primary rule forbids is a historical disclosure: the previous release published it, nothing
    can take it back; it is counted (`historical_disclosures`), not refused, and attacked as known."""
    shown = previously_shown(items, declared, old, items.hidden, every=True)
    known = np.zeros(len(items.value), dtype=bool)
    known[list(shown.values)] = True
    for i, v in shown.values.items():
        if items.hidden[i]:
            items.hidden[i] = False
            items.value[i] = v
    forbidden = sorted(shown.forbidden)
    report.historical_disclosures = len(forbidden)
    for i in forbidden[:10]:
        report.historical.append({**describe(items, i), "value": shown.values[i]})
    return shown, known


def _historical(items: Items, shown: Shown, known: np.ndarray, flagged: np.ndarray, width: np.ndarray,
                threshold: int) -> np.ndarray:
    """Of the `flagged` hidden items (narrow with both releases; `width`: their intervals' widths then), those
    the previous release alone already narrows below the threshold under today's declared relations (e.g. a
    yearly total whose two halves it showed) AND this release narrows no further: nothing published now can
    protect them, they are historical disclosures, not breaches of this release. A cell this release narrows
    more than the previous one did (say from 3 wide to exact) stays a breach. The attacker here knows only what
    the previous release showed (for unchanged data)."""
    values = np.zeros(len(items.value))
    values[known] = [shown.values[i] for i in np.flatnonzero(known)]
    iv = feasible_intervals(values, ~known, items.relations, only=flagged)
    alone = too_narrow(iv, ~known, items.virtual, threshold, TOLERANCE)
    return flagged & alone & (width >= iv.width() - TOLERANCE)


@dataclass
class Shown:
    values: dict[int, float]  # item → the value the previous release showed
    forbidden: set[int]       # of those, items whose shown value a primary rule forbids (at this threshold)


def release_cells(con, declared: list[Structure], previous: str, threshold: int) -> dict[str, pd.DataFrame]:
    """The `previous` release (an attached database) laid out as cells, per declared structure it holds: read
    once, then used by every reveal."""
    out = {}
    for s in declared:
        if s.same_cells:
            continue
        try:
            out[s.label] = load_cells(con, s, threshold, schema=f"{previous}.marts", columns=referenced_columns())
        except duckdb.Error:  # a mart the previous release did not have
            continue
    return out


def previously_shown(items: Items, declared: list[Structure], old_cells: dict[str, pd.DataFrame],
                     hidden: np.ndarray, every: bool = False) -> Shown:
    """The items hidden under the pattern `hidden` that the previous release (`old_cells`, from `release_cells`) showed,
    where the data under their partition did not change: every value visible in both releases is equal (a
    partition = the cells that agree outside the totals' dimensions). The auditor reveals them; the protection
    (`disclosure.history`) checks its pattern with this same function, the auditor never calls the protection.
    `every`: also the items visible under the pattern (what the previous release alone tells)."""
    shown = Shown({}, set())
    for s in declared:
        if s.same_cells or s.label not in items.tables or s.label not in old_cells:
            continue
        table = items.tables[s.label]
        old = old_cells[s.label]
        key = list(s.key)
        item_of = items.item_of[s.label]
        current = table.cells[key + list(s.measures)].reset_index()
        rows = current["index"].to_numpy()
        for m in s.measures:  # the values as published under the pattern: null where hidden
            current.loc[_hidden_under(item_of[m][rows], hidden), m] = None
        flags = [f"_primary_{g}" for g in range(len(s.groups))]
        merged = current.merge(old[key + list(s.measures) + flags], on=key, how="inner", suffixes=("", "_old"))
        part = [k for k in key if k not in total_columns(s)]
        for m in s.measures:
            both = merged[m].notna() & merged[f"{m}_old"].notna()
            merged[f"_changed_{m}"] = both & (merged[m] != merged[f"{m}_old"])
        changed = merged.groupby(part, dropna=False)[[f"_changed_{m}" for m in s.measures]].transform("any")
        for g, group in enumerate(s.groups):
            for m in group.measures:
                reveal = merged[(merged[m].isna() | every) & merged[f"{m}_old"].notna() & ~changed.any(axis=1)]
                idx = item_of[m][reveal["index"].to_numpy()]
                pick = idx >= 0
                pick[pick] = every | hidden[idx[pick]]
                idx = idx[pick]
                shown.values.update(zip(idx.tolist(), reveal[f"{m}_old"].to_numpy(dtype=float)[pick].tolist()))
                primary = reveal[f"_primary_{g}"].to_numpy(dtype=bool)[pick]
                shown.forbidden.update(idx[primary & hidden[idx]].tolist())
    return shown


def _hidden_under(items: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """Per row: its item (-1: none) is hidden under the pattern."""
    out = items >= 0
    out[out] = hidden[items[out]]
    return out


def total_columns(s: Structure) -> set[str]:
    cols = {h.column for h in s.hierarchies} | {c for b in s.breakdowns for c in (b.kind_column, b.value_column)}
    if s.margins is not None:
        cols |= set(s.margins.totals) | set(s.margins.ignore)
    return cols


def _merge(report: AuditReport, other: AuditReport, label: str) -> None:
    report.exactly_recoverable += other.exactly_recoverable
    report.too_narrow += other.too_narrow
    if other.narrowest_width is not None:
        report.narrowest_width = min(report.narrowest_width or other.narrowest_width, other.narrowest_width)
    report.historical_disclosures += other.historical_disclosures
    report.historical.extend(other.historical)
    report.per_mart[label] = {"exactly_recoverable": other.exactly_recoverable, "too_narrow": other.too_narrow,
                              "narrowest_width": other.narrowest_width,
                              "historical_disclosures": other.historical_disclosures}
    report.weakest.extend({**w, "release": label} for w in other.weakest[:5])
