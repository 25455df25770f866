"""Assets of the statistics source class: Sotkanet and StatFin APIs, plus the file-based register extracts."""

import datetime as dt

import dagster as dg

from orchestration.assets.landing import WAREHOUSE_POOL, file_source_assets
from orchestration.resources import SotkanetApi, StatFinApi, Warehouse
from sources.reference import population_region_codes, sotkanet_catalogue
from sources.statistics.sotkanet import resolve_catalogue, sync_sotkanet
from sources.statistics.statfin import sync_population

SOTKANET_DATA = dg.AssetKey(["raw", "sotkanet_data"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "sotkanet_regions"], description="Sotkanet /regions: every region category."),
        dg.AssetSpec(["raw", "sotkanet_indicators"],
                     description="Sotkanet /indicators/{id} catalogue metadata, licence per indicator."),
        dg.AssetSpec(["raw", "sotkanet_indicator_resolution"],
                     description="The indicator catalogue resolved against the live /indicators listing: id, "
                                 "live title, status, date (ids by title, title changes, unresolved titles)."),
        dg.AssetSpec(SOTKANET_DATA,
                     description="Sotkanet indicator values for all regions, years and genders; why each "
                                 "indicator loaded or was skipped is in raw.sotkanet_indicator_status."),
    ],
    group_name="statistics",
    pool=WAREHOUSE_POOL,
)
def sotkanet(context: dg.AssetExecutionContext, warehouse: Warehouse, sotkanet_api: SotkanetApi):
    """Resolves the catalogue by title, then syncs incrementally on each indicator's data-updated. A bad
    indicator is skipped with its reason; only a failure of the whole API fails the asset."""
    client = sotkanet_api.client()
    with warehouse.connect() as con:
        ids, problem = resolve_catalogue(con, client, sotkanet_catalogue(), dt.date.today())
        resolution = dict(con.execute("select status, count(*) from raw.sotkanet_indicator_resolution "
                                      "group by 1 order by 1").fetchall())
        if problem:
            context.log.warning(f"Sotkanet: {problem}")
        summary = sync_sotkanet(con, client, ids, list(sotkanet_api.years))
        regions = con.execute("select count(*) from raw.sotkanet_regions").fetchall()[0][0]
    context.log.info(f"Sotkanet: {summary}")
    for iid, message in summary.failed.items():
        context.log.warning(f"Sotkanet indicator {iid} skipped ({summary.failed_kinds[iid]}): {message}")
    yield dg.MaterializeResult(asset_key=["raw", "sotkanet_regions"], metadata={"regions": regions})
    yield dg.MaterializeResult(asset_key=["raw", "sotkanet_indicators"],
                               metadata={"indicators_checked": summary.indicators_checked})
    yield dg.MaterializeResult(asset_key=["raw", "sotkanet_indicator_resolution"],
                               metadata={"resolution": dg.MetadataValue.json(resolution),
                                         "listing_problem": problem or ""})
    yield dg.MaterializeResult(
        asset_key=SOTKANET_DATA,
        metadata={
            "indicators_downloaded": summary.indicators_downloaded,
            "indicators_unchanged": summary.indicators_unchanged,
            "indicators_skipped": len(summary.failed),
            "downloaded_ids": dg.MetadataValue.json(list(summary.downloaded_ids)),
            "skipped": dg.MetadataValue.json({str(k): v for k, v in summary.failed_kinds.items()}),
            "rows_accepted": summary.rows_accepted,
            "rows_quarantined": summary.rows_quarantined,
        },
    )


def _warn_check(asset: dg.AssetKey, name: str, description: str, sql: str,
                what: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=asset, name=name, blocking=False, description=description)
    def _check(warehouse: Warehouse) -> dg.AssetCheckResult:
        with warehouse.connect() as con:
            rows = con.execute(sql).fetchall()
        listed = {str(r[0]): str(r[1]) for r in rows}
        return dg.AssetCheckResult(passed=not rows, severity=dg.AssetCheckSeverity.WARN,
                                   metadata={what: dg.MetadataValue.json(listed), "count": len(rows)})

    return _check


skipped_indicators = _warn_check(
    SOTKANET_DATA,
    "skipped_indicators",
    "Sotkanet indicators skipped in the last sync (404, 5xx after retries, malformed answer, no data for the "
    "years asked, discontinued), with the reason; their earlier rows are kept.",
    "select indicator_id, reason_kind || ': ' || reason from raw.sotkanet_indicator_status "
    "where status = 'skipped' order by indicator_id",
    "skipped",
)
unresolved_indicators = _warn_check(
    dg.AssetKey(["raw", "sotkanet_indicator_resolution"]),
    "unresolved_indicators",
    "Catalogue entries that the live /indicators listing could not resolve by title (or whose id it lacks).",
    "select indicator_code, status || ': ' || coalesce(catalogue_title_fi, '') "
    "from raw.sotkanet_indicator_resolution where status in ('unresolved', 'ambiguous', 'id_not_listed') "
    "order by indicator_code",
    "unresolved",
)


@dg.asset(key=["raw", "statfin_population"], group_name="statistics", pool=WAREHOUSE_POOL, kinds={"duckdb"})
def statfin_population(warehouse: Warehouse, statfin_api: StatFinApi) -> dg.MaterializeResult:
    """Statistics Finland population by area × year × gender × age group: the denominator of register rates."""
    with warehouse.connect() as con:
        summary = sync_population(con, statfin_api.client(), population_region_codes(), list(statfin_api.years))
    return dg.MaterializeResult(metadata={"summary": dg.MetadataValue.text(str(summary))})


assets = [sotkanet, statfin_population, *file_source_assets("statistics")]
checks = [skipped_indicators, unresolved_indicators]
