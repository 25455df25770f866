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


def test_a_dbt_invocation_starts_no_other_process_and_builds_no_adapter_here(monkeypatch):
    """dagster-dbt ran `dbt --version` in a subprocess and built a dbt adapter in this process before every dbt
    run (4-9 s); the version is the installed package's, and the adapter is only for metadata fetches not used."""
    import subprocess
    from importlib.metadata import version

    from orchestration.assets.dbt import dbt_cli, dbt_project

    started = []
    real = subprocess.Popen.__init__
    monkeypatch.setattr(subprocess, "check_output", lambda *a, **k: started.append(a) or b"")
    monkeypatch.setattr(subprocess.Popen, "__init__", lambda self, args, *a, **k: started.append(args) or real(self, args, *a, **k))
    invocation = dbt_cli(dbt_project()).cli(["ls", "--select", "stg_complaints__cases", "--resource-type", "model"])
    invocation.wait()
    assert len(started) == 1 and "ls" in started[0], started  # dbt itself, nothing before it
    assert invocation.adapter is None
    assert str(dbt_cli(dbt_project())._cli_version) == version("dbt-core")
