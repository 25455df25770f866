"""`make dev`: the Dagster UI and daemon on the demo data, with the fixture server standing in for the APIs.

Drop a file into data/landing/<source>/ and the landing-zone sensor refreshes that source, the marts and the
published snapshot; the schedules are loaded too. Works without an activated virtual environment: the
webserver, the daemon, their code servers and dbt all come from the environment this Python runs in.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from dagster import DagsterInstance

from demo.fixture_server import FixtureServer
from orchestration.demo import generate_once, parse_dbt_project, start_cleanly
from orchestration.instance import ensure_settings
from orchestration.settings import PROJECT_ROOT, dagster_home, export_for_dbt, load


def dev_environment() -> dict[str, str]:
    """This environment with the virtual environment's bin directory first on PATH, so that every process
    `dagster dev` starts (and any `dbt` it calls) is the one installed beside this Python."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--scale", type=float, default=1.0, help="size of the demo data (1 ≈ one Varha year)")
    args = parser.parse_args()
    os.environ.setdefault("RSW_DEMO_MODE", "1")
    settings = load()
    home = dagster_home()
    if home:
        ensure_settings(home)
        with DagsterInstance.get() as instance:
            start_cleanly(instance)
    recordings = settings.data_dir / "demo" / "api"
    # as `make run` does: generated again only when the scale or the generator changed, so a restart leaves the
    # landing zone (and the files dropped into it) as it was, and the sensor finds nothing new in it
    generate_once(settings.landing_dir, recordings, args.scale, settings.data_dir / "demo" / "generated.sha256")
    with FixtureServer(recordings) as server:
        os.environ["SOTKANET_BASE_URL"] = f"{server.base_url}/rest/1.1"
        os.environ["STATFIN_BASE_URL"] = f"{server.base_url}/PxWeb/api/v1/fi/StatFin"
        os.environ.setdefault("RSW_HTTP_MIN_INTERVAL", "0")  # the local fixture server needs no politeness
        export_for_dbt(load())
        parse_dbt_project()
        dagster = Path(sys.executable).with_name("dagster")
        print(f"Fixture server at {server.base_url}; Dagster UI at http://127.0.0.1:{args.port}", flush=True)
        # In this process group: Ctrl-C in the terminal stops the webserver, the daemon and their children too.
        proc = subprocess.Popen([str(dagster), "dev", "-w", str(PROJECT_ROOT / "workspace.yaml"),
                                 "-h", "127.0.0.1", "-p", str(args.port)], env=dev_environment())
        try:
            proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)  # dagster dev shuts its children down on SIGINT
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    main()
