"""Publish the marts for BI tools: a marts-only DuckDB file, replaced atomically, plus Parquet per mart.

BI tools open `rsw_marts.duckdb` read-only. A refresh writes a new file beside it and renames it into place:
a reader that has the old file open keeps reading the old, consistent snapshot until it reconnects, and a
failed refresh leaves the last good file untouched.

The candidate file is protected (disclosure control) and audited *before* the rename: `guard(candidate,
previous)` protects it in place and raises when the audit fails, so BI tools never see an unprotected or
breached snapshot. The Parquet files are written from the protected candidate.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sources.transaction import transaction

PUBLISHED_FILE = "rsw_marts.duckdb"
PUBLISHED_SCHEMAS = ("marts",)


Guard = Callable[[Path, Path | None], dict]


@dataclass(frozen=True)
class PublishSummary:
    path: Path
    row_counts: dict[str, int]
    guard: dict = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # tables in the marts schema that no current mart defines


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def publish_snapshot(con: duckdb.DuckDBPyConnection, published_dir: Path, guard: Guard | None,
                     marts: Collection[str] | None = None) -> PublishSummary:
    """Copy the marts into a candidate file, let `guard` protect and audit it, then write Parquet from it and
    rename it into place. `guard=None` publishes the marts as they are (tests of the mechanics only).

    `marts`: the names of the marts the project defines today. Only they are published: a table left in the
    warehouse's marts schema by an earlier release (a renamed or removed mart) is no contract with BI users and
    no protection rule covers it, so it is left out (and named in `PublishSummary.left_out`)."""
    published_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(published_dir)
    token = uuid.uuid4().hex[:12]
    tmp_file = published_dir / f".{PUBLISHED_FILE}.{token}.tmp"
    tmp_parquet = published_dir / f".parquet.{token}.tmp"
    final = published_dir / PUBLISHED_FILE
    try:
        left_out = _copy_marts(con, tmp_file, marts)
        report = guard(tmp_file, final if final.exists() else None) if guard else {}
        counts = _write_parquet(tmp_file, tmp_parquet)
        _verify(tmp_file, counts)
        os.replace(tmp_file, final)  # atomic on POSIX: readers see the old file or the new, never half
        _swap_dir(tmp_parquet, published_dir / "parquet")
        return PublishSummary(final, counts, report, left_out)
    finally:
        tmp_file.unlink(missing_ok=True)
        Path(f"{tmp_file}.wal").unlink(missing_ok=True)
        if tmp_parquet.exists():
            shutil.rmtree(tmp_parquet)


def _copy_marts(con: duckdb.DuckDBPyConnection, target: Path, marts: Collection[str] | None) -> list[str]:
    """The published schemas' tables (those in `marts`, if given) with their table and column comments, in table
    order. Returns the tables left out."""
    left_out = []
    con.execute(f"attach {_quote(str(target))} as publish_target")
    try:
        with transaction(con):  # one commit for every table and comment
            for schema in PUBLISHED_SCHEMAS:
                con.execute(f"create schema publish_target.{schema}")
                tables = con.execute(
                    "select table_name, comment from duckdb_tables() where database_name = current_database() "
                    "and schema_name = ? order by table_name", [schema]).fetchall()
                column_comments: dict[str, list[tuple[str, str]]] = {}
                for table, column, col_comment in con.execute(
                        "select table_name, column_name, comment from duckdb_columns() "
                        "where database_name = current_database() and schema_name = ? and comment is not null "
                        "order by table_name, column_index", [schema]).fetchall():
                    column_comments.setdefault(table, []).append((column, col_comment))
                for table, comment in tables:
                    if marts is not None and table not in marts:
                        left_out.append(f"{schema}.{table}")
                        continue
                    con.execute(f"create table publish_target.{schema}.{table} as select * from {schema}.{table}")
                    if comment:
                        con.execute(f"comment on table publish_target.{schema}.{table} is {_quote(comment)}")
                    for column, col_comment in column_comments.get(table, []):
                        con.execute(f'comment on column publish_target.{schema}.{table}."{column}" '
                                    f"is {_quote(col_comment)}")
    finally:
        con.execute("detach publish_target")
    return left_out


def _write_parquet(candidate: Path, directory: Path) -> dict[str, int]:
    """One Parquet file per published table, from the (protected) candidate; returns the row counts."""
    directory.mkdir()
    counts: dict[str, int] = {}
    check = duckdb.connect(str(candidate), read_only=True)
    try:
        for schema in PUBLISHED_SCHEMAS:
            for (table,) in check.execute("select table_name from duckdb_tables() where schema_name = ? "
                                          "order by table_name", [schema]).fetchall():
                counts[table] = check.execute(f"select count(*) from {schema}.{table}").fetchall()[0][0]
                check.execute(f"copy (select * from {schema}.{table}) to "
                              f"{_quote(str(directory / (table + '.parquet')))} (format parquet)")
    finally:
        check.close()
    return counts


def _remove_leftovers(published_dir: Path) -> None:
    """Temporary files of a refresh that was killed before it could clean up (the published file is intact)."""
    for path in [*published_dir.glob(f".{PUBLISHED_FILE}.*"), *published_dir.glob(".parquet.*.tmp")]:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def _verify(path: Path, counts: dict[str, int]) -> None:
    """The new snapshot must hold only the published schemas, with every table complete."""
    check = duckdb.connect(str(path), read_only=True)
    try:
        schemas = {r[0] for r in check.execute(
            "select distinct schema_name from duckdb_tables()").fetchall()}
        if not schemas <= set(PUBLISHED_SCHEMAS):
            raise RuntimeError(f"publish aborted: unexpected schemas {sorted(schemas - set(PUBLISHED_SCHEMAS))}")
        for table, n in counts.items():
            got = check.execute(f"select count(*) from marts.{table}").fetchall()[0][0]
            if got != n:
                raise RuntimeError(f"publish aborted: marts.{table} has {got} rows, expected {n}")
    finally:
        check.close()


def _swap_dir(new: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    if old.exists():
        shutil.rmtree(old)
