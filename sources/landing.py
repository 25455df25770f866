"""Landing zone to raw: the one loader every file-based source goes through.

For each file in `landing/<source>/` that is new by content hash:
read it (sniffing encoding and separator, or xlsx) in chunks → clean and type (the source's `prepare`) →
validate with the source's pandera contract, lazily → write accepted rows to `raw.<source>` and rejected
rows to `quarantine.<source>` with the reason, the file and the row number → record the file in `raw._loads`.

A file is loaded in one transaction: a crash leaves no partial batch. A corrected re-delivery (same file
name, new content) replaces its batch; a re-delivery of identical content is skipped, and the same content
under another name is recorded as a duplicate and not loaded twice. A file that cannot be read as a whole is
recorded as rejected with its reason (it stays in the landing zone, and the source's other files still load);
a corrected version of it, under any name, loads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from sources.cleaning import Cleaner, quarantine_record
from sources.engine_load import ColumnRule, load_staged, stage
from sources.loads import LoadRecord, current_file_with_hash, ensure_ledger, handled_files, record_load, supersede
from sources.privacy import Pseudonymizer, redact
from sources.readers import ROW_NUMBER, FileFormatError, ReadOptions, read_table
from sources.transaction import transaction

FILE_SUFFIXES = (".csv", ".txt", ".xlsx")
LINEAGE_COLUMNS = ("_file_name", "_row_number", "_load_id")


@dataclass(frozen=True)
class PrepareContext:
    file_name: str
    today: dt.date
    pseudonymizer: Pseudonymizer | None


@dataclass(frozen=True)
class FileSource:
    """Everything the loader needs to know about one file-based source."""

    name: str  # raw.<name>, quarantine.<name>, landing/<name>/
    source_class: str  # client_data | professional_observations | statistics
    description: str
    headers: Callable[[list[str], str], None]  # raises FileFormatError-worthy ValueError for bad headers
    prepare: Callable[[pd.DataFrame, PrepareContext], Cleaner]
    schema: pa.DataFrameSchema
    period_column: str | None = None  # a date column: the data period of a file is its min..max
    identity_columns: tuple[str, ...] = ()  # raw columns holding identity codes: never kept, not even in quarantine
    needs_pseudonymizer: bool = False
    read_options: ReadOptions = field(default_factory=ReadOptions)
    # per-column cleaning rules (its `prepare` is then per_column_prepare(column_rules)): UTF-8 CSV files of the
    # source load inside DuckDB, with the same results (sources/engine_load.py)
    column_rules: tuple[ColumnRule, ...] = ()


def exact_headers(expected: Iterable[str]) -> Callable[[list[str], str], None]:
    """A header check for sources with a fixed column list: missing and unexpected columns both fail."""
    expected = list(expected)

    def check(headers: list[str], file_name: str) -> None:
        missing = [h for h in expected if h not in headers]
        extra = [h for h in headers if h not in expected and h != ROW_NUMBER]
        problems = []
        if missing:
            problems.append("missing columns " + ", ".join(repr(m) for m in missing))
        if extra:
            problems.append("unexpected columns " + ", ".join(repr(e) for e in extra))
        if problems:
            raise ValueError("; ".join(problems))

    return check


def file_source(
    module: str,
    description: str,
    *,
    headers: Sequence[str] | Callable[[list[str], str], None],
    prepare: Callable[[pd.DataFrame, PrepareContext], Cleaner],
    schema: pa.DataFrameSchema,
    period_column: str,
    identity_columns: tuple[str, ...] = (),
    needs_pseudonymizer: bool = False,
    column_rules: tuple[ColumnRule, ...] = (),
) -> FileSource:
    """The `FileSource` a source module declares (`SOURCE = file_source(__name__, ...)`), from what is its own:

    - its name and source class are the module's: `sources.<source class>.<name>` (raw.<name>, landing/<name>/);
    - `headers` is the exact column list a delivery must have, or a check of its own for a header that varies;
    - a source with identity columns pseudonymises them, so it needs the pseudonymisation key (as does a source
      that keys its records with it without holding identity codes: `needs_pseudonymizer`).
    """
    parts = module.split(".")
    if len(parts) != 3 or parts[0] != "sources":
        raise ValueError(f"{module}: a file source is declared in a module sources.<source class>.<name>")
    _, source_class, name = parts
    return FileSource(
        name=name,
        source_class=source_class,
        description=description,
        headers=headers if callable(headers) else exact_headers(headers),
        prepare=prepare,
        schema=schema,
        period_column=period_column,
        identity_columns=identity_columns,
        needs_pseudonymizer=needs_pseudonymizer or bool(identity_columns),
        column_rules=column_rules,
    )


@dataclass
class FileLoad:
    file_name: str
    status: str  # loaded | replaced | skipped | duplicate
    rows_in: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    reasons: dict[str, int] = field(default_factory=dict)


@dataclass
class SourceLoad:
    source: str
    files: list[FileLoad] = field(default_factory=list)
    failed: list[FileFormatError] = field(default_factory=list)  # files rejected whole, with the reason

    @property
    def loaded(self) -> list[FileLoad]:
        return [f for f in self.files if f.status in ("loaded", "replaced")]

    def total(self, attr: str) -> int:
        return sum(getattr(f, attr) for f in self.loaded)

    @property
    def reasons(self) -> dict[str, int]:
        merged: dict[str, int] = {}
        for f in self.loaded:
            for reason, n in f.reasons.items():
                merged[reason] = merged.get(reason, 0) + n
        return dict(sorted(merged.items(), key=lambda kv: -kv[1]))


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def landing_files(landing_dir: Path) -> list[Path]:
    if not landing_dir.exists():
        return []
    return sorted(p for p in landing_dir.iterdir() if p.is_file() and p.suffix.lower() in FILE_SUFFIXES)


def fingerprint_landing(landing_root: Path, source_names: Iterable[str],
                        known: dict[str, list] | None = None) -> dict[str, list]:
    """`source/file name` → [size, mtime_ns, content hash] of every delivered file. A file whose size and
    modification time match `known` keeps its known hash, so only new or touched files are read."""
    known = known or {}
    out: dict[str, list] = {}
    for name in source_names:
        for path in landing_files(landing_root / name):
            stat = path.stat()
            key = f"{name}/{path.name}"
            previous = known.get(key)
            if previous and previous[:2] == [stat.st_size, stat.st_mtime_ns]:
                out[key] = previous
            else:
                out[key] = [stat.st_size, stat.st_mtime_ns, file_hash(path)]
    return out


def load_source(
    con: duckdb.DuckDBPyConnection,
    source: FileSource,
    landing_root: Path,
    pseudonymizer: Pseudonymizer | None = None,
    today: dt.date | None = None,
) -> SourceLoad:
    """Load every new or corrected file of one source, each in its own transaction. A file that cannot be
    read as a whole is rolled back, recorded as rejected in the ledger and listed in `failed`; the other files
    still load."""
    if source.needs_pseudonymizer and pseudonymizer is None:
        raise ValueError(f"{source.name}: a pseudonymisation key is required to extract this source")
    ensure_ledger(con)
    result = SourceLoad(source.name)
    today = today or dt.date.today()
    handled = handled_files(con, source.name)
    for path in landing_files(landing_root / source.name):
        digest = file_hash(path)
        if (source.name, path.name, digest) in handled:
            result.files.append(FileLoad(path.name, "skipped"))
            continue
        twin = current_file_with_hash(con, source.name, digest)
        if twin is not None:
            record_load(con, LoadRecord(source.name, path.name, digest, 0, 0, 0, status="duplicate",
                                        reason=f"same content as {twin}, already loaded"))
            result.files.append(FileLoad(path.name, "duplicate"))
            continue
        try:
            result.files.append(load_file(con, source, path, PrepareContext(path.name, today, pseudonymizer), digest))
        except FileFormatError as exc:
            record_load(con, LoadRecord(source.name, path.name, digest, 0, 0, 0, status="rejected", reason=exc.problem))
            result.failed.append(exc)
    return result


def _previous_hash(con: duckdb.DuckDBPyConnection, source: str, file_name: str) -> str | None:
    row = con.execute(
        "select file_hash from raw._loads where source = ? and file_name = ? and status = 'current'",
        [source, file_name],
    ).fetchall()
    return row[0][0] if row else None


def load_file(con: duckdb.DuckDBPyConnection, source: FileSource, path: Path, ctx: PrepareContext,
              digest: str) -> FileLoad:
    previous = _previous_hash(con, source.name, path.name)
    load = FileLoad(path.name, "replaced" if previous else "loaded")
    load_id = f"{source.name}:{path.name}:{digest[:16]}"
    staged = stage(con, source, path)
    with transaction(con):
        if previous:
            _delete_batch(con, source.name, path.name)
            supersede(con, source.name, path.name)
        if staged is not None:
            load_staged(con, source, path, staged, ctx, load, load_id)
        for chunk in (read_table(path, source.read_options) if staged is None else ()):
            if chunk.empty and not load.rows_in:
                try:
                    source.headers([c for c in chunk.columns if c != ROW_NUMBER], path.name)
                except ValueError as exc:
                    raise FileFormatError(path, str(exc)) from exc
                continue
            _load_chunk(con, source, path, ctx, chunk, load, load_id)
        record_load(con, LoadRecord(source.name, path.name, digest, load.rows_in, load.rows_accepted,
                                    load.rows_quarantined, load.period_start, load.period_end))
    return load


def _load_chunk(con, source: FileSource, path: Path, ctx: PrepareContext, chunk: pd.DataFrame,
                load: FileLoad, load_id: str) -> None:
    headers = [c for c in chunk.columns if c != ROW_NUMBER]
    try:
        source.headers(headers, path.name)
    except ValueError as exc:
        raise FileFormatError(path, str(exc)) from exc
    chunk = chunk.reset_index(drop=True)
    cleaner = source.prepare(chunk, ctx)
    typed = cleaner.out
    reasons = cleaner.reasons
    clean = reasons == ""
    try:
        schema_reasons = validate(source.schema, typed[clean])
    except ValueError as exc:
        raise FileFormatError(path, str(exc)) from exc
    if not schema_reasons.empty:
        reasons.loc[schema_reasons.index] = schema_reasons
        clean = reasons == ""

    accepted = typed[clean].copy()
    accepted["_file_name"] = path.name
    accepted["_row_number"] = chunk.loc[clean, ROW_NUMBER].astype("int64")
    accepted["_load_id"] = load_id
    rejected = pd.DataFrame({
        "_file_name": path.name,
        "_row_number": chunk.loc[~clean, ROW_NUMBER].astype("int64"),
        "_load_id": load_id,
        "reason": reasons[~clean].map(redact, na_action="ignore"),  # reasons quote the offending value
        "record": quarantine_record(chunk.loc[~clean].drop(columns=[ROW_NUMBER]), source.identity_columns),
    })
    _append(con, f"raw.{source.name}", accepted)
    _append(con, f"quarantine.{source.name}", rejected)

    load.rows_in += len(chunk)
    load.rows_accepted += len(accepted)
    load.rows_quarantined += len(rejected)
    for reason in rejected["reason"]:
        for part in str(reason).split("; "):
            key = part.split(" '")[0]  # group by problem, not by offending value
            load.reasons[key] = load.reasons.get(key, 0) + 1
    if source.period_column and len(accepted):
        period = pd.to_datetime(accepted[source.period_column])
        lo, hi = period.min(), period.max()
        if pd.notna(lo):
            load.period_start = min(filter(None, [load.period_start, lo.date()]))
            load.period_end = max(filter(None, [load.period_end, hi.date()]))


def validate(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.Series:
    """Lazy pandera validation: a reason per failing row (row-level failures only)."""
    if frame.empty:
        return pd.Series(dtype="string")
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        row_cases = cases[cases["index"].notna()]
        if len(row_cases) < len(cases):
            table_level = cases[cases["index"].isna()]
            raise ValueError(
                "contract failed for the whole file: "
                + "; ".join(f"{r.column}: {r.check}" for r in table_level.itertuples())
            ) from err
        text = row_cases["column"].astype(str) + ": failed " + row_cases["check"].astype(str)
        return text.groupby(row_cases["index"].astype("int64")).agg("; ".join).astype("string")
    return pd.Series(dtype="string")


def _append(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty and _exists(con, table):
        return
    con.register("_landing_chunk", frame)
    try:
        con.execute(f"create table if not exists {table} as select * from _landing_chunk limit 0")
        if not frame.empty:
            con.execute(f"insert into {table} by name select * from _landing_chunk")
    finally:
        con.unregister("_landing_chunk")


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    schema, name = table.split(".")
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchall()[0][0])


def _delete_batch(con: duckdb.DuckDBPyConnection, source: str, file_name: str) -> None:
    for table in (f"raw.{source}", f"quarantine.{source}"):
        if _exists(con, table):
            con.execute(f"delete from {table} where _file_name = ?", [file_name])
