"""The marts built on Spark, as a DuckDB connection: how the publish step reads a Spark build.

With the dbt `spark` target the marts are Spark tables stored as Parquet: one directory per mart,
`<marts_dir>/<mart>/part-*.parquet` (with `method: session`, marts_dir is
`<RSW_SPARK_DIR>/warehouse/marts.db`). `open_spark_marts` gives an in-memory DuckDB connection whose `marts`
schema holds one table per mart model of the dbt manifest, read from those files, with the table and column
descriptions of the manifest as comments (on DuckDB, dbt's persist_docs writes the same comments). The
publish step (`sources.publish.publish_snapshot`) then writes the same marts-only snapshot and Parquet files
as it does from the DuckDB warehouse.

A mart model without its directory is an error (the Spark build did not make it), never a silently missing
table. A directory without part files is an empty table: Spark may write none for zero rows; its columns then
come from the model's contract (every mart has an enforced contract with data types).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

MARTS_SCHEMA = "marts"


class SparkMartMissing(RuntimeError):
    """A mart of the dbt manifest has no table directory in the Spark warehouse."""


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def mart_models(manifest_path: Path) -> list[dict]:
    """The mart models of a dbt manifest (schema `marts`), sorted by table name: name, description, columns
    ({name: {description, data_type}} in contract order)."""
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    marts = [
        {"name": node["alias"] or node["name"], "description": node.get("description") or "",
         "columns": node.get("columns") or {}}
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == MARTS_SCHEMA
    ]
    return sorted(marts, key=lambda m: m["name"])


def open_spark_marts(marts_dir: Path | str, manifest_path: Path | str,
                     only: list[str] | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with `marts.<mart>` for every mart model of the manifest (or the ones
    named in `only`), loaded from the Spark build's Parquet under `marts_dir`, commented from the manifest.
    The caller closes it."""
    marts = [m for m in mart_models(Path(manifest_path)) if only is None or m["name"] in only]
    if only is not None and len(marts) != len(set(only)):
        raise SparkMartMissing(f"not mart models of the manifest: {sorted(set(only) - {m['name'] for m in marts})}")
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"create schema {MARTS_SCHEMA}")
        for mart in marts:
            _load_mart(con, Path(marts_dir), mart)
    except BaseException:
        con.close()
        raise
    return con


def _load_mart(con: duckdb.DuckDBPyConnection, marts_dir: Path, mart: dict) -> None:
    name = mart["name"]
    table = f"{MARTS_SCHEMA}.{_quote_identifier(name)}"
    table_dir = marts_dir / name
    if not table_dir.is_dir():
        raise SparkMartMissing(f"Spark built no table for mart {name}: {table_dir} does not exist "
                               "(did the Spark dbt build run and succeed?)")
    files = sorted(str(p) for p in table_dir.glob("*.parquet"))
    if files:
        con.execute(f"create table {table} as select * from read_parquet(?)", [files])
    else:
        columns = [f"{_quote_identifier(c)} {spec['data_type']}" for c, spec in mart["columns"].items()]
        if not columns or any(not spec.get("data_type") for spec in mart["columns"].values()):
            raise SparkMartMissing(f"mart {name} has no Parquet file in {table_dir} and no contract types")
        con.execute(f"create table {table} ({', '.join(columns)})")
    if mart["description"]:
        con.execute(f"comment on table {table} is {_quote_literal(mart['description'])}")
    built = {r[0] for r in con.execute(
        "select column_name from duckdb_columns() where schema_name = ? and table_name = ?",
        [MARTS_SCHEMA, name]).fetchall()}
    for column, spec in mart["columns"].items():
        if spec.get("description") and column in built:
            con.execute(f"comment on column {table}.{_quote_identifier(column)} "
                        f"is {_quote_literal(spec['description'])}")
