"""Publishing for BI: the marts-only snapshot (after every mart and its blocking checks passed), and the
half-year social reporting package built from that snapshot."""

import shutil
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt import dbt_project, warehouse_models
from orchestration.assets.landing import WAREHOUSE_POOL
from orchestration.checks import small_counts
from orchestration.resources import Warehouse
from orchestration.settings import load
from sources.professional_observations.half_year_report import render_half_year_report
from sources.professional_observations.plan_report import render_plan_section
from sources.publish import PUBLISHED_FILE, publish_snapshot

MART_KEYS = sorted((k for k in warehouse_models.keys if k.path[0] == "marts"), key=lambda k: k.path)


class PublishTarget(dg.ConfigurableResource):
    """Where BI tools read: `<dir>/rsw_marts.duckdb`, `<dir>/parquet/`, `<dir>/reports/`."""

    dir: str
    suppression_threshold: int

    @property
    def path(self) -> Path:
        return Path(self.dir)


@dg.asset(key=["published", "rsw_marts"], group_name="published", deps=MART_KEYS, pool=WAREHOUSE_POOL,
          kinds={"duckdb", "parquet"})
def rsw_marts(context: dg.AssetExecutionContext, warehouse: Warehouse, published: PublishTarget):
    """Marts-only DuckDB snapshot for BI tools, replaced atomically, plus one Parquet file per mart."""
    with warehouse.marts() as con:  # the DuckDB warehouse, or the Spark marts' Parquet (RSW_DBT_TARGET=spark)
        summary = publish_snapshot(con, published.path)
    context.log.info(f"Published {summary.path}")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(summary.path)),
        "row_counts": dg.MetadataValue.json(summary.row_counts),
        "marts": len(summary.row_counts),
    })


@dg.asset_check(asset=rsw_marts, name="no_small_counts", blocking=True,
                description="No count-like column of the published file holds a value in 1..threshold-1.")
def published_disclosure(published: PublishTarget) -> dg.AssetCheckResult:
    con = duckdb.connect(str(published.path / PUBLISHED_FILE), read_only=True)
    try:
        breaches = small_counts(con, published.suppression_threshold)
        schemas = sorted({r[0] for r in con.execute("select distinct schema_name from duckdb_tables()").fetchall()})
    finally:
        con.close()
    return dg.AssetCheckResult(
        passed=not breaches and schemas == ["marts"],
        metadata={"breaches": dg.MetadataValue.json(breaches), "schemas": dg.MetadataValue.json(schemas)},
    )


@dg.asset(key=["published", "dbt_docs"], group_name="published", deps=MART_KEYS, pool=WAREHOUSE_POOL)
def dbt_docs(context: dg.AssetExecutionContext, dbt: DbtCliResource, published: PublishTarget):
    """dbt's documentation site (models, columns, lineage) as one static HTML file beside the snapshot."""
    invocation = dbt.cli(["docs", "generate", "--static"], manifest=dbt_project.manifest_path,
                         raise_on_error=True)
    invocation.wait()
    docs_dir = published.path / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    target = Path(invocation.target_path)
    shutil.copyfile(target / "static_index.html", docs_dir / "index.html")
    for name in ("manifest.json", "catalog.json"):
        shutil.copyfile(target / name, docs_dir / name)
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(docs_dir / "index.html"))})


@dg.asset(key=["published", "half_year_report"], group_name="published", deps=[rsw_marts], kinds={"html"})
def half_year_report(published: PublishTarget) -> dg.MaterializeResult:
    """The half-year social reporting package for management: social reporting results of the latest completed
    half-year and the implementation plan's follow-up, as one self-contained HTML file, built only from the
    published (suppressed) marts."""
    con = duckdb.connect(str(published.path / PUBLISHED_FILE), read_only=True)
    try:
        path = render_half_year_report(con, published.path / "reports" / "sosiaalinen_raportointi.html",
                                       extra_sections=[render_plan_section(con)])
    finally:
        con.close()
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)),
                                          "bytes": path.stat().st_size})


def publish_resource() -> PublishTarget:
    settings = load()
    return PublishTarget(dir=str(settings.published_dir), suppression_threshold=settings.suppression_threshold)
