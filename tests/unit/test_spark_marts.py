"""sources.spark_marts: the Spark build's marts (Parquet table directories) as a DuckDB `marts` schema that
sources.publish.publish_snapshot publishes unchanged, with the manifest's descriptions as comments."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from sources.publish import PUBLISHED_FILE, publish_snapshot
from sources.spark_marts import SparkMartMissing, mart_models, open_spark_marts


def _manifest(path: Path) -> Path:
    def node(name, schema, description, columns):
        return {"resource_type": "model", "name": name, "alias": name, "schema": schema,
                "description": description,
                "columns": {c: {"name": c, "description": d, "data_type": t} for c, d, t in columns}}

    manifest = {"nodes": {
        "model.rsw.homelessness": node("homelessness", "marts", "Homelessness, by region and year.",
                                       [("region_code", "Official region code.", "string"),
                                        ("value", "The indicator's value; it's a rate.", "double"),
                                        ("clients", "", "bigint")]),
        "model.rsw.empty_mart": node("empty_mart", "marts", "",
                                     [("period_label", "Half-year.", "string"), ("n", "Count.", "integer")]),
        "model.rsw.stg_x": node("stg_x", "staging", "not a mart", []),
        "seed.rsw.regions": {"resource_type": "seed", "name": "regions", "alias": "regions", "schema": "marts"},
    }}
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


def _spark_table(marts_dir: Path, name: str, select: str | None, parts: int = 2) -> None:
    """A table directory as Spark writes it: part files (and _SUCCESS, which readers skip)."""
    table_dir = marts_dir / name
    table_dir.mkdir(parents=True)
    (table_dir / "_SUCCESS").write_text("")
    if select is None:
        return
    con = duckdb.connect()
    for i in range(parts):
        con.execute(f"copy ({select} limit 1 offset {i}) to '{table_dir}/part-0000{i}-x.snappy.parquet' "
                    "(format parquet)")
    con.close()


@pytest.fixture
def spark_build(tmp_path):
    marts_dir = tmp_path / "warehouse" / "marts.db"
    _spark_table(marts_dir, "homelessness",
                 "select * from (values ('091', 1.5::double, 12::bigint), ('853', null, 7::bigint)) "
                 "t(region_code, value, clients) order by region_code")
    _spark_table(marts_dir, "empty_mart", None)
    return marts_dir, _manifest(tmp_path / "manifest.json")


def test_only_mart_models_of_the_manifest(spark_build):
    _, manifest = spark_build
    assert [m["name"] for m in mart_models(manifest)] == ["empty_mart", "homelessness"]


def test_marts_are_tables_with_rows_types_and_comments(spark_build):
    marts_dir, manifest = spark_build
    con = open_spark_marts(marts_dir, manifest)
    try:
        assert con.execute("select * from marts.homelessness order by region_code").fetchall() == [
            ("091", 1.5, 12), ("853", None, 7)]
        assert con.execute("select table_name, comment from duckdb_tables() order by 1").fetchall() == [
            ("empty_mart", None), ("homelessness", "Homelessness, by region and year.")]
        columns = con.execute("select table_name, column_name, data_type, comment from duckdb_columns() "
                              "where schema_name = 'marts' order by table_name, column_index").fetchall()
        assert columns == [
            ("empty_mart", "period_label", "VARCHAR", "Half-year."),
            ("empty_mart", "n", "INTEGER", "Count."),
            ("homelessness", "region_code", "VARCHAR", "Official region code."),
            ("homelessness", "value", "DOUBLE", "The indicator's value; it's a rate."),
            ("homelessness", "clients", "BIGINT", None),
        ]
    finally:
        con.close()


def test_only_the_named_marts(spark_build):
    marts_dir, manifest = spark_build
    con = open_spark_marts(marts_dir, manifest, only=["homelessness"])
    try:
        assert [r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()] == ["homelessness"]
    finally:
        con.close()
    with pytest.raises(SparkMartMissing, match="not_a_mart"):
        open_spark_marts(marts_dir, manifest, only=["not_a_mart"])


def test_a_mart_spark_did_not_build_is_an_error(spark_build):
    marts_dir, manifest = spark_build
    (marts_dir / "homelessness" / "_SUCCESS").unlink()
    for part in (marts_dir / "homelessness").iterdir():
        part.unlink()
    (marts_dir / "homelessness").rmdir()
    with pytest.raises(SparkMartMissing, match="homelessness"):
        open_spark_marts(marts_dir, manifest)


def test_publish_snapshot_publishes_the_spark_marts_unchanged(spark_build, tmp_path):
    marts_dir, manifest = spark_build
    con = open_spark_marts(marts_dir, manifest)
    try:
        summary = publish_snapshot(con, tmp_path / "published", None)
    finally:
        con.close()
    assert summary.row_counts == {"empty_mart": 0, "homelessness": 2}
    snapshot = duckdb.connect(str(tmp_path / "published" / PUBLISHED_FILE), read_only=True)
    try:
        assert snapshot.execute("select comment from duckdb_columns() where table_name = 'homelessness' "
                                "and column_name = 'value'").fetchall() == [("The indicator's value; it's a rate.",)]
        assert snapshot.execute("select count(*) from marts.homelessness").fetchall() == [(2,)]
    finally:
        snapshot.close()
    assert sorted(p.name for p in (tmp_path / "published" / "parquet").iterdir()) == [
        "empty_mart.parquet", "homelessness.parquet"]
