"""Asset checks: every load reconciled, and nothing small published."""

from __future__ import annotations

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
