"""Proof that nothing is lost: kill -9 in the middle of a load or a publish, then run again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from demo import write_client_data_landing
from orchestration.instance import ensure_settings
from sources.landing import load_source
from sources.loads import reconcile
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
from sources.publish import PUBLISHED_FILE, publish_snapshot
from sources.registry import file_sources
from tests.conftest import INTEGRATION_SCALE, subprocess_env
from tests.unit.test_landing import complaint, deliver

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]

LOAD_SCRIPT = """
import sys, duckdb, datetime as dt
from pathlib import Path
from sources.landing import load_source
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
from sources.registry import file_sources
source = next(s for s in file_sources("client_data") if s.name == sys.argv[3])
con = duckdb.connect(sys.argv[1])
print("started", flush=True)
load_source(con, source, Path(sys.argv[2]), Pseudonymizer(DEMO_PSEUDONYM_KEY), dt.date.today())
print("finished", flush=True)
"""

PUBLISH_SCRIPT = """
import sys, duckdb
from pathlib import Path
from sources.publish import publish_snapshot
con = duckdb.connect(sys.argv[1])
print("started", flush=True)
publish_snapshot(con, Path(sys.argv[2]), None)
print("finished", flush=True)
"""


def run_and_kill(script: str, args: list[str], after_s: float) -> bool:
    """Start the script, kill -9 it `after_s` seconds after it started working; True if it was killed."""
    proc = subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "started"
    time.sleep(after_s)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    return killed


def test_kill_during_load_then_rerun_loses_and_duplicates_nothing(tmp_path):
    landing = tmp_path / "landing"
    write_client_data_landing(landing, scale=3)
    warehouse = tmp_path / "wh.duckdb"
    source = next(s for s in file_sources("client_data") if s.name == "client_feedback")
    files = sorted(p.name for p in (landing / "client_feedback").iterdir())

    # kill earlier and earlier until the kill lands before the last file (machines differ in speed)
    for after_s in (3.0, 1.5, 0.75, 0.3, 0.1):
        warehouse.unlink(missing_ok=True)
        Path(f"{warehouse}.wal").unlink(missing_ok=True)
        if not run_and_kill(LOAD_SCRIPT, [str(warehouse), str(landing), "client_feedback"], after_s=after_s):
            continue
        con = duckdb.connect(str(warehouse))
        loaded = [r[0] for r in con.execute(
            "select file_name from raw._loads where source = 'client_feedback'").fetchall()] \
            if con.execute("select count(*) from duckdb_tables() where table_name = '_loads'").fetchall()[0][0] else []
        con.close()
        if len(loaded) < len(files):
            break
    else:
        pytest.fail("every kill came after the last file was loaded; make the delivery bigger")

    con = duckdb.connect(str(warehouse))
    try:
        # After the crash: every file is either wholly loaded (and reconciled) or not there at all.
        assert len(loaded) < len(files), "the kill came after the last file"
        if loaded:
            assert reconcile(con, "client_feedback") == []

        # Rerun: the rest loads, nothing twice.
        result = load_source(con, source, landing, Pseudonymizer(DEMO_PSEUDONYM_KEY))
        assert result.failed == []
        assert {f.file_name for f in result.loaded} == set(files) - set(loaded)
        assert reconcile(con, "client_feedback") == []
        ledger = con.execute("select file_name, count(*) from raw._loads where source = 'client_feedback' "
                             "and status = 'current' group by 1").fetchall()
        assert sorted(f for f, _ in ledger) == files and all(n == 1 for _, n in ledger)
        dupes = con.execute("select count(*) from (select _file_name, _row_number from raw.client_feedback "
                            "group by 1, 2 having count(*) > 1)").fetchall()[0][0]
        assert dupes == 0
    finally:
        con.close()


def test_kill_during_publish_keeps_the_last_good_snapshot(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    published = tmp_path / "published"
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("create schema marts")
        con.execute("create table marts.small as select range as id from range(10)")
        publish_snapshot(con, published, None)
        before = (published / PUBLISHED_FILE).read_bytes()
        con.execute("create table marts.large as select range as id, md5(range::varchar) as h from range(20000000)")
    finally:
        con.close()

    assert run_and_kill(PUBLISH_SCRIPT, [str(warehouse), str(published)], after_s=1.5)

    assert (published / PUBLISHED_FILE).read_bytes() == before
    reader = duckdb.connect(str(published / PUBLISHED_FILE), read_only=True)
    try:
        assert reader.execute("select count(*) from marts.small").fetchall() == [(10,)]
    finally:
        reader.close()
    # The next publish cleans up what the killed one left behind and completes.
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("drop table marts.large")
        publish_snapshot(con, published, None)
    finally:
        con.close()
    assert [p.name for p in published.iterdir() if p.name.startswith(".")] == []


# -- a real Dagster run, killed through and through ----------------------------------------------------------
DEMO_RUN = [sys.executable, "-m", "orchestration.demo", "--scale", str(INTEGRATION_SCALE)]


def _started_steps(instance, run_id: str) -> set[str]:
    import dagster as dg

    return {e.dagster_event.step_key for e in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_START)}


def _kill_run_at(env: dict, home: Path, step: str, delay: float, log: Path) -> str:
    """Start `make run`'s pipeline; when its run has started `step` (+ delay seconds), kill -9 the whole process
    group (the pipeline and its dbt), as a power cut would. Returns the killed run's id."""
    import dagster as dg

    known = set()
    if (home / "dagster.yaml").exists():
        with dg.DagsterInstance.from_config(str(home)) as instance:
            known = {r.run_id for r in instance.get_runs()}
    with log.open("a") as out:
        proc = subprocess.Popen(DEMO_RUN, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"the run ended before {step} started:\n{log.read_text()[-3000:]}"
            if (home / "dagster.yaml").exists():
                with dg.DagsterInstance.from_config(str(home)) as instance:
                    runs = [r for r in instance.get_runs() if r.run_id not in known]
                    if runs and step in _started_steps(instance, runs[0].run_id):
                        time.sleep(delay)
                        return runs[0].run_id
            time.sleep(0.5)
        raise AssertionError(f"{step} did not start within 10 minutes:\n{log.read_text()[-3000:]}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _assert_old_or_new(published: Path, old: bytes, home: Path, run_id: str) -> bytes:
    """The published snapshot is the one before the killed run, byte for byte, or the complete one the killed
    run published (its materialization's row counts are what the file holds)."""
    import dagster as dg

    now = published.read_bytes()
    if now == old:
        return now
    with dg.DagsterInstance.from_config(str(home)) as instance:
        published_events = [e for e in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
                            if e.dagster_event.asset_key.path == ["published", "rsw_marts"]]
    assert published_events, "the snapshot changed although the killed run never finished publishing"
    counts = published_events[0].dagster_event.materialization.metadata["row_counts"].value
    with duckdb.connect(str(published), read_only=True) as con:
        assert {t: con.execute(f"select count(*) from marts.{t}").fetchall()[0][0] for t in counts} == counts
    return now


def test_killed_dagster_runs_never_wedge_the_next_run(demo_copy, tmp_path):
    """kill -9 a real `make run` while it holds the warehouse pool: during a load, during dbt build, during the
    publish. Each next run marks the dead run failed, frees its slot and gets on; the last one finishes; the
    published snapshot is always the old one or a complete new one."""
    import dagster as dg

    home = tmp_path / "dagster_home"
    env = subprocess_env(demo_copy, home)
    log = tmp_path / "runs.log"
    published = demo_copy / "published" / PUBLISHED_FILE
    snapshot = published.read_bytes()
    ensure_settings(home)
    dg.DagsterInstance.from_config(str(home)).dispose()  # create its storage once, before two processes open it
    deliver(demo_copy / "landing" / "complaints", "asiat_crash_2025-03.csv",
            [complaint(f"MU-2025-8{day:03d}", day) for day in range(1, 29)])

    killed = []
    for step, delay in [("raw__complaints", 0.0), ("warehouse_models", 3.0), ("published__rsw_marts", 0.2)]:
        run_id = _kill_run_at(env, home, step, delay, log)
        killed.append(run_id)
        with dg.DagsterInstance.from_config(str(home)) as instance:
            assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.STARTED, "left as a crash leaves it"
        snapshot = _assert_old_or_new(published, snapshot, home, run_id)

    started = time.monotonic()
    done = subprocess.run(DEMO_RUN, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "RESULT: OK" in done.stdout
    assert f"run {killed[-1]}" in done.stdout and "marked failed" in done.stdout
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert all(instance.get_run_by_id(r).status == dg.DagsterRunStatus.FAILURE for r in killed)
        assert instance.event_log_storage.get_concurrency_info("duckdb_warehouse").claimed_slots == []
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from marts.supervision_signals").fetchall()[0][0] > 0
    with duckdb.connect(str(demo_copy / "warehouse" / "rsw.duckdb"), read_only=True) as con:
        assert con.execute("select status, rows_accepted from raw._loads where file_name = "
                           "'asiat_crash_2025-03.csv'").fetchall() == [("current", 28)]
        assert reconcile(con, "complaints") == []
    print(f"final run after three crashes: {time.monotonic() - started:.0f} s")
