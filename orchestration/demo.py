"""`make run`: the whole pipeline end to end on the built-in demo data.

Generates the demo landing files and API recordings, starts the local fixture server (standing in for
Sotkanet and StatFin), materializes every asset (extract → dbt build → publish → reports), stops the
server, and prints a summary. Exits non-zero if any asset or blocking check failed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
from dagster import AssetCheckSeverity

from demo.fixture_server import FixtureServer
from demo.generate import generate
from orchestration.assets.landing import WAREHOUSE_POOL
from orchestration.instance import ensure_settings, pool_holders, recover
from orchestration.refresh import describe, refresh
from orchestration.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, dagster_home, export_for_dbt, load
from sources.publish import PUBLISHED_FILE

PARSE_STAMP = DBT_PROJECT_DIR / "target" / "parse_inputs.sha256"
# What dbt writes into the project dir (the profiles dir too, which holds its anonymous `.user.yml`)
DBT_WRITES = {"target", "logs", "dbt_packages", ".user.yml"}
# Settings that never reach the manifest or its partial-parse state (dbt reads them only when it runs, or not at
# all). The warehouse path, the DuckDB limits and the Spark dir are not among them: dbt hashes the profile's
# connection (path, settings) into partial_parse.msgpack, and a build under another profile parses the whole
# project again (seconds, every run).
RUNTIME_SETTINGS = {"RSW_PSEUDONYM_KEY", "RSW_DATA_DIR", "RSW_PARQUET_RAW_DIR", "RSW_HTTP_MIN_INTERVAL"}


def _parse_inputs() -> str:
    """What dbt's manifest is made from: every project file's name, size and modification time (not what dbt
    writes itself: target/, logs/, dbt_packages/ and the `.user.yml` its first run creates), and the settings dbt
    reads through env_var() into it or into its partial-parse state (not RUNTIME_SETTINGS)."""
    digest = hashlib.sha256()
    tops = [p for p in DBT_PROJECT_DIR.iterdir() if p.name not in DBT_WRITES]
    for path in sorted([*(p for p in tops if p.is_file()), *(f for p in tops if p.is_dir() for f in p.rglob("*"))]):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(DBT_PROJECT_DIR)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for name in sorted(k for k in os.environ if k.startswith("RSW_") and k not in RUNTIME_SETTINGS):
        digest.update(f"{name}={os.environ[name]}\n".encode())
    return digest.hexdigest()


def parse_dbt_project() -> None:
    """Write dbt's manifest, which the Dagster definitions are built from; skipped (a dbt start-up saved) when
    neither the project's files nor the settings changed since the last parse."""
    inputs = _parse_inputs()
    manifest = DBT_PROJECT_DIR / "target" / "manifest.json"
    if manifest.exists() and PARSE_STAMP.exists() and PARSE_STAMP.read_text().strip() == inputs:
        return
    # with the --target the builds pass (dagster-dbt): dbt hashes it into the partial-parse state, and a build
    # under another target parses the whole project again
    subprocess.run([str(DBT_EXECUTABLE), "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
                    "--profiles-dir", str(DBT_PROJECT_DIR), "--target", load().dbt_target], check=True)
    PARSE_STAMP.write_text(inputs + "\n")


def sotkanet_faults(specs: list[str]) -> dict[str, object]:
    """Fixture-server faults from ``ID:KIND`` specs: ``404`` answers the indicator's metadata with 404;
    ``500``, ``empty`` (``[]``) or ``malformed`` answer its data request so, on every call."""
    faults: dict[str, object] = {}
    for spec in specs:
        ident, _, kind = spec.partition(":")
        if not ident.isdigit() or kind not in ("404", "500", "empty", "malformed"):
            raise ValueError(f"--sotkanet-fault {spec!r}: expected ID:404|500|empty|malformed")
        if kind == "404":
            faults[f"/rest/1.1/indicators/{ident}"] = 404
        else:
            faults[f"/rest/1.1/json?indicator={ident}"] = int(kind) if kind == "500" else kind
    return faults


def generate_once(landing: Path, recordings: Path, scale: float, stamp: Path) -> None:
    """The demo landing files and API recordings, generated again only when the scale or the generator changed
    (a second `make run` then costs what the refresh costs, not a regeneration)."""
    digest = hashlib.sha256(f"scale={scale:g}\n".encode())
    for path in sorted((Path(__file__).resolve().parents[1] / "demo").rglob("*.py")):
        digest.update(path.read_bytes())
    fingerprint = digest.hexdigest()
    if landing.is_dir() and recordings.is_dir() and stamp.exists() and stamp.read_text().strip() == fingerprint:
        print(f"Demo data (scale {scale:g}) already in {landing}: not generated again")
        return
    print(f"Generating demo data (scale {scale:g}) into {landing}")
    generate(landing, recordings, scale=scale)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint + "\n")


def run_pipeline(scale: float = 1.0, faults: list[str] = ()):
    """Generate, serve, materialize everything. Returns the Dagster execution result.
    ``faults`` (``ID:KIND``, see sotkanet_faults) make the fixture server fail single Sotkanet indicators."""
    os.environ.setdefault("RSW_DEMO_MODE", "1")
    settings = load()
    recordings = settings.data_dir / "demo" / "api"
    generate_once(settings.landing_dir, recordings, scale, settings.data_dir / "demo" / "generated.sha256")

    with FixtureServer(recordings, sticky_faults=sotkanet_faults(list(faults))) as server:
        os.environ["SOTKANET_BASE_URL"] = f"{server.base_url}/rest/1.1"
        os.environ["STATFIN_BASE_URL"] = f"{server.base_url}/PxWeb/api/v1/fi/StatFin"
        os.environ.setdefault("RSW_HTTP_MIN_INTERVAL", "0")  # the local fixture server needs no politeness
        print(f"Fixture server for Sotkanet and StatFin at {server.base_url}")
        export_for_dbt(load())
        parse_dbt_project()
        from dagster import DagsterInstance

        from orchestration.definitions import build_definitions
        defs = build_definitions()

        home = dagster_home()  # set by the Makefile, so `make dev` shows `make run`'s history
        if home:
            ensure_settings(home)
        run_config = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
        with DagsterInstance.get() if home else DagsterInstance.ephemeral() as instance:
            start_cleanly(instance)
            result = refresh(defs, instance, load(), DBT_PROJECT_DIR / "target" / "manifest.json", run_config)
            print(describe(result))
            if result.success and result.built:  # the docs site: its own job, after the publish (off the path)
                defs.resolve_job_def("dbt_docs_refresh").execute_in_process(
                    instance=instance, raise_on_error=False, run_config=run_config)
            return result


def start_cleanly(instance) -> None:
    """Fail the runs a crash left behind and free their pool slots; say what the new run will wait for."""
    for line in recover(instance):
        print(f"Recovered after a crash: {line}")
    holders = pool_holders(instance, WAREHOUSE_POOL)
    if holders:
        print(f"Waiting for the {WAREHOUSE_POOL} pool (one warehouse writer at a time), held by: {'; '.join(holders)}")


def run(scale: float = 1.0, faults: list[str] = ()) -> int:
    result = run_pipeline(scale, faults)
    return summarise(result, load().published_dir / PUBLISHED_FILE)


def _print_disclosure(result) -> None:
    """The disclosure auditor's figures for the snapshot just published."""
    for event in result.all_events:
        if event.event_type_value != "ASSET_MATERIALIZATION":
            continue
        materialization = event.event_specific_data.materialization
        if materialization.asset_key.path != ["published", "rsw_marts"] or "audit" not in materialization.metadata:
            continue
        a = materialization.metadata["audit"].value
        print(f"\ndisclosure audit: {a['protected_items']} protected cells, {a['hidden_items']} hidden, "
              f"{a['exactly_recoverable']} recoverable exactly, narrowest interval {a['narrowest_width']}, "
              f"{a['seconds']} s; passed: {a['passed']}")


def summarise(result, published: Path) -> int:
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    late = [e for e in evaluations if e.check_name == "data_period" and not e.passed]
    warned = [e for e in evaluations if e.check_name != "data_period" and not e.passed
              and e.severity == AssetCheckSeverity.WARN]
    failed = [e for e in evaluations if e.check_name != "data_period" and not e.passed and e not in warned]
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
    _print_disclosure(result)
    print(f"\nchecks: {len(evaluations) - len(failed) - len(late) - len(warned)} passed, {len(failed)} failed, "
          f"{len(warned)} warnings")
    for e in failed:
        print(f"  FAILED {e.asset_key.to_user_string()} {e.check_name}")
    for e in warned:
        listed = {k: v.value for k, v in e.metadata.items() if k in ("skipped", "unresolved")}
        print(f"  WARN   {e.asset_key.to_user_string()} {e.check_name}: {e.description or ''} {listed or ''}")
    for step in failed_steps:
        print(f"  FAILED step {step}")
    if late:
        print(f"data periods behind their cadence ({len(late)} sources; see marts.source_freshness):")
        for e in late:
            md = e.metadata
            if "newest_period_end" not in md:  # the source is missing from marts.source_freshness
                print(f"  {e.severity.value:<5} {e.asset_key.to_user_string():<40} {md['problem'].value}")
                continue
            print(f"  {e.severity.value:<5} {e.asset_key.to_user_string():<40} newest period ends "
                  f"{md['newest_period_end'].value}, {md['data_lag_days'].value} days ago")
    print(f"published: {published}")
    ok = result.success and not failed and not failed_steps
    print("RESULT: " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1 ≈ one Varha year of data")
    parser.add_argument("--sotkanet-fault", action="append", default=[], metavar="ID:KIND",
                        help="make the fixture server fail one Sotkanet indicator: 404, 500, empty or malformed")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `timeout`, systemd: stop like Ctrl-C does
    args = parser.parse_args()
    sys.exit(run(args.scale, args.sotkanet_fault))


if __name__ == "__main__":
    main()
