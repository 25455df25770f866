"""The Dagster instance of `make run` / `make dev` ($DAGSTER_HOME): its settings, and crash recovery.

A run whose process died (power cut, `kill -9`) stays STARTED in the instance and keeps its slot of the
`duckdb_warehouse` pool; the next run would wait for that slot for ever, without a word. Before new work
claims the pool, `make run` and `make dev` call `recover()`: runs whose process is gone are marked failed, and
every slot held by a run that is no longer running is freed. While `make dev` runs, the daemon's run monitoring
(`run_monitoring` in orchestration/dagster.yaml) frees the slots of finished runs as well.

The warehouse runs on one machine: a run's process is the pid in its engine events, on this host.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import dagster as dg

from orchestration.settings import PROJECT_ROOT

STALE_STATUSES = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]
NO_PID_GRACE_SECONDS = 120  # a run that has not reported its process yet may still be starting


def ensure_settings(home: Path) -> None:
    """$DAGSTER_HOME with the project's instance settings (the pool, run monitoring), as the Makefile copies it."""
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    if not target.exists():
        shutil.copyfile(PROJECT_ROOT / "orchestration" / "dagster.yaml", target)


def _run_pid(instance: dg.DagsterInstance, run_id: str) -> int | None:
    """The pid of the process executing the run, from its latest engine event that names one."""
    for entry in reversed(instance.all_logs(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT)):
        data = entry.dagster_event.event_specific_data if entry.dagster_event else None
        pid = getattr(data, "metadata", {}).get("pid") if data else None
        if pid is not None:
            return int(pid.value)
    return None


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except (OSError, IndexError):
        return True


def recover(instance: dg.DagsterInstance) -> list[str]:
    """Mark runs whose process is gone as failed and free the pool slots of runs that are not running.
    Returns what was done, one line per run or slot."""
    done = []
    for record in instance.get_run_records(dg.RunsFilter(statuses=STALE_STATUSES)):
        run = record.dagster_run
        pid = _run_pid(instance, run.run_id)
        if pid is not None and process_alive(pid):
            continue
        if pid is None and time.time() - record.update_timestamp.timestamp() < NO_PID_GRACE_SECONDS:
            continue
        instance.report_run_failed(run, message=f"Marked failed at start-up: the run's process "
                                                f"{'(pid ' + str(pid) + ') ' if pid else ''}is gone (crash or kill).")
        done.append(f"run {run.run_id} ({run.job_name}) was {run.status.value} but its process is gone: marked failed")
    storage = instance.event_log_storage
    if storage.supports_global_concurrency_limits:
        for pool in sorted(storage.get_concurrency_keys()):
            info = storage.get_concurrency_info(pool)
            holders = {s.run_id for s in info.claimed_slots} | {p.run_id for p in info.pending_steps}
            for run_id in sorted(holders):
                run = instance.get_run_by_id(run_id)
                if run is None or run.is_finished:
                    storage.free_concurrency_slots_for_run(run_id)
                    done.append(f"pool {pool}: freed the slot of run {run_id} "
                                f"({run.status.value if run else 'deleted'})")
    return done


def pool_holders(instance: dg.DagsterInstance, pool: str) -> list[str]:
    """Who holds the pool now: what a new run will wait for."""
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits or pool not in storage.get_concurrency_keys():
        return []
    return [f"run {s.run_id} step {s.step_key}" for s in storage.get_concurrency_info(pool).claimed_slots]
