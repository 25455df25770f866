"""Dagster resources: thin handles on the warehouse, the landing zone, the public APIs and the pseudonymiser.
Their configuration comes from orchestration/settings.py."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.settings import duckdb_config, load
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
from sources.spark_marts import open_spark_marts
from sources.statistics.sotkanet import SotkanetClient
from sources.statistics.statfin import StatFinClient

LOCK_WAIT_SECONDS = 60


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file. One writer at a time: every writing asset is in the `duckdb_warehouse` pool.
    With the dbt `spark` target, the marts are Spark tables instead: `marts()` reads them from their Parquet."""

    path: str
    dbt_target: str = "duckdb"
    spark_marts_dir: str = ""
    manifest_path: str = ""

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """Waits up to a minute for the file lock: another process may hold the file for a moment (the sensor
        reading the ledger, a dbt process of a killed run that has not exited yet)."""
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                con = duckdb.connect(self.path, read_only=read_only, config=duckdb_config(load()))
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(1)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def marts(self, only: list[str] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection whose `marts` schema holds the built marts (all, or the ones in `only`): the warehouse
        file on DuckDB; on Spark, an in-memory DuckDB over the Spark marts' Parquet, commented from the manifest."""
        if self.dbt_target != "spark":
            with self.connect() as con:
                yield con
            return
        con = open_spark_marts(self.spark_marts_dir, self.manifest_path, only)
        try:
            yield con
        finally:
            con.close()


class LandingZone(dg.ConfigurableResource):
    """Where deliveries arrive: one folder per source, `<root>/<source>/`."""

    root: str

    @property
    def path(self) -> Path:
        return Path(self.root)


class PseudonymKey(dg.ConfigurableResource):
    """The HMAC key for identity codes. Without a key, client data is not extracted (except in demo mode)."""

    key: str = ""
    demo_mode: bool = False

    def pseudonymizer(self) -> Pseudonymizer:
        if not self.key and self.demo_mode:
            return Pseudonymizer(DEMO_PSEUDONYM_KEY)
        return Pseudonymizer(self.key)  # raises PseudonymKeyMissing when empty


class SotkanetApi(dg.ConfigurableResource):
    base_url: str
    user_agent: str
    years: list[int]
    min_interval_s: float | None = None  # None: the client's own politeness

    def client(self) -> SotkanetClient:
        polite = {} if self.min_interval_s is None else {"min_interval_s": self.min_interval_s}
        return SotkanetClient(self.base_url, self.user_agent, **polite)


class StatFinApi(dg.ConfigurableResource):
    base_url: str
    user_agent: str
    years: list[int]
    min_interval_s: float | None = None  # None: the client's own politeness

    def client(self) -> StatFinClient:
        polite = {} if self.min_interval_s is None else {"min_interval_s": self.min_interval_s}
        return StatFinClient(self.base_url, self.user_agent, **polite)
