"""Protect a candidate snapshot in place: primary and secondary suppression of every declared mart."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from disclosure.audit import release_cells
from disclosure.cells import build_items, mart_exists, reading
from disclosure.history import protect_with_history
from disclosure.intervals import Memo
from disclosure.marts import APPLY, COPIES, LINKS, PHENOMENON_MARTS, Apply, Copy, referenced_columns, structures
from disclosure.protect import secondary
from disclosure.tables import Structure
from sources.transaction import transaction

REASON = "disclosure_control"


@dataclass
class ProtectionSummary:
    cells: dict[str, int]          # protected units per mart
    primary: dict[str, int]
    hidden: dict[str, int]
    seconds: float
    history: dict[str, int] = field(default_factory=dict)  # units kept visible / known from the previous release
    # the previous release laid out as cells (`audit.release_cells`): the guard's audit reads the same file the same
    # way, and takes it from here instead of reading it again
    previous_cells: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)


def protect_snapshot(con: duckdb.DuckDBPyConnection, threshold: int, schema: str = "marts",
                     previous: str | None = None, memo: Memo | None = None) -> ProtectionSummary:
    """Hide every primary cell and enough complementary cells that no hidden item can be narrowed to an
    interval shorter than `threshold`, then write the pattern into the marts (values null, is_suppressed,
    suppression_reason 'disclosure_control').

    `previous`: an attached database holding the last release. The pattern is then chosen around what it
    published (`disclosure.history`), so that the two releases together reveal no hidden cell. `memo`: solved
    programmes by content (`intervals.Memo`)."""
    started = time.perf_counter()
    declared = [s for s in structures() if mart_exists(con, s.table, schema)]
    items = build_items(con, declared, threshold, hidden_from="primary", schema=schema, links=LINKS,
                        columns=referenced_columns())
    history: dict[str, int] = {}
    old = release_cells(con, declared, previous, threshold) if previous else {}
    if previous:
        unit_hidden, h = protect_with_history(items, declared, old, threshold, memo)
        history = h.summary(items, unit_hidden)
    else:
        unit_hidden = secondary(items, threshold, memo=memo)
    cells: dict[str, int] = {}
    primary: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for u, (name, row, _) in enumerate(items.units):
        if row < 0:  # an unpublished remainder, not a cell of the mart
            continue
        cells[name] = cells.get(name, 0) + 1
        primary[name] = primary.get(name, 0) + int(items.unit_primary[u])
        hidden[name] = hidden.get(name, 0) + int(unit_hidden[u])
    with transaction(con):  # the pattern is written in one transaction: one commit, not one per update
        for s in declared:
            for source in (d for d in declared if not d.same_cells and d.table == (s.same_cells or s.table)):
                table = items.tables[source.label]
                _apply(con, schema, s.table, table.cells, table.hidden_rows(unit_hidden),
                       APPLY.get(source.table, _default_apply(source)))
        for copy in COPIES:
            hidden[copy.table] = hidden.get(copy.table, 0) + apply_copy(con, copy, schema)
    return ProtectionSummary(cells, primary, hidden, time.perf_counter() - started, history, old)


def apply_copy(con: duckdb.DuckDBPyConnection, copy: Copy, schema: str = "marts") -> int:
    """Hide the copied value (and what is built on it) wherever the source's value is hidden; returns the rows."""
    if not (mart_exists(con, copy.table, schema) and mart_exists(con, copy.source, schema)):
        return 0
    on = " and ".join(f't."{a}" = s."{b}"' for a, b in copy.on)
    sets = ", ".join([f'"{c}" = null' for c in (copy.value[0], *copy.also)]
                     + ["is_suppressed = true", f"suppression_reason = '{REASON}'"])
    return con.execute(
        f"update {schema}.{copy.table} as t set {sets} from {schema}.{copy.source} as s "
        f'where {on} and ({copy.source_where}) and s.is_suppressed and s."{copy.value[1]}" is null').fetchone()[0]


def _default_apply(s: Structure) -> tuple[tuple[int, Apply], ...]:
    return tuple((g, Apply("true", s.key, group.measures + group.derived)) for g, group in enumerate(s.groups))


def _apply(con, schema: str, table: str, cells: pd.DataFrame, hidden_rows: list[np.ndarray], applies) -> None:
    """`hidden_rows`: per group, which cells are hidden (`Table.hidden_rows`)."""
    if not any(rows.any() for rows in hidden_rows):
        return
    applies = tuple(a if isinstance(a, tuple) else (None, a) for a in applies)
    flags = ["is_suppressed = true", f"suppression_reason = '{REASON}'"] if _flagged(con, schema, table) else []
    for group, rule in applies:
        picked = np.logical_or.reduce(hidden_rows) if group is None else hidden_rows[group]
        if not picked.any():
            continue
        con.register("_hidden_cells", reading(cells, rule.where, *rule.join)[picked])
        try:
            matches = con.execute(f"select distinct {', '.join(rule.join)} from _hidden_cells "
                                  f"where {rule.where}").df()
        finally:
            con.unregister("_hidden_cells")
        if matches.empty:
            continue
        con.register("_hidden_keys", matches)
        try:
            on = " and ".join(f't."{c}" is not distinct from h."{c}"' for c in rule.join)
            sets = ", ".join([f'"{c}" = null' for c in rule.columns] + flags)
            con.execute(f"update {schema}.{table} as t set {sets} from _hidden_keys as h where {on}")
        finally:
            con.unregister("_hidden_keys")


def _flagged(con, schema: str, table: str) -> bool:
    """Does the mart carry the is_suppressed / suppression_reason pair?"""
    return con.execute("select count(*) from duckdb_columns() where database_name = current_database() "
                       "and schema_name = ? and table_name = ? "
                       "and column_name in ('is_suppressed', 'suppression_reason')", [schema, table]).fetchall()[0][0] == 2


def hidden_share(con: duckdb.DuckDBPyConnection, schema: str = "marts") -> dict[str, float]:
    """Share of the county's own rows suppressed, per declared mart (the information loss, in rows)."""
    out = {}
    for table in dict.fromkeys(s.table for s in structures()):
        if mart_exists(con, table, schema) and _flagged(con, schema, table):
            own = "disclosure_control = 'protected'" if table in PHENOMENON_MARTS else "true"
            n, k = con.execute(f"select count(*), count(*) filter (where is_suppressed) "
                               f"from {schema}.{table} where {own}").fetchone()
            out[table] = round(k / n, 4) if n else 0.0
    return out
