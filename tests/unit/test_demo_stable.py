"""The demo's deliveries are byte-stable: regenerating them (every `make run` and `make dev` does) must not look
like a new delivery, or each start would reload files and rebuild everything."""

from __future__ import annotations

import time

from demo import generate
from tests.conftest import DEMO_FILES_SCALE


def test_regenerated_demo_files_are_byte_identical(demo_files, tmp_path):
    """The session's demo generation (tests/conftest.py) against a second one, at least a second later."""
    time.sleep(1.1)  # workbooks carry second-resolution timestamps unless the generator fixes them
    generate(tmp_path / "b" / "landing", tmp_path / "b" / "api", scale=DEMO_FILES_SCALE)
    first = {p.relative_to(demo_files): p.read_bytes() for p in demo_files.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert any(p.suffix == ".xlsx" for p in first)
    assert sorted(first) == sorted(second)
    assert [str(p) for p in first if first[p] != second[p]] == []
