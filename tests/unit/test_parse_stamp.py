"""`make run` skips `dbt parse` when nothing the manifest is made from changed (orchestration/demo.py)."""

from __future__ import annotations

from orchestration.demo import _parse_inputs


def test_a_data_dir_at_a_new_path_needs_no_new_parse_but_a_dbt_var_does(monkeypatch):
    monkeypatch.setenv("RSW_SUPPRESSION_THRESHOLD", "5")
    monkeypatch.setenv("RSW_DATA_DIR", "/srv/a")
    monkeypatch.setenv("RSW_WAREHOUSE_PATH", "/srv/a/warehouse/rsw.duckdb")
    before = _parse_inputs()
    monkeypatch.setenv("RSW_DATA_DIR", "/tmp/copy")  # a test's or a bench's copy of the data
    monkeypatch.setenv("RSW_WAREHOUSE_PATH", "/tmp/copy/warehouse/rsw.duckdb")
    monkeypatch.setenv("RSW_DUCKDB_THREADS", "1")
    assert _parse_inputs() == before
    monkeypatch.setenv("RSW_SUPPRESSION_THRESHOLD", "10")  # a dbt var (dbt_project.yml): in the manifest
    assert _parse_inputs() != before
