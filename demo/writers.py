"""The one place that writes the demo's delivery files, as the counties' systems export them.

- `write_csv`: a header and rows, `;`-separated, CRLF line ends, quoted only where needed, in the encoding the
  source delivers (`utf-8-sig` = UTF-8 with a byte-order mark, `cp1252`, ...); None is an empty cell.
- `write_frame_csv`: the same for a pandas frame, rendered by pandas (its number and missing-value formats).
- `write_xlsx`: a one-sheet workbook whose bytes depend only on its content. openpyxl stamps the current time
  into docProps/core.xml and into every zip entry, which would make each `make run` deliver "new" files;
  `fix_timestamps` sets them to a fixed date.

(The client register's million-row monthly event files are written by DuckDB's CSV writer in
`demo.statistics`, for speed.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

FIXED_DATE = dt.date(2025, 1, 1)


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence], encoding: str = "utf-8-sig") -> None:
    """`;`-separated text with CRLF line ends; None becomes an empty cell."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_frame_csv(frame: pd.DataFrame, path: Path, encoding: str = "utf-8-sig") -> None:
    """A frame as `;`-separated text with CRLF line ends, values as pandas writes them."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, sep=";", index=False, encoding=encoding, lineterminator="\r\n")


def _cell(value: object) -> object:
    """An empty spreadsheet cell for None, NA, NaN and the empty string."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and value == "":
        return None
    return value


def write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence], sheet: str = "Taul1",
               when: dt.date = FIXED_DATE, number_formats: dict[str, str] | None = None) -> None:
    """A one-sheet workbook: the header row, then the rows (empty values become empty cells).
    `number_formats` maps a column letter to an Excel number format for its data cells (e.g. d.m.yyyy)."""
    from openpyxl import Workbook

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if number_formats:
        book = Workbook()
        ws = book.active
        ws.title = sheet
    else:
        book = Workbook(write_only=True)
        ws = book.create_sheet(sheet)
    ws.append(list(headers))
    for row in rows:
        ws.append([_cell(v) for v in row])
    for column, number_format in (number_formats or {}).items():
        for cell in ws[column][1:]:
            cell.number_format = number_format
    book.save(path)
    fix_timestamps(path, when)


def write_frame_xlsx(frame: pd.DataFrame, path: Path, sheet: str = "Taul1", when: dt.date = FIXED_DATE) -> None:
    write_xlsx(path, list(frame.columns), frame.itertuples(index=False), sheet=sheet, when=when)


def fix_timestamps(path: Path, when: dt.date = FIXED_DATE) -> None:
    """Rewrite the saved workbook with the document and zip-entry times set to `when`."""
    stamp = f"{when.isoformat()}T00:00:00Z".encode()
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            entry = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
