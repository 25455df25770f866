"""Asset checks: every load reconciled, and nothing small published."""

import re

import dagster as dg
import duckdb

from orchestration.resources import Warehouse
from sources.landing import FileSource
from sources.loads import reconcile

COUNT_COLUMN = re.compile(r"(^|_)(n|count|numerator|cases|clients|observations|reports|contacts)(_|$)")


def reconciliation_check(source: FileSource) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=dg.AssetKey(["raw", source.name]), name="reconciliation", blocking=True,
                    description="Rows in = rows accepted + rows quarantined, for every loaded file, and the raw "
                                "and quarantine tables hold exactly those rows.")
    def _check(warehouse: Warehouse) -> dg.AssetCheckResult:
        with warehouse.connect() as con:
            problems = reconcile(con, source.name)
            files = con.execute("select count(*) from raw._loads where source = ? and status = 'current'",
                                [source.name]).fetchall()[0][0]
        return dg.AssetCheckResult(
            passed=not problems,
            metadata={"files_checked": files, "problems": dg.MetadataValue.json(problems)},
        )

    return _check


def small_counts(con: duckdb.DuckDBPyConnection, threshold: int, schema: str = "marts") -> dict[str, int]:
    """Rows per table whose count-like columns hold a value in 1..threshold-1 (a disclosure breach)."""
    breaches: dict[str, int] = {}
    columns = con.execute(
        "select table_name, column_name from duckdb_columns() where schema_name = ? "
        "and data_type in ('BIGINT', 'INTEGER', 'DOUBLE', 'HUGEINT', 'DECIMAL(18,3)', 'FLOAT')", [schema]).fetchall()
    for table, column in columns:
        if COUNT_COLUMN.search(column.lower()):
            n = con.execute(f'select count(*) from {schema}.{table} where "{column}" >= 1 and "{column}" < ?',
                            [threshold]).fetchall()[0][0]
            if n:
                breaches[f"{table}.{column}"] = n
    return breaches


FRESHNESS_MART = dg.AssetKey(["marts", "source_freshness"])


def data_period_check(source: str, asset_key: dg.AssetKey) -> dg.AssetChecksDefinition:
    """Is the newest period *in the data* as recent as the source's cadence expects by today?
    The rule lives in dbt (marts.source_freshness); this check reports it on the source's asset."""

    @dg.asset_check(asset=asset_key, name="data_period", additional_deps=[FRESHNESS_MART], blocking=False,
                    description=f"The newest data period of {source} against its cadence (WARN late, ERROR overdue).")
    def _check(warehouse: Warehouse) -> dg.AssetCheckResult:
        with warehouse.marts(only=[FRESHNESS_MART.path[-1]]) as con:
            rows = con.execute(
                "select status, newest_period_end, data_lag_days, warn_after_days, error_after_days, cadence, "
                "last_loaded_at from marts.source_freshness where source = ?", [source]).fetchall()
        if not rows:
            return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.ERROR,
                                       metadata={"problem": f"{source} is not in marts.source_freshness"})
        status, newest, lag, warn, error, cadence, loaded = rows[0]
        late_by = None if lag is None else max(0, lag - warn)
        return dg.AssetCheckResult(
            passed=status == "ok",
            severity=dg.AssetCheckSeverity.ERROR if status == "error" else dg.AssetCheckSeverity.WARN,
            metadata={
                "status": status,
                "cadence": cadence,
                "newest_period_end": str(newest),
                "data_lag_days": lag if lag is not None else -1,
                "late_by_days": late_by if late_by is not None else -1,
                "warn_after_days": warn,
                "error_after_days": error,
                "last_loaded_at": str(loaded),
            },
        )

    return _check
