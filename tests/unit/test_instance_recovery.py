"""Crash recovery of the Dagster instance: a run whose process is gone is failed and its pool slot freed; a run
whose process is alive is left alone."""

from __future__ import annotations

import os
import subprocess
import sys

import dagster as dg
from dagster._core.events import EngineEventData

from orchestration.instance import ensure_settings, pool_holders, recover

POOL = "duckdb_warehouse"


def started_run(instance: dg.DagsterInstance, pid: int, step: str) -> dg.DagsterRun:
    """A run as a crash leaves it: STARTED, its process recorded in an engine event, holding the pool's slot."""
    run = instance.create_run_for_job(dg.GraphDefinition(name="crashed").to_job())
    instance.report_engine_event(f"Executing steps in process (pid: {pid}).", run, EngineEventData.in_process(pid))
    instance.handle_run_event(run.run_id, dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name=run.job_name))
    assert instance.event_log_storage.claim_concurrency_slot(POOL, run.run_id, step).is_claimed
    return instance.get_run_by_id(run.run_id)


def test_dead_run_is_failed_and_its_slot_freed_live_run_is_kept(tmp_path):
    ensure_settings(tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        instance.event_log_storage.set_concurrency_slots(POOL, 1)  # as the first run's claim would
        crashed = started_run(instance, dead.pid, "raw__complaints")
        assert crashed.status == dg.DagsterRunStatus.STARTED
        assert pool_holders(instance, POOL) == [f"run {crashed.run_id} step raw__complaints"]
        done = recover(instance)
        assert instance.get_run_by_id(crashed.run_id).status == dg.DagsterRunStatus.FAILURE
        assert pool_holders(instance, POOL) == []
        assert len(done) == 2 and "marked failed" in done[0] and "freed" in done[1]

        alive = started_run(instance, os.getpid(), "warehouse_models")
        assert recover(instance) == []
        assert instance.get_run_by_id(alive.run_id).status == dg.DagsterRunStatus.STARTED
        assert pool_holders(instance, POOL) == [f"run {alive.run_id} step warehouse_models"]
