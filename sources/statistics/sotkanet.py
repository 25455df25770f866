"""THL Sotkanet REST 1.1: a polite client and an incremental sync into the DuckDB warehouse.

Endpoints used (base URL e.g. ``https://sotkanet.fi/rest/1.1``):
  ``/regions``, ``/indicators`` (listing), ``/indicators/{id}`` (metadata) and
  ``/json?indicator=..&years=..&years=..&genders=..`` (data; ``years`` and ``genders`` are repeated params).

The service asks for non-regular queries, so the sync is incremental on each indicator's ``data-updated``:
it always reads the (small) metadata, and downloads data only when that date changed. THL-produced
indicators are CC BY 4.0; third-party indicators (other organisations) need a separate agreement, which
is recorded per indicator in ``raw.sotkanet_indicators.licence``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import httpx
import pandas as pd

from sources.contracts.statistics import SOTKANET_DATA
from sources.http import PoliteHttpClient, Response, load_json
from sources.loads import LoadRecord, ensure_ledger, load_batch
from sources.reference import county_codes, legacy_county_ids
from sources.transaction import transaction
from sources.validation import coerce_columns, validate_rows

SOURCE = "sotkanet"
THL_ORGANIZATION_ID = 2
LICENCE_THL = "CC BY 4.0"
LICENCE_THIRD_PARTY = "third-party: agreement required"

# Region categories the warehouse uses; /regions also lists MAAKUNTA, ERVA, AVI areas, EU areas etc.
KEPT_REGION_CATEGORIES = ("KUNTA", "HYVINVOINTIALUE", "MAA")
COUNTRY_REGION_ID = 658

# Pre-2023 Sotkanet ids of the wellbeing services counties -> official county code, read from the regions
# seed (dbt_project/seeds/regions.csv), the one home of the region mapping; the canonical mapping of every
# Sotkanet region id is the dbt model int_regions__mapped, built on the same seed. Older extracts list the
# legacy ids with their own codes, which COLLIDE with current codes (old "01" was Varsinais-Suomi, current
# "01" is Itä-Uusimaa), so they are never written to raw.sotkanet_regions.
LEGACY_COUNTY_IDS: dict[int, str] = legacy_county_ids()


DDL = """
create schema if not exists raw;
create schema if not exists quarantine;
create table if not exists raw.sotkanet_regions (
    region_id integer, code varchar, category varchar,
    title_fi varchar, title_sv varchar, title_en varchar, uri varchar, fetched_at timestamp
);
create table if not exists raw.sotkanet_indicators (
    indicator_id integer, title_fi varchar, title_sv varchar, title_en varchar,
    unit_code varchar, decimals integer, data_updated date, range_start integer, range_end integer,
    organization_id integer, organization_title varchar, licence varchar, is_third_party boolean,
    region_classifications varchar, fetched_at timestamp
);
create table if not exists raw.sotkanet_data (
    indicator_id integer, region_id integer, year integer, gender varchar,
    value double, abs_value double, data_updated date, _load_id varchar
);
create table if not exists raw.sotkanet_indicator_status (
    indicator_id integer, status varchar, reason_kind varchar, reason varchar, data_updated date,
    checked_at timestamp
);
create table if not exists raw.sotkanet_indicator_resolution (
    indicator_code varchar, catalogue_id integer, catalogue_title_fi varchar, resolved_id integer,
    live_title_fi varchar, status varchar, resolved_on date, resolved_at timestamp
);
create table if not exists quarantine.sotkanet_data (
    indicator_id integer, _source_url varchar, _row_number integer, reason varchar, record varchar
);
"""


class SotkanetError(RuntimeError):
    """A Sotkanet call or response that cannot be used. The message names the indicator and the URL."""

    def __init__(self, message: str, summary: SyncSummary | None = None):
        super().__init__(message)
        self.summary = summary


# --------------------------------------------------------------------------------------------------
# Client
# --------------------------------------------------------------------------------------------------


def data_params(
    indicator_id: int, years: Iterable[int], genders: Sequence[str] = ("male", "female", "total")
) -> list[tuple[str, str | int]]:
    """Query params of /json; ``years`` and ``genders`` are repeated, as the service expects."""
    params: list[tuple[str, str | int]] = [("indicator", int(indicator_id))]
    params += [("years", int(y)) for y in sorted(set(years))]
    params += [("genders", g) for g in genders]
    return params


class SotkanetClient(PoliteHttpClient):
    """Sotkanet REST 1.1 client. ``base_url`` is like ``https://sotkanet.fi/rest/1.1``."""

    error_class = SotkanetError
    service = "Sotkanet"

    def regions_response(self) -> Response:
        return self.request("GET", "regions")

    def regions(self) -> list[dict]:
        """All regions of the kept categories (municipality, county, country), parsed (see parse_regions)."""
        resp = self.regions_response()
        return parse_regions(load_json(resp, SotkanetError, "Sotkanet: "), resp.url)

    def indicators(self) -> list[dict]:
        """The /indicators listing (id, title, organization, ...), as the service returns it."""
        resp = self.request("GET", "indicators")
        doc = load_json(resp, SotkanetError, "Sotkanet: ")
        if not isinstance(doc, list):
            raise SotkanetError(f"Sotkanet: expected a JSON list from {resp.url}, got {type(doc).__name__}")
        return doc

    def indicator_response(self, indicator_id: int) -> Response:
        return self.request("GET", f"indicators/{int(indicator_id)}", indicator_id=indicator_id)

    def indicator(self, indicator_id: int) -> dict:
        """Raw metadata document of one indicator (GET /indicators/{id})."""
        resp = self.indicator_response(indicator_id)
        doc = load_json(resp, SotkanetError, f"Sotkanet indicator {indicator_id}: ")
        parse_indicator_metadata(doc, indicator_id, resp.url)  # structural check only
        return doc

    def data_response(
        self, indicator_id: int, years: Iterable[int], genders: Sequence[str] = ("male", "female", "total")
    ) -> Response:
        return self.request(
            "GET", "json", params=data_params(indicator_id, years, genders), indicator_id=indicator_id
        )

    def data(
        self, indicator_id: int, years: Iterable[int], genders: Sequence[str] = ("male", "female", "total")
    ) -> list[dict]:
        """Data rows of one indicator for the given years and genders, structurally checked."""
        resp = self.data_response(indicator_id, years, genders)
        return parse_data_rows(resp, indicator_id)


# --------------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------------


def _title(doc: Any, lang: str) -> str | None:
    if isinstance(doc, dict):
        value = doc.get(lang)
        return str(value) if value not in (None, "") else None
    return None


def parse_regions(doc: Any, url: str = "/regions") -> list[dict]:
    """Keep municipalities, wellbeing services counties and the country from a /regions answer.

    Legacy pre-2023 county ids (877–898) are left out: their codes collide with current county codes.
    """
    if not isinstance(doc, list):
        raise SotkanetError(f"Sotkanet: expected a JSON list of regions from {url}, got {type(doc).__name__}")
    out: list[dict] = []
    for n, row in enumerate(doc):
        if not isinstance(row, dict) or "id" not in row or "category" not in row:
            raise SotkanetError(f"Sotkanet: region row {n} from {url} has no id/category: {str(row)[:120]}")
        category = str(row["category"]).upper()
        region_id = int(row["id"])
        if category not in KEPT_REGION_CATEGORIES or region_id in LEGACY_COUNTY_IDS:
            continue
        title = row.get("title") or {}
        out.append(
            {
                "region_id": region_id,
                "code": None if row.get("code") is None else str(row["code"]),
                "category": category,
                "title_fi": _title(title, "fi"),
                "title_sv": _title(title, "sv"),
                "title_en": _title(title, "en"),
                "uri": row.get("uri"),
            }
        )
    return out


def official_region(region: dict) -> tuple[str, str] | None:
    """(region_level, official code) of a /regions row: ``('country','SSS')``, ``('wellbeing_county','05')``,
    ``('municipality','853')``, ``('autonomous_region','91')`` for Ahvenanmaa (Sotkanet lists it among the
    HYVINVOINTIALUE rows, but it is not a wellbeing services county); legacy county ids map to their current
    code; None for other categories. Same rule as the dbt model int_regions__mapped (the canonical mapping),
    from the same regions seed."""
    region_id = int(region.get("region_id", region.get("id")))
    category = str(region.get("category", "")).upper()
    if region_id in LEGACY_COUNTY_IDS:
        return "wellbeing_county", LEGACY_COUNTY_IDS[region_id]
    code = str(region.get("code") or "")
    if category == "MAA" or region_id == COUNTRY_REGION_ID:
        return "country", "SSS"
    if category == "HYVINVOINTIALUE" and code.isdigit():
        code = code.zfill(2)
        return ("wellbeing_county" if code in county_codes() else "autonomous_region"), code
    if category == "KUNTA" and code.isdigit():
        return "municipality", code.zfill(3)
    return None


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_indicator_metadata(doc: Any, indicator_id: int, url: str) -> dict:
    """One raw.sotkanet_indicators row from a /indicators/{id} document; extra fields are ignored."""
    label = f"Sotkanet indicator {indicator_id}: "
    if not isinstance(doc, dict):
        raise SotkanetError(f"{label}expected a JSON object from {url}, got {type(doc).__name__}")
    try:
        doc_id = int(doc.get("id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise SotkanetError(f"{label}metadata from {url} has no numeric 'id'") from None
    if doc_id != int(indicator_id):
        raise SotkanetError(f"{label}metadata from {url} describes indicator {doc_id} instead")
    updated = _parse_date(doc.get("data-updated"))
    if updated is None:
        raise SotkanetError(
            f"{label}metadata from {url} has no usable 'data-updated' ({doc.get('data-updated')!r})"
        )
    title = doc.get("title") if isinstance(doc.get("title"), dict) else {}
    rng = doc.get("range") if isinstance(doc.get("range"), dict) else {}
    pvt = doc.get("primaryValueType") if isinstance(doc.get("primaryValueType"), dict) else {}
    org = doc.get("organization") if isinstance(doc.get("organization"), dict) else {}
    classifications = doc.get("classifications") if isinstance(doc.get("classifications"), dict) else {}
    region_cls = classifications.get("region") if isinstance(classifications.get("region"), dict) else {}
    org_id = _int_or_none(org.get("id"))
    is_third_party = org_id != THL_ORGANIZATION_ID
    org_title = org.get("title")
    return {
        "indicator_id": doc_id,
        "title_fi": _title(title, "fi"),
        "title_sv": _title(title, "sv"),
        "title_en": _title(title, "en"),
        "unit_code": pvt.get("code"),
        "decimals": _int_or_none(doc.get("decimals")),
        "data_updated": updated,
        "range_start": _int_or_none(rng.get("start")),
        "range_end": _int_or_none(rng.get("end")),
        "organization_id": org_id,
        "organization_title": _title(org_title, "fi") if isinstance(org_title, dict) else org_title,
        "licence": LICENCE_THIRD_PARTY if is_third_party else LICENCE_THL,
        "is_third_party": is_third_party,
        "region_classifications": ",".join(str(v) for v in region_cls.get("values") or []),
    }


def _int_or_none(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


DATA_FIELDS = ("indicator", "region", "year", "gender", "value", "absValue")
REQUIRED_DATA_KEYS = ("region", "year")


def parse_data_rows(resp: Response, indicator_id: int) -> list[dict]:
    """Structural check of a /json answer: a list of objects that each carry ``region`` and ``year``."""
    label = f"Sotkanet indicator {indicator_id}: "
    doc = load_json(resp, SotkanetError, label)
    if not isinstance(doc, list):
        raise SotkanetError(
            f"{label}expected a JSON list of data rows from {resp.url}, got {type(doc).__name__}"
        )
    for n, row in enumerate(doc):
        if not isinstance(row, dict):
            raise SotkanetError(f"{label}data row {n} from {resp.url} is not an object: {str(row)[:120]}")
        missing = [k for k in REQUIRED_DATA_KEYS if k not in row]
        if missing:
            raise SotkanetError(
                f"{label}data row {n} from {resp.url} has no {'/'.join(missing)}: {json.dumps(row)[:160]}"
            )
    return doc


def _json_record(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, default=str, sort_keys=True)


# --------------------------------------------------------------------------------------------------
# Sync
# --------------------------------------------------------------------------------------------------


@dataclass
class SyncSummary:
    indicators_checked: int = 0
    indicators_downloaded: int = 0
    indicators_unchanged: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
    downloaded_ids: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)  # skipped indicators: id -> message
    failed_kinds: dict[int, str] = field(default_factory=dict)  # id -> not_found | unavailable | ...


# Why an indicator was skipped (raw.sotkanet_indicator_status.reason_kind).
SKIP_KINDS = ("not_found", "unavailable", "malformed", "empty", "discontinued", "error")


def failure_kind(message: str) -> str:
    """Classify a SotkanetError message: 404 / gone -> not_found; 5xx, 429 or transport errors after the
    retries -> unavailable; a body that is not the expected JSON -> malformed; anything else -> error."""
    if "HTTP 404" in message or "HTTP 410" in message:
        return "not_found"
    if "failed after" in message:
        return "unavailable"
    if any(k in message for k in ("not valid JSON", "not JSON", "expected a JSON", "data row", "metadata from")):
        return "malformed"
    return "error"


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    ensure_ledger(con)
    con.execute(DDL)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _replace_regions(con: duckdb.DuckDBPyConnection, regions: list[dict]) -> None:
    fetched_at = _now()
    rows = [
        [
            r["region_id"],
            r["code"],
            r["category"],
            r["title_fi"],
            r["title_sv"],
            r["title_en"],
            r["uri"],
            fetched_at,
        ]
        for r in regions
    ]
    replace_table(con, "raw.sotkanet_regions", rows)


def replace_table(con: duckdb.DuckDBPyConnection, table: str, rows: list[list]) -> None:
    """Replace every row of a small table in one transaction."""
    with transaction(con):
        con.execute(f"delete from {table}")
        if rows:
            con.executemany(f"insert into {table} values ({', '.join('?' for _ in rows[0])})", rows)


META_COLUMNS = (
    "indicator_id",
    "title_fi",
    "title_sv",
    "title_en",
    "unit_code",
    "decimals",
    "data_updated",
    "range_start",
    "range_end",
    "organization_id",
    "organization_title",
    "licence",
    "is_third_party",
    "region_classifications",
)


def _upsert_indicator(con: duckdb.DuckDBPyConnection, meta: dict) -> None:
    con.execute("delete from raw.sotkanet_indicators where indicator_id = ?", [meta["indicator_id"]])
    con.execute(
        f"insert into raw.sotkanet_indicators ({', '.join(META_COLUMNS)}, fetched_at) "
        f"values ({', '.join('?' for _ in META_COLUMNS)}, ?)",
        [meta[c] for c in META_COLUMNS] + [_now()],
    )


def prepare_data(rows: list[dict], indicator_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate data rows. Returns (accepted frame in raw column names, quarantined frame)."""
    if not rows:
        good = pd.DataFrame({"indicator_id": pd.Series(dtype="Int64"), "region_id": pd.Series(dtype="Int64"),
                             "year": pd.Series(dtype="Int64"), "gender": pd.Series(dtype=object),
                             "value": pd.Series(dtype="Float64"), "abs_value": pd.Series(dtype="Float64")})
        return good, pd.DataFrame(columns=["_row_number", "reason", "record"])
    frame = pd.DataFrame.from_records([{k: r.get(k) for k in DATA_FIELDS} for r in rows], columns=DATA_FIELDS)
    frame = frame.astype(object)
    typed, reasons = coerce_columns(
        frame, integer=("indicator", "region", "year"), floating=("value", "absValue"), text=("gender",)
    )
    wrong_indicator = typed["indicator"].notna() & (typed["indicator"] != int(indicator_id))
    for idx in wrong_indicator[wrong_indicator.fillna(False)].index:
        reasons.setdefault(int(idx), []).append(f"indicator: equals_requested({indicator_id})")
    accepted, why = validate_rows(SOTKANET_DATA, typed, reasons)
    good = typed[accepted].rename(
        columns={"indicator": "indicator_id", "region": "region_id", "absValue": "abs_value"}
    )[["indicator_id", "region_id", "year", "gender", "value", "abs_value"]]
    bad_rows = [
        {"_row_number": int(idx) + 1, "reason": why[int(idx)], "record": _json_record(rows[int(idx)])}
        for idx in typed.index[~accepted]
    ]
    bad = pd.DataFrame(bad_rows, columns=["_row_number", "reason", "record"])
    return good.reset_index(drop=True), bad


def _stored_updated(con: duckdb.DuckDBPyConnection, indicator_id: int) -> dt.date | None:
    row = con.execute(
        "select max(data_updated) from raw.sotkanet_indicators where indicator_id = ?", [indicator_id]
    ).fetchone()
    return row[0] if row else None


def _data_request_key(indicator_id: int, years: Sequence[int]) -> str:
    """The host-independent tail of a data URL (``/json?indicator=..&years=..``): a moved base URL
    (another port, http -> https) must not count as new data."""
    return "/json?" + str(httpx.QueryParams(data_params(indicator_id, years)))


def _loaded_with(con: duckdb.DuckDBPyConnection, request_key: str) -> bool:
    row = con.execute(
        "select count(*) from raw._loads where source = ? and status = 'current' and ends_with(file_name, ?)",
        [SOURCE, request_key],
    ).fetchone()
    return bool(row and row[0])


def _supersede_indicator(con: duckdb.DuckDBPyConnection, indicator_id: int) -> None:
    """Mark every earlier load of this indicator superseded (whatever its years or host)."""
    supersede_like = f"%/json?indicator={int(indicator_id)}&%"
    con.execute(
        "update raw._loads set status = 'superseded' "
        "where source = ? and status = 'current' and file_name like ?",
        [SOURCE, supersede_like],
    )


def _load_indicator(
    con: duckdb.DuckDBPyConnection,
    meta: dict,
    years: Sequence[int],
    resp: Response,
    rows: list[dict],
) -> tuple[int, int]:
    """Replace one indicator's rows with a downloaded answer, atomically. Returns (accepted, quarantined)."""
    indicator_id = meta["indicator_id"]
    good, bad = prepare_data(rows, indicator_id)
    good["data_updated"] = meta["data_updated"]
    bad.insert(0, "_source_url", resp.url)
    bad.insert(0, "indicator_id", indicator_id)
    record = LoadRecord(
        source=SOURCE,
        file_name=resp.url,
        file_hash=hashlib.sha256(resp.body).hexdigest(),
        rows_in=len(rows),
        rows_accepted=len(good),
        rows_quarantined=len(bad),
        period_start=dt.date(min(years), 1, 1),
        period_end=dt.date(max(years), 12, 31),
    )
    with transaction(con):
        con.execute("delete from raw.sotkanet_data where indicator_id = ?", [indicator_id])
        con.execute("delete from quarantine.sotkanet_data where indicator_id = ?", [indicator_id])
        _supersede_indicator(con, indicator_id)
        load_batch(
            con, record, "sotkanet_data", good, bad,
            raw_columns="cast(indicator_id as integer), cast(region_id as integer), cast(year as integer), "
                        "cast(gender as varchar), cast(value as double), cast(abs_value as double), "
                        "cast(data_updated as date), cast(_load_id as varchar)",
            quarantine_columns="cast(indicator_id as integer), cast(_source_url as varchar), "
                               "cast(_row_number as integer), cast(reason as varchar), cast(record as varchar)",
        )
        _upsert_indicator(con, meta)
    return len(good), len(bad)


class _Skip(Exception):
    """An indicator that is skipped for a known reason (no data in the years asked, discontinued)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _upsert_only(con: duckdb.DuckDBPyConnection, meta: dict) -> None:
    with transaction(con):
        _upsert_indicator(con, meta)  # titles etc. may change without new data


def _sync_one(
    con: duckdb.DuckDBPyConnection, client: SotkanetClient, indicator_id: int, years: Sequence[int]
) -> tuple[str, dict, int, int]:
    """Check one indicator's metadata and download its data when it changed.
    Returns (status 'loaded' | 'unchanged', metadata, accepted, quarantined); raises _Skip or SotkanetError."""
    label = f"Sotkanet indicator {indicator_id}: "
    resp = client.indicator_response(indicator_id)
    meta = parse_indicator_metadata(load_json(resp, SotkanetError, label), indicator_id, resp.url)
    if meta["range_end"] is not None and meta["range_end"] < min(years):
        raise _Skip("discontinued", f"{label}discontinued: its data ends in {meta['range_end']}, before the "
                                    f"first year asked ({min(years)}); earlier rows are kept")
    stored = _stored_updated(con, indicator_id)
    if stored == meta["data_updated"] and _loaded_with(con, _data_request_key(indicator_id, years)):
        _upsert_only(con, meta)
        return "unchanged", meta, 0, 0
    data = client.data_response(indicator_id, years)
    rows = parse_data_rows(data, indicator_id)
    if not rows:
        raise _Skip("empty", f"{label}no data for years {min(years)}-{max(years)} ({data.url} answered []); "
                             "earlier rows are kept and its data-updated is not advanced")
    accepted, quarantined = _load_indicator(con, meta, years, data, rows)
    return "loaded", meta, accepted, quarantined


def sync_sotkanet(
    con: duckdb.DuckDBPyConnection, client: SotkanetClient, indicator_ids: list[int], years: list[int]
) -> SyncSummary:
    """Refresh regions, then each indicator's metadata; download data only for indicators whose
    ``data-updated`` changed (or that were never loaded for these years).

    One bad indicator never stops the rest: a 404, a 5xx after the retries, a malformed answer, an empty
    data list for the years asked (``[]``) or an indicator discontinued before those years is skipped. It
    writes nothing (its earlier rows and its stored ``data-updated`` stay), and its reason is recorded in
    ``raw.sotkanet_indicator_status`` (one row per indicator checked in this sync). Only a failure of the
    whole API raises SotkanetError: the regions cannot be read, or not one indicator could be checked."""
    if not years:
        raise ValueError("sync_sotkanet needs at least one year")
    ensure_tables(con)
    _replace_regions(con, client.regions())
    summary = SyncSummary()
    status_rows: list[list] = []
    checked_at = _now()
    for indicator_id in dict.fromkeys(int(i) for i in indicator_ids):
        summary.indicators_checked += 1
        try:
            status, meta, accepted, quarantined = _sync_one(con, client, indicator_id, years)
        except _Skip as exc:
            kind, message = exc.kind, str(exc)
        except SotkanetError as exc:
            kind, message = failure_kind(str(exc)), str(exc)
        except (ValueError, duckdb.Error) as exc:
            kind, message = "error", f"Sotkanet indicator {indicator_id}: {exc}"
        else:
            status_rows.append([indicator_id, status, None, None, meta["data_updated"], checked_at])
            if status == "unchanged":
                summary.indicators_unchanged += 1
                continue
            summary.indicators_downloaded += 1
            summary.downloaded_ids.append(indicator_id)
            summary.rows_accepted += accepted
            summary.rows_quarantined += quarantined
            continue
        summary.failed[indicator_id] = message
        summary.failed_kinds[indicator_id] = kind
        status_rows.append([indicator_id, "skipped", kind, message, _stored_updated(con, indicator_id), checked_at])
    replace_table(con, "raw.sotkanet_indicator_status", status_rows)
    if summary.failed and len(summary.failed) == summary.indicators_checked:
        raise SotkanetError(
            f"all {summary.indicators_checked} Sotkanet indicators failed; nothing was written for them: "
            + " | ".join(summary.failed.values()),
            summary,
        )
    return summary


# --------------------------------------------------------------------------------------------------
# Catalogue id resolution
# --------------------------------------------------------------------------------------------------


def normalise_title(title: str | None) -> str:
    """Case-, whitespace- and dash-insensitive form of a title (``0 - 17-v`` == ``0–17-v``)."""
    text = unicodedata.normalize("NFKC", title or "").casefold()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _listing_titles(listing: list[dict]) -> dict[int, str]:
    out: dict[int, str] = {}
    for item in listing:
        if not isinstance(item, dict) or "id" not in item:
            continue
        title = item.get("title")
        fi = title.get("fi") if isinstance(title, dict) else title
        try:
            out[int(item["id"])] = str(fi or "")
        except (TypeError, ValueError):
            continue
    return out


def resolve_titles(catalogue: list[dict], listing: list[dict]) -> list[dict]:
    """Check every catalogue entry against the live ``/indicators`` listing.

    An entry with an id keeps it (the id is what counts): ``id_confirmed`` when the live title matches the
    catalogue's title, ``title_changed`` when it differs (the live title is recorded), ``id_not_listed`` when
    the listing lacks the id (the sync then records why its metadata cannot be read). An entry without an id
    is looked up by its Finnish title: ``resolved_by_title`` when exactly one indicator has it, ``ambiguous``
    when several do, ``unresolved`` when none does. Titles compare case-, space- and dash-insensitively."""
    titles = _listing_titles(listing)
    by_title: dict[str, set[int]] = {}
    for iid, fi in titles.items():
        if fi:
            by_title.setdefault(normalise_title(fi), set()).add(iid)
    out: list[dict] = []
    for entry in catalogue:
        given = str(entry.get("sotkanet_id") or "").strip()
        title = entry.get("indicator_name_fi") or ""
        row = {"indicator_code": str(entry["indicator_code"]), "catalogue_id": int(given) if given else None,
               "catalogue_title_fi": title, "resolved_id": None, "live_title_fi": None}
        if given:
            iid = int(given)
            row["resolved_id"] = iid
            if iid not in titles:
                row["status"] = "id_not_listed"
            else:
                row["live_title_fi"] = titles[iid]
                same = normalise_title(titles[iid]) == normalise_title(title)
                row["status"] = "id_confirmed" if same else "title_changed"
        else:
            ids = by_title.get(normalise_title(title), set())
            if len(ids) == 1:
                row["resolved_id"] = next(iter(ids))
                row["live_title_fi"] = titles[row["resolved_id"]]
                row["status"] = "resolved_by_title"
            else:
                row["status"] = "ambiguous" if ids else "unresolved"
        out.append(row)
    return out


RESOLUTION_COLUMNS = ("indicator_code", "catalogue_id", "catalogue_title_fi", "resolved_id", "live_title_fi",
                      "status", "resolved_on", "resolved_at")


def resolve_catalogue(
    con: duckdb.DuckDBPyConnection, client: SotkanetClient, catalogue: list[dict], today: dt.date
) -> tuple[list[int], str | None]:
    """Resolve the catalogue against the live listing and record it in ``raw.sotkanet_indicator_resolution``
    (id, live title, the date it was first resolved so). Returns (Sotkanet ids to sync, problem or None).

    When the listing cannot be read, the recorded resolutions stand (ids found by title on an earlier run
    are still synced) and the problem is returned, not raised: the ids in the catalogue can still load."""
    ensure_tables(con)
    try:
        listing = client.indicators()
    except SotkanetError as exc:
        previous = con.execute(
            "select resolved_id from raw.sotkanet_indicator_resolution where resolved_id is not null"
        ).fetchall()
        given = [int(e["sotkanet_id"]) for e in catalogue if str(e.get("sotkanet_id") or "").strip()]
        return sorted({*given, *(r[0] for r in previous)}), f"listing not read, earlier resolutions kept: {exc}"
    before = {
        r[0]: (r[1], r[2], r[3])
        for r in con.execute(
            "select indicator_code, resolved_id, status, resolved_on from raw.sotkanet_indicator_resolution"
        ).fetchall()
    }
    now = _now()
    rows = []
    for r in resolve_titles(catalogue, listing):
        prior = before.get(r["indicator_code"])
        same = prior is not None and prior[0] == r["resolved_id"] and prior[1] == r["status"]
        r["resolved_on"] = prior[2] if same else today
        r["resolved_at"] = now
        rows.append([r[c] for c in RESOLUTION_COLUMNS])
    replace_table(con, "raw.sotkanet_indicator_resolution", rows)
    return sorted({r[3] for r in rows if r[3] is not None}), None
