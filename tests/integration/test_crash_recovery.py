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

from sources.demo.client_data import write_client_data_landing
from sources.landing import load_source
from sources.loads import reconcile
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
from sources.publish import PUBLISHED_FILE, publish_snapshot
from sources.registry import file_sources

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
publish_snapshot(con, Path(sys.argv[2]))
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

    assert run_and_kill(LOAD_SCRIPT, [str(warehouse), str(landing), "client_feedback"], after_s=4.0), \
        "the load finished before it could be killed; make the delivery bigger"

    con = duckdb.connect(str(warehouse))
    try:
        # After the crash: every file is either wholly loaded (and reconciled) or not there at all.
        loaded = [r[0] for r in con.execute(
            "select file_name from raw._loads where source = 'client_feedback'").fetchall()] \
            if con.execute("select count(*) from duckdb_tables() where table_name = '_loads'").fetchall()[0][0] else []
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
        publish_snapshot(con, published)
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
        publish_snapshot(con, published)
    finally:
        con.close()
    assert [p.name for p in published.iterdir() if p.name.startswith(".")] == []
