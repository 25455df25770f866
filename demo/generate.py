"""Generate the whole demo: landing files in the real export formats for every file source, and the
recorded API responses the fixture server plays back. Deterministic: the same scale gives the same bytes,
so a second `make run` loads nothing new.

    python -m demo --landing data/landing --recordings data/demo/api --scale 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from demo.api_recordings import write_recordings
from demo.ara_homelessness import write_ara_landing
from demo.client_data import write_client_data_landing
from demo.knowledge_cycle import write_knowledge_cycle_landing
from demo.missing_observations import write_missing_observations_landing
from demo.missing_statistics import write_missing_statistics_landing
from demo.plan import write_plan_landing
from demo.professional_observations import write_professional_observations_landing
from demo.statistics import write_statistics_landing

DEMO_TODAY = dt.date(2025, 12, 31)


def generate(landing: Path, recordings: Path, scale: float = 1.0, seed: int = 2025) -> dict[str, float]:
    """Write everything; returns seconds per part."""
    timings: dict[str, float] = {}
    parts = {
        "client_data": lambda: write_client_data_landing(landing, scale=scale, seed=seed, today=DEMO_TODAY),
        "professional_observations": lambda: write_professional_observations_landing(
            landing, scale=scale, seed=seed, today=DEMO_TODAY),
        "missing_observations": lambda: write_missing_observations_landing(
            landing, scale=scale, seed=seed, today=DEMO_TODAY),
        "knowledge_cycle": lambda: write_knowledge_cycle_landing(landing),  # reads the social reports written above
        "statistics": lambda: write_statistics_landing(landing, scale=scale, seed=seed, today=DEMO_TODAY),
        "missing_statistics": lambda: write_missing_statistics_landing(landing, scale=scale, seed=seed,
                                                                       today=DEMO_TODAY),
        "plan": lambda: write_plan_landing(landing, seed=seed),
        "ara_homelessness": lambda: write_ara_landing(landing),
        "api_recordings": lambda: write_recordings(recordings),
    }
    for name, write in parts.items():
        started = time.perf_counter()
        write()
        timings[name] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--landing", type=Path, required=True)
    parser.add_argument("--recordings", type=Path, required=True)
    parser.add_argument("--scale", type=float, default=1.0, help="1 ≈ one Varha year; 10 = ten times that")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    for part, seconds in generate(args.landing, args.recordings, args.scale, args.seed).items():
        print(f"demo data: {part:<28} {seconds:6.1f} s")


if __name__ == "__main__":
    main()
