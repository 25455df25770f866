"""One measured pipeline process, driven as `make run` drives it: the fixture server on, `dbt parse`, then a Dagster
job executed in process on an ephemeral instance. `benchmarks.run` starts this module as a child process and
samples its memory (with dbt's and the fixture server's) from outside.

    python -m benchmarks.pipeline full --data-dir D --recordings R --out result.json
        the `full_refresh` job on a fresh data dir (landing/ already in place)
    python -m benchmarks.pipeline nochange --data-dir D --recordings R --out result.json
        a second refresh with nothing new, as a second `make run` does it (orchestration/refresh.py): extract
        what may have changed (pending files: none; the APIs: polled), then no dbt and no republish; then two
        ticks of the landing-zone sensor (the daemon's no-change refresh: it starts no run), timed
    python -m benchmarks.pipeline incremental --data-dir D --recordings R --out result.json
        drop one new daily complaints file, then the same refresh: it loads the file and rebuilds only what is
        downstream of complaints (and of the ledger), then republishes
    python -m benchmarks.pipeline daemon --data-dir D --recordings R --out result.json
        the same for the daemon: drop the next day's complaints file, tick the landing-zone sensor, execute the
        run it requests (the file's load and what is downstream of it, no API poll); timed: the run

The timed part is the job execution (`execute_in_process`); parsing and importing the definitions are reported
separately. Per-step wall times come from the run's STEP_START / STEP_SUCCESS events, per-model dbt times from
dbt's run_results.json.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from pathlib import Path

import duckdb


def write_next_day_complaints(landing: Path, rows: int = 6, day: int = 1) -> Path:
    """A new daily complaints export for `day`.1.2026: cases of the latest export before it re-numbered and
    received that day (open cases: no decision yet). Same headers, encoding and separator as the register's
    exports."""
    folder = landing / "complaints"
    latest = sorted(folder.glob("asiat_*.csv"))[-1]
    with latest.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        header = reader.fieldnames or []
        sample = [r for _, r in zip(range(10 + rows), reader)][10:]
    for i, row in enumerate(sample):
        row.update({"asianumero": f"KA-2026-{90001 + 100 * (day - 1) + i:05d}", "saapumispvm": f"{day}.1.2026",
                    "ratkaisupvm": "", "ratkaisu": "", "toimenpiteet": "", "muokattu": f"{day}.1.2026 09:00"})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(sample)
    path = folder / f"asiat_2026-01-{day:02d}.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def step_windows(instance, run_id: str) -> dict[str, tuple[float, float]]:
    """Each step's start and end (epoch seconds; the in-process executor runs them one after another), from the
    event log. `benchmarks.run` matches them with its memory samples."""
    started: dict[str, float] = {}
    out: dict[str, tuple[float, float]] = {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or not event.step_key:
            continue
        if event.event_type_value == "STEP_START":
            started[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in started:
            out[event.step_key] = (started[event.step_key], entry.timestamp)
    return out


def step_seconds(windows: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Wall seconds per step, longest first."""
    out = {key: round(end - start, 2) for key, (start, end) in windows.items()}
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


API_SOURCES = ("sotkanet", "statfin")
CHECK_SUFFIXES = ("_reconciliation", "_data_period", "_no_small_counts")


def stage_of(step_key: str) -> str:
    """The benchmark stage a Dagster step belongs to: load (landing files), apis, dbt, publish, reports, checks
    (the Python asset checks: reconciliation, data period, disclosure), docs."""
    if step_key.endswith(CHECK_SUFFIXES):
        return "checks"
    name = step_key.removeprefix("raw__")
    if name.startswith(API_SOURCES):
        return "apis"
    if step_key.startswith("raw__"):
        return "load"
    if step_key == "warehouse_models":
        return "dbt"
    if step_key.endswith("rsw_marts"):
        return "publish"
    if step_key.endswith("dbt_docs"):
        return "docs"
    if step_key.endswith(("report", "report_package")):
        return "reports"
    return "other"


def stage_seconds(steps: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, seconds in steps.items():
        out[stage_of(key)] = round(out.get(stage_of(key), 0.0) + seconds, 2)
    return out


def dbt_timings(target_root: Path, run_id: str, since: float) -> dict[str, object]:
    """Per-node execution times of this run's dbt invocations (run_results.json). dagster-dbt gives each
    invocation its own target dir under dbt_project/target: `<op>-<run id[:7]>-<uuid>` when it knows the run,
    a bare uuid otherwise (the docs asset); those are taken when written during the run."""
    out: dict[str, object] = {}
    for path in sorted(target_root.glob("*/run_results.json")):
        folder = path.parent.name
        if f"-{run_id[:7]}-" not in folder and not (len(folder) == 7 and path.stat().st_mtime >= since):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        nodes = sorted(((r["unique_id"], round(r.get("execution_time") or 0.0, 2), r["status"])
                        for r in data.get("results", [])), key=lambda r: -r[1])
        out[path.parent.name] = {
            "command": data.get("args", {}).get("which"),
            "elapsed": round(data.get("elapsed_time") or 0.0, 2),
            "nodes": len(nodes),
            "models_seconds": round(sum(t for u, t, _ in nodes if u.startswith("model.")), 2),
            "tests_seconds": round(sum(t for u, t, _ in nodes if u.startswith(("test.", "unit_test."))), 2),
            "seeds_seconds": round(sum(t for u, t, _ in nodes if u.startswith("seed.")), 2),
            "slowest": nodes[:15],
        }
    return out


def summary(result) -> dict[str, object]:
    from dagster import AssetCheckSeverity  # imported with the definitions (timed apart), not at module import

    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    failed = sorted(f"{e.asset_key.to_user_string()}:{e.check_name}" for e in evaluations  # warnings are not failures
                    if not e.passed and e.check_name != "data_period" and e.severity == AssetCheckSeverity.ERROR)
    return {
        "success": bool(result.success),
        "failed_steps": sorted({e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"}),
        "checks": len(evaluations),
        "failed_checks": failed,
        "materializations": sum(1 for e in result.all_events if e.event_type_value == "ASSET_MATERIALIZATION"),
    }


def sensor_ticks(defs, instance) -> dict[str, object]:
    """The daemon's no-change refresh: two ticks of the landing-zone sensor on the unchanged landing zone, timed.
    The first has no cursor (it hashes every landing file and reads the ledger), the second is a steady tick (file
    sizes and times unchanged, so nothing is read). Each must request no run."""
    import dagster as dg

    sensor = defs.resolve_sensor_def("landing_zone_sensor")
    repo = defs.get_repository_def()
    ticks, cursor = [], None
    for _ in range(2):
        t = time.perf_counter()
        with dg.build_sensor_context(repository_def=repo, instance=instance, cursor=cursor) as context:
            result = sensor.evaluate_tick(context)
        ticks.append({"seconds": round(time.perf_counter() - t, 3), "run_requests": len(result.run_requests),
                      "skip": result.skip_message})
        cursor = result.cursor
    return {"first_tick": ticks[0], "steady_tick": ticks[1]}


def sensor_request(defs, instance):
    """The landing-zone sensor's tick after a delivery: its one run request, and the tick's seconds."""
    import dagster as dg

    t = time.perf_counter()
    with dg.build_sensor_context(repository_def=defs.get_repository_def(), instance=instance) as context:
        result = defs.resolve_sensor_def("landing_zone_sensor").evaluate_tick(context)
    if len(result.run_requests) != 1:
        raise RuntimeError(f"the sensor requested {len(result.run_requests)} runs: {result.skip_message}")
    return result.run_requests[0], round(time.perf_counter() - t, 3)


def ledger_rows(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("select coalesce(sum(rows_in), 0), coalesce(sum(rows_accepted), 0), count(*) "
                           "from raw._loads where status = 'current' and file_name not like '%.json'").fetchall()
        events = con.execute("select count(*) from raw.client_register_events").fetchall()[0][0] \
            if con.execute("select count(*) from duckdb_tables() where schema_name = 'raw' "
                           "and table_name = 'client_register_events'").fetchall()[0][0] else 0
    finally:
        con.close()
    return {"file_rows_in": int(rows[0][0]), "file_rows_accepted": int(rows[0][1]), "ledger_rows": int(rows[0][2]),
            "raw_events": int(events)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["full", "nochange", "incremental", "daemon"])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--recordings", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    os.environ["RSW_DATA_DIR"] = str(args.data_dir.resolve())
    os.environ.setdefault("RSW_DEMO_MODE", "1")
    os.environ.pop("DAGSTER_HOME", None)
    from demo.fixture_server import FixtureServer
    from orchestration.demo import parse_dbt_project
    from orchestration.settings import DBT_PROJECT_DIR, export_for_dbt, load

    out: dict[str, object] = {"mode": args.mode}
    process_started = time.perf_counter()
    with FixtureServer(args.recordings) as server:
        os.environ["SOTKANET_BASE_URL"] = f"{server.base_url}/rest/1.1"
        os.environ["STATFIN_BASE_URL"] = f"{server.base_url}/PxWeb/api/v1/fi/StatFin"
        os.environ.setdefault("RSW_HTTP_MIN_INTERVAL", "0")  # the local fixture server needs no politeness
        settings = load()
        export_for_dbt(settings)
        t = time.perf_counter()
        parse_dbt_project()  # skips itself when neither the project nor the settings changed
        out["dbt_parse_seconds"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        from dagster import DagsterInstance

        from orchestration.definitions import build_definitions
        defs = build_definitions()
        out["import_definitions_seconds"] = round(time.perf_counter() - t, 2)

        job = defs.resolve_job_def("full_refresh")
        if args.mode in ("incremental", "daemon"):
            day = 2 if args.mode == "daemon" else 1  # the daemon's file comes the day after make run's
            out["new_file"] = write_next_day_complaints(settings.landing_dir, day=day).name
        run_config = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
        with DagsterInstance.ephemeral() as instance:
            wall_start = time.time()
            t = time.perf_counter()
            if args.mode == "full":
                result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config)
                runs = [result]
            elif args.mode == "daemon":
                request, out["sensor_tick_seconds"] = sensor_request(defs, instance)
                t = time.perf_counter()
                result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config,
                                                asset_selection=request.asset_selection, tags=request.tags)
                runs = [result]
                out["changed"] = request.tags["rsw/sources"].split(",")
                out["built"] = sorted(k.to_user_string() for k in request.asset_selection if k.path[0] != "raw")
            else:
                from orchestration.refresh import refresh
                result = refresh(defs, instance, settings, DBT_PROJECT_DIR / "target" / "manifest.json", run_config)
                runs = result.runs
                out.update({"extracted": [k.to_user_string() for k in result.extracted], "changed": result.changed,
                            "built": [k.to_user_string() for k in result.built]})
            out["job_seconds"] = round(time.perf_counter() - t, 2)
            if args.mode == "nochange":
                out["sensor"] = sensor_ticks(defs, instance)
            out["step_windows"] = {k: v for r in runs for k, v in step_windows(instance, r.run_id).items()}
            out["steps"] = step_seconds(out["step_windows"])
            out["stages"] = stage_seconds(out["steps"])
        out.update(summary(result))
        out["dbt"] = {k: v for r in runs for k, v in dbt_timings(DBT_PROJECT_DIR / "target", r.run_id, wall_start).items()}
    out["process_seconds"] = round(time.perf_counter() - process_started, 2)
    out.update(ledger_rows(settings.warehouse_path))
    args.out.write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
    sys.exit(0 if out["success"] else 1)


if __name__ == "__main__":
    main()
