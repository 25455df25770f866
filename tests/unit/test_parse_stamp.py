"""`make run` skips `dbt parse` when nothing the manifest is made from changed (orchestration/demo.py)."""

from __future__ import annotations

from orchestration.demo import DBT_PROJECT_DIR, _parse_inputs


def test_a_new_warehouse_path_or_dbt_var_needs_a_new_parse_the_pseudonym_key_does_not(monkeypatch):
    monkeypatch.setenv("RSW_SUPPRESSION_THRESHOLD", "5")
    monkeypatch.setenv("RSW_DATA_DIR", "/srv/a")
    monkeypatch.setenv("RSW_WAREHOUSE_PATH", "/srv/a/warehouse/rsw.duckdb")
    monkeypatch.setenv("RSW_PSEUDONYM_KEY", "one")
    before = _parse_inputs()
    monkeypatch.setenv("RSW_PSEUDONYM_KEY", "another")  # read when extracting, never by dbt
    assert _parse_inputs() == before
    # dbt hashes the profile's connection (path, settings) into its partial-parse state: a build against another
    # warehouse path or DuckDB limit without a new parse would parse the whole project again on every run
    for name, value in (("RSW_WAREHOUSE_PATH", "/tmp/copy/warehouse/rsw.duckdb"), ("RSW_DUCKDB_THREADS", "1"),
                        ("RSW_SUPPRESSION_THRESHOLD", "10")):  # the last: a dbt var (dbt_project.yml)
        with monkeypatch.context() as m:
            m.setenv(name, value)
            assert _parse_inputs() != before, name


def test_the_user_file_dbts_first_run_writes_needs_no_new_parse():
    """dbt writes `.user.yml` into the profiles dir (the project dir) on its first run: counted as an input, the
    first refresh after a fresh clone's first run parsed the whole project again (3.3 s at scale 10)."""
    user_file = DBT_PROJECT_DIR / ".user.yml"
    kept = user_file.read_bytes() if user_file.exists() else None
    try:
        user_file.unlink(missing_ok=True)
        before = _parse_inputs()
        user_file.write_text("id: 00000000-0000-0000-0000-000000000000\n")
        assert _parse_inputs() == before
    finally:
        if kept is None:
            user_file.unlink(missing_ok=True)
        else:
            user_file.write_bytes(kept)
