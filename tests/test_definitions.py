"""The Dagster code location loads, and its shape matches the house plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg


def test_definitions_load(demo_run):
    from orchestration.definitions import defs

    defs = defs()
    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys() if graph.get(k).is_materializable}
    assert {"client_data", "professional_observations", "statistics", "staging", "intermediate", "marts",
            "published"} <= groups


def test_every_source_has_a_freshness_policy(demo_run):
    from orchestration.definitions import defs

    defs = defs()
    graph = defs.resolve_asset_graph()
    raw = [k for k in graph.get_all_asset_keys() if k.path[0] == "raw" and graph.get(k).is_materializable]
    assert raw
    missing = [k.to_user_string() for k in raw if graph.get(k).freshness_policy is None]
    assert missing == []


def test_dbt_tests_are_asset_checks(demo_run):
    from orchestration.definitions import defs

    defs = defs()
    checks = {k.name for k in defs.resolve_asset_graph().asset_check_keys}
    assert any(name.startswith("unique_combination") for name in checks)
    assert "reconciliation" in checks


def test_landing_sensor_starts_one_run_for_new_deliveries_only(demo_run):
    """On an unchanged landing zone (every file in the ledger) the sensor starts nothing; files arriving for
    two sources start one run with both sources and everything downstream; the same files never give a new run
    key; while a writer holds the warehouse the sensor skips the tick instead of failing or blocking."""
    from orchestration.definitions import defs
    from orchestration.settings import load

    config = load()
    defs = defs()

    sensor = defs.resolve_sensor_def("landing_zone_sensor")
    repo = defs.get_repository_def()
    instance = dg.DagsterInstance.ephemeral()

    def evaluate(cursor):
        with dg.build_sensor_context(repository_def=repo, instance=instance, cursor=cursor) as context:
            result = sensor.evaluate_tick(context)
            return result.run_requests, result.cursor, result.skip_message

    requests, cursor, _ = evaluate(None)
    assert requests == []
    assert evaluate(cursor)[0] == []

    new_files = [config.landing_dir / "complaints" / "asiat_2026-01-01.csv",
                 config.landing_dir / "haipro" / "haipro_2026-01.csv"]
    for path in new_files:
        path.write_bytes(next(path.parent.glob("*.csv")).read_bytes()[:200])
    try:
        requests, cursor, _ = evaluate(cursor)
        assert len(requests) == 1
        request = requests[0]
        assert request.tags["rsw/sources"] == "complaints,haipro"
        selection = {k.to_user_string() for k in request.asset_selection}
        assert {"raw/complaints", "raw/haipro", "marts/complaint_cases", "published/rsw_marts"} <= selection
        assert "raw/social_reports" not in selection
        assert evaluate(cursor)[0][0].run_key == request.run_key

        writer = subprocess.Popen(
            [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', "
             "flush=True); time.sleep(60)", str(config.warehouse_path)], stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "locked"
            requests, _, skipped = evaluate(None)
            assert requests == [] and "busy" in skipped
        finally:
            writer.kill()
            writer.wait()
            writer.stdout.close()
    finally:
        for path in new_files:
            path.unlink()


def test_importing_the_definitions_changes_nothing():
    """Importing the code location's module neither parses the dbt project nor writes os.environ: the project
    object and the Definitions are built when Dagster loads them (`defs()`)."""
    # pandera's import sets SPARK_LOCAL_IP and PYARROW_IGNORE_TIMEZONE (pyspark's doing): imported first, so that
    # what is compared is this project's own code.
    script = ("import json, os, pandera; before = dict(os.environ); import orchestration.definitions as d; "
              "from orchestration.assets import dbt; "
              "print(json.dumps({'env_same': dict(os.environ) == before, "
              "'project_built': dbt.dbt_project.cache_info().currsize, "
              "'defs_built': d.build_definitions.cache_info().currsize}))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RSW_")}
    env["DAGSTER_IS_DEV_CLI"] = "1"  # would parse the dbt project, were it built on import
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"env_same": True, "project_built": 0,
                                                                 "defs_built": 0}
