"""Assets of the statistics source class: Sotkanet and StatFin APIs, plus the file-based register extracts."""

import dagster as dg

from orchestration.assets.landing import WAREHOUSE_POOL, file_source_assets
from orchestration.resources import SotkanetApi, StatFinApi, Warehouse
from sources.reference import population_region_codes, sotkanet_indicator_ids
from sources.statistics.sotkanet import sync_sotkanet
from sources.statistics.statfin import sync_population


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "sotkanet_regions"], description="Sotkanet /regions: every region category."),
        dg.AssetSpec(["raw", "sotkanet_indicators"],
                     description="Sotkanet /indicators/{id} catalogue metadata, licence per indicator."),
        dg.AssetSpec(["raw", "sotkanet_data"],
                     description="Sotkanet indicator values for all regions, years and genders."),
    ],
    group_name="statistics",
    pool=WAREHOUSE_POOL,
)
def sotkanet(context: dg.AssetExecutionContext, warehouse: Warehouse, sotkanet_api: SotkanetApi):
    """Incremental on each indicator's data-updated: only changed indicators are downloaded."""
    with warehouse.connect() as con:
        summary = sync_sotkanet(con, sotkanet_api.client(), sotkanet_indicator_ids(), list(sotkanet_api.years))
        regions = con.execute("select count(*) from raw.sotkanet_regions").fetchall()[0][0]
    context.log.info(f"Sotkanet: {summary}")
    yield dg.MaterializeResult(asset_key=["raw", "sotkanet_regions"], metadata={"regions": regions})
    yield dg.MaterializeResult(asset_key=["raw", "sotkanet_indicators"],
                               metadata={"indicators_checked": summary.indicators_checked})
    yield dg.MaterializeResult(
        asset_key=["raw", "sotkanet_data"],
        metadata={
            "indicators_downloaded": summary.indicators_downloaded,
            "indicators_unchanged": summary.indicators_unchanged,
            "downloaded_ids": dg.MetadataValue.json(list(summary.downloaded_ids)),
            "rows_accepted": summary.rows_accepted,
            "rows_quarantined": summary.rows_quarantined,
        },
    )


@dg.asset(key=["raw", "statfin_population"], group_name="statistics", pool=WAREHOUSE_POOL, kinds={"duckdb"})
def statfin_population(warehouse: Warehouse, statfin_api: StatFinApi) -> dg.MaterializeResult:
    """Statistics Finland population by area × year × gender × age group: the denominator of register rates."""
    with warehouse.connect() as con:
        summary = sync_population(con, statfin_api.client(), population_region_codes(), list(statfin_api.years))
    return dg.MaterializeResult(metadata={"summary": dg.MetadataValue.text(str(summary))})


assets = [sotkanet, statfin_population, *file_source_assets("statistics")]
