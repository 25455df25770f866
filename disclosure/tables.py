"""Table structures: how each published mart's cells add up, declared once, and the linear relations they give.

A mart is a set of cells identified by its key columns. Each cell carries one or more *measures* (counts of
persons or cases). Its declared structure says which cells are totals of which:

- a `Hierarchy` on one key column (gender: total = male + female; age group: all = the age bands; area:
  county = its municipalities; an 'all' value of a knowledge mart);
- a `Breakdown`: a (breakdown, breakdown_value) pair of key columns where each breakdown's values add up to
  the row ('total', 'all');
- `Margins`: rows whose key columns are at their total value ('all') in some columns are totals of the rows
  that agree with them on the other columns and are specific in more columns.

Each gives, per measure and per group of cells that agree on all other key columns, a relation:

    total = Σ parts      kind "sum": the parts partition the total
    total ≤ Σ parts      kind "cover": a person or case may be in several parts (several needs or phenomena);
                         every part ≤ total as well
    total ≥ Σ parts      kind "contains": the total also counts cases in no part (gender or age not
                         recorded, municipality unknown)

Cells are hidden in *units*: the measures of a `Group` (for example a count and the share built on it) are
hidden together. Both the protection and the auditor read these declarations; neither guesses relations or
counts from column names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Hierarchy:
    """`column`'s values that are totals of other values of the same column: `parent` maps a part's value to
    its total's value (a dict, or `all_of(total)` for every other value)."""

    column: str
    parent: Mapping[str, str] | Callable[[str], str | None]
    kind: str = "sum"


def all_of(total: str) -> Callable[[str], str | None]:
    """Every value other than `total` is a part of `total` (a margin coded 'all')."""
    return lambda v: None if v == total else total


@dataclass(frozen=True)
class Breakdown:
    """Rows with `kind_column` = k (k != total_kind) are parts of the row with (total_kind, total_value),
    separately for each breakdown k. The relation is `kind`, or `kinds[k]` for a breakdown whose values overlap
    (a case in several phenomena: "cover")."""

    kind_column: str
    value_column: str
    total_kind: str
    total_value: str
    kind: str = "sum"
    kinds: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Margins:
    """Rows are totals of the finer rows that agree with them wherever they are not at their total value.
    `totals` gives each margin column's total value; `multi` the columns where a person or case can be in
    several values (relations over them are "cover"); `ignore` key columns not used in matching."""

    totals: Mapping[str, str]
    multi: frozenset[str] = frozenset()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """Measures hidden together, the values built on them, and the primary rules that hide them.
    `primary` are SQL boolean expressions over the cell row; `{t}` is the threshold."""

    measures: tuple[str, ...]
    derived: tuple[str, ...] = ()
    primary: tuple[str, ...] = ()


@dataclass(frozen=True)
class Structure:
    """One published mart, as the disclosure layer sees it.

    key:          columns identifying a cell.
    groups:       the protected measures, hidden per group.
    scope:        SQL predicate of the rows under protection: the county's own data (open statistics are not).
    measure_scope: SQL predicate limiting a measure to some rows (a denominator that is open population data).
    cells_sql:    how the mart is laid out as cells, when its rows are not its cells (`{table}` = the mart).
    same_cells:   another mart whose pattern this one copies by key (it holds a subset of that mart's rows).
    name:         when one mart is declared in parts (scopes with different relation kinds), each part's name.
    """

    table: str
    key: tuple[str, ...]
    name: str = ""
    groups: tuple[Group, ...] = ()
    hierarchies: tuple[Hierarchy, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    margins: Margins | None = None
    scope: str = "true"
    measure_scope: Mapping[str, str] = field(default_factory=dict)
    cells_sql: str | None = None
    same_cells: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.table

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(m for g in self.groups for m in g.measures)


@dataclass(frozen=True)
class Link:
    """A total published in one mart over cells of another: each row of `total` (a structure's label) that
    matches `total_where` is the total of `measure` over the rows of `parts` that match `parts_where` and agree
    on `on` (pairs of total column, part column). The total is the total structure's `total_measure` (by
    default its first measure)."""

    total: str
    total_where: str
    parts: str
    parts_where: str
    measure: str
    on: tuple[tuple[str, str], ...]
    kind: str = "sum"
    total_measure: str | None = None  # the total structure's measure; None: its first


@dataclass
class Relation:
    total: int
    parts: np.ndarray
    kind: str


def row_relations(cells: pd.DataFrame, structure: Structure) -> list[tuple[int, np.ndarray, str]]:
    """Every (total row, part rows, kind) the structure declares among `cells` (rows indexed 0..n-1)."""
    out: list[tuple[int, np.ndarray, str]] = []
    key = list(structure.key)
    for h in structure.hierarchies:
        codes, values = pd.factorize(cells[h.column], use_na_sentinel=False)  # each value's parent once
        parent = pd.Series(np.array([_parent(h, v) for v in values], dtype=object)[codes], index=cells.index)
        out.extend(_grouped(cells, [c for c in key if c != h.column], h.column, parent, h.kind))
    for b in structure.breakdowns:
        is_part = cells[b.kind_column] != b.total_kind
        others = [c for c in key if c not in (b.kind_column, b.value_column)]
        parts = cells.loc[is_part, others + [b.kind_column]]
        wanted = parts[others].assign(**{b.kind_column: b.total_kind, b.value_column: b.total_value})
        totals = _find(cells, others + [b.kind_column, b.value_column], wanted)
        kind_code, kinds = pd.factorize(parts[b.kind_column], sort=True)  # a null breakdown: no relation
        found = (totals >= 0) & (kind_code >= 0)
        for total, members, k in _split(totals[found], parts.index.to_numpy()[found], kind_code[found]):
            out.append((total, members, b.kinds.get(kinds[k], b.kind)))
    if structure.margins is not None:
        out.extend(_margin_relations(cells, structure.key, structure.margins))
    return out


def _parent(h: Hierarchy, value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return h.parent(value) if callable(h.parent) else h.parent.get(value)


def _codes(values: pd.Series, nulls_match: bool) -> np.ndarray:
    """Integer codes, equal where the values are equal; the nulls share one code when `nulls_match`, else each
    has its own."""
    codes, uniques = pd.factorize(values)
    null = codes < 0
    codes[null] = len(uniques) if nulls_match else -1 - np.arange(null.sum())
    return codes


def _key(frame: pd.DataFrame, columns: list[str], nulls_match: dict[str, bool]) -> np.ndarray:
    """Each row's values in `columns` as one integer, equal where all the values are (see `_codes`)."""
    if not columns:
        return np.zeros(len(frame), dtype=np.int64)
    codes = pd.DataFrame({c: _codes(frame[c], nulls_match[c]) for c in columns})
    return codes.groupby(columns, sort=False).ngroup().to_numpy()


def _find(cells: pd.DataFrame, columns: list[str], wanted: pd.DataFrame) -> np.ndarray:
    """For each row of `wanted`, the label of the last row of `cells` with the same values in `columns`, or -1:
    what a dict over the rows' tuples finds. A null matches a null (None, NA, NaT, a string column's NaN: one
    object each), except a float column's NaN (a new float per row, and NaN != NaN)."""
    nulls_match = {c: not (isinstance(cells[c].dtype, np.dtype) and cells[c].dtype.kind == "f") for c in columns}
    n = len(cells)
    key = _key(pd.concat([cells[columns], wanted[columns]], ignore_index=True), columns, nulls_match)
    row = np.full(key.max() + 1 if len(key) else 0, -1, dtype=np.int64)
    seen, last = np.unique(key[:n][::-1], return_index=True)
    row[seen] = cells.index.to_numpy()[n - 1 - last]
    return row[key[n:]]


def _split(totals: np.ndarray, parts: np.ndarray, groups: np.ndarray) -> list[tuple[int, np.ndarray, int]]:
    """(total, its sorted parts, group) per distinct (total, group), in that order."""
    if not len(totals):
        return []
    order = np.lexsort((parts, groups, totals))
    totals, parts, groups = totals[order], parts[order], groups[order]
    starts = np.flatnonzero(np.r_[True, (totals[1:] != totals[:-1]) | (groups[1:] != groups[:-1])])
    ends = np.r_[starts[1:], len(totals)]
    return [(int(totals[a]), parts[a:b], groups[a]) for a, b in zip(starts, ends)]


def _grouped(cells, others, column, parent, kind):
    has_parent = parent.notna()
    if not has_parent.any():
        return []
    parts = cells.loc[has_parent, others].assign(**{column: parent[has_parent].to_numpy()})
    totals = _find(cells, others + [column], parts)
    found = totals >= 0
    members = parts.index.to_numpy()[found]
    return [(t, p, kind) for t, p, _ in _split(totals[found], members, np.zeros(len(members), dtype=np.int64))]


def _margin_relations(cells: pd.DataFrame, key: tuple[str, ...], m: Margins):
    dims = list(m.totals)
    fixed = [c for c in key if c not in dims and c not in m.ignore]
    specific = pd.DataFrame({d: cells[d].ne(m.totals[d]) for d in dims})
    patterns = specific.apply(tuple, axis=1)
    by_pattern = sorted(cells.groupby(patterns, sort=True).indices.items())  # pattern → row positions
    labels = cells.index.to_numpy()
    out = []
    for coarse, coarse_rows in by_pattern:
        on = fixed + [d for d, c in zip(dims, coarse) if c]
        # as the groupby's lookup by a row's tuple finds them: its null group's key is NaN, which only a string
        # column's NaN (the same object) matches
        row_key = _key(cells, on, {c: getattr(cells[c].dtype, "na_value", None) is np.nan for c in on})
        for fine, fine_rows in by_pattern:
            extra = [d for d, c, f in zip(dims, coarse, fine) if f and not c]
            if not extra or any(c and not f for c, f in zip(coarse, fine)):
                continue
            kind = "cover" if set(extra) & m.multi else "sum"
            # the fine rows in (key, label) order: each coarse row's parts are one run of its key
            order = np.lexsort((labels[fine_rows], row_key[fine_rows]))
            fine_key, fine_labels = row_key[fine_rows][order], labels[fine_rows][order]
            starts = np.searchsorted(fine_key, row_key[coarse_rows], side="left")
            ends = np.searchsorted(fine_key, row_key[coarse_rows], side="right")
            out.extend((int(labels[i]), fine_labels[a:b], kind) for i, a, b in zip(coarse_rows, starts, ends) if b > a)
    return out


def holds(kind: str, total: float, parts: np.ndarray, tolerance: float = 1e-6) -> bool:
    """Does a relation of this kind hold for these true values?"""
    if kind == "sum":
        return abs(total - parts.sum()) <= tolerance
    if kind == "contains":
        return parts.sum() <= total + tolerance
    return total <= parts.sum() + tolerance and bool((parts <= total + tolerance).all())
