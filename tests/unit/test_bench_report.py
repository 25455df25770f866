"""`make bench`'s verdict: the issue's targets are set at scale 10, so a run of several scales is judged there."""

from __future__ import annotations

from benchmarks.run import GB, report

INFO = dict.fromkeys(("nproc", "cpu", "memory_gb", "python", "duckdb", "dbt", "dagster", "pandas", "load_average"), "-")


def _result(scale: float, seconds: float, rss_gb: float) -> dict:
    """The least a scale's result holds: its full refresh (a third of it the baseline) and generation."""
    return {"scale": scale, "generation_seconds": 5.0 * scale,
            "full": {"wall_seconds": seconds, "job_seconds": seconds, "peak_rss_bytes": rss_gb * GB, "success": True},
            "baseline": {"wall_seconds": seconds / 3, "total": seconds / 3, "peak_rss_bytes": GB}}


def _verdicts(text: str) -> dict[str, str]:
    block = text.split("\ntargets (set at scale 10) at scale ", 1)[1].splitlines()
    return {line[:50].strip(): line.split()[-1] for line in block[1:]} | {"judged scale": block[0].rstrip(":")}


def test_a_run_of_scales_1_10_and_50_is_judged_at_scale_10():
    verdicts = _verdicts(report([_result(1, 30, 0.5), _result(10, 90, 1.4), _result(50, 400, 2.4)], INFO))
    assert verdicts == {"judged scale": "10", "demo generation": "MET", "full refresh / baseline": "MISSED",
                        "peak RSS (full refresh)": "MET"}


def test_without_scale_10_the_largest_scale_is_judged():
    verdicts = _verdicts(report([_result(1, 30, 0.5), _result(50, 400, 2.4)], INFO))
    assert verdicts == {"judged scale": "50", "demo generation": "MISSED", "full refresh / baseline": "MISSED",
                        "peak RSS (full refresh)": "MISSED"}
