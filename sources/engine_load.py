"""Loading a large delivered file inside DuckDB, with the same rules and the same results as the chunked pandas
path of `sources.landing`.

A source that declares its cleaning as per-column rules (`ColumnRule`: one Cleaner method on one delivered column)
gets both paths from that one declaration:

- `per_column_prepare(rules)` is its pandas `prepare` (small files, cp1252 text, xlsx);
- `stage` + `load_staged` load a UTF-8 CSV at engine speed: DuckDB's CSV reader with explicit (text) types reads
  the file into a temporary table; each rule runs ONCE PER DISTINCT VALUE of its column (the same Cleaner method,
  so the same typed value and the same quarantine reason: a million events hold a few hundred dates and tens of
  thousands of identity codes, each validated and pseudonymised once); DuckDB joins the results back to the rows,
  joins the reasons in rule order and writes raw and quarantine; pandera then checks the contract of what DuckDB
  produced, over the distinct values of each column (its checks are per value, so this is the whole check), and
  any failure quarantines the rows with that value, as the pandas path does.

Anything DuckDB would read differently from pandas is left to pandas, which then reads it or names the problem:
another encoding, a header pandas would rename, or any row DuckDB's strict reader refuses (a short or long row, an
unclosed quote, mixed line endings ...). So the result never depends on which path ran.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from sources.cleaning import Cleaner, quarantine_record
from sources.privacy import redact
from sources.readers import FileFormatError, sniff_delimiter

if TYPE_CHECKING:
    from sources.landing import FileLoad, FileSource, PrepareContext

ROWS = "_engine_rows"
TYPED = "_engine_typed"
REASON = "_reason"
ROW_NUMBER = "_row_number"


@dataclass(frozen=True)
class ColumnRule:
    """One delivered column and the Cleaner call that types it (and only it): `apply(cleaner, ctx)`."""

    column: str
    apply: Callable[[Cleaner, PrepareContext], object]


def per_column_prepare(rules: Sequence[ColumnRule]) -> Callable[[pd.DataFrame, PrepareContext], Cleaner]:
    """The pandas `prepare` of a source whose cleaning is `rules`, applied in order."""

    def prepare(raw: pd.DataFrame, ctx: PrepareContext) -> Cleaner:
        c = Cleaner(raw)
        for rule in rules:
            rule.apply(c, ctx)
        return c

    return prepare


@dataclass(frozen=True)
class Staged:
    columns: dict[str, str]  # delivered column name (stripped, as pandas names it) → the staged table's column


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def stage(con: duckdb.DuckDBPyConnection, source: FileSource, path: Path) -> Staged | None:
    """Read `path` into the temporary table `_engine_rows` (every column as text; rowid = file order) when the
    source declares column rules and DuckDB reads the file exactly as pandas would; else None (pandas reads it).
    Runs before the load's transaction: a file DuckDB refuses leaves nothing behind."""
    if not source.column_rules or path.suffix.lower() not in (".csv", ".txt") or path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        return None  # UTF-16 or binary: the pandas path names the problem
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:  # the head only: DuckDB's reader refuses any invalid UTF-8 further on (then pandas reads the file)
        codecs.getincrementaldecoder(encoding)().decode(head)  # a cut multi-byte character at the end is fine
        with path.open("r", encoding=encoding, newline="") as fh:
            header_line = fh.readline()
        delimiter = sniff_delimiter(path, header_line)
    except (FileFormatError, UnicodeDecodeError):
        return None
    names = [n.strip() for n in header_line.rstrip("\r\n").split(delimiter)]
    if '"' in header_line or "\r" in header_line.rstrip("\r\n") or len(set(names)) != len(names) or not all(names):
        return None  # pandas renames or unquotes such headers its own way
    try:
        source.headers(names, path.name)
    except ValueError:
        return None  # pandas reports it, naming the file
    staged = {n: f"c{i}" for i, n in enumerate(names)}
    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in staged.values()) + "}"
    try:
        con.execute(
            f"create or replace temp table {ROWS} as select * from read_csv(?, delim = ?, header = true, "
            f"quote = '\"', escape = '\"', columns = {columns}, auto_detect = false, strict_mode = true, "
            "null_padding = false, ignore_errors = false, encoding = 'utf-8')",
            [str(path), delimiter],
        )
    except duckdb.Error:
        drop(con)
        return None
    return Staged(staged)


def drop(con: duckdb.DuckDBPyConnection) -> None:
    for table in (ROWS, TYPED):
        con.execute(f"drop table if exists temp.{table}")


def _rule_results(con, staged: Staged, ctx: PrepareContext, index: int, rule: ColumnRule) -> tuple[str, list[str]]:
    """Run one rule over the distinct values of its column and register (value → typed columns, reason) as a
    view; returns the view's name and the typed columns it holds."""
    distinct = con.execute(f"select distinct {staged.columns[rule.column]} as v from {ROWS}").df()
    frame = pd.DataFrame({rule.column: distinct["v"].astype("string")})
    cleaner = Cleaner(frame)
    rule.apply(cleaner, ctx)
    result = cleaner.out.copy()
    result.insert(0, "_value", frame[rule.column])
    result[REASON] = cleaner.reasons.replace("", pd.NA)
    view = f"_engine_rule_{index}"
    con.register(view, result)
    return view, list(cleaner.out.columns)


def _reference_frame(source: FileSource, staged: Staged, ctx: PrepareContext) -> pd.DataFrame:
    """An empty frame with the typed columns and dtypes the pandas path writes (its first load creates raw.<x>)."""
    empty = pd.DataFrame({c: pd.Series([], dtype="string") for c in staged.columns})
    return source.prepare(empty, ctx).out


def load_staged(con: duckdb.DuckDBPyConnection, source: FileSource, path: Path, staged: Staged,
                ctx: PrepareContext, load: FileLoad, load_id: str) -> None:
    """Clean, validate, pseudonymise and write the staged file (inside the caller's transaction)."""
    from sources.landing import _append, validate  # the pandas path's own writer and contract check

    views: list[str] = []
    try:
        typed, joins, reasons = [], [], []
        for i, rule in enumerate(source.column_rules):
            view, outs = _rule_results(con, staged, ctx, i, rule)
            views.append(view)
            joins.append(f"left join {view} m{i} on r.{staged.columns[rule.column]} is not distinct from m{i}._value")
            reasons.append(f"m{i}.{REASON}")
            typed += [f"m{i}.{_q(c)}" for c in outs]
        delivered = ", ".join(f"r.{c} as {c}" for c in staged.columns.values())
        con.execute(
            f"create or replace temp table {TYPED} as select r.rowid + 2 as {ROW_NUMBER}, {', '.join(typed)}, "
            f"nullif(concat_ws('; ', {', '.join(reasons)}), '') as {REASON}, {delivered} "
            f"from {ROWS} r {' '.join(joins)}"
        )
        reference = _reference_frame(source, staged, ctx)
        try:
            _check_contract(con, source, reference, validate)
        except ValueError as exc:
            raise FileFormatError(path, str(exc)) from exc
        _write(con, source, path, staged, reference, load, load_id, _append)
    finally:
        for view in views:
            con.unregister(view)
        drop(con)


def _check_contract(con, source: FileSource, reference: pd.DataFrame, validate) -> None:
    """pandera over what DuckDB produced: the distinct values of each contract column among accepted rows (each
    column padded with its first value to a common length; the contract's checks are per value). A failing value
    quarantines its rows with pandera's reason, as in the pandas path."""
    columns = [c for c in reference.columns if c in source.schema.columns]
    values = {c: con.execute(f"select distinct {_q(c)} from {TYPED} where {REASON} is null").df()[c]
              for c in columns}
    longest = max((len(v) for v in values.values()), default=0)
    if not longest:
        return
    frame = pd.DataFrame({c: pd.concat([v, v.iloc[[0] * (longest - len(v))]], ignore_index=True)
                          for c, v in values.items()})
    frame = frame.astype({c: reference[c].dtype for c in columns})
    failed = validate(source.schema, frame)  # a table-level failure raises ValueError
    parts = {(part.split(": failed ")[0], part, idx) for idx, reason in failed.items() for part in str(reason).split("; ")}
    if not parts:
        return
    order = list(source.schema.columns)
    con.execute(f"alter table {TYPED} add column _contract varchar")
    for column, part, idx in sorted(parts, key=lambda p: (order.index(p[0]), p[1], p[2])):
        value = frame.at[idx, column]
        value = None if pd.isna(value) else value.item() if hasattr(value, "item") else value
        con.execute(
            f"update {TYPED} set _contract = coalesce(_contract || '; ', '') || ? "
            f"where {REASON} is null and {_q(column)} is not distinct from ? "
            "and coalesce(_contract, '') not like '%' || ?",
            [part, value, part],
        )
    con.execute(f"update {TYPED} set {REASON} = _contract where {REASON} is null")


def _write(con, source: FileSource, path: Path, staged: Staged, reference: pd.DataFrame, load: FileLoad,
           load_id: str, append) -> None:
    raw_table = f"raw.{source.name}"
    append(con, raw_table, reference.assign(_file_name=pd.Series([], dtype="string"),
                                            _row_number=pd.Series([], dtype="int64"),
                                            _load_id=pd.Series([], dtype="string")))
    typed = ", ".join(_q(c) for c in reference.columns)
    con.execute(
        f"insert into {raw_table} by name select {typed}, ? as _file_name, {ROW_NUMBER}, ? as _load_id "
        f"from {TYPED} where {REASON} is null order by {ROW_NUMBER}",
        [path.name, load_id],
    )
    delivered = ", ".join(f"{c} as {_q(name)}" for name, c in staged.columns.items())
    rejected = con.execute(f"select {ROW_NUMBER}, {REASON}, {delivered} from {TYPED} where {REASON} is not null "
                           f"order by {ROW_NUMBER}").df()
    append(con, f"quarantine.{source.name}", pd.DataFrame({
        "_file_name": path.name,
        "_row_number": rejected[ROW_NUMBER].astype("int64"),
        "_load_id": load_id,
        "reason": rejected[REASON].astype("string").map(redact, na_action="ignore"),  # reasons quote values
        "record": quarantine_record(rejected[list(staged.columns)].astype("string"), source.identity_columns),
    }))
    rows, quarantined = con.execute(f"select count(*), count({REASON}) from {TYPED}").fetchall()[0]
    load.rows_in += rows
    load.rows_quarantined += quarantined
    load.rows_accepted += rows - quarantined
    for key, n in con.execute(
        f"select split_part(part, ' ''', 1), count(*) from (select unnest(string_split({REASON}, '; ')) as part "
        f"from {TYPED} where {REASON} is not null) group by 1 order by 1"
    ).fetchall():
        load.reasons[key] = load.reasons.get(key, 0) + n
    if source.period_column:
        lo, hi = con.execute(f"select min({_q(source.period_column)}), max({_q(source.period_column)}) "
                             f"from {TYPED} where {REASON} is null").fetchall()[0]
        if lo is not None:
            load.period_start = min(filter(None, [load.period_start, _date(lo)]))
            load.period_end = max(filter(None, [load.period_end, _date(hi)]))


def _date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
