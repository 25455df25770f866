"""Refreshes that cost what changed (orchestration/refresh.py), as a second and a third `make run` run them on
the integration run's warehouse: nothing new → no dbt and no republish; one new daily complaints file → that file
loaded, exactly the dbt models downstream of complaints (and of the load ledger) rebuilt, then republished."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from benchmarks.pipeline import write_next_day_complaints
from orchestration.instance import ensure_settings
from sources.publish import PUBLISHED_FILE
from tests.conftest import INTEGRATION_SCALE, INTEGRATION_SOTKANET_FAULTS, subprocess_env

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def make_run(data: Path, home: Path) -> str:
    faults = [a for f in INTEGRATION_SOTKANET_FAULTS for a in ("--sotkanet-fault", f)]
    proc = subprocess.run([sys.executable, "-m", "orchestration.demo", "--scale", str(INTEGRATION_SCALE), *faults],
                          cwd=ROOT, env=subprocess_env(data, home), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout


def run_ids(home: Path) -> set[str]:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return {r.dagster_run.run_id for r in instance.get_run_records()}


def materialized_in_runs_since(home: Path, known: set[str]) -> set[str]:
    """The assets materialized by the runs not in `known` (one `make run`: extract, build, the docs job)."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return {e.dagster_event.asset_key.to_user_string() for r in instance.get_run_records()
                if r.dagster_run.run_id not in known for e in instance.all_logs(r.dagster_run.run_id)
                if e.dagster_event and e.dagster_event.event_type_value == "ASSET_MATERIALIZATION"}


def downstream_models(manifest: dict, source_names: set[str]) -> set[str]:
    """dbt's own lineage: every model below the given dbt sources (by source name), from the manifest."""
    todo = [uid for uid, s in manifest["sources"].items() if s["name"] in source_names]
    seen: set[str] = set()
    while todo:
        for child in manifest["child_map"].get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return {manifest["nodes"][uid]["name"] for uid in seen if uid.startswith("model.")}


def expected_for(manifest: dict, source: str) -> set[str]:
    """What one source's delivery must rebuild: the models below it, and the models below the load ledger that
    no other source feeds (the ledger's own: stg_ledger__loads, source_freshness; the others read only their
    source's ledger rows)."""
    others = {s["name"] for s in manifest["sources"].values()} - {source, "_loads"}
    return downstream_models(manifest, {source}) | (downstream_models(manifest, {"_loads"})
                                                    - downstream_models(manifest, others))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_nothing_new_builds_nothing_and_one_new_file_rebuilds_only_its_downstream(demo_copy, tmp_path):
    home = tmp_path / "dagster_home"
    ensure_settings(home)
    published = demo_copy / "published" / PUBLISHED_FILE
    before = digest(published)

    out = make_run(demo_copy, home)
    assert "Nothing new since the last publish" in out
    assert all(k.startswith("raw/") for k in materialized_in_runs_since(home, set()))  # the API polls only
    assert digest(published) == before  # no republish

    write_next_day_complaints(demo_copy / "landing")
    known = run_ids(home)
    out = make_run(demo_copy, home)
    assert "Sources with new deliveries since the last publish: complaints;" in out
    built = materialized_in_runs_since(home, known) - {"published/dbt_docs"}
    manifest = json.loads((ROOT / "dbt_project" / "target" / "manifest.json").read_text(encoding="utf-8"))
    expected = expected_for(manifest, "complaints")
    assert "source_freshness" in expected and not any(m.startswith("int_client_register") for m in expected)
    assert {k.split("/", 1)[1] for k in built if k.split("/")[0] not in ("raw", "published")} == expected
    assert "published/rsw_marts" in built
    assert digest(published) != before
    # the project is the one built in full before: its dbt unit tests (of the SQL, not the data) are not run
    # again, the data tests of the rebuilt models are
    new_runs = run_ids(home) - known
    results = [r["unique_id"] for rid in new_runs
               for path in (ROOT / "dbt_project" / "target").glob(f"warehouse_models-{rid[:7]}-*/run_results.json")
               for r in json.loads(path.read_text(encoding="utf-8"))["results"]]
    assert any(u.startswith("test.") for u in results)
    assert not any(u.startswith("unit_test.") for u in results)
