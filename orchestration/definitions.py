"""The one Definitions object of the structural social work warehouse."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration import automation, checks, settings
from orchestration.assets import client_data, professional_observations, statistics
from orchestration.assets.dbt import dbt_project, warehouse_models
from orchestration.assets.publish import (
    dbt_docs,
    disclosure_audit,
    half_year_report,
    publish_resource,
    rsw_marts,
    welfare_report_package,
)
from orchestration.resources import LandingZone, PseudonymKey, SotkanetApi, StatFinApi, Warehouse
from sources.registry import all_file_sources

config = settings.load()
settings.export_for_dbt(config)

defs = dg.Definitions(
    assets=[*client_data.assets, *professional_observations.assets, *statistics.assets, warehouse_models, rsw_marts,
            half_year_report, welfare_report_package, dbt_docs],
    asset_checks=[
        *(checks.reconciliation_check(s) for s in all_file_sources()),
        *(checks.rejected_files_check(s) for s in all_file_sources()),
        *(checks.data_period_check(s.name, dg.AssetKey(["raw", s.name])) for s in all_file_sources()),
        checks.data_period_check("sotkanet", dg.AssetKey(["raw", "sotkanet_data"])),
        checks.data_period_check("statfin_population", dg.AssetKey(["raw", "statfin_population"])),
        disclosure_audit,
        *statistics.checks,
    ],
    jobs=[automation.daily_refresh, automation.weekly_sotkanet, automation.half_year_package,
          automation.yearly_comparison, automation.full_refresh, automation.docs_refresh],
    schedules=automation.schedules,
    sensors=[automation.landing_zone_sensor(all_file_sources(), lambda: config.landing_dir,
                                            lambda: config.warehouse_path)],
    resources={
        "warehouse": Warehouse(path=str(config.warehouse_path), dbt_target=config.dbt_target,
                               spark_marts_dir=str(config.spark_marts_dir),
                               manifest_path=str(dbt_project.manifest_path)),
        "landing": LandingZone(root=str(config.landing_dir)),
        "pseudonym_key": PseudonymKey(key=config.pseudonym_key, demo_mode=config.demo_mode),
        "sotkanet_api": SotkanetApi(base_url=config.sotkanet_base_url, user_agent=config.http_user_agent,
                                    years=list(config.sotkanet_years)),
        "statfin_api": StatFinApi(base_url=config.statfin_base_url, user_agent=config.http_user_agent,
                                  years=list(config.sotkanet_years)),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=str(settings.DBT_EXECUTABLE)),
        "published": publish_resource(),
    },
    executor=dg.in_process_executor,
).map_resolved_asset_specs(func=automation.with_source_freshness, selection=automation.RAW_ASSETS)
