"""The code location loads the way `dagster dev` loads it: DAGSTER_IS_DEV_CLI set (so the dbt project is parsed
at load time), no virtual environment on PATH, no RSW_* variables exported by a caller. Every schedule is
evaluated with a schedule context, and the sensor is there and running by default."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import json
import dagster as dg
from orchestration.definitions import defs

defs = defs()  # what Dagster calls when it loads the code location
dg.Definitions.validate_loadable(defs)
repo = defs.get_repository_def()
schedules = {}
for schedule in repo.schedule_defs:
    with dg.build_schedule_context(repository_def=repo) as context:
        data = schedule.evaluate_tick(context)
    schedules[schedule.name] = {"requests": len(data.run_requests or []), "skip": data.skip_message,
                                "status": schedule.default_status.value}
graph = defs.resolve_asset_graph()
print(json.dumps({
    "schedules": schedules,
    "sensors": {s.name: s.default_status.value for s in repo.sensor_defs},
    "assets": len([k for k in graph.get_all_asset_keys() if graph.get(k).is_materializable]),
    "groups": sorted({graph.get(k).group_name for k in graph.get_all_asset_keys() if graph.get(k).is_materializable}),
}))
"""


def test_code_location_loads_as_under_dagster_dev(tmp_path):
    manifest = ROOT / "dbt_project" / "target" / "manifest.json"
    before = manifest.stat().st_mtime_ns if manifest.exists() else 0
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RSW_", "DAGSTER_", "SOTKANET_", "STATFIN_"))}
    env.update({"PATH": os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep)
                                        if p and Path(p).resolve() != Path(venv_bin).resolve()) or "/usr/bin:/bin",
                "DAGSTER_IS_DEV_CLI": "1", "RSW_DATA_DIR": str(tmp_path), "RSW_DEMO_MODE": "1",
                "DAGSTER_HOME": str(tmp_path / "dagster_home")})
    (tmp_path / "dagster_home").mkdir()
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert manifest.stat().st_mtime_ns > before, "under dagster dev the dbt project is parsed at load time"
    assert set(loaded["schedules"]) == {"daily_client_data_refresh_schedule", "weekly_sotkanet_poll_schedule",
                                        "half_year_social_reporting_package_schedule",
                                        "yearly_national_comparison_schedule", "dbt_docs_refresh_schedule"}
    assert all(s["requests"] == 1 and s["status"] == "RUNNING" for s in loaded["schedules"].values()), loaded["schedules"]
    assert loaded["sensors"] == {"landing_zone_sensor": "RUNNING"}
    assert {"client_data", "professional_observations", "statistics", "marts", "published"} <= set(loaded["groups"])
    assert loaded["assets"] > 50
