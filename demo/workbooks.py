"""Demo workbooks whose bytes depend only on their content: openpyxl stamps the current time into
docProps/core.xml and into every zip entry, which would make each `make run` deliver "new" files."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path


def fix_timestamps(path: Path, when: dt.date = dt.date(2025, 1, 1)) -> None:
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
