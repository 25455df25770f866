"""The marts laid out as cells: every protected measure of every cell is an *item* (one LP variable when
hidden), items are hidden in units (a cell's group), and the declared relations link items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import repeat

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from disclosure.tables import Link, Relation, Structure, row_relations


@dataclass
class Table:
    structure: Structure
    cells: pd.DataFrame  # key columns, measures, derived, _scope, _primary_<g>, _suppressed
    units: list[np.ndarray] = field(default_factory=list)  # per group: each row's unit, -1 for a row out of scope

    def hidden_rows(self, unit_hidden: np.ndarray) -> list[np.ndarray]:
        """Per group, per row: the row's unit is hidden."""
        return [(unit >= 0) & unit_hidden[np.maximum(unit, 0)] for unit in self.units]


@dataclass
class Items:
    value: np.ndarray
    hidden: np.ndarray
    unit: np.ndarray
    measure: list[str]
    relations: list[Relation]
    units: list[tuple[str, int, int]]  # (table, row, group)
    unit_primary: np.ndarray  # per unit: a primary rule holds
    virtual: np.ndarray  # per item: an unpublished remainder (total − Σ parts of a "contains" relation)
    tables: dict[str, Table]
    item_of: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)  # table → measure → item per row (-1)


def load_cells(con: duckdb.DuckDBPyConnection, structure: Structure, threshold: int,
               schema: str = "marts", columns: frozenset[str] | None = None) -> pd.DataFrame:
    """The mart's cells in key order, with the scope and primary flags evaluated in SQL. `columns`: the names
    the declarations use (`marts.referenced_columns`); other columns are not loaded. None: every column."""
    source = (structure.cells_sql or "select * from {table}").format(table=f"{schema}.{structure.table}")
    extra = [f"coalesce(({structure.scope}), false) as _scope"]
    for g, group in enumerate(structure.groups):
        rules = " or ".join(f"coalesce(({r.format(t=threshold)}), false)" for r in group.primary) or "false"
        extra.append(f"({rules}) as _primary_{g}")
    for m in structure.measures:
        extra.append(f"coalesce(({structure.measure_scope.get(m, 'true')}), false) as _in_{m}")
    extra.append("coalesce(is_suppressed, false) as _suppressed")
    selected = "*"
    if columns is not None:
        names = [d[0] for d in con.execute(f"select * from ({source}) as c limit 0").description]
        selected = ", ".join(f'"{n}"' for n in names if n in columns or n in structure.key)
    order = ", ".join(f'"{k}"' for k in structure.key)
    return frame(con, f"select {selected}, {', '.join(extra)} from ({source}) as c order by {order}")


def _as_in_df(column: pa.ChunkedArray) -> bool:
    """Does Arrow's conversion give this column exactly as `.df()` does (integers once made nullable)?"""
    t = column.type
    return (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_floating(t)
            or pa.types.is_integer(t) or (pa.types.is_boolean(t) and not column.null_count))


_NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
             pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(), pa.uint16(): pd.UInt16Dtype(),
             pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype()}


def frame(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    """The query's rows as DuckDB's `.df()` gives them (strings, floats, booleans, integers: nullable where the
    column holds a null), read through Arrow: about half the time on the large marts, where `.df()` builds a
    Python object per string first. No rows, or a column of any other type (dates, decimals, a boolean with
    nulls, ...): `.df()` itself."""
    table = con.sql(sql).to_arrow_table()
    if not table.num_rows or not all(map(_as_in_df, table.columns)):
        return con.sql(sql).df()
    df = table.to_pandas(types_mapper=_NULLABLE.get)
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_integer(column.type) and not column.null_count:
            df[name] = df[name].astype(column.type.to_pandas_dtype())
    return df


def build_items(con: duckdb.DuckDBPyConnection, structures: list[Structure], threshold: int,
                hidden_from: str, schema: str = "marts", links: tuple[Link, ...] = (),
                columns: frozenset[str] | None = None) -> Items:
    """hidden_from='primary': true values, primary units hidden (the protection's start);
    hidden_from='published': the published file, an item is hidden when its value is null in a suppressed row."""
    values, hidden, unit, measure = [], [], [], []
    relations: list[Relation] = []
    units: list[tuple[str, int, int]] = []
    unit_primary: list[np.ndarray] = []
    tables: dict[str, Table] = {}
    n_items = n_units = 0
    items_of: dict[str, dict[str, np.ndarray]] = {}
    virtual_items: list[int] = []
    for s in structures:
        if s.same_cells:
            continue
        cells = load_cells(con, s, threshold, schema, columns)
        table = Table(s, cells)
        tables[s.label] = table
        rows = np.flatnonzero(cells["_scope"].to_numpy())
        suppressed = cells["_suppressed"].to_numpy()[rows]
        item_of = {m: np.full(len(cells), -1, dtype=np.int64) for m in s.measures}
        items_of[s.label] = item_of
        for g, group in enumerate(s.groups):
            first = n_units
            units.extend(zip(repeat(s.label), rows.tolist(), repeat(g)))
            table.units.append(np.full(len(cells), -1, dtype=np.int64))
            table.units[g][rows] = np.arange(first, first + len(rows))
            unit_primary.append(cells[f"_primary_{g}"].to_numpy()[rows].astype(bool))
            n_units += len(rows)
            for m in group.measures:
                v = pd.to_numeric(cells[m], errors="coerce").to_numpy(dtype=float)[rows]
                missing = np.isnan(v)
                in_scope = cells[f"_in_{m}"].to_numpy()[rows].astype(bool)
                if hidden_from == "published":
                    is_hidden = missing & suppressed
                    keep = in_scope & (~missing | is_hidden)
                else:
                    is_hidden = unit_primary[-1]
                    keep = in_scope & ~missing
                idx = np.flatnonzero(keep)
                item_of[m][rows[idx]] = n_items + np.arange(len(idx))
                values.append(v[idx])
                hidden.append(is_hidden[idx])
                unit.append(first + idx)
                measure.extend([f"{s.label}.{m}"] * len(idx))
                n_items += len(idx)
        scoped = cells.iloc[rows]
        measures = s.measures
        for total, parts, kind in row_relations(scoped, s):
            for m in measures:
                t_item, p_items = item_of[m][total], item_of[m][parts]
                p_items = p_items[p_items >= 0]
                if t_item < 0 or not len(p_items):
                    continue
                relation_kind = kind
                if kind == "contains":
                    # what the total counts outside its published parts (under-18s, unknown municipality) is
                    # a cell of its own, never published: a hidden remainder that must stay protected
                    p_items = np.append(p_items, n_items)
                    units.append((f"{s.label}#remainder", -1, -1))
                    unit_primary.append(np.array([True]))
                    values.append(np.array([np.nan]))
                    hidden.append(np.array([True]))
                    unit.append(np.array([n_units]))
                    measure.append(f"{s.label}.{m}#remainder")
                    virtual_items.append(n_items)
                    n_units += 1
                    n_items += 1
                    relation_kind = "sum"
                relations.append(Relation(int(t_item), p_items, relation_kind))
    matched: dict[tuple[str, str, tuple[str, ...]], pd.DataFrame] = {}
    for link in links:
        relations.extend(_link_relations(con, link, tables, items_of, matched))
    value = _cat(values, float)
    virtual = np.zeros(len(value), dtype=bool)
    virtual[virtual_items] = True
    if hidden_from == "primary":  # the remainders' true values, for choosing complements
        for r in relations:
            v = r.parts[virtual[r.parts]]
            if len(v):
                value[v] = value[r.total] - value[r.parts[~virtual[r.parts]]].sum()
    return Items(value, _cat(hidden, bool), _cat(unit, np.int64), measure, relations, units,
                 _cat(unit_primary, bool), virtual, tables, items_of)


def _cat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.array([], dtype=dtype)


def _link_relations(con, link: Link, tables: dict[str, Table], items_of, matched=None) -> list[Relation]:
    if link.total not in tables or link.parts not in tables:
        return []
    matched = {} if matched is None else matched

    def matching(label: str, where: str, columns: list[str]) -> pd.DataFrame:
        # links of one mart pair (one per measure) select the same rows: selected once, kept in `matched`
        key = (label, where, tuple(columns))
        if key not in matched:
            matched[key] = _matching(con, tables[label].cells, where, columns)
        return matched[key]

    total_items = items_of[link.total]
    total_item = total_items[link.total_measure] if link.total_measure else next(iter(total_items.values()))
    part_item = items_of[link.parts][link.measure]
    totals = matching(link.total, link.total_where, [a for a, _ in link.on])
    parts = matching(link.parts, link.parts_where, [b for _, b in link.on])
    out = []
    part_rows = parts["_row"].to_numpy()
    by_key = {k: part_rows[i] for k, i in parts.groupby([b for _, b in link.on], sort=True).indices.items()}
    for row, *key in totals.itertuples(index=False):
        members = part_item[by_key.get(key[0] if len(key) == 1 else tuple(key), [])]
        members = members[members >= 0]
        if total_item[row] >= 0 and len(members):
            out.append(Relation(int(total_item[row]), np.sort(members), link.kind))
    return out


def _matching(con, cells: pd.DataFrame, where: str, columns: list[str]) -> pd.DataFrame:
    con.register("_link_cells", reading(cells, "_scope", where, *columns).assign(_row=np.arange(len(cells))))
    try:
        return con.execute(f"select _row, {', '.join(columns)} from _link_cells where _scope and ({where}) "
                           f"order by _row").df()
    finally:
        con.unregister("_link_cells")


def reading(cells: pd.DataFrame, *sql: str) -> pd.DataFrame:
    """The columns of `cells` that the SQL texts may read (every word of them that names a column): a narrower
    frame for DuckDB to scan."""
    words = set(re.findall(r"\w+", " ".join(sql)))
    return cells[[c for c in cells.columns if c in words]]


def mart_exists(con: duckdb.DuckDBPyConnection, table: str, schema: str = "marts") -> bool:
    """Is there a table `schema.table` in the connection's own database (not in an attached one)?"""
    return bool(con.execute("select count(*) from duckdb_tables() where database_name = current_database() "
                            "and schema_name = ? and table_name = ?", [schema, table]).fetchone()[0])


def describe(items: Items, item: int) -> dict:
    """The item's measure and its cell's key, for messages and metadata."""
    table, row, _ = items.units[items.unit[item]]
    t = items.tables[table]
    return {"measure": items.measure[item], **{k: plain(t.cells.at[row, k]) for k in t.structure.key}}


def plain(value):
    """A cell value as plain Python for JSON metadata (numpy scalars unwrapped, NaN as None)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value
