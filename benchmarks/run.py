"""`make bench`: the pipeline at county and national scale against a bare-DuckDB baseline, measured.

For each scale (env SCALES, default "1 10"):

1. demo data: generated once into <work>/data-s<scale>/ (landing files + API recordings) and reused while the
   generators are unchanged; generation is NOT timed;
2. full refresh: a fresh data dir whose landing/ links to those files; `benchmarks.pipeline full` in a child
   process (fixture server, `dbt parse`, the Dagster `full_refresh` job executed in process) — timed: the job;
3. baseline: `benchmarks.baseline` on the same landing files and recordings, in a child process;
4. incremental (orchestration/refresh.py, as a second `make run` does it), each in a new child process:
   `benchmarks.pipeline nochange` (nothing new: no dbt, no republish), then one new daily complaints file and
   `benchmarks.pipeline incremental` (load it, rebuild what is downstream of complaints, republish); then the
   next day's file the daemon's way, `benchmarks.pipeline daemon` (the landing-zone sensor's run: no API poll).

Peak memory is the peak of the summed RSS of the child's whole process tree (dbt, the fixture server ...),
sampled every 0.25 s by a thread here; shared pages count once per process, so it errs high. The figures go to
stdout and to <work>/results-<timestamp>.json.

    make bench                       # SCALES="1 10"
    make bench SCALES="1 10"
    python -m benchmarks.run --scales 1 --work /tmp/bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from benchmarks.pipeline import stage_of

ROOT = Path(__file__).resolve().parents[1]
GENERATOR_FILES = sorted((ROOT / "demo").glob("*.py")) + sorted((ROOT / "dbt_project" / "seeds").glob("*.csv"))
TARGETS = {"ratio": 2.5, "peak_rss_gb": 1.5, "nochange_seconds": 10.0, "incremental_seconds": 20.0,
           "generation_seconds": 60.0}
TARGET_SCALE = 10.0  # the targets are set at scale 10: judged there when it ran, else at the largest scale
GB = 10**9  # decimal gigabytes, as the targets are written (1 GiB = 1.074 GB)


class PeakRss:
    """Samples the summed RSS of a process and all its descendants in a thread; keeps the peak, what it was made
    of (per kind of process: the root, dbt, other children), each kind's own peak, and the timeline of totals
    (epoch seconds, bytes) for the peak of each stage."""

    def __init__(self, pid: int, interval: float = 0.25):
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.peak_parts: dict[str, int] = {}
        self.part_peaks: dict[str, int] = {}
        self.timeline: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _kind(self, p: psutil.Process) -> str:
        if p.pid == self.root.pid:
            return "main"
        try:
            return "dbt" if any(part.endswith("dbt") for part in p.cmdline()[:2]) else "other"
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            return "other"

    def _sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        parts: dict[str, int] = {}
        for p in processes:
            try:
                kind = self._kind(p)
                parts[kind] = parts.get(kind, 0) + p.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                pass
        total = sum(parts.values())
        self.timeline.append((time.time(), total))
        for kind, rss in parts.items():
            self.part_peaks[kind] = max(self.part_peaks.get(kind, 0), rss)
        if total > self.peak:
            self.peak, self.peak_parts = total, parts

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def measured(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    """Run a child process; wall seconds, peak tree RSS, exit code. Its output goes to `log`."""
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        with PeakRss(proc.pid) as rss:
            code = proc.wait()
    return {"wall_seconds": round(time.perf_counter() - started, 2), "peak_rss_bytes": rss.peak,
            "peak_rss_parts": rss.peak_parts, "rss_peak_by_kind": rss.part_peaks, "exit_code": code,
            "rss_timeline": rss.timeline}


def peak_rss_by_step(timeline: list[tuple[float, int]], windows: dict[str, list[float]]) -> dict[str, int]:
    """The process tree's peak RSS while each step ran (a step's window from the run's events), highest first."""
    out = {step: max((rss for t, rss in timeline if start <= t <= end), default=0)
           for step, (start, end) in windows.items()}
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def peak_rss_by_stage(by_step: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for step, peak in by_step.items():
        out[stage_of(step)] = max(out.get(stage_of(step), 0), peak)
    return out


def with_child_result(measure: dict[str, object], result_file: Path) -> dict[str, object]:
    """The parent's measurements, the child's own result, and the peak RSS of each stage (the timeline and the
    step windows themselves are dropped: they only serve that)."""
    timeline = measure.pop("rss_timeline")
    measure.update(json.loads(result_file.read_text()) if result_file.exists() else {"success": False})
    by_step = peak_rss_by_step(timeline, measure.pop("step_windows", {}))
    measure["peak_rss_by_stage"] = peak_rss_by_stage(by_step)
    measure["peak_rss_by_step"] = dict(list(by_step.items())[:8])
    return measure


def generator_fingerprint(scale: float) -> str:
    digest = hashlib.sha256(f"scale={scale:g}".encode())
    for path in GENERATOR_FILES:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def demo_data(work: Path, scale: float) -> tuple[Path, Path, float, bool]:
    """Landing files and recordings for `scale`, generated once per generator version (the generation time is
    kept beside them): (landing, recordings, generation seconds, whether this run generated them)."""
    base = work / f"data-s{scale:g}"
    stamp = base / "fingerprint.json"
    fingerprint = generator_fingerprint(scale)
    if stamp.exists():
        known = json.loads(stamp.read_text())
        if known.get("fingerprint") == fingerprint:
            return base / "landing", base / "api", known["seconds"], False
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "demo", "--landing", str(base / "landing"),
                    "--recordings", str(base / "api"), "--scale", f"{scale:g}"], cwd=ROOT, check=True)
    seconds = round(time.perf_counter() - started, 1)
    stamp.write_text(json.dumps({"fingerprint": fingerprint, "seconds": seconds}))
    return base / "landing", base / "api", seconds, True


def link_landing(source: Path, target: Path) -> None:
    """A landing zone of symbolic links to the generated files (folders are real: new files can be dropped)."""
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        (target / folder.name).mkdir(parents=True, exist_ok=True)
        for f in folder.iterdir():
            (target / folder.name / f.name).symlink_to(f.resolve())


def landing_stats(landing: Path) -> dict[str, float]:
    files = [f for f in landing.rglob("*") if f.is_file()]
    return {"files": len(files), "bytes": sum(f.stat().st_size for f in files)}


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import dagster
    import duckdb
    import pandas
    from dbt.version import __version__ as dbt_version
    return {
        "nproc": str(os.cpu_count()),
        "memory_gb": f"{psutil.virtual_memory().total / GB:.1f}",
        "cpu": cpu,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "dbt": dbt_version,
        "dagster": dagster.__version__,
        "pandas": pandas.__version__,
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def bench_scale(work: Path, scale: float, run_id: str, incremental: bool = True) -> dict[str, object]:
    out: dict[str, object] = {"scale": scale}
    print(f"[scale {scale:g}] demo data ...", flush=True)
    landing, recordings, out["generation_seconds"], out["generated_now"] = demo_data(work, scale)
    out["landing"] = landing_stats(landing)

    data_dir = work / f"run-{run_id}-s{scale:g}"
    shutil.rmtree(data_dir, ignore_errors=True)
    link_landing(landing, data_dir / "landing")
    print(f"[scale {scale:g}] full refresh (Dagster full_refresh) ...", flush=True)
    out["load_average_before"] = os.getloadavg()[0]
    result_file = data_dir / "full.json"
    out["full"] = with_child_result(measured(
        [sys.executable, "-m", "benchmarks.pipeline", "full", "--data-dir", str(data_dir),
         "--recordings", str(recordings), "--out", str(result_file)], data_dir / "full.log"), result_file)

    print(f"[scale {scale:g}] bare-DuckDB baseline ...", flush=True)
    baseline_dir = work / f"baseline-{run_id}-s{scale:g}"
    shutil.rmtree(baseline_dir, ignore_errors=True)
    baseline_dir.mkdir(parents=True)
    base = measured([sys.executable, "-m", "benchmarks.baseline", "--landing", str(landing), "--recordings",
                     str(recordings), "--out", str(baseline_dir), "--json"], baseline_dir / "baseline.log")
    base.pop("rss_timeline")
    lines = (baseline_dir / "baseline.log").read_text().strip().splitlines()
    try:
        base.update(json.loads(lines[-1]))
    except (IndexError, json.JSONDecodeError):
        base["success"] = False
    out["baseline"] = base

    if incremental:
        for mode, what in (("nochange", "refresh with nothing new"),
                           ("incremental", "refresh after one new daily complaints file"),
                           ("daemon", "the sensor's run after the next day's complaints file")):
            print(f"[scale {scale:g}] {what} ...", flush=True)
            result_file = data_dir / f"{mode}.json"
            out[mode] = with_child_result(measured(
                [sys.executable, "-m", "benchmarks.pipeline", mode, "--data-dir", str(data_dir),
                 "--recordings", str(recordings), "--out", str(result_file)], data_dir / f"{mode}.log"), result_file)
    out["load_average_after"] = os.getloadavg()[0]
    return out


def _gb(n: float) -> str:
    return f"{n / GB:.2f} GB"


def report(results: list[dict[str, object]], info: dict[str, str]) -> str:
    lines = [f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gb']} GB; Python {info['python']}, "
             f"duckdb {info['duckdb']}, dbt {info['dbt']}, dagster {info['dagster']}, pandas {info['pandas']}",
             f"load average at start: {info['load_average']}", ""]
    header = (f"{'scale':>5} {'rows in':>11} {'what':<22} {'wall s':>8} {'timed s':>8} {'rows/s':>9} "
              f"{'peak RSS':>9}")
    lines.append(header)
    lines.append("-" * len(header))
    for r in results:
        full, base = r["full"], r["baseline"]
        rows = full.get("file_rows_in") or base.get("rows_in") or 0
        f_t, b_t = full.get("job_seconds"), base.get("total")
        for label, m, timed in (("full refresh (Dagster)", full, f_t), ("bare DuckDB baseline", base, b_t)):
            rate = f"{rows / timed:,.0f}" if timed else "-"
            lines.append(f"{r['scale']:>5g} {rows:>11,} {label:<22} {m['wall_seconds']:>8.1f} "
                         f"{(timed or 0):>8.1f} {rate:>9} {_gb(m['peak_rss_bytes']):>9}")
        for mode, rows_label, label in (("nochange", "0 files", "no change (new proc)"),
                                        ("incremental", "1 file", "one new file (new proc)"),
                                        ("daemon", "1 file", "one new file (sensor run)")):
            if mode in r:
                inc = r[mode]
                lines.append(f"{r['scale']:>5g} {rows_label:>11} {label:<22} {inc['wall_seconds']:>8.1f} "
                             f"{(inc.get('job_seconds') or 0):>8.1f} {'':>9} {_gb(inc['peak_rss_bytes']):>9}")
                dbt_models = [k for k in inc.get("built", []) if not k.startswith("published/")]
                lines.append(f"{'':>5}   {mode}: changed sources {inc.get('changed')}, {len(dbt_models)} warehouse "
                             f"assets rebuilt, published: {any(k == 'published/rsw_marts' for k in inc.get('built', []))}; "
                             f"stages (s) " + ", ".join(f"{k} {v:.1f}" for k, v in (inc.get("stages") or {}).items())
                             + f"; dbt parse {inc.get('dbt_parse_seconds', 0):.1f}, definitions import "
                             f"{inc.get('import_definitions_seconds', 0):.1f}"
                             + ("" if inc.get("success") else "   RUN NOT CLEAN"))
                if inc.get("sensor"):
                    first, steady = inc["sensor"]["first_tick"], inc["sensor"]["steady_tick"]
                    lines.append(f"{'':>5}   landing-zone sensor (the daemon's no-change refresh): first tick "
                                 f"{first['seconds']:.2f} s, steady tick {steady['seconds']:.3f} s, run requests "
                                 f"{first['run_requests'] + steady['run_requests']}")
        kinds = full.get("rss_peak_by_kind") or {}
        lines.append(f"{'':>5} full refresh memory: peak {_gb(full['peak_rss_bytes'])} = "
                     + " + ".join(f"{k} {_gb(v)}" for k, v in sorted((full.get('peak_rss_parts') or {}).items()))
                     + "; each kind's own peak: " + ", ".join(f"{k} {_gb(v)}" for k, v in sorted(kinds.items())))
        lines.append(f"{'':>5} full refresh peak memory by stage: "
                     + ", ".join(f"{k} {_gb(v)}" for k, v in (full.get("peak_rss_by_stage") or {}).items()))
        stages = full.get("stages") or {}
        lines.append(f"{'':>5} stages (s): generate {r['generation_seconds']:.1f}"
                     f"{'' if r.get('generated_now') else ' (cached data; time when generated)'}, "
                     + ", ".join(f"{k} {stages.get(k, 0):.1f}" for k in ("load", "apis", "dbt", "publish", "reports", "checks"))
                     + (f", other {stages['other']:.1f}" if stages.get("other") else "")
                     + f"; dbt parse {full.get('dbt_parse_seconds', 0):.1f}, definitions import "
                     f"{full.get('import_definitions_seconds', 0):.1f} (not in the job time)")
        lines.append(f"{'':>5} baseline stages (s): " + ", ".join(
            f"{k} {base.get(k, 0):.1f}" for k in ("ingest", "pseudonymise", "transform_aggregate", "publish")))
        steps = full.get("steps") or {}
        if steps:
            lines.append(f"{'':>5} slowest steps: " + ", ".join(f"{k} {v:.0f} s" for k, v in list(steps.items())[:6]))
        ok = full.get("success") and not full.get("failed_checks")
        ratio = f_t / b_t if f_t and b_t else float("nan")
        r["ratio"] = ratio
        lines.append(f"{'':>5} ratio full refresh / baseline: {ratio:.2f}x (target <= {TARGETS['ratio']}x)"
                     f"{'' if ok else '   PIPELINE RUN NOT CLEAN: ' + str(full.get('failed_steps')) + str(full.get('failed_checks'))}")
        lines.append("")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        for what, key in (("full refresh", "full"), ("baseline", "baseline")):
            ta = a[key].get("job_seconds" if key == "full" else "total")
            tb = b[key].get("job_seconds" if key == "full" else "total")
            if ta and tb:
                lines.append(f"growth scale {a['scale']:g} → {b['scale']:g} ({b['scale'] / a['scale']:g}x data): "
                             f"{what} {ta:.1f} s → {tb:.1f} s = {tb / ta:.1f}x time")
    judged = next((r for r in results if r["scale"] == TARGET_SCALE), results[-1])
    for a, b in zip(results, results[1:]):
        ta, tb = a["full"].get("job_seconds"), b["full"].get("job_seconds")
        if ta and tb:
            factor = b["scale"] / a["scale"]
            lines.append(f"scale {a['scale']:g} → {b['scale']:g}: full refresh {tb / ta:.1f}x the time for {factor:g}x "
                         f"the data ({'linear or better' if tb / ta <= factor else 'WORSE than linear'})")
    verdicts = [
        ("demo generation", f"{judged['generation_seconds']:.1f} s", judged["generation_seconds"] <= TARGETS["generation_seconds"],
         f"<= {TARGETS['generation_seconds']:g} s"),
        ("full refresh / baseline", f"{judged['ratio']:.2f}x", judged["ratio"] <= TARGETS["ratio"], f"<= {TARGETS['ratio']}x"),
        ("peak RSS (full refresh)", _gb(judged["full"]["peak_rss_bytes"]),
         judged["full"]["peak_rss_bytes"] <= TARGETS["peak_rss_gb"] * GB, f"<= {TARGETS['peak_rss_gb']} GB"),
    ]
    for mode, target, name in (("nochange", "nochange", "no-change refresh"),
                               ("incremental", "incremental", "one new daily file"),
                               ("daemon", "incremental", "one new daily file, daemon")):
        if mode in judged:  # the refresh itself (Dagster runs included); the process wall adds imports and dbt parse
            seconds = judged[mode].get("job_seconds") or float("nan")
            verdicts.append((f"{name} (refresh)" if mode != "daemon" else f"{name} (the run)", f"{seconds:.1f} s",
                             seconds <= TARGETS[f"{target}_seconds"], f"<= {TARGETS[f'{target}_seconds']:g} s"))
            if mode != "daemon":  # the daemon is already running: no process start
                verdicts.append((f"{name} (process wall)", f"{judged[mode]['wall_seconds']:.1f} s",
                                 judged[mode]["wall_seconds"] <= TARGETS[f"{target}_seconds"],
                                 f"<= {TARGETS[f'{target}_seconds']:g} s"))
    if judged.get("nochange", {}).get("sensor"):
        tick = judged["nochange"]["sensor"]["first_tick"]
        verdicts.append(("no-change refresh (daemon: sensor tick, 0 runs)", f"{tick['seconds']:.2f} s",
                         tick["seconds"] <= TARGETS["nochange_seconds"] and not tick["run_requests"],
                         f"<= {TARGETS['nochange_seconds']:g} s"))
    lines.append("")
    lines.append(f"targets (set at scale {TARGET_SCALE:g}) at scale {judged['scale']:g}:")
    for name, value, ok, target in verdicts:
        lines.append(f"  {name:<48} {value:>10}  target {target:<10} {'MET' if ok else 'MISSED'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", nargs="+", type=float,
                        default=[float(s) for s in os.environ.get("SCALES", "1 10").split()])
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("RSW_BENCH_DIR", ROOT / "data" / "bench")))
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the run's data dirs (warehouse, logs)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    run_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    info = machine()
    print(f"benchmark {run_id}: scales {' '.join(f'{s:g}' for s in args.scales)}, work dir {args.work}", flush=True)
    results = []
    for scale in args.scales:
        results.append(bench_scale(args.work, scale, run_id, incremental=not args.no_incremental))
        if not args.keep:
            for d in (args.work / f"run-{run_id}-s{scale:g}", args.work / f"baseline-{run_id}-s{scale:g}"):
                for heavy in list(d.glob("**/*.duckdb")) + list(d.glob("**/*.parquet")):
                    heavy.unlink(missing_ok=True)
    text = report(results, info)
    print("\n" + text)
    (args.work / f"results-{run_id}.json").write_text(
        json.dumps({"machine": info, "results": results}, indent=1, default=str), encoding="utf-8")
    print(f"\nresults: {args.work / f'results-{run_id}.json'}")


if __name__ == "__main__":
    main()
