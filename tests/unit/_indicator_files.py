"""Shared by the tests of the sources issue 17 added: write a hand-made `;` CSV into a landing folder and load
it through the real loader. Not a test module."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from sources.landing import FileSource, load_source
from sources.loads import reconcile
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer

TODAY = dt.date(2025, 12, 31)


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]], encoding: str = "utf-8-sig") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [";".join(header)] + [";".join(r.get(h, "") for h in header) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def load(tmp_path: Path, source: FileSource, header: list[str], rows: list[dict[str, str]]):
    write_csv(tmp_path / source.name / f"{source.name}.csv", header, rows)
    con = duckdb.connect()
    pseudonymizer = Pseudonymizer(DEMO_PSEUDONYM_KEY) if source.needs_pseudonymizer else None
    result = load_source(con, source, tmp_path, pseudonymizer, today=TODAY)
    assert result.failed == [] and reconcile(con, source.name) == []
    return con, result


def quarantined(con, source: FileSource) -> dict[int, str]:
    """Data row number (1 = first row after the header) → reason."""
    return {n - 1: r for n, r in con.execute(f"select _row_number, reason from quarantine.{source.name}").fetchall()}
