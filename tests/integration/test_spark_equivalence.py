"""Scale-out: the same dbt project builds the same marts on Apache Spark as on DuckDB.

One tiny demo extraction (every file source through the landing framework, Sotkanet and StatFin from the
fixture server) goes into a scratch DuckDB warehouse and, through sources.parquet_export, into Parquet. Then
`dbt build` runs twice with different targets: `duckdb` on the warehouse file, and `spark` (dbt-spark,
method: session, local pyspark) on the Parquet files. Every mart must come out the same on both: the same
columns and column types, the same rows (same keys), numbers equal within a float tolerance; so must every
seed (reference data, loaded by each adapter's own seed loader).

Both builds are seeds + models with their enforced contracts, plus the singular test assert_cross_db_shims
(the shims of macros/cross_db.sql). The other data tests and the unit tests are left out here: they run on
DuckDB in the rest of the suite, and on Spark each costs a job (~300 of them would take many minutes).

Needs Java and the `spark` extra (dbt-spark[session], pyspark), which `make install` installs. It is never
skipped: without them it fails, saying what is missing.

dbt does no disclosure control (the publish step does, on the marts): the last test publishes both engines'
marts through the same disclosure layer and proves they hide the same cells.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT = ROOT / "dbt_project"
SCALE = 0.02                          # ≈ 2 % of a Varha year: a few thousand rows per source
API_YEARS = list(range(2020, 2025))   # five statistical years: enough for the 5-year trend of national_comparison
DEMO_TODAY = dt.date(2025, 12, 31)
REL_TOL = 1e-9
ABS_TOL = 1e-9
SHIM_TEST = "assert_cross_db_shims"

pytestmark = [pytest.mark.integration, pytest.mark.spark]


def _missing_spark() -> str | None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (java not on PATH, JAVA_HOME unset): Spark cannot start"
    for module in ("pyspark", "dbt.adapters.spark"):
        try:
            if importlib.util.find_spec(module) is None:
                raise ModuleNotFoundError(module)
        except ModuleNotFoundError:
            return f"{module} is not installed: pip install -e '.[spark]'"
    return None


# ----------------------------------------------------------------------------------------------------------
# the pipeline, without Dagster
# ----------------------------------------------------------------------------------------------------------

def extract_demo(work: Path, scale: float = SCALE, api_years: list[int] = API_YEARS) -> Path:
    """Generate the demo landing and API recordings, load everything into work/warehouse.duckdb as the
    pipeline's extract assets do, and return the warehouse path."""
    from demo import FixtureServer, generate
    from sources.landing import load_source
    from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
    from sources.reference import population_region_codes, sotkanet_indicator_ids
    from sources.registry import all_file_sources
    from sources.statistics.sotkanet import SotkanetClient, sync_sotkanet
    from sources.statistics.statfin import StatFinClient, sync_population

    landing, recordings = work / "landing", work / "api"
    generate(landing, recordings, scale=scale)
    warehouse = work / "warehouse.duckdb"
    pseudonymizer = Pseudonymizer(DEMO_PSEUDONYM_KEY)
    con = duckdb.connect(str(warehouse))
    try:
        for source in all_file_sources():
            result = load_source(con, source, landing, pseudonymizer if source.needs_pseudonymizer else None,
                                 DEMO_TODAY)
            assert not result.failed, f"{source.name}: {[str(e) for e in result.failed]}"
        with FixtureServer(recordings) as server:
            agent = "rsw-warehouse tests (spark equivalence)"
            sync_sotkanet(con, SotkanetClient(server.sotkanet_url, agent, min_interval_s=0),
                          sotkanet_indicator_ids(), api_years)
            sync_population(con, StatFinClient(server.statfin_url, agent, min_interval_s=0),
                            population_region_codes(), api_years)
    finally:
        con.close()
    return warehouse


def export_parquet(warehouse: Path, out_dir: Path) -> dict[str, int]:
    from sources.parquet_export import export_raw_to_parquet

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return export_raw_to_parquet(con, out_dir)
    finally:
        con.close()


def dbt_env(work: Path, target: str, warehouse: Path, parquet_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "RSW_DBT_TARGET": target,
        "RSW_WAREHOUSE_PATH": str(warehouse),
        "RSW_COMPARED_COUNTY": "05",
        "RSW_DATA_DIR": str(work),
        "RSW_SPARK_DIR": str(work / "spark"),
        "RSW_PARQUET_RAW_DIR": str(parquet_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PYTHONUNBUFFERED": "1",
    })
    return env


class DbtBuild:
    """`dbt build` of the seeds, the models (contracts enforced) and the shim test on one target, as a
    subprocess with its own target/log paths and working directory (nothing of Spark's lands in the repo)."""

    def __init__(self, work: Path, target: str, warehouse: Path, parquet_dir: Path):
        self.work, self.target = work, target
        run_dir = work / f"run_{target}"
        run_dir.mkdir(exist_ok=True)
        self.output = work / f"dbt_{target}.out"
        self._out = self.output.open("w", encoding="utf-8")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("dbt")), "build",
             "--select", "resource_type:seed", "resource_type:model", SHIM_TEST, "--indirect-selection", "empty",
             "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
             "--target-path", str(work / f"target_{target}"), "--log-path", str(work / f"logs_{target}"),
             "--no-use-colors"],
            cwd=run_dir, env=dbt_env(work, target, warehouse, parquet_dir), stdout=self._out,
            stderr=subprocess.STDOUT, text=True)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()  # pyspark's JVM exits when its Python parent goes away
        self.proc.wait()
        self._out.close()

    def wait(self, timeout: float = 1800) -> float:
        """Seconds the build took; fails the test with dbt's errors when it failed."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            self.stop()
        seconds = time.perf_counter() - self.started
        if code is None:
            pytest.fail(f"dbt build on {self.target} stopped after {seconds:.0f} s (output: {self.output})")
        if code != 0:
            text = self.output.read_text(encoding="utf-8", errors="replace")
            lines = [line for line in text.splitlines() if not line.startswith(('{"ts"', "\tat "))]
            failures = [line for line in lines if any(w in line for w in ("ERROR", "FAIL ", "Error"))]
            pytest.fail(f"dbt build on {self.target} failed (exit {code}) in {seconds:.0f} s "
                        f"(full output: {self.output}):\n" + "\n".join(failures[-40:])
                        + "\n--- tail ---\n" + "\n".join(lines[-60:]))
        return seconds


def relations(work: Path, target: str, schema: str = "marts") -> list[str]:
    """Names of the built tables of one schema (marts: the mart models; reference: the seeds)."""
    manifest = json.loads((work / f"target_{target}" / "manifest.json").read_text(encoding="utf-8"))
    return sorted(n["alias"] or n["name"] for n in manifest["nodes"].values()
                  if n["resource_type"] in ("model", "seed") and n["schema"] == schema)


# ----------------------------------------------------------------------------------------------------------
# comparison
# ----------------------------------------------------------------------------------------------------------

def read_duckdb_table(warehouse: Path, table: str, schema: str = "marts") -> tuple[list[str], list[str], list[tuple]]:
    """(column names, DuckDB column types, rows) of <schema>.<table> in the DuckDB warehouse."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        types = [r[1] for r in con.execute(f"describe {schema}.{table}").fetchall()]
        cur = con.execute(f"select * from {schema}.{table}")
        columns = [d[0] for d in cur.description]
        return columns, types, cur.fetchall()
    finally:
        con.close()


def read_spark_table(spark_dir: Path, table: str, schema: str = "marts") -> tuple[list[str], list[str], list[tuple]]:
    """The same for the Spark build: a Spark parquet table is a directory of part files under the
    warehouse dir (<spark_dir>/warehouse/<schema>.db/<table>/), read here with DuckDB."""
    table_dir = spark_dir / "warehouse" / f"{schema}.db" / table
    assert table_dir.is_dir(), f"Spark built no table {schema}.{table} ({table_dir})"
    con = duckdb.connect()
    try:
        files = sorted(str(p) for p in table_dir.glob("*.parquet"))
        if not files:  # an empty table: Spark may write no part file at all
            return [], [], []
        types = [r[1] for r in con.execute("describe select * from read_parquet(?)", [files]).fetchall()]
        cur = con.execute("select * from read_parquet(?)", [files])
        columns = [d[0] for d in cur.description]
        return columns, types, cur.fetchall()
    finally:
        con.close()


def _normal(value):
    """Engine-neutral form of one cell: Spark writes timestamps as instants in UTC when they are zoned."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if hasattr(value, "is_integer") and not isinstance(value, float):  # Decimal
        return float(value)
    return value


def _sort_key(row: tuple) -> tuple:
    key = []
    for v in row:
        if isinstance(v, float):
            key.append((1, "" if math.isnan(v) else f"{v:.6g}"))
        else:
            key.append((0, "") if v is None else (1, str(v)))
    return tuple(key)


def _equal(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return a == b


def compare_mart(columns_a: list[str], rows_a: list[tuple], columns_b: list[str], rows_b: list[tuple],
                 max_report: int = 5) -> list[str]:
    """Differences between two versions of one mart (empty = identical within float tolerance)."""
    if not rows_b and not columns_b:
        columns_b = columns_a
    if columns_a != columns_b:
        return [f"columns differ: {columns_a} != {columns_b}"]
    problems: list[str] = []
    if len(rows_a) != len(rows_b):
        problems.append(f"row count {len(rows_a)} != {len(rows_b)}")
    norm_a = sorted((tuple(_normal(v) for v in r) for r in rows_a), key=_sort_key)
    norm_b = sorted((tuple(_normal(v) for v in r) for r in rows_b), key=_sort_key)
    for i, (ra, rb) in enumerate(zip(norm_a, norm_b, strict=False)):
        diff = [(c, va, vb) for c, va, vb in zip(columns_a, ra, rb, strict=True) if not _equal(va, vb)]
        if diff:
            problems.append(f"row {i}: " + "; ".join(f"{c}: {va!r} != {vb!r}" for c, va, vb in diff[:6]))
            if len(problems) >= max_report:
                break
    return problems


# ----------------------------------------------------------------------------------------------------------
# the test
# ----------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def both_builds(tmp_path_factory):
    reason = _missing_spark()
    if reason:
        pytest.fail(f"Spark equivalence cannot run: {reason}")
    work = tmp_path_factory.mktemp("spark_equivalence")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    warehouse = extract_demo(work)
    timings["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    exported = export_parquet(warehouse, work / "raw_parquet")
    timings["parquet_export"] = time.perf_counter() - started
    # Spark first: its JVM start and metastore set-up overlap the DuckDB build.
    spark = DbtBuild(work, "spark", warehouse, work / "raw_parquet")
    try:
        timings["dbt_duckdb"] = DbtBuild(work, "duckdb", warehouse, work / "raw_parquet").wait()
    except BaseException:
        spark.stop()  # the DuckDB failure is the one to report
        raise
    timings["dbt_spark"] = spark.wait()
    print(f"\nspark equivalence timings (s): { {k: round(v, 1) for k, v in timings.items()} }")
    return work, warehouse, exported


def test_raw_tables_reach_spark_as_parquet(both_builds):
    work, warehouse, exported = both_builds
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        raw = {r[0]: r[1] for r in con.execute(
            "select table_name, estimated_size from duckdb_tables() where schema_name = 'raw'").fetchall()}
    finally:
        con.close()
    assert set(exported) == set(raw)
    assert "_loads" in exported
    assert (work / "raw_parquet" / "raw._loads.parquet").is_file()


def compare_schema(work: Path, warehouse: Path, schema: str) -> tuple[list[str], dict[str, list[str]], int]:
    """Compare every table of one schema between the builds: (report lines, differences, rows compared)."""
    names = relations(work, "duckdb", schema)
    assert names == relations(work, "spark", schema)
    assert names, f"nothing in schema {schema} in the manifest"
    report, differences, total = [], {}, 0
    for name in names:
        cols_d, types_d, rows_d = read_duckdb_table(warehouse, name, schema)
        cols_s, types_s, rows_s = read_spark_table(work / "spark", name, schema)
        problems = compare_mart(cols_d, rows_d, cols_s, rows_s)
        if cols_s and types_d != types_s:
            problems.insert(0, "column types differ: " + ", ".join(
                f"{c} {a} != {b}" for c, a, b in zip(cols_d, types_d, types_s, strict=False) if a != b))
        total += len(rows_d)
        report.append(f"{schema}.{name}: {len(rows_d)} rows on duckdb, {len(rows_s)} on spark"
                      + (f" — {len(problems)} difference(s)" if problems else " — identical"))
        if problems:
            differences[f"{schema}.{name}"] = problems
    return report, differences, total


def test_every_mart_is_identical_on_duckdb_and_spark(both_builds):
    work, warehouse, _ = both_builds
    report, differences, rows = compare_schema(work, warehouse, "marts")
    print("\n" + "\n".join(report) + f"\n{rows} mart rows compared")
    assert not differences, "\n".join(f"{m}:\n  " + "\n  ".join(p) for m, p in differences.items())
    assert rows > 0


def test_every_seed_is_identical_on_duckdb_and_spark(both_builds):
    """dbt-spark loads seeds with its own literals: quotes, empty cells (null) and types must survive."""
    work, warehouse, _ = both_builds
    report, differences, rows = compare_schema(work, warehouse, "reference")
    print("\n" + "\n".join(report))
    assert not differences, "\n".join(f"{m}:\n  " + "\n  ".join(p) for m, p in differences.items())
    assert rows > 0


def test_both_engines_publish_the_same_protected_snapshot(both_builds, tmp_path):
    """The disclosure layer runs on the marts, whichever engine built them: the same cells are hidden."""
    from disclosure.guard import guard
    from sources.publish import publish_snapshot
    from sources.spark_marts import open_spark_marts

    work, warehouse, _ = both_builds
    shutil.copyfile(warehouse, tmp_path / "warehouse.duckdb")  # publishing attaches the candidate: writable
    duck = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    spark = open_spark_marts(work / "spark" / "warehouse" / "marts.db", work / "target_spark" / "manifest.json")
    try:
        published = [publish_snapshot(con, tmp_path / name, guard(5)) for con, name in ((duck, "d"), (spark, "s"))]
    finally:
        duck.close()
        spark.close()
    assert published[0].guard["audit"]["passed"] and published[0].guard["audit"]["hidden_items"] > 0
    for table in sorted(published[0].row_counts):
        cols_d, _, rows_d = read_duckdb_table(published[0].path, table)
        cols_s, _, rows_s = read_duckdb_table(published[1].path, table)
        assert not compare_mart(cols_d, rows_d, cols_s, rows_s), f"{table} is protected differently"


def test_comparison_tolerates_float_noise_and_order_but_not_changed_values():
    columns = ["key", "value", "flag"]
    duck = [("a", 0.1 + 0.2, True), ("b", None, False)]
    spark = [("b", None, False), ("a", 0.3, True)]
    assert compare_mart(columns, duck, columns, spark) == []
    assert compare_mart(columns, duck, columns, [("b", None, False), ("a", 0.31, True)])
    assert compare_mart(columns, duck, columns, [("b", None, True), ("a", 0.3, True)])
    assert compare_mart(columns, duck, columns, spark[:1]) != []
    assert compare_mart(columns, duck, ["key", "value", "other"], spark) != []
