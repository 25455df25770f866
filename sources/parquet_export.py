"""Raw tables as Parquet files: how the extract layer's output reaches a distributed engine (the dbt `spark`
target). The extractors write DuckDB `raw.*`; before a Spark build, every raw table (the load ledger
`raw._loads` included) is copied to `<out_dir>/raw.<table>.parquet`, then `<out_dir>/export_manifest.parquet`
lists them (table_name, file_name, row_count, exported_at). dbt's on-run-start hook on Spark
(`macros/cross_db.sql: register_raw_parquet`) reads the manifest and puts a `raw.<table>` view over each file,
so Spark sees exactly the raw tables DuckDB has (a source that was never extracted is missing on both).

Why `raw.<table>.parquet` and not `<table>.parquet`: Spark (like every Hadoop file reader) silently ignores
files whose name starts with `_` or `.`, so `_loads.parquet` would be invisible to it.

Each file is written beside its final name and renamed into place, so a Spark job that is reading the
previous export never sees a half-written file. A file whose raw table no longer exists is removed.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

RAW_SCHEMA = "raw"
PARQUET_SUFFIX = ".parquet"
FILE_PREFIX = RAW_SCHEMA + "."
MANIFEST_FILE = "export_manifest.parquet"


def parquet_file_name(table: str) -> str:
    """`raw.<table>.parquet`: the file of one raw table (macros/cross_db.sql builds the same name)."""
    return f"{FILE_PREFIX}{table}{PARQUET_SUFFIX}"


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the tables of the `raw` schema of the connection's current database, sorted."""
    rows = con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() and schema_name = ? "
        "order by table_name", [RAW_SCHEMA]).fetchall()
    return [r[0] for r in rows]


def export_raw_to_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path | str) -> dict[str, int]:
    """Copy every `raw.*` table to `out_dir/raw.<table>.parquet` (one file per table, replaced atomically).

    Returns {table: rows written}. Exported files in `out_dir` whose table is gone are deleted, so the
    directory always mirrors the raw schema; other files are left alone."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in raw_tables(con):
        final = out / parquet_file_name(table)
        tmp = out / f".{parquet_file_name(table)}.tmp"
        tmp.unlink(missing_ok=True)
        try:
            con.execute(
                f"copy (select * from {RAW_SCHEMA}.{_quote_identifier(table)}) to {_quote_literal(str(tmp))} "
                "(format parquet, compression zstd)")
            counts[table] = con.execute(
                f"select count(*) from read_parquet({_quote_literal(str(tmp))})").fetchall()[0][0]
            os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
    for stale in out.glob(f"{FILE_PREFIX}*{PARQUET_SUFFIX}"):
        if stale.name[len(FILE_PREFIX): -len(PARQUET_SUFFIX)] not in counts:
            stale.unlink()
    _write_manifest(con, out, counts)
    return counts


def _write_manifest(con: duckdb.DuckDBPyConnection, out: Path, counts: dict[str, int]) -> None:
    """`export_manifest.parquet`: one row per exported table, written last and renamed into place."""
    tmp = out / f".{MANIFEST_FILE}.tmp"
    rows = ", ".join(f"({_quote_literal(t)}, {_quote_literal(parquet_file_name(t))}, {n})"
                     for t, n in sorted(counts.items()))
    select = (f"select table_name, file_name, cast(row_count as bigint) as row_count, "
              f"cast(current_timestamp as timestamp) as exported_at "
              f"from (values {rows}) as t(table_name, file_name, row_count)" if rows else
              "select cast(null as varchar) as table_name, cast(null as varchar) as file_name, "
              "cast(null as bigint) as row_count, cast(null as timestamp) as exported_at where false")
    try:
        con.execute(f"copy ({select}) to {_quote_literal(str(tmp))} (format parquet)")
        os.replace(tmp, out / MANIFEST_FILE)
    finally:
        tmp.unlink(missing_ok=True)
