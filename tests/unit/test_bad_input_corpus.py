"""The bad-input corpus, run through every file-based source.

Each case must end in a clear file-level error that names the file, or in quarantine with a reason, and the
load must reconcile (rows in = accepted + quarantined). Sample files come from the demo generators, so a
new source is covered as soon as it has demo data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import duckdb
import openpyxl
import pytest

from sources.landing import FileSource, load_source
from sources.loads import reconcile, rejected_files
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
from sources.readers import ROW_NUMBER, read_table
from sources.registry import all_file_sources
from tests.conftest import string_columns
from tests.identity_codes import codes_in, written_forms

SOURCES = {s.name: s for s in all_file_sources()}
PSEUDONYMIZER = Pseudonymizer(DEMO_PSEUDONYM_KEY)
DATE_VALUE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$|^\d{4}-\d{2}-\d{2}$")
COUNT_HEADER = re.compile(r"osallistuj|yhteydenott|havaintoja|vastaaj|\(n\)|mieltä|lkm|määrä|euroa", re.IGNORECASE)
MUNICIPALITY_HEADER = re.compile(r"kunta|kommun", re.IGNORECASE)


@pytest.fixture(scope="module")
def samples(demo_files, tmp_path_factory) -> dict[str, tuple[str, list[str], list[list[str]], int]]:
    """Per source: (a sample file name, its header, its rows as text, the index of a row that loads cleanly),
    from a small demo delivery (the session's, tests/conftest.py) re-rendered as `;` CSV."""
    root = tmp_path_factory.mktemp("bad_input")
    out = {}
    for name in SOURCES:
        files = sorted((demo_files / "landing" / name).iterdir(), key=lambda p: (p.suffix != ".csv", p.name))
        frame = next(read_table(files[0]))
        header = [c for c in frame.columns if c != ROW_NUMBER]
        rows = frame[header].astype("string").fillna("").values.tolist()[:20]
        sample = (files[0].stem + ".csv", header, rows)
        out[name] = (*sample, accepted_row(root / "base" / name, SOURCES[name], sample))
    return out


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ";",
              encoding: str = "utf-8-sig") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def load(tmp_path: Path, source: FileSource, write) -> tuple[duckdb.DuckDBPyConnection, object, Path]:
    folder = tmp_path / source.name
    folder.mkdir(parents=True, exist_ok=True)
    path = write(folder)
    con = duckdb.connect()
    result = load_source(con, source, tmp_path, PSEUDONYMIZER, dt.date.today())
    return con, result, path


def accepted_row(tmp_path: Path, source: FileSource, sample) -> int:
    """Index (0-based) of a sample row that loads cleanly, so a mutation is the only thing wrong with it."""
    file_name, header, rows = sample
    con, result, _ = load(tmp_path, source, lambda d: _w(d / file_name, header, rows))
    assert result.failed == [], f"{source.name}: the re-rendered demo sample must load"
    assert reconcile(con, source.name) == []
    numbers = {r[0] for r in con.execute(f"select _row_number from raw.{source.name}").fetchall()}
    return min(numbers) - 2


def _w(path: Path, header, rows, **kw) -> Path:
    write_csv(path, header, rows, **kw)
    return path


def assert_file_error(result, path: Path) -> None:
    assert result.failed, f"{path.name} should fail as a whole"
    assert path.name in str(result.failed[0])


def assert_quarantined(con, source: FileSource, result, row_index: int, expect: str | None = None) -> str:
    assert result.failed == []
    assert reconcile(con, source.name) == []
    reasons = con.execute(f"select reason from quarantine.{source.name} where _row_number = ?",
                          [row_index + 2]).fetchall()
    assert reasons, f"{source.name}: mutated row {row_index + 2} was not quarantined"
    if expect:
        assert re.search(expect, reasons[0][0], re.IGNORECASE), reasons[0][0]
    return reasons[0][0]


# -- whole-file cases ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_empty_file(tmp_path, name):
    con, result, path = load(tmp_path, SOURCES[name], lambda d: (d / "empty.csv").write_bytes(b"") or d / "empty.csv")
    assert_file_error(result, path)
    assert "empty" in str(result.failed[0])


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_header_only_file_loads_nothing_and_reconciles(tmp_path, samples, name):
    file_name, header, _, _ = samples[name]
    con, result, path = load(tmp_path, SOURCES[name], lambda d: _w(d / file_name, header, []))
    if result.failed:
        assert_file_error(result, path)
    else:
        assert result.total("rows_in") == 0
        assert reconcile(con, name) == []


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_wrong_delimiter(tmp_path, samples, name):
    file_name, header, rows, _ = samples[name]
    con, result, path = load(tmp_path, SOURCES[name], lambda d: _w(d / file_name, header, rows, delimiter="|"))
    assert_file_error(result, path)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_wrong_encoding(tmp_path, samples, name):
    """UTF-16 without a byte-order mark cannot be told from binary data: rejected, with the reason recorded."""
    file_name, header, rows, _ = samples[name]
    con, result, path = load(tmp_path, SOURCES[name], lambda d: _w(d / file_name, header, rows, encoding="utf-16-le"))
    assert_file_error(result, path)
    assert rejected_files(con, name)[0]["file"] == path.name


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_excel_unicode_text_export(tmp_path, samples, name):
    """Excel's "Unicode text": UTF-16 with a BOM, tab-separated. It loads like the UTF-8 original."""
    file_name, header, rows, _ = samples[name]
    con, result, path = load(tmp_path, SOURCES[name], lambda d: _w(d / file_name.replace(".csv", ".txt"), header,
                                                                   rows, delimiter="\t", encoding="utf-16"))
    assert result.failed == []
    assert path.read_bytes()[:2] == b"\xff\xfe"
    assert result.total("rows_in") == len(rows) and result.total("rows_accepted") > 0
    assert reconcile(con, name) == []


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_truncated_xlsx(tmp_path, samples, name):
    file_name, header, rows, _ = samples[name]

    def write(d: Path) -> Path:
        path = d / file_name.replace(".csv", ".xlsx")
        book = openpyxl.Workbook()
        book.active.append(header)
        for row in rows:
            book.active.append(row)
        book.save(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path

    con, result, path = load(tmp_path, SOURCES[name], write)
    assert_file_error(result, path)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_missing_column(tmp_path, samples, name):
    file_name, header, rows, _ = samples[name]
    con, result, path = load(tmp_path, SOURCES[name], lambda d: _w(d / file_name, header[1:], [r[1:] for r in rows]))
    assert_file_error(result, path)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_extra_column(tmp_path, samples, name):
    file_name, header, rows, _ = samples[name]
    con, result, path = load(tmp_path, SOURCES[name],
                             lambda d: _w(d / file_name, header + ["Ylimääräinen sarake"], [r + ["x"] for r in rows]))
    assert_file_error(result, path)
    assert "Ylimääräinen sarake" in str(result.failed[0])


# -- cell cases: the row is accepted (text is text) or quarantined, and the load reconciles -------------------
def _text_column(header: list[str], rows: list[list[str]]) -> int:
    """The column with the longest sample text: where a form's free text lives."""
    return max(range(len(header)), key=lambda i: max(len(r[i]) for r in rows))


@pytest.mark.parametrize("text", ["x" * 100_000, "'); drop table raw.complaints; --"], ids=["100k_chars", "sql"])
def test_hostile_text_cell(tmp_path, samples, text):
    for name, source in SOURCES.items():
        file_name, header, rows, i = samples[name]
        col = _text_column(header, rows)
        mutated = [list(r) for r in rows]
        mutated[i][col] = text
        con, result, _ = load(tmp_path / name / "case", source,
                              lambda d, f=file_name, h=header, m=mutated: _w(d / f, h, m))
        assert result.failed == [], name
        assert reconcile(con, name) == [], name
        assert result.total("rows_in") == len(rows), name
        tables = {r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()}
        assert f"raw.{name}" in tables


def quarantine_mutated_cell(tmp_path, samples, pick_column, value: str, expect: str | None) -> dict[str, object]:
    """In every source with a column `pick_column(source, header, sample values)` picks, put `value` into the first
    such column of its clean sample row and load the sample: the row must be quarantined (with a reason matching
    `expect`, when given) and the load must reconcile. The sources covered, with their connections."""
    covered = {}
    for name, source in SOURCES.items():
        file_name, header, rows, i = samples[name]
        cols = [c for c, h in enumerate(header) if pick_column(source, h, [r[c] for r in rows])]
        if not cols:
            continue
        mutated = [list(r) for r in rows]
        mutated[i][cols[0]] = value
        con, result, _ = load(tmp_path / name / "case", source,
                              lambda d, f=file_name, h=header, m=mutated: _w(d / f, h, m))
        assert_quarantined(con, source, result, i, expect)
        covered[name] = con
    return covered


def is_date(source, header, values) -> bool:
    return sum(bool(DATE_VALUE.match(v)) for v in values) > len(values) / 2


def is_count(source, header, values) -> bool:
    return bool(COUNT_HEADER.search(header)) and all(re.fullmatch(r"[\d ,]*", v) for v in values)


def is_municipality(source, header, values) -> bool:
    return bool(MUNICIPALITY_HEADER.search(header)) and any(values)


@pytest.mark.parametrize(("pick_column", "value", "expect", "at_least"), [
    pytest.param(is_date, "31.2.2025", "date|päivä|31.2.2025", 8, id="impossible_date"),
    pytest.param(is_count, "-3", None, 4, id="negative_count"),
    pytest.param(is_municipality, "999", "municipalit|kunta|kommun|999", 8, id="unknown_municipality"),
])
def test_bad_cell_is_quarantined(tmp_path, samples, pick_column, value, expect, at_least):
    covered = quarantine_mutated_cell(tmp_path, samples, pick_column, value, expect)
    assert len(covered) >= at_least, sorted(covered)


def test_identity_code_with_bad_checksum(tmp_path, samples):
    covered = quarantine_mutated_cell(tmp_path, samples, lambda source, header, _: header in source.identity_columns,
                                      "010594Y9033", "identity code|hetu|checksum|check")
    for name, con in covered.items():
        dumped = con.execute(f"select record from quarantine.{name}").fetchall()
        assert not any("010594Y9033" in r[0] for r in dumped), f"{name}: the code must not be kept in quarantine"
    assert len(covered) >= 5, sorted(covered)


# -- identity codes typed where they do not belong ------------------------------------------------------------
def test_identity_codes_in_any_written_form_are_not_stored(tmp_path, samples):
    """Every form of a fictitious identity code, typed into every column (free text or not) of every source, one
    column per copy of a clean row: afterwards no table (raw, quarantine, the ledger) holds one, by the tests' own
    scanner, and an ordinary ten-digit number in the same text is kept."""
    text = " ja ".join(written_forms("311299", "934") + written_forms("010190", "923")) + " (asia 1234567890)"
    assert len(codes_in(text)) == 36
    leaks, redacted_in_raw, kept = [], 0, 0
    for name, source in SOURCES.items():
        file_name, header, rows, i = samples[name]
        mutated = []
        for col, column in enumerate(header):
            if column not in source.identity_columns:
                mutated.append(list(rows[i]))
                mutated[-1][col] = text
        con, result, _ = load(tmp_path / name, source, lambda d, f=file_name, h=header, m=mutated: _w(d / f, h, m))
        assert reconcile(con, name) == [], name
        for schema, table, column in string_columns(con):
            for (value,) in con.execute(f'select "{column}" from "{schema}"."{table}" '
                                        f'where "{column}" is not null').fetchall():
                leaks += [f"{name} → {schema}.{table}.{column}: {c}" for c in codes_in(value)]
                kept += "1234567890" in value
                redacted_in_raw += schema == "raw" and "[HETU]" in value
        con.close()
    assert leaks == []
    assert kept > 0, "an ordinary ten-digit number was redacted as if it were an identity code"
    assert redacted_in_raw >= len(SOURCES), "the codes should reach raw (redacted) through free-text columns"
