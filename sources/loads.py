"""The load ledger, ``raw._loads``: one row per delivered file (or API response) and what became of it.

Every extractor records here, so reconciliation (rows in = accepted + quarantined) and data-period
freshness can be checked the same way for every source.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import duckdb

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
    status varchar not null  -- 'current' | 'superseded' (a corrected re-delivery replaced it)
);
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
        "insert into raw._loads values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current')",
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
        ],
    )
    return load_id


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
