"""Publishing for BI: atomic replacement, readers undisturbed, failures leave the last good snapshot."""

from __future__ import annotations

import duckdb
import pytest

from sources.publish import PUBLISHED_FILE, publish_snapshot


def make_warehouse(path, rows: int) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema if not exists raw; create schema if not exists staging; create schema if not exists marts")
        con.execute("create or replace table raw.secret as select '010594Y9032' as hetu")
        con.execute("create or replace view staging.v as select 1 as x")
        con.execute(f"create or replace table marts.livelihood as select range as id, range * 1.5 as value from range({rows})")
        con.execute("comment on table marts.livelihood is 'Financial situation and livelihood'")
        con.execute("comment on column marts.livelihood.value is 'The indicator value'")
    finally:
        con.close()


def publish(warehouse, out):
    con = duckdb.connect(str(warehouse))
    try:
        return publish_snapshot(con, out, None)  # the mechanics; disclosure: test_disclosure.py
    finally:
        con.close()


def test_snapshot_holds_only_marts_with_descriptions_and_parquet(tmp_path):
    make_warehouse(tmp_path / "wh.duckdb", 10)
    summary = publish(tmp_path / "wh.duckdb", tmp_path / "pub")
    assert summary.row_counts == {"livelihood": 10}
    con = duckdb.connect(str(tmp_path / "pub" / PUBLISHED_FILE), read_only=True)
    try:
        assert {r[0] for r in con.execute("select distinct schema_name from duckdb_tables()").fetchall()} == {"marts"}
        assert con.execute("select comment from duckdb_tables() where table_name = 'livelihood'").fetchall()[0][0]
        assert con.execute("select comment from duckdb_columns() where column_name = 'value'").fetchall()[0][0]
    finally:
        con.close()
    parquet = tmp_path / "pub" / "parquet" / "livelihood.parquet"
    assert duckdb.sql(f"select count(*) from '{parquet}'").fetchall()[0][0] == 10


def test_open_reader_keeps_its_snapshot_during_refresh_and_sees_new_data_after_reopening(tmp_path):
    make_warehouse(tmp_path / "wh.duckdb", 10)
    publish(tmp_path / "wh.duckdb", tmp_path / "pub")
    reader = duckdb.connect(str(tmp_path / "pub" / PUBLISHED_FILE), read_only=True)
    try:
        assert reader.execute("select count(*), sum(id) from marts.livelihood").fetchall() == [(10, 45)]
        make_warehouse(tmp_path / "wh.duckdb", 20)
        publish(tmp_path / "wh.duckdb", tmp_path / "pub")  # the refresh happens while the reader is connected
        # The reader keeps working and sees the old, consistent snapshot.
        assert reader.execute("select count(*), sum(id) from marts.livelihood").fetchall() == [(10, 45)]
    finally:
        reader.close()
    reopened = duckdb.connect(str(tmp_path / "pub" / PUBLISHED_FILE), read_only=True)
    try:
        assert reopened.execute("select count(*) from marts.livelihood").fetchall() == [(20,)]
    finally:
        reopened.close()


def test_failed_publish_leaves_last_good_snapshot(tmp_path, monkeypatch):
    import sources.publish as publish_module

    make_warehouse(tmp_path / "wh.duckdb", 10)
    publish(tmp_path / "wh.duckdb", tmp_path / "pub")
    before = (tmp_path / "pub" / PUBLISHED_FILE).read_bytes()
    make_warehouse(tmp_path / "wh.duckdb", 20)

    def disk_full(*_args, **_kwargs):
        raise RuntimeError("disk full while writing the snapshot")

    monkeypatch.setattr(publish_module, "_verify", disk_full)
    with pytest.raises(RuntimeError, match="disk full"):
        publish(tmp_path / "wh.duckdb", tmp_path / "pub")
    assert (tmp_path / "pub" / PUBLISHED_FILE).read_bytes() == before
    assert duckdb.sql(f"select count(*) from '{tmp_path / 'pub' / 'parquet' / 'livelihood.parquet'}'").fetchall() == [(10,)]
    assert [p.name for p in (tmp_path / "pub").iterdir() if p.name.startswith(".")] == []


def test_a_table_no_current_mart_defines_is_not_published(tmp_path):
    """A mart renamed in an earlier release (supervision_signals → complaint_cases) leaves its old table in the
    warehouse; no protection rule covers it any more, so the publish leaves it out and names it."""
    make_warehouse(tmp_path / "wh.duckdb", 10)
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    try:
        con.execute("create table marts.supervision_signals as select 3 as complaints")
        summary = publish_snapshot(con, tmp_path / "pub", None, marts={"livelihood"})
    finally:
        con.close()
    assert summary.row_counts == {"livelihood": 10}
    assert summary.left_out == ["marts.supervision_signals"]
    assert not (tmp_path / "pub" / "parquet" / "supervision_signals.parquet").exists()
    published = duckdb.connect(str(tmp_path / "pub" / PUBLISHED_FILE), read_only=True)
    try:
        assert [r[0] for r in published.execute("select table_name from duckdb_tables()").fetchall()] == ["livelihood"]
    finally:
        published.close()
