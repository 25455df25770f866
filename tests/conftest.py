"""Shared fixtures. The integration fixture runs the real pipeline once per session on small demo data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

INTEGRATION_SCALE = 0.05
# The live API's everyday failures, on two indicators: one answers 404, one answers [] (issue 13's bar).
INTEGRATION_SOTKANET_FAULTS = ("288:404", "181:empty")


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """Materialize every asset on small demo data in a temporary data dir; yields (result, settings)."""
    data_dir = tmp_path_factory.mktemp("rsw_data")
    os.environ["RSW_DATA_DIR"] = str(data_dir)
    os.environ["RSW_DEMO_MODE"] = "1"
    os.environ.pop("DAGSTER_HOME", None)
    from orchestration import demo, settings

    result = demo.run_pipeline(scale=INTEGRATION_SCALE, faults=INTEGRATION_SOTKANET_FAULTS)
    yield result, settings.load()


DEMO_FILES_SCALE = 0.02


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory) -> Path:
    """The demo landing files and API recordings at DEMO_FILES_SCALE (`<root>/landing`, `<root>/api`), generated
    once per session for the tests that only read them. Read-only: a test that changes files copies them first."""
    from demo import generate

    root = tmp_path_factory.mktemp("demo_files")
    generate(root / "landing", root / "api", scale=DEMO_FILES_SCALE)
    return root


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    """A fresh in-memory DuckDB, closed after the test."""
    c = duckdb.connect()
    yield c
    c.close()


def count(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> int:
    """The one number a query answers (a `select count(*)`, say)."""
    return con.execute(sql, params or []).fetchone()[0]


@pytest.fixture
def published(demo_run) -> duckdb.DuckDBPyConnection:
    _, config = demo_run
    con = duckdb.connect(str(config.published_dir / "rsw_marts.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture
def warehouse(demo_run) -> duckdb.DuckDBPyConnection:
    _, config = demo_run
    con = duckdb.connect(str(config.warehouse_path), read_only=True)
    yield con
    con.close()


def string_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        "select schema_name, table_name, column_name from duckdb_columns() "
        "where data_type = 'VARCHAR' and schema_name not in ('information_schema', 'pg_catalog')"
    ).fetchall()


def text_values(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...] = ("raw", "quarantine")) -> list[str]:
    """Every non-empty text value of every table in `schemas`: what a privacy scan reads."""
    out = []
    for schema, table, column in string_columns(con):
        if schema in schemas:
            out += [v for (v,) in con.execute(f'select "{column}" from "{schema}"."{table}"').fetchall() if v]
    return out


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_copy(demo_run, tmp_path) -> Path:
    """A private copy of the integration run's data directory (landing zone, warehouse, published snapshot,
    API recordings): a warehouse that has already loaded the demo, for tests that run the pipeline again in
    another process."""
    _, config = demo_run
    data = tmp_path / "data"
    shutil.copytree(config.data_dir, data, ignore=shutil.ignore_patterns("dagster_home"))
    return data


def subprocess_env(data_dir: Path, dagster_home: Path, path: str | None = None) -> dict[str, str]:
    """The environment `make run` / `make dev` would see: no RSW_* or API settings left over from this process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RSW_", "DAGSTER_", "SOTKANET_", "STATFIN_"))}
    env.update({"RSW_DATA_DIR": str(data_dir), "RSW_DEMO_MODE": "1", "DAGSTER_HOME": str(dagster_home)})
    if path is not None:
        env["PATH"] = path
    return env
