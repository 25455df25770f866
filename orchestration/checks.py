"""Asset checks: every load reconciled, every source's data period on time (the disclosure audit lives with
the publish asset)."""

import dagster as dg

from orchestration.resources import LandingZone, Warehouse
from sources.landing import FileSource
from sources.loads import reconcile, rejected_files


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


def rejected_files_check(source: FileSource) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=dg.AssetKey(["raw", source.name]), name="rejected_files", blocking=False,
                    description="Files in the landing zone that could not be read as a whole and were rejected "
                                "(nothing of them is loaded; the rest of the source is). Re-deliver them corrected.")
    def _check(warehouse: Warehouse, landing: LandingZone) -> dg.AssetCheckResult:
        with warehouse.connect() as con:
            rejected = [r for r in rejected_files(con, source.name)
                        if (landing.path / source.name / r["file"]).exists()]
        return dg.AssetCheckResult(
            passed=not rejected, severity=dg.AssetCheckSeverity.WARN,
            description="; ".join(f"{r['file']}: {r['reason']}" for r in rejected) or None,
            metadata={"rejected_files": dg.MetadataValue.json(rejected)},
        )

    return _check
