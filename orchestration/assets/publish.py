"""Publishing for BI: the marts-only snapshot (after every mart and its blocking checks passed), and the two
report packages built from that snapshot only: the half-year package (fi, sv) and the yearly welfare-report
package."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from disclosure.guard import guard
from orchestration.assets.dbt import dbt_project
from orchestration.assets.landing import WAREHOUSE_POOL
from orchestration.refresh import record_published
from orchestration.resources import Warehouse
from orchestration.settings import load
from reports.half_year import render_half_year_package
from reports.yearly import render_welfare_report_package
from sources.docs import docs_current, manifest_fingerprint, mark_docs
from sources.publish import PUBLISHED_FILE, publish_snapshot

RSW_MARTS = dg.AssetKey(["published", "rsw_marts"])
DISCLOSURE_MEMO = "disclosure_programmes.json"  # the disclosure programmes solved at the last publish (not published)
REPORT_CHARTS = "report_charts"  # the welfare report's charts drawn at the last publish (not published)
HALF_YEAR_CHARTS = "half_year_charts"  # the half-year package's, likewise


class PublishTarget(dg.ConfigurableResource):
    """Where BI tools read: `<dir>/rsw_marts.duckdb`, `<dir>/parquet/`, `<dir>/reports/`."""

    dir: str
    suppression_threshold: int

    @property
    def path(self) -> Path:
        return Path(self.dir)


def rsw_marts_asset(mart_keys: list[dg.AssetKey]) -> dg.AssetsDefinition:
    """The snapshot asset, downstream of every mart (`mart_keys`, from the dbt assets)."""

    @dg.asset(key=RSW_MARTS, group_name="published", deps=mart_keys, pool=WAREHOUSE_POOL,
              kinds={"duckdb", "parquet"})
    def rsw_marts(context: dg.AssetExecutionContext, warehouse: Warehouse, published: PublishTarget):
        """Marts-only DuckDB snapshot for BI tools, plus one Parquet file per mart. The candidate is protected
        (primary and secondary cell suppression, k-anonymous proposals) and attacked by the disclosure auditor
        before it is renamed into place: when the audit fails, the step fails and the last good snapshot stays."""
        with warehouse.marts() as con:  # the DuckDB warehouse, or the Spark marts' Parquet (RSW_DBT_TARGET=spark)
            memo = Path(warehouse.path).parent / DISCLOSURE_MEMO
            summary = publish_snapshot(con, published.path, guard(published.suppression_threshold, memo),
                                       marts={k.path[-1] for k in mart_keys})
        if summary.left_out:
            context.log.warning(f"Not published (no mart of the project defines them, e.g. a mart renamed in an "
                                f"earlier release; drop them from the warehouse): {', '.join(summary.left_out)}")
        audit = summary.guard["audit"]
        from orchestration.definitions import build_definitions  # the whole asset graph (cached, built by now)

        built = context.run.asset_selection or context.job_def.asset_layer.selected_asset_keys
        recorded = record_published(build_definitions().resolve_asset_graph(), set(built), Path(warehouse.path),
                                    dbt_project().manifest_path)
        context.log.info(f"Recorded as published: the deliveries of {len(recorded)} sources (orchestration/refresh.py)")
        context.log.info(f"Published {summary.path}: {audit['hidden_items']} of {audit['protected_items']} protected "
                         f"cells hidden, narrowest interval {audit['narrowest_width']}, audit {audit['seconds']} s")
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(str(summary.path)),
            "row_counts": dg.MetadataValue.json(summary.row_counts),
            "marts": len(summary.row_counts),
            "left_out": dg.MetadataValue.json(summary.left_out),
            "disclosure": dg.MetadataValue.json({k: v for k, v in summary.guard.items() if k != "audit"}),
            "audit": dg.MetadataValue.json(audit),
            "protected_cells": audit["protected_items"],
            "hidden_cells": audit["hidden_items"],
            "exactly_recoverable": audit["exactly_recoverable"],
            "narrowest_interval": audit["narrowest_width"] if audit["narrowest_width"] is not None else -1,
            "audit_seconds": audit["seconds"],
        })

    return rsw_marts


@dg.asset_check(asset=RSW_MARTS, name="disclosure_audit", blocking=True,
                description="The disclosure auditor's attack on the snapshot, run before it was renamed into "
                            "place: no protected cell recoverable, every interval at least the threshold wide, "
                            "nothing small visible, and only the marts schema in the file.")
def disclosure_audit(context: dg.AssetCheckExecutionContext, published: PublishTarget) -> dg.AssetCheckResult:
    event = context.instance.get_latest_materialization_event(RSW_MARTS)
    metadata = event.asset_materialization.metadata if event and event.asset_materialization else {}
    audit = metadata["audit"].value if "audit" in metadata else {}
    con = duckdb.connect(str(published.path / PUBLISHED_FILE), read_only=True)
    try:
        schemas = sorted({r[0] for r in con.execute("select distinct schema_name from duckdb_tables()").fetchall()})
    finally:
        con.close()
    return dg.AssetCheckResult(
        passed=bool(audit.get("passed")) and schemas == ["marts"],
        metadata={**{k: dg.MetadataValue.json(v) if isinstance(v, (dict, list)) else v
                     for k, v in audit.items() if v is not None}, "schemas": dg.MetadataValue.json(schemas)},
    )


@dg.asset(key=["published", "dbt_docs"], group_name="published", pool=WAREHOUSE_POOL)
def dbt_docs(context: dg.AssetExecutionContext, dbt: DbtCliResource, published: PublishTarget):
    """dbt's documentation site (models, columns, lineage) as one static HTML file beside the snapshot. Off the
    refresh path: no deps (no run downstream of a source includes it), its own job and schedule, and rebuilt only
    when the project changed (sources/docs.py)."""
    docs_dir = published.path / "docs"
    fingerprint = manifest_fingerprint(dbt_project().manifest_path)
    if docs_current(docs_dir, fingerprint):
        context.log.info("dbt docs are current: the project is unchanged since they were built")
        return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(docs_dir / "index.html")),
                                              "rebuilt": False})
    invocation = dbt.cli(["docs", "generate", "--static"], manifest=dbt_project().manifest_path,
                         raise_on_error=True)
    invocation.wait()
    docs_dir.mkdir(parents=True, exist_ok=True)
    target = Path(invocation.target_path)
    shutil.copyfile(target / "static_index.html", docs_dir / "index.html")
    for name in ("manifest.json", "catalog.json"):
        shutil.copyfile(target / name, docs_dir / name)
    mark_docs(docs_dir, fingerprint)
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(docs_dir / "index.html")),
                                          "rebuilt": True})


@dg.asset(key=["published", "half_year_report"], group_name="published", deps=[RSW_MARTS], kinds={"html"})
def half_year_report(published: PublishTarget, warehouse: Warehouse) -> dg.MaterializeResult:
    """The half-year package for management, latest completed half-year: key messages per phenomenon, social
    reporting, client data signals, statistics, proposals and decisions, measures, the plan's progress and the
    information needs, as self-contained HTML in Finnish and Swedish (`reports/puolivuosiraportti_<half-year>_
    <fi|sv>.html`; the Finnish one also as `reports/sosiaalinen_raportointi.html`), from the published marts."""
    reports = published.path / "reports"
    con = duckdb.connect(str(published.path / PUBLISHED_FILE), read_only=True)
    try:
        paths = render_half_year_package(con, reports, chart_cache=Path(warehouse.path).parent / HALF_YEAR_CHARTS)
    finally:
        con.close()
    shutil.copyfile(paths["fi"], reports / "sosiaalinen_raportointi.html")
    return dg.MaterializeResult(metadata={
        **{f"path_{lang}": dg.MetadataValue.path(str(p)) for lang, p in paths.items()},
        "path": dg.MetadataValue.path(str(reports / "sosiaalinen_raportointi.html")),
        "bytes": sum(p.stat().st_size for p in paths.values()),
    })


@dg.asset(key=["published", "welfare_report_package"], group_name="published", deps=[RSW_MARTS],
          kinds={"html", "xlsx", "svg"})
def welfare_report_package(published: PublishTarget, warehouse: Warehouse) -> dg.MaterializeResult:
    """The yearly welfare-report package for the editors (`reports/hyvinvointikertomus_<year>/`): the tables as
    `taulukot.xlsx`, the charts as `kuviot/*.png` and `*.svg`, and one HTML report, for the four phenomena and the
    county's own knowledge, from the yearly marts of the published snapshot."""
    con = duckdb.connect(str(published.path / PUBLISHED_FILE), read_only=True)
    try:
        out = render_welfare_report_package(con, published.path / "reports",
                                            chart_cache=Path(warehouse.path).parent / REPORT_CHARTS)
    finally:
        con.close()
    figures = sorted((out / "kuviot").glob("*.png"))
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(out)),
        "workbook": dg.MetadataValue.path(str(out / "taulukot.xlsx")),
        "figures": len(figures),
    })


def publish_resource() -> PublishTarget:
    settings = load()
    return PublishTarget(dir=str(settings.published_dir), suppression_threshold=settings.suppression_threshold)
