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


def test_only_the_newest_dbt_invocation_folders_are_kept(tmp_path):
    """dagster-dbt writes every dbt invocation into a folder of its own under target/ (about 30 MB for a build): a
    county's daily runs would fill the disk. Before each invocation the older ones are removed; the newest stay,
    and the project's own files in target/ are left alone. A real invocation leaves its folder in place."""
    import os
    from pathlib import Path

    from orchestration.assets.dbt import KEEP_INVOCATIONS, dbt_cli, dbt_project, prune_invocation_folders
    from orchestration.settings import DBT_PROJECT_DIR

    target = tmp_path / "target"
    (target / "compiled").mkdir(parents=True)
    (target / "manifest.json").write_text("{}")
    for n in range(KEEP_INVOCATIONS + 3):
        folder = target / f"warehouse_models-{n:07d}"
        folder.mkdir()
        (folder / "dbt.log").write_text("")
        os.utime(folder, (1_700_000_000 + n, 1_700_000_000 + n))
    removed = prune_invocation_folders(target)
    assert sorted(p.name for p in removed) == [f"warehouse_models-{n:07d}" for n in range(3)]
    assert sorted(p.name for p in target.iterdir()) == ["compiled", "manifest.json"] + [
        f"warehouse_models-{n:07d}" for n in range(3, KEEP_INVOCATIONS + 3)]

    invocation = dbt_cli(dbt_project()).cli(["ls", "--select", "stg_complaints__cases", "--resource-type", "model"])
    invocation.wait()
    folders = [p for p in (DBT_PROJECT_DIR / "target").iterdir() if (p / "dbt.log").exists()]
    assert Path(invocation.target_path) in folders and len(folders) <= KEEP_INVOCATIONS + 1
