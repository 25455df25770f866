"""`make dev` for real: the Dagster webserver and daemon, started the way `make dev` starts them but with no
virtual environment on PATH, over a copy of the integration run's data. Through the GraphQL API: the code
location loads; the sensor starts no run while the landing zone is unchanged; a new complaints delivery (an
Excel "Unicode text" export, UTF-16, and an unreadable file beside it) starts one run, which succeeds: the good
rows are published in a new snapshot, the bad file is rejected with its reason and a WARN check names it, and a
reader holding the old snapshot open keeps reading."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from sources.client_data.complaints import HEADERS
from tests.conftest import INTEGRATION_SCALE, subprocess_env
from tests.unit.test_landing import complaint

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]

LOCATION = """{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus
  locationOrLoadError { __typename ... on PythonError { message } } } } } }"""
SENSOR_TICKS = """{ sensorOrError(sensorSelector: {repositoryName: "__repository__",
  repositoryLocationName: "rsw_warehouse", sensorName: "landing_zone_sensor"}) {
  ... on Sensor { sensorState { status ticks(limit: 20) { status skipReason runIds } } } } }"""
RUNS = """{ runsOrError { ... on Runs { results { runId status tags { key value } } } } }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["data"]


def wait_for(what: str, probe, timeout: float, proc: subprocess.Popen, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"make dev stopped while waiting for {what}:\n{log.read_text()[-3000:]}"
        try:
            value = probe()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}:\n{log.read_text()[-3000:]}")


def snapshot_rows(con: duckdb.DuckDBPyConnection) -> list:
    return con.execute("select * from marts.complaint_cases order by all").fetchall()


def test_dagster_dev_serves_the_location_and_the_sensor_publishes(demo_copy, tmp_path):
    port = free_port()
    venv_bin = Path(sys.executable).parent.resolve()
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p and Path(p).resolve() != venv_bin)
    log = tmp_path / "make_dev.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "orchestration.dev", "--port", str(port), "--scale", str(INTEGRATION_SCALE)],
            cwd=ROOT, env=subprocess_env(demo_copy, tmp_path / "dagster_home", path or "/usr/bin:/bin"),
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    published = demo_copy / "published" / "rsw_marts.duckdb"
    try:
        entries = wait_for("the code location", lambda: [
            e for e in graphql(port, LOCATION)["workspaceOrError"]["locationEntries"] if e["loadStatus"] == "LOADED"],
            timeout=300, proc=proc, log=log)
        assert entries[0]["name"] == "rsw_warehouse"
        assert entries[0]["locationOrLoadError"]["__typename"] == "RepositoryLocation", entries[0]

        # An unchanged landing zone: the sensor evaluates and skips, and no run starts.
        def finished_ticks():  # a tick still being evaluated is listed as STARTED: wait until one has ended
            ticks = graphql(port, SENSOR_TICKS)["sensorOrError"]["sensorState"]["ticks"]
            return ticks if ticks and ticks[0]["status"] != "STARTED" else None

        ticks = wait_for("a finished sensor tick", finished_ticks, timeout=180, proc=proc, log=log)
        assert ticks[0]["status"] == "SKIPPED", ticks[0]
        assert graphql(port, RUNS)["runsOrError"]["results"] == []

        reader = duckdb.connect(str(published), read_only=True)  # a BI tool with the old snapshot open
        before = snapshot_rows(reader)
        folder = demo_copy / "landing" / "complaints"
        unicode_text = "\r\n".join("\t".join(r) for r in [HEADERS, *(complaint(f"MU-2025-9{day:03d}", day)
                                                                     for day in range(1, 29))])
        (folder / "asiat_live_2025-03.txt").write_bytes(unicode_text.encode("utf-16"))
        (folder / "asiat_live_2025-04.csv").write_bytes(b"\x00\x01 not a table \x00" * 20)

        def finished_run():
            runs = graphql(port, RUNS)["runsOrError"]["results"]
            return runs if runs and runs[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED") else None

        runs = wait_for("the sensor's run", finished_run, timeout=600, proc=proc, log=log)
        assert len(runs) == 1 and runs[0]["status"] == "SUCCESS", runs
        tags = {t["key"]: t["value"] for t in runs[0]["tags"]}
        assert tags["rsw/sources"] == "complaints" and tags["rsw/files"] == "2"
        with dg.DagsterInstance.from_config(str(tmp_path / "dagster_home")) as instance:
            checks = [e.dagster_event.event_specific_data for e in instance.all_logs(
                runs[0]["runId"], of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)]
        rejected = [c for c in checks if c.check_name == "rejected_files" and c.asset_key.path == ["raw", "complaints"]]
        assert len(rejected) == 1 and not rejected[0].passed
        assert rejected[0].severity == dg.AssetCheckSeverity.WARN and "asiat_live_2025-04.csv" in rejected[0].description

        assert snapshot_rows(reader) == before, "the open reader keeps its consistent, old snapshot"
        reader.close()
        with duckdb.connect(str(published), read_only=True) as fresh:
            after = snapshot_rows(fresh)
        assert after != before
        with duckdb.connect(str(demo_copy / "warehouse" / "rsw.duckdb"), read_only=True) as warehouse:
            assert warehouse.execute("select file_name, status, rows_accepted, reason like '%UTF-16%' from raw._loads "
                                     "where file_name like 'asiat_live%' order by 1").fetchall() == [
                ("asiat_live_2025-03.txt", "current", 28, None), ("asiat_live_2025-04.csv", "rejected", 0, True)]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # anything of the group still alive (daemon, code servers)
        except ProcessLookupError:
            pass
