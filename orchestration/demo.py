"""`make run`: the whole pipeline end to end on the built-in demo data.

Generates the demo landing files and API recordings, starts the local fixture server (standing in for
Sotkanet and StatFin), materializes every asset (extract → dbt build → publish → reports), stops the
server, and prints a summary. Exits non-zero if any asset or blocking check failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from orchestration.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, export_for_dbt, load
from sources.demo.fixture_server import FixtureServer
from sources.demo.generate import generate
from sources.publish import PUBLISHED_FILE


def parse_dbt_project() -> None:
    """Write dbt's manifest, which the Dagster definitions are built from."""
    subprocess.run([str(DBT_EXECUTABLE), "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
                    "--profiles-dir", str(DBT_PROJECT_DIR)], check=True)


def run_pipeline(scale: float = 1.0):
    """Generate, serve, materialize everything. Returns the Dagster execution result."""
    os.environ.setdefault("RSW_DEMO_MODE", "1")
    settings = load()
    recordings = settings.data_dir / "demo" / "api"
    print(f"Generating demo data (scale {scale:g}) into {settings.landing_dir}")
    generate(settings.landing_dir, recordings, scale=scale)

    with FixtureServer(recordings) as server:
        os.environ["SOTKANET_BASE_URL"] = f"{server.base_url}/rest/1.1"
        os.environ["STATFIN_BASE_URL"] = f"{server.base_url}/PxWeb/api/v1/fi/StatFin"
        print(f"Fixture server for Sotkanet and StatFin at {server.base_url}")
        export_for_dbt(load())
        parse_dbt_project()
        from dagster import DagsterInstance

        from orchestration.definitions import defs

        job = defs.resolve_job_def("full_refresh")
        home = os.environ.get("DAGSTER_HOME")  # set by the Makefile, so `make dev` shows `make run`'s history
        if home:
            Path(home).mkdir(parents=True, exist_ok=True)
        run_config = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
        with DagsterInstance.get() if home else DagsterInstance.ephemeral() as instance:
            result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config)
            if result.success:  # the docs site: its own job, after the publish (off the refresh's path)
                defs.resolve_job_def("dbt_docs_refresh").execute_in_process(
                    instance=instance, raise_on_error=False, run_config=run_config)
            return result


def run(scale: float = 1.0) -> int:
    result = run_pipeline(scale)
    return summarise(result, load().published_dir / PUBLISHED_FILE)


def summarise(result, published: Path) -> int:
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    late = [e for e in evaluations if e.check_name == "data_period" and not e.passed]
    failed = [e for e in evaluations if e.check_name != "data_period" and not e.passed]
    failed_steps = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]

    print("\n== Summary ==")
    if published.exists():
        con = duckdb.connect(str(published), read_only=True)
        try:
            tables = [r[0] for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
            print(f"{'mart':<32}{'rows':>10}")
            for table in tables:
                n = con.execute(f"select count(*) from marts.{table}").fetchall()[0][0]
                print(f"{table:<32}{n:>10}")
        finally:
            con.close()
    print(f"\nchecks: {len(evaluations) - len(failed) - len(late)} passed, {len(failed)} failed")
    for e in failed:
        print(f"  FAILED {e.asset_key.to_user_string()} {e.check_name}")
    for step in failed_steps:
        print(f"  FAILED step {step}")
    if late:
        print(f"data periods behind their cadence ({len(late)} sources; see marts.source_freshness):")
        for e in late:
            md = e.metadata
            print(f"  {e.severity.value:<5} {e.asset_key.to_user_string():<40} newest period ends "
                  f"{md['newest_period_end'].value}, {md['data_lag_days'].value} days ago")
    print(f"published: {published}")
    ok = result.success and not failed and not failed_steps
    print("RESULT: " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1 ≈ one Varha year of data")
    sys.exit(run(parser.parse_args().scale))


if __name__ == "__main__":
    main()
