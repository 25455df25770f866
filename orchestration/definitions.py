"""The one Definitions object of the structural social work warehouse, built when the code location loads (not on
import: importing this module neither parses the dbt project nor changes the environment)."""

from __future__ import annotations

from functools import cache

import dagster as dg

from orchestration import automation, checks, settings
from orchestration.assets import client_data, professional_observations, statistics
from orchestration.assets.dbt import dbt_cli, dbt_project, warehouse_models
from orchestration.assets.publish import (
    dbt_docs,
    disclosure_audit,
    half_year_report,
    publish_resource,
    rsw_marts_asset,
    welfare_report_package,
)
from orchestration.resources import LandingZone, PseudonymKey, SotkanetApi, StatFinApi, Warehouse
from sources.registry import all_file_sources


@cache
def build_definitions() -> dg.Definitions:
    config = settings.load()
    project = dbt_project()
    models = warehouse_models()
    mart_keys = sorted((k for k in models.keys if k.path[0] == "marts"), key=lambda k: k.path)
    return dg.Definitions(
        assets=[*client_data.assets, *professional_observations.assets, *statistics.assets, models,
                rsw_marts_asset(mart_keys), half_year_report, welfare_report_package, dbt_docs],
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
                                                lambda: config.warehouse_path, lambda: project.manifest_path)],
        resources={
            "warehouse": Warehouse(path=str(config.warehouse_path), dbt_target=config.dbt_target,
                                   spark_marts_dir=str(config.spark_marts_dir),
                                   manifest_path=str(project.manifest_path)),
            "landing": LandingZone(root=str(config.landing_dir)),
            "pseudonym_key": PseudonymKey(key=config.pseudonym_key, demo_mode=config.demo_mode),
            "sotkanet_api": SotkanetApi(base_url=config.sotkanet_base_url, user_agent=config.http_user_agent,
                                        years=list(config.sotkanet_years), min_interval_s=config.http_min_interval),
            "statfin_api": StatFinApi(base_url=config.statfin_base_url, user_agent=config.http_user_agent,
                                      years=list(config.sotkanet_years), min_interval_s=config.http_min_interval),
            "dbt": dbt_cli(project),
            "published": publish_resource(),
        },
        executor=dg.in_process_executor,
    ).map_resolved_asset_specs(func=automation.with_source_freshness, selection=automation.RAW_ASSETS)


@dg.definitions
def defs() -> dg.Definitions:
    """What `dagster dev` and the workspace load; `defs()` in code and tests (built once per process)."""
    return build_definitions()
