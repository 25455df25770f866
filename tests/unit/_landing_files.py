"""Shared by the file-source tests: writing a hand-made delivery (delimited text or a workbook) and landing it.

Not a test module (no test_ prefix). The client-data tests bind their source once in a `Deliveries`; the tests of
demo deliveries and `_indicator_files` land through `land_reconciled`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from openpyxl import Workbook

from sources.landing import FileSource, load_source
from sources.loads import reconcile
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


def land_reconciled(root: Path, source: FileSource, *, today: dt.date, pseudonymizer: Pseudonymizer | None = None):
    """`land`, checking that no file failed and that the load reconciles (rows in = accepted + quarantined)."""
    con, result = land(root, source, today=today, pseudonymizer=pseudonymizer)
    assert result.failed == [] and reconcile(con, source.name) == []
    return con, result


@dataclass(frozen=True)
class Deliveries:
    """Hand-made deliveries of one file source: files written where its loader looks (`root/<source name>/`), in
    its export's columns (`headers`) and by default in the encoding its system exports (`encoding`), landed as on
    `today` (with `pseudonymizer` for a source that takes identity codes)."""

    source: FileSource
    headers: Sequence[str]
    today: dt.date
    pseudonymizer: Pseudonymizer | None = None
    encoding: str = "utf-8-sig"

    def csv(self, root: Path, file_name: str, rows: Iterable[Row], *, encoding: str | None = None,
            sep: str = ";") -> Path:
        return write_delimited(root / self.source.name / file_name, self.headers, rows,
                               encoding=encoding or self.encoding, sep=sep)

    def xlsx(self, root: Path, file_name: str, rows: Iterable[Row], *, sheet: str | None = None) -> Path:
        return write_workbook(root / self.source.name / file_name, self.headers, rows, sheet=sheet)

    def land(self, root: Path, con: duckdb.DuckDBPyConnection | None = None):
        """Land every file under `root`: (con, result)."""
        return land(root, self.source, today=self.today, pseudonymizer=self.pseudonymizer, con=con)
