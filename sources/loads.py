"""The load ledger, ``raw._loads``: one row per delivered file (or API response) and what became of it.

Every extractor records here, so reconciliation (rows in = accepted + quarantined) and data-period
freshness can be checked the same way for every source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

# current: the file's rows are in raw/quarantine; superseded: a corrected re-delivery (same name) replaced it;
# rejected: the file could not be read as a whole (nothing loaded, the reason says why; the file stays where it
# is); duplicate: the same content was already loaded under another name (nothing loaded twice).
STATUSES = ("current", "superseded", "rejected", "duplicate")
HANDLED = ("current", "rejected", "duplicate")  # a (file name, content) in one of these is not looked at again

LOADS_DDL = """
create schema if not exists raw;
create schema if not exists quarantine;
create table if not exists raw._loads (
    load_id varchar primary key,
    source varchar not null,
    file_name varchar not null,
    file_hash varchar not null,
    loaded_at timestamp not null,
    rows_in bigint not null,
    rows_accepted bigint not null,
    rows_quarantined bigint not null,
    period_start date,
    period_end date,
    status varchar not null,  -- see STATUSES
    reason varchar  -- why a file was rejected, or which file a duplicate repeats
);
alter table raw._loads add column if not exists reason varchar;
"""


@dataclass(frozen=True)
class LoadRecord:
    source: str
    file_name: str
    file_hash: str
    rows_in: int
    rows_accepted: int
    rows_quarantined: int
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    status: str = "current"
    reason: str | None = None

    @property
    def reconciled(self) -> bool:
        return self.rows_in == self.rows_accepted + self.rows_quarantined


def ensure_ledger(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(LOADS_DDL)


def already_loaded(con: duckdb.DuckDBPyConnection, source: str, file_hash: str) -> bool:
    """True when this exact content was loaded before for this source (a re-delivery)."""
    ensure_ledger(con)
    row = con.execute(
        "select count(*) from raw._loads where source = ? and file_hash = ? and status = 'current'",
        [source, file_hash],
    ).fetchall()
    return bool(row and row[0][0])


def supersede(con: duckdb.DuckDBPyConnection, source: str, file_name: str) -> None:
    """Mark earlier loads of the same file name as superseded (a corrected re-delivery replaces its batch)."""
    con.execute(
        "update raw._loads set status = 'superseded' where source = ? and file_name = ? and status = 'current'",
        [source, file_name],
    )


def record_load(con: duckdb.DuckDBPyConnection, record: LoadRecord) -> str:
    ensure_ledger(con)
    load_id = str(uuid.uuid4())
    con.execute(
        "insert into raw._loads (load_id, source, file_name, file_hash, loaded_at, rows_in, rows_accepted, "
        "rows_quarantined, period_start, period_end, status, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id,
            record.source,
            record.file_name,
            record.file_hash,
            dt.datetime.now(dt.UTC).replace(tzinfo=None),
            record.rows_in,
            record.rows_accepted,
            record.rows_quarantined,
            record.period_start,
            record.period_end,
            record.status,
            record.reason,
        ],
    )
    return load_id


def load_batch(con: duckdb.DuckDBPyConnection, record: LoadRecord, table: str, accepted: pd.DataFrame,
               rejected: pd.DataFrame, *, raw_columns: str, quarantine_columns: str = "*") -> str:
    """Record an API answer in the ledger and write its rows, inside the caller's transaction: the accepted rows,
    stamped with the new load id (`_load_id`), into raw.<table>, the rejected ones into quarantine.<table>.
    `raw_columns` and `quarantine_columns` select from the frame, in the table's column order. Returns the id."""
    load_id = record_load(con, record)
    _insert(con, f"raw.{table}", accepted.assign(_load_id=load_id), raw_columns)
    if len(rejected):
        _insert(con, f"quarantine.{table}", rejected, quarantine_columns)
    return load_id


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, columns: str) -> None:
    con.register("_batch", frame)
    try:
        con.execute(f"insert into {table} select {columns} from _batch")
    finally:
        con.unregister("_batch")


def handled_files(con: duckdb.DuckDBPyConnection, source: str | None = None) -> set[tuple[str, str, str]]:
    """(source, file name, content hash) of every delivery the ledger has dealt with: loaded, rejected or
    recognised as a duplicate. Such a file is not read again until its content changes."""
    rows = con.execute(
        f"select distinct source, file_name, file_hash from raw._loads where status in {HANDLED} "
        "and (? is null or source = ?)", [source, source]).fetchall()
    return {tuple(r) for r in rows}


def read_handled_files(warehouse: Path) -> set[tuple[str, str, str]]:
    """`handled_files` of every source, read from the warehouse file without writing to it. Raises
    duckdb.IOException while a writer holds the file (DuckDB allows one writer or many readers)."""
    if not warehouse.exists():
        return set()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        if not con.execute("select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = '_loads'"
                           ).fetchall()[0][0]:
            return set()
        return handled_files(con)
    finally:
        con.close()


def current_file_with_hash(con: duckdb.DuckDBPyConnection, source: str, file_hash: str) -> str | None:
    """The name under which this exact content is currently loaded, if it is."""
    row = con.execute("select min(file_name) from raw._loads where source = ? and file_hash = ? and status = 'current'",
                      [source, file_hash]).fetchall()
    return row[0][0]


def rejected_files(con: duckdb.DuckDBPyConnection, source: str) -> list[dict]:
    """Files whose latest ledger entry is a rejection: nothing of them is loaded, and the reason says why."""
    rows = con.execute(
        "select file_name, reason, loaded_at from raw._loads where source = ? "
        "qualify row_number() over (partition by file_name order by loaded_at desc) = 1 and status = 'rejected' "
        "order by file_name", [source]).fetchall()
    return [{"file": f, "reason": r, "rejected_at": str(at)} for f, r, at in rows]


def reconcile(con: duckdb.DuckDBPyConnection, source: str) -> list[dict]:
    """Per current load of a file source: rows in = accepted + quarantined, and the raw and quarantine
    tables really hold those rows. Returns the files that do not reconcile (empty = all good). Read-only."""
    loads = con.execute(
        "select file_name, rows_in, rows_accepted, rows_quarantined from raw._loads "
        "where source = ? and status = 'current' order by file_name", [source]).fetchall()
    tables = {r[0] for r in con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() where table_name = ?", [source]).fetchall()}

    def stored(table: str) -> dict[str, int]:
        if table not in tables:
            return {}
        return dict(con.execute(f"select _file_name, count(*) from {table} group by 1").fetchall())

    in_raw, in_quarantine = stored(f"raw.{source}"), stored(f"quarantine.{source}")
    problems = []
    for file_name, rows_in, accepted, quarantined in loads:
        found = (in_raw.get(file_name, 0), in_quarantine.get(file_name, 0))
        if rows_in != accepted + quarantined or found != (accepted, quarantined):
            problems.append({"file": file_name, "rows_in": rows_in, "accepted": accepted,
                             "quarantined": quarantined, "in_raw": found[0], "in_quarantine": found[1]})
    return problems


def source_states(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Per source, a digest of everything its ledger says was delivered (file or response name, content hash,
    status). It moves exactly when a source delivered something new (loaded, corrected, rejected or recognised
    as a duplicate); comparing it with the digest recorded at the last publish tells which sources changed."""
    if not con.execute("select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = '_loads'"
                       ).fetchall()[0][0]:
        return {}
    rows = con.execute("select source, file_name, file_hash, status from raw._loads order by all").fetchall()
    digests: dict[str, hashlib._Hash] = {}
    for source, file_name, file_hash, status in rows:
        digests.setdefault(source, hashlib.sha256()).update(f"{file_name}\0{file_hash}\0{status}\n".encode())
    return {source: digest.hexdigest() for source, digest in digests.items()}
