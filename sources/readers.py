"""Readers for the files counties really deliver: CSV in UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's
"Unicode text" export) or cp1252, with
`;`, `,` or tab separators, and Excel workbooks. Every value is read as text; typing is the cleaner's job.

A file that cannot be read fails with a `FileFormatError` that names the file and the problem.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROW_NUMBER = "_row_number"
DELIMITERS = (";", ",", "\t")
CHUNK_ROWS = 100_000


class FileFormatError(ValueError):
    """A delivered file cannot be read as a whole. The message names the file."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path.name}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class ReadOptions:
    encoding: str | None = None  # None: sniff (BOM, then strict UTF-8, then cp1252)
    delimiter: str | None = None  # None: sniff from the header line
    sheet: str | None = None  # xlsx: sheet name, default the first sheet


def sniff_encoding(path: Path, head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the BOM says which byte order; Python's codec reads it and drops it
    if b"\x00" in head:
        raise FileFormatError(path, "looks like UTF-16 without a byte-order mark, or binary data; "
                                    "deliver UTF-8, UTF-16 with BOM or cp1252 text")
    utf8 = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                utf8.decode(block)
            utf8.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; text containing them is not cp1252 either.
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            try:
                block.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise FileFormatError(path, f"neither UTF-8 nor cp1252 text ({exc.reason} at byte {exc.start})") from exc
    return "cp1252"


def sniff_delimiter(path: Path, header_line: str) -> str:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise FileFormatError(path, "header line has no ';', ',' or tab separator")
    return best


def read_table(path: Path, options: ReadOptions = ReadOptions(), chunk_rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
    """Yield the file as chunks of all-text DataFrames, each with the source row number in `_row_number`
    (the header is row 1, so the first data row is row 2, as a spreadsheet user would count)."""
    if path.stat().st_size == 0:
        raise FileFormatError(path, "file is empty")
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if path.suffix.lower() in (".xlsx", ".xlsm") or head.startswith(b"PK\x03\x04"):
        yield from _read_xlsx(path, options, chunk_rows)
    else:
        yield from _read_csv(path, head, options, chunk_rows)


def _read_csv(path: Path, head: bytes, options: ReadOptions, chunk_rows: int) -> Iterator[pd.DataFrame]:
    encoding = options.encoding or sniff_encoding(path, head)
    try:
        with path.open("r", encoding=encoding, newline="") as fh:
            header_line = fh.readline()
    except UnicodeDecodeError as exc:
        raise FileFormatError(path, f"not valid {encoding} text ({exc.reason})") from exc
    if not header_line.strip():
        raise FileFormatError(path, "first line is empty; expected a header row")
    delimiter = options.delimiter or sniff_delimiter(path, header_line)
    try:
        reader = pd.read_csv(
            path,
            sep=delimiter,
            encoding=encoding,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            quoting=csv.QUOTE_MINIMAL,
            chunksize=chunk_rows,
            engine="c",
            on_bad_lines="error",
        )
        next_row = 2
        for chunk in reader:
            chunk.columns = [str(c).strip() for c in chunk.columns]
            chunk.insert(0, ROW_NUMBER, range(next_row, next_row + len(chunk)))
            next_row += len(chunk)
            yield chunk
    except UnicodeDecodeError as exc:
        raise FileFormatError(path, f"not valid {encoding} text ({exc.reason})") from exc
    except pd.errors.ParserError as exc:
        raise FileFormatError(path, f"malformed {delimiter!r}-separated text: {exc}") from exc
    except pd.errors.EmptyDataError as exc:
        raise FileFormatError(path, "no header row") from exc


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def _read_xlsx(path: Path, options: ReadOptions, chunk_rows: int) -> Iterator[pd.DataFrame]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileFormatError(path, f"not a readable xlsx workbook ({type(exc).__name__}: {exc})") from exc
    try:
        sheet = workbook[options.sheet] if options.sheet else workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None or all(h is None for h in header):
            raise FileFormatError(path, "first sheet has no header row")
        columns = [str(h).strip() if h is not None else "" for h in header]
        width = len(columns)
        buffer: list[list[str | None]] = []
        numbers: list[int] = []
        row_number = 1
        for values in rows:
            row_number += 1
            cells = [_cell_text(v) for v in values[:width]]
            if all(c is None for c in cells):
                continue
            cells += [None] * (width - len(cells))
            buffer.append(cells)
            numbers.append(row_number)
            if len(buffer) >= chunk_rows:
                yield _frame(columns, buffer, numbers)
                buffer, numbers = [], []
        if buffer or row_number == 1:
            yield _frame(columns, buffer, numbers)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise FileFormatError(path, f"xlsx workbook is damaged or truncated ({type(exc).__name__})") from exc
    finally:
        workbook.close()


def _frame(columns: list[str], rows: list[list[str | None]], numbers: list[int]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns, dtype=object).astype("string")
    frame.insert(0, ROW_NUMBER, numbers)
    return frame
