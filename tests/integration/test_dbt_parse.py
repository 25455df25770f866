"""`make run` parses dbt once (orchestration/demo.py); the dbt runs dagster-dbt starts must reuse that parse (dbt's
partial parsing) instead of parsing the whole project again, which costs several seconds on every run. dbt
parses again when its partial-parse state was written under another profile connection or --target."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_a_dbt_run_after_make_runs_parse_reuses_it(tmp_path, monkeypatch):
    monkeypatch.setenv("RSW_DATA_DIR", str(tmp_path))  # a new data dir: another warehouse path than any parse before
    from orchestration import demo
    from orchestration.assets.dbt import dbt_cli, dbt_project
    from orchestration.settings import dbt_environment, load

    with dbt_environment(load()):
        demo.parse_dbt_project()
    invocation = dbt_cli(dbt_project()).cli(["ls", "--select", "stg_complaints__cases", "--resource-type", "model"])
    events = [e.raw_event["info"]["name"] for e in invocation.stream_raw_events()]
    assert "UnableToPartialParse" not in events, "the dbt run parsed the whole project again"
    assert events, "dbt said nothing"
