"""Shared by the file-source tests: writing a hand-made delivery (delimited text or a workbook) and landing it.

Not a test module (no test_ prefix); imported by the tests of the client-data file sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import duckdb
from openpyxl import Workbook

from sources.landing import FileSource, load_source
from sources.privacy import Pseudonymizer

Row = Mapping[str, object] | Sequence[object]


def _values(headers: Sequence[str], row: Row) -> list[object]:
    """A row's cells in header order: a dict by header (a missing key is None) or the cells themselves."""
    return [row.get(h) for h in headers] if isinstance(row, Mapping) else list(row)


def write_delimited(path: Path, headers: Sequence[str], rows: Iterable[Row], *, encoding: str = "utf-8-sig",
                    sep: str = ";") -> Path:
    """A delimited export as the systems write it: CRLF line ends, None as an empty cell, a cell holding `sep` in
    double quotes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [list(headers), *(["" if v is None else str(v) for v in _values(headers, r)] for r in rows)]
    text = "\r\n".join(sep.join(f'"{c}"' if sep in c else c for c in cells) for cells in lines)
    path.write_bytes((text + "\r\n").encode(encoding))
    return path


def write_workbook(path: Path, headers: Sequence[str], rows: Iterable[Row], *, sheet: str | None = None) -> Path:
    """An xlsx with the header row and the rows on its first sheet (titled `sheet` when given)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    ws = book.active
    if sheet:
        ws.title = sheet
    ws.append(list(headers))
    for r in rows:
        ws.append(_values(headers, r))
    book.save(path)
    return path


def land(root: Path, source: FileSource, *, today: dt.date, pseudonymizer: Pseudonymizer | None = None,
         con: duckdb.DuckDBPyConnection | None = None):
    """Land every file of `source` under `root` into `con` (a new in-memory DuckDB by default): (con, result)."""
    con = con or duckdb.connect()
    return con, load_source(con, source, root, pseudonymizer, today=today)
