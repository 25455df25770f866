"""The one place that reads environment variables. Every other module (and dbt, through env_var()) gets
its settings from here; `export_for_dbt()` hands them to dbt's environment."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DBT_EXECUTABLE = Path(sys.executable).with_name("dbt")  # the dbt installed beside this Python


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    pseudonym_key: str
    demo_mode: bool
    suppression_threshold: int
    compared_county: str
    sotkanet_base_url: str
    statfin_base_url: str
    http_user_agent: str
    http_min_interval: float | None
    dbt_target: str
    sotkanet_years: tuple[int, ...]
    parquet_raw_dir: Path
    spark_dir: Path
    duckdb_memory_limit: str
    duckdb_threads: int

    @property
    def landing_dir(self) -> Path:
        return self.data_dir / "landing"

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / "warehouse" / "rsw.duckdb"

    @property
    def spark_marts_dir(self) -> Path:
        """Where the Spark build's marts are (one Parquet table directory per mart; dbt-spark method: session)."""
        return self.spark_dir / "warehouse" / "marts.db"

    @property
    def published_dir(self) -> Path:
        return self.data_dir / "published"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "published" / "reports"


# name: (default, description) — README's settings table is generated from this dict (tests keep them in step).
VARIABLES: dict[str, tuple[str, str]] = {
    "RSW_DATA_DIR": ("data", "Root of landing/, warehouse/ and published/ (relative paths are from the project root)."),
    "RSW_PSEUDONYM_KEY": ("", "Secret key of the HMAC-SHA-256 pseudonyms. Required for client data unless RSW_DEMO_MODE=1."),
    "RSW_DEMO_MODE": ("0", "1 = demo data: use the fixed, clearly labelled demo pseudonym key if no key is set."),
    "RSW_SUPPRESSION_THRESHOLD": ("5", "Published counts 1..threshold-1 are suppressed (plus complementary cells)."),
    "RSW_COMPARED_COUNTY": ("05", "The wellbeing services county compared in national_comparison (05 = Varha)."),
    "SOTKANET_BASE_URL": ("https://sotkanet.fi/rest/1.1", "Sotkanet REST API base URL (the demo points it at the fixture server)."),
    "STATFIN_BASE_URL": ("https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin", "StatFin PxWeb API base URL."),
    "RSW_HTTP_USER_AGENT": ("rsw-warehouse/0.1 (Varha structural social work)", "User-Agent sent to public APIs."),
    "RSW_HTTP_MIN_INTERVAL": ("", "Seconds between two calls to one public API (empty: each API's own politeness, Sotkanet 0.2 s, StatFin 0.35 s). make run, make dev and make bench set 0: their fixture server is local."),
    "RSW_DBT_TARGET": ("duckdb", "dbt target: duckdb (default) or spark."),
    "RSW_SOTKANET_YEARS": ("2015-2024", "Statistical years fetched from Sotkanet and StatFin, as FIRST-LAST."),
    "RSW_PARQUET_RAW_DIR": ("", "Spark target: where the raw tables are exported as Parquet before dbt runs (default <RSW_DATA_DIR>/parquet_raw)."),
    "RSW_DUCKDB_MEMORY_LIMIT": ("640MB", "DuckDB memory limit of every warehouse connection and of dbt's (beyond it, DuckDB spills to <warehouse>.tmp)."),
    "RSW_DUCKDB_THREADS": ("2", "DuckDB threads of every warehouse connection and of dbt's."),
    "RSW_SPARK_DIR": ("", "Spark target: the local Spark session's warehouse (marts read by publish) and metastore (default <RSW_DATA_DIR>/spark)."),
}


def _get(name: str) -> str:
    return os.environ.get(name, VARIABLES[name][0])


def _years(text: str) -> tuple[int, ...]:
    first, _, last = text.partition("-")
    return tuple(range(int(first), int(last or first) + 1))


def _dir(text: str, default: Path) -> Path:
    if not text:
        return default
    path = Path(text)
    return path if path.is_absolute() else PROJECT_ROOT / path


def load() -> Settings:
    data_dir = _dir(_get("RSW_DATA_DIR"), PROJECT_ROOT / "data")
    return Settings(
        data_dir=data_dir,
        pseudonym_key=_get("RSW_PSEUDONYM_KEY"),
        demo_mode=_flag(_get("RSW_DEMO_MODE")),
        suppression_threshold=int(_get("RSW_SUPPRESSION_THRESHOLD")),
        compared_county=_get("RSW_COMPARED_COUNTY"),
        sotkanet_base_url=_get("SOTKANET_BASE_URL").rstrip("/"),
        statfin_base_url=_get("STATFIN_BASE_URL").rstrip("/"),
        http_user_agent=_get("RSW_HTTP_USER_AGENT"),
        http_min_interval=float(_get("RSW_HTTP_MIN_INTERVAL")) if _get("RSW_HTTP_MIN_INTERVAL") else None,
        dbt_target=_get("RSW_DBT_TARGET"),
        sotkanet_years=_years(_get("RSW_SOTKANET_YEARS")),
        parquet_raw_dir=_dir(_get("RSW_PARQUET_RAW_DIR"), data_dir / "parquet_raw"),
        spark_dir=_dir(_get("RSW_SPARK_DIR"), data_dir / "spark"),
        duckdb_memory_limit=_get("RSW_DUCKDB_MEMORY_LIMIT"),
        duckdb_threads=int(_get("RSW_DUCKDB_THREADS")),
    )


def duckdb_config(settings: Settings) -> dict[str, str | int]:
    """The DuckDB settings of every connection that writes or transforms the warehouse (dbt's: profiles.yml)."""
    return {"memory_limit": settings.duckdb_memory_limit, "threads": settings.duckdb_threads}


def dagster_home() -> Path | None:
    """The Dagster instance directory (run history, schedules, the pool); `make` sets data/dagster_home."""
    home = os.environ.get("DAGSTER_HOME")
    return Path(home) if home else None


def dbt_env(settings: Settings) -> dict[str, str]:
    """What dbt reads through env_var() in profiles.yml and dbt_project.yml."""
    return {
        "RSW_WAREHOUSE_PATH": str(settings.warehouse_path),
        "RSW_DBT_TARGET": settings.dbt_target,
        "RSW_SUPPRESSION_THRESHOLD": str(settings.suppression_threshold),
        "RSW_COMPARED_COUNTY": settings.compared_county,
        "RSW_DATA_DIR": str(settings.data_dir),
        "RSW_PARQUET_RAW_DIR": str(settings.parquet_raw_dir),
        "RSW_SPARK_DIR": str(settings.spark_dir),
        "RSW_DUCKDB_MEMORY_LIMIT": settings.duckdb_memory_limit,
        "RSW_DUCKDB_THREADS": str(settings.duckdb_threads),
    }


def export_for_dbt(settings: Settings) -> None:
    """For an entry point (make run, make dev, make bench) that starts dbt itself: hands dbt its settings."""
    os.environ.update(dbt_env(settings))


@contextmanager
def dbt_environment(settings: Settings) -> Iterator[None]:
    """dbt's settings in os.environ for the duration of the block (while a dbt process is started), then the
    environment as it was: importing or loading the code location changes nothing."""
    saved = {name: os.environ.get(name) for name in dbt_env(settings)}
    os.environ.update(dbt_env(settings))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
