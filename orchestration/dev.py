"""`make dev`: the Dagster UI and daemon on the demo data, with the fixture server standing in for the APIs.

Drop a file into data/landing/<source>/ and the landing-zone sensor refreshes that source, the marts and the
published snapshot; the schedules are loaded too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from orchestration.demo import parse_dbt_project
from orchestration.settings import PROJECT_ROOT, export_for_dbt, load
from sources.demo.fixture_server import FixtureServer
from sources.demo.generate import generate


def main() -> None:
    os.environ.setdefault("RSW_DEMO_MODE", "1")
    settings = load()
    recordings = settings.data_dir / "demo" / "api"
    generate(settings.landing_dir, recordings)
    with FixtureServer(recordings) as server:
        os.environ["SOTKANET_BASE_URL"] = f"{server.base_url}/rest/1.1"
        os.environ["STATFIN_BASE_URL"] = f"{server.base_url}/PxWeb/api/v1/fi/StatFin"
        export_for_dbt(load())
        parse_dbt_project()
        dagster = Path(sys.executable).with_name("dagster")
        print(f"Fixture server at {server.base_url}; Dagster UI at http://127.0.0.1:3000")
        try:
            subprocess.run([str(dagster), "dev", "-w", str(PROJECT_ROOT / "workspace.yaml"),
                            "-h", "127.0.0.1", "-p", "3000"], check=False)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
