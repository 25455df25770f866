"""sources.parquet_export: every raw table (the load ledger too) becomes one Parquet file, types kept."""

from __future__ import annotations

import datetime as dt

import duckdb

from sources.loads import ensure_ledger
from sources.parquet_export import MANIFEST_FILE, export_raw_to_parquet, raw_tables


def _warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    ensure_ledger(con)
    con.execute("""
        create table raw.complaints (case_id varchar, received_date date, amount double, n integer,
                                     flag boolean, loaded timestamp, _file_name varchar);
        insert into raw.complaints values
            ('A-1', date '2025-02-28', 12.5, 3, true, timestamp '2025-03-01 10:11:12', 'f.csv'),
            ('B''2', null, null, null, null, null, 'f.csv');
        create table raw.empty_source (x varchar);
        create table quarantine.complaints (reason varchar);
        insert into quarantine.complaints values ('not exported');
        insert into raw._loads values ('l1', 'complaints', 'f.csv', 'h', timestamp '2025-03-01 10:00:00',
                                       3, 2, 1, date '2025-01-01', date '2025-02-28', 'current', null);
    """)
    return con


def test_every_raw_table_and_nothing_else(tmp_path):
    con = _warehouse()
    counts = export_raw_to_parquet(con, tmp_path / "out")
    assert counts == {"_loads": 1, "complaints": 2, "empty_source": 0}
    assert raw_tables(con) == ["_loads", "complaints", "empty_source"]
    # Spark ignores files whose name starts with _ or .: the ledger must not be one of them
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(("_", "."))]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["export_manifest.parquet",
        "raw._loads.parquet", "raw.complaints.parquet", "raw.empty_source.parquet"]


def test_values_and_types_round_trip(tmp_path):
    con = _warehouse()
    export_raw_to_parquet(con, tmp_path)
    path = str(tmp_path / "raw.complaints.parquet")
    rows = con.execute(f"select * from read_parquet('{path}') order by case_id").fetchall()
    assert rows == [
        ("A-1", dt.date(2025, 2, 28), 12.5, 3, True, dt.datetime(2025, 3, 1, 10, 11, 12), "f.csv"),
        ("B'2", None, None, None, None, None, "f.csv"),
    ]
    types = dict(con.execute(f"select column_name, column_type from (describe select * from read_parquet('{path}'))")
                 .fetchall())
    assert types == {"case_id": "VARCHAR", "received_date": "DATE", "amount": "DOUBLE", "n": "INTEGER",
                     "flag": "BOOLEAN", "loaded": "TIMESTAMP", "_file_name": "VARCHAR"}
    ledger = con.execute(f"select load_id, rows_in, status from read_parquet('{tmp_path / 'raw._loads.parquet'}')").fetchall()
    assert ledger == [("l1", 3, "current")]


def test_re_export_replaces_files_and_drops_stale_ones(tmp_path):
    con = _warehouse()
    export_raw_to_parquet(con, tmp_path)
    con.execute("insert into raw.complaints (case_id) values ('C-3')")
    con.execute("drop table raw.empty_source")
    (tmp_path / "notes.txt").write_text("kept: not an export")
    (tmp_path / "other.parquet").write_bytes(b"kept: not an export")
    counts = export_raw_to_parquet(con, tmp_path)
    assert counts["complaints"] == 3
    assert "empty_source" not in counts
    assert not (tmp_path / "raw.empty_source.parquet").exists()
    assert (tmp_path / "notes.txt").exists() and (tmp_path / "other.parquet").exists()
    assert not list(tmp_path.glob(".*tmp"))
    n = con.execute(f"select count(*) from read_parquet('{tmp_path / 'raw.complaints.parquet'}')").fetchall()[0][0]
    assert n == 3


def test_manifest_lists_the_exported_tables(tmp_path):
    con = _warehouse()
    export_raw_to_parquet(con, tmp_path)
    rows = con.execute(f"select table_name, file_name, row_count from read_parquet('{tmp_path / MANIFEST_FILE}') "
                       "order by table_name").fetchall()
    assert rows == [("_loads", "raw._loads.parquet", 1), ("complaints", "raw.complaints.parquet", 2),
                    ("empty_source", "raw.empty_source.parquet", 0)]
    con.execute("drop table raw.empty_source")
    export_raw_to_parquet(con, tmp_path)
    names = [r[0] for r in con.execute(f"select table_name from read_parquet('{tmp_path / MANIFEST_FILE}')").fetchall()]
    assert sorted(names) == ["_loads", "complaints"]


def test_empty_raw_schema_gives_an_empty_manifest(tmp_path):
    con = duckdb.connect(":memory:")
    con.execute("create schema raw")
    assert export_raw_to_parquet(con, tmp_path) == {}
    assert con.execute(f"select count(*) from read_parquet('{tmp_path / MANIFEST_FILE}')").fetchall() == [(0,)]
