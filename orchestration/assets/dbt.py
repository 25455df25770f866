"""dbt wiring: every seed, model and test of dbt_project/ as Dagster assets and asset checks. Nothing here runs on
import: `dbt_project()` and `warehouse_models()` are called when the Definitions load (orchestration/definitions.py)."""

import importlib.metadata
import shutil
from collections.abc import Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtProjectPreparer,
    DagsterDbtTranslator,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)
from packaging import version

from orchestration.assets.landing import WAREHOUSE_POOL
from orchestration.refresh import project_built, read_state, state_path
from orchestration.resources import Warehouse
from orchestration.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, dbt_environment, load
from sources.parquet_export import export_raw_to_parquet


class DbtCli(DbtCliResource):
    """dbt with the warehouse settings in its environment: profiles.yml and dbt_project.yml read them through
    env_var(). They are set only while the dbt process is started (dagster-dbt copies os.environ into it) and
    restored right after, never on import.

    Two start-up costs of dagster-dbt (0.29) that every invocation paid, 4-9 s before dbt itself started, are
    skipped (`make bench`, one new file): `dbt --version` in a subprocess (the executable is the dbt installed
    beside this Python, so the package's version is its version), and a dbt adapter built inside this process,
    which dagster-dbt uses only for `fetch_row_counts` / `fetch_column_metadata` (not used here; with DuckDB
    they could not read the warehouse while dbt writes it anyway)."""

    def cli(self, args, **kwargs):  # noqa: ANN001, ANN201 - DbtCliResource.cli's own signature
        prune_invocation_folders(DBT_PROJECT_DIR / "target")
        with dbt_environment(load()):
            return super().cli(args, **kwargs)

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args) -> None:  # noqa: ANN001 - dagster-dbt's own signature
        return None


KEEP_INVOCATIONS = 5


def prune_invocation_folders(target: Path, keep: int = KEEP_INVOCATIONS) -> list[Path]:
    """dagster-dbt gives every dbt invocation a folder of its own under target/ (its log, compiled SQL, manifest
    and results: about 30 MB for a build). The newest `keep` stay for inspection; older ones are removed, or a
    county's daily runs would add gigabytes a year. The project's own files at target/ are not touched."""
    folders = [p for p in target.iterdir() if p.is_dir() and (p / "dbt.log").exists()] if target.is_dir() else []
    folders.sort(key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    return folders[keep:]


def dbt_cli(project: DbtProject) -> DbtCli:
    return DbtCli(project_dir=project, dbt_executable=str(DBT_EXECUTABLE))


class ManifestPreparer(DagsterDbtProjectPreparer):
    """Under `dagster dev`, parse the project with the dbt installed beside this Python: dagster-dbt's own
    preparer runs `dbt` from PATH, which is not there unless the virtual environment is activated."""

    def _prepare_manifest(self, project: DbtProject) -> None:
        dbt_cli(project).cli(["parse", "--quiet"], target_path=project.target_path).wait()


@cache
def dbt_project() -> DbtProject:
    """The dbt project, parsed first under `dagster dev`."""
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target=load().dbt_target)
    ManifestPreparer().prepare_if_dev(project)
    return project


class WarehouseTranslator(DagsterDbtTranslator):
    """Asset keys are <schema>/<name>, and groups mirror the warehouse schemas. A dbt source is the landing table
    it reads, `raw/<table>`: the key of the Dagster asset that loads it (orchestration/assets/landing.py)."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey(["raw", dbt_resource_props.get("identifier") or dbt_resource_props["name"]])
        return dg.AssetKey([self._schema(dbt_resource_props), dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "source":
            return None
        return self._schema(dbt_resource_props)

    @staticmethod
    def _schema(props: Mapping[str, Any]) -> str:
        return props.get("config", {}).get("schema") or props["schema"]


@cache
def warehouse_models() -> dg.AssetsDefinition:
    project = dbt_project()

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=WarehouseTranslator(),
        pool=WAREHOUSE_POOL,
    )
    def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
        """dbt build: seeds, staging, intermediate and marts, with every dbt test as a (blocking) asset check.
        The dbt unit tests run when the project is new or changed (`refresh.project_built`), not on every build.
        On the Spark target, the raw tables are first exported as Parquet, which dbt's on-run-start hook reads."""
        settings = load()
        if settings.dbt_target == "spark":
            with warehouse.connect(read_only=True) as con:
                exported = export_raw_to_parquet(con, settings.parquet_raw_dir)
            context.log.info(f"Exported {len(exported)} raw tables ({sum(exported.values())} rows) as Parquet "
                             f"to {settings.parquet_raw_dir}")
        args = ["build"]
        if project_built(read_state(state_path(Path(warehouse.path))), project.manifest_path):
            args += ["--exclude-resource-type", "unit_test"]
            context.log.info("dbt unit tests skipped: this dbt project passed them when it was last built in full")
        yield from dbt.cli(args, context=context).stream()

    return warehouse_models
