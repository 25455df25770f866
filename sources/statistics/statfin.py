"""Statistics Finland StatFin PxWeb: population by region, year, sex and age (table 11re), for rates.

``GET {base}/vaerak/statfin_vaerak_pxt_11re.px`` gives the table metadata; ``POST`` with a JSON query gives
the data, here always as json-stat2. ``base_url`` is like ``https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin``.

Region values: municipalities ``KU853``, the country ``SSS``, wellbeing services counties
``<prefix><code>``. The county prefix is NOT verified for the real table (thl_model.md §3.1); it is a
parameter that defaults to ``HV``. A wrong prefix fails loudly: the requested values are checked against
the table metadata before any data query.

Ages: the query asks for every value of ``Ikä`` (``SSS`` plus the single years of age) and the sync sums
single ages into the project's groups 0-17, 18-24, 25-64, 65+; ``SSS`` gives ``all``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from sources.contracts.statistics import STATFIN_POPULATION
from sources.http import PoliteHttpClient, Response, load_json
from sources.loads import LoadRecord, already_loaded, ensure_ledger, load_batch
from sources.transaction import transaction
from sources.validation import coerce_columns, validate_rows

SOURCE = "statfin_population"
TABLE_11RE = "vaerak/statfin_vaerak_pxt_11re.px"
DEFAULT_COUNTY_PREFIX = "HV"  # NOT verified against the real table: confirm in the 11re metadata
MAX_CELLS = 100_000  # PxWeb's per-query limit (pxweb R package's API catalogue)
SEXES = {"SSS": "total", "1": "male", "2": "female"}

DDL = """
create schema if not exists raw;
create schema if not exists quarantine;
create table if not exists raw.statfin_population (
    region_code varchar, region_level varchar, year integer, gender varchar, age_group varchar,
    population bigint, _load_id varchar
);
create table if not exists quarantine.statfin_population (
    _source_url varchar, _row_number integer, reason varchar, record varchar
);
"""


class StatFinError(RuntimeError):
    """A StatFin call or response that cannot be used; the message names the URL."""


class StatFinClient(PoliteHttpClient):
    """StatFin PxWeb client with the same politeness as the Sotkanet one (PxWeb allows ~30 calls / 10 s)."""

    error_class = StatFinError
    service = "StatFin"

    def __init__(
        self,
        base_url: str,
        user_agent: str,
        min_interval_s: float = 0.35,
        table_path: str = TABLE_11RE,
        county_prefix: str = DEFAULT_COUNTY_PREFIX,
        **kwargs: Any,
    ):
        super().__init__(base_url, user_agent, min_interval_s=min_interval_s, **kwargs)
        self.table_path = table_path.strip("/")
        self.county_prefix = county_prefix

    @property
    def table_url(self) -> str:
        return f"{self.base_url}/{self.table_path}"

    def metadata(self) -> dict:
        """The table's variables (GET)."""
        resp = self.request("GET", self.table_path)
        doc = load_json(resp, StatFinError, "StatFin: ")
        if not isinstance(doc, dict) or not isinstance(doc.get("variables"), list):
            raise StatFinError(f"StatFin: metadata from {resp.url} has no 'variables' list")
        return doc

    def query_response(self, body: dict) -> Response:
        return self.request("POST", self.table_path, json_body=body)

    def query(self, body: dict) -> dict:
        resp = self.query_response(body)
        doc = load_json(resp, StatFinError, "StatFin: ")
        if not isinstance(doc, dict):
            raise StatFinError(
                f"StatFin: expected a json-stat2 object from {resp.url}, got {type(doc).__name__}"
            )
        return doc

    def population_query(self, region_codes: Iterable[str], years: Iterable[int]) -> dict:
        return population_query(region_codes, years, county_prefix=self.county_prefix)


# --------------------------------------------------------------------------------------------------
# query and codes
# --------------------------------------------------------------------------------------------------


def pxweb_area(code: str, county_prefix: str = DEFAULT_COUNTY_PREFIX) -> str:
    """Official code -> PxWeb ``Alue`` value: ``SSS``, ``853`` -> ``KU853``, ``05`` -> ``HV05``."""
    code = str(code).strip()
    if code.upper() == "SSS":
        return "SSS"
    if re.fullmatch(r"\d{3}", code):
        return f"KU{code}"
    if re.fullmatch(r"\d{2}", code):
        return f"{county_prefix}{code}"
    if re.fullmatch(r"[A-Za-z]+\d+", code):
        return code  # already a PxWeb value
    raise ValueError(
        f"not a region code: {code!r} (expected SSS, a 2-digit county or a 3-digit municipality)"
    )


def area_from_pxweb(value: str, county_prefix: str = DEFAULT_COUNTY_PREFIX) -> tuple[str, str]:
    """PxWeb ``Alue`` value -> (official code, region level)."""
    if value == "SSS":
        return "SSS", "country"
    if value.startswith("KU") and value[2:].isdigit():
        return value[2:].zfill(3), "municipality"
    if value.startswith(county_prefix) and value[len(county_prefix) :].isdigit():
        return value[len(county_prefix) :].zfill(2), "wellbeing_county"
    raise ValueError(f"unexpected Alue value {value!r} (county prefix {county_prefix!r})")


def population_query(
    region_codes: Iterable[str],
    years: Iterable[int],
    county_prefix: str = DEFAULT_COUNTY_PREFIX,
    age_codes: Sequence[str] | None = None,
) -> dict:
    """The PxWeb POST body: regions x every age (or ``age_codes``) x total/male/female x years, json-stat2."""
    areas = list(dict.fromkeys(pxweb_area(c, county_prefix) for c in region_codes))
    age_selection = (
        {"filter": "all", "values": ["*"]}
        if age_codes is None
        else {"filter": "item", "values": list(age_codes)}
    )
    return {
        "query": [
            {"code": "Alue", "selection": {"filter": "item", "values": areas}},
            {"code": "Ikä", "selection": age_selection},
            {"code": "Sukupuoli", "selection": {"filter": "item", "values": list(SEXES)}},
            {
                "code": "Vuosi",
                "selection": {"filter": "item", "values": [str(int(y)) for y in sorted(set(years))]},
            },
            {"code": "Tiedot", "selection": {"filter": "item", "values": ["vaesto"]}},
        ],
        "response": {"format": "json-stat2"},
    }


def age_group_of(code: str) -> str | None:
    """``SSS`` -> ``all``; a single age (``0``, ``042``, ``100-``) -> its group; None when not an age."""
    if code == "SSS":
        return "all"
    match = re.match(r"^(\d+)-?$", code.strip())
    if not match:
        return None
    age = int(match.group(1))
    return "0-17" if age <= 17 else "18-24" if age <= 24 else "25-64" if age <= 64 else "65+"


# --------------------------------------------------------------------------------------------------
# json-stat2
# --------------------------------------------------------------------------------------------------


def parse_json_stat2(doc: Any) -> pd.DataFrame:
    """A json-stat2 dataset as a long frame: one column per dimension (category codes, in ``id`` order)
    and ``value``. Handles ``category.index`` as a dict or a list, and ``value`` as a dense list
    (row-major: the last dimension varies fastest) or a sparse {position: value} object."""
    if not isinstance(doc, dict):
        raise ValueError(f"json-stat2: expected an object, got {type(doc).__name__}")
    missing = [k for k in ("id", "size", "dimension", "value") if k not in doc]
    if missing:
        raise ValueError(f"json-stat2: missing {', '.join(missing)}")
    ids, sizes, dims = doc["id"], doc["size"], doc["dimension"]
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise ValueError("json-stat2: 'id' and 'size' must be lists of the same length")
    codes: list[list[str]] = []
    for dim, size in zip(ids, sizes, strict=True):
        try:
            category = dims[dim]["category"]
        except (KeyError, TypeError):
            raise ValueError(f"json-stat2: dimension {dim!r} has no category") from None
        index = category.get("index")
        if index is None:  # a single-category dimension may give only a label
            index = list(category.get("label", {}))
        if isinstance(index, dict):
            ordered = sorted(index, key=lambda k: index[k])
            if sorted(index.values()) != list(range(len(index))):
                raise ValueError(f"json-stat2: dimension {dim!r} index positions are not 0..n-1")
        elif isinstance(index, list):
            ordered = [str(v) for v in index]
        else:
            raise ValueError(f"json-stat2: dimension {dim!r} index is neither an object nor a list")
        if len(ordered) != int(size):
            raise ValueError(f"json-stat2: dimension {dim!r} has {len(ordered)} categories but size {size}")
        codes.append(ordered)
    total = math.prod(int(s) for s in sizes)
    raw = doc["value"]
    if isinstance(raw, list):
        if len(raw) != total:
            raise ValueError(f"json-stat2: {len(raw)} values for {total} cells (size {sizes})")
        values = raw
    elif isinstance(raw, dict):
        values = [None] * total
        for pos, v in raw.items():
            p = int(pos)
            if not 0 <= p < total:
                raise ValueError(f"json-stat2: value position {p} outside 0..{total - 1}")
            values[p] = v
    else:
        raise ValueError("json-stat2: 'value' must be a list or an object")
    if total == 0:
        return pd.DataFrame(columns=[*ids, "value"])
    frame = pd.MultiIndex.from_product(codes, names=ids).to_frame(index=False)
    frame["value"] = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce")
    return frame


# --------------------------------------------------------------------------------------------------
# sync
# --------------------------------------------------------------------------------------------------


@dataclass
class PopulationSummary:
    rows_in: int = 0
    rows_accepted: int = 0
    rows_quarantined: int = 0
    skipped: bool = False
    load_id: str | None = None


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    ensure_ledger(con)
    con.execute(DDL)


def to_population(frame: pd.DataFrame, county_prefix: str = DEFAULT_COUNTY_PREFIX) -> pd.DataFrame:
    """11re cells (Alue, Ikä, Sukupuoli, Vuosi[, Tiedot], value) -> raw.statfin_population rows.
    A group with any missing cell gets a missing population (it is then quarantined, not guessed)."""
    needed = {"Alue", "Ikä", "Sukupuoli", "Vuosi"}
    if not needed <= set(frame.columns):
        raise ValueError(f"json-stat2 answer lacks dimensions {sorted(needed - set(frame.columns))}")
    df = frame
    if "Tiedot" in df.columns:
        df = df[df["Tiedot"] == "vaesto"]
    ages = {code: age_group_of(code) for code in df["Ikä"].unique()}
    unknown = [c for c, g in ages.items() if g is None]
    if unknown:
        raise ValueError(f"unexpected Ikä values {unknown[:5]}")
    sexes = set(df["Sukupuoli"].unique()) - set(SEXES)
    if sexes:
        raise ValueError(f"unexpected Sukupuoli values {sorted(sexes)}")
    areas = {v: area_from_pxweb(v, county_prefix) for v in df["Alue"].unique()}
    out = pd.DataFrame(
        {
            "region_code": df["Alue"].map(lambda v: areas[v][0]),
            "region_level": df["Alue"].map(lambda v: areas[v][1]),
            "year": pd.to_numeric(df["Vuosi"], errors="coerce"),
            "gender": df["Sukupuoli"].map(SEXES),
            "age_group": df["Ikä"].map(ages),
            "population": df["value"],
            "_missing": df["value"].isna().astype(int),
        }
    )
    grouped = out.groupby(
        ["region_code", "region_level", "year", "gender", "age_group"], sort=True, dropna=False
    )
    agg = grouped.agg(population=("population", "sum"), _missing=("_missing", "sum")).reset_index()
    agg["population"] = agg["population"].where(agg["_missing"] == 0)
    return agg.drop(columns="_missing")


def _plain(value: Any) -> Any:
    """A JSON-safe scalar: NA/NaN -> None, numpy scalars -> Python."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), max(1, size))]


def sync_population(
    con: duckdb.DuckDBPyConnection, client: StatFinClient, region_codes: list[str], years: list[int]
) -> PopulationSummary:
    """Fetch population for the regions and years and replace ``raw.statfin_population`` for those years.

    Queries are split so none exceeds PxWeb's cell limit. Identical content already loaded is skipped."""
    if not years or not region_codes:
        raise ValueError("sync_population needs at least one region and one year")
    ensure_tables(con)
    prefix = client.county_prefix
    areas = list(dict.fromkeys(pxweb_area(c, prefix) for c in region_codes))
    meta = client.metadata()
    variables = {v.get("code"): v for v in meta["variables"] if isinstance(v, dict)}
    for code in ("Alue", "Ikä", "Sukupuoli", "Vuosi"):
        if code not in variables:
            raise StatFinError(f"StatFin: table {client.table_url} has no variable {code!r}")
    if "Tiedot" in variables and "vaesto" not in variables["Tiedot"].get("values", []):
        raise StatFinError(f"StatFin: table {client.table_url} has no Tiedot value 'vaesto'")
    known = set(variables["Alue"].get("values", []))
    absent = [a for a in areas if a not in known]
    if absent:
        raise StatFinError(
            f"StatFin: table {client.table_url} has no Alue values {absent}; the county prefix "
            f"{prefix!r} is unverified, check the table metadata"
        )
    n_ages = max(1, len(variables["Ikä"].get("values", [])))
    per_region_year = n_ages * len(SEXES)
    region_chunk = max(1, MAX_CELLS // per_region_year)
    bodies: list[bytes] = []
    frames: list[pd.DataFrame] = []
    for area_chunk in _chunks(areas, region_chunk):
        years_per_call = max(1, MAX_CELLS // (per_region_year * len(area_chunk)))
        for year_chunk in _chunks(sorted({int(y) for y in years}), years_per_call):
            body = population_query(area_chunk, year_chunk, county_prefix=prefix)
            resp = client.query_response(body)
            doc = load_json(resp, StatFinError, "StatFin: ")
            try:
                frames.append(parse_json_stat2(doc))
            except ValueError as exc:
                raise StatFinError(
                    f"StatFin: answer from {resp.url} is not usable json-stat2: {exc}"
                ) from exc
            bodies.append(resp.body)
    file_name = f"{client.table_url}?years={','.join(str(y) for y in sorted(set(years)))}"
    file_hash = hashlib.sha256(b"\n".join(bodies)).hexdigest()
    if already_loaded(con, SOURCE, file_hash):
        return PopulationSummary(skipped=True)
    try:
        rows = to_population(pd.concat(frames, ignore_index=True), prefix)
    except ValueError as exc:
        raise StatFinError(f"StatFin: answer from {client.table_url} cannot be read: {exc}") from exc
    typed, reasons = coerce_columns(
        rows.astype(object),
        integer=("year", "population"),
        text=("region_code", "region_level", "gender", "age_group"),
    )
    accepted, why = validate_rows(STATFIN_POPULATION, typed, reasons)
    good = typed[accepted].reset_index(drop=True)
    bad = pd.DataFrame(
        [
            {
                "_source_url": file_name,
                "_row_number": int(i) + 1,
                "reason": why[int(i)],
                "record": json.dumps({k: _plain(v) for k, v in rows.loc[i].items()}, ensure_ascii=False),
            }
            for i in typed.index[~accepted]
        ],
        columns=["_source_url", "_row_number", "reason", "record"],
    )
    record = LoadRecord(
        source=SOURCE,
        file_name=file_name,
        file_hash=file_hash,
        rows_in=len(rows),
        rows_accepted=len(good),
        rows_quarantined=len(bad),
        period_start=dt.date(min(years), 1, 1),
        period_end=dt.date(max(years), 12, 31),
    )
    year_list = sorted({int(y) for y in years})
    with transaction(con):
        placeholders = ", ".join("?" for _ in year_list)
        con.execute(f"delete from raw.statfin_population where year in ({placeholders})", year_list)
        con.execute("delete from quarantine.statfin_population where _source_url = ?", [file_name])
        con.execute(  # earlier loads of the same years, whatever host served them
            "update raw._loads set status = 'superseded' where source = ? and status = 'current' "
            "and ends_with(file_name, ?)",
            [SOURCE, file_name[len(client.base_url) :]],
        )
        load_id = load_batch(
            con, record, "statfin_population", good, bad,
            raw_columns="cast(region_code as varchar), cast(region_level as varchar), cast(year as integer), "
                        "cast(gender as varchar), cast(age_group as varchar), cast(population as bigint), "
                        "cast(_load_id as varchar)",
        )
    return PopulationSummary(
        rows_in=len(rows), rows_accepted=len(good), rows_quarantined=len(bad), load_id=load_id
    )
