"""Shared by the tests of the sources issue 17 added: write a hand-made `;` CSV into a landing folder and load
it through the real loader, or load a table of cases (a row and the quarantine reason it must get). Not a test
module."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sources.landing import FileSource
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
from tests.unit._landing_files import land_reconciled

TODAY = dt.date(2025, 12, 31)


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]], encoding: str = "utf-8-sig") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [";".join(header)] + [";".join(r.get(h, "") for h in header) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def load(tmp_path: Path, source: FileSource, header: list[str], rows: list[dict[str, str]]):
    write_csv(tmp_path / source.name / f"{source.name}.csv", header, rows)
    pseudonymizer = Pseudonymizer(DEMO_PSEUDONYM_KEY) if source.needs_pseudonymizer else None
    return land_reconciled(tmp_path, source, today=TODAY, pseudonymizer=pseudonymizer)


def load_cases(tmp_path: Path, source: FileSource, header: list[str], cases: list[tuple[dict[str, str], str | None]]):
    """`load` the cases' rows as one file: a row paired with None must be accepted, a row paired with a text must be
    quarantined with a reason containing that text. (con, result)"""
    con, result = load(tmp_path, source, header, [row for row, _ in cases])
    assert result.total("rows_accepted") == sum(expected is None for _, expected in cases)
    reasons = quarantined(con, source)
    for n, (_, expected) in enumerate(cases, start=1):
        if expected is not None:
            assert n in reasons, f"row {n} was accepted: expected quarantine with {expected!r}"
            assert expected in reasons[n], f"row {n}: expected {expected!r}, got {reasons[n]!r}"
    return con, result


def quarantined(con, source: FileSource) -> dict[int, str]:
    """Data row number (1 = first row after the header) → reason."""
    return {n - 1: r for n, r in con.execute(f"select _row_number, reason from quarantine.{source.name}").fetchall()}
