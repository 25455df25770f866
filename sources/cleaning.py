"""Turn an all-text chunk of a delivered file into typed columns, row by row, collecting a reason for
every value that cannot be used. Nothing is dropped here: rows with reasons go to quarantine.

Vectorised over the chunk (pandas), so a million-row file costs a few passes, not a Python loop per row. Codes,
choices and dates are worked out once per DISTINCT value of the chunk and then spread back to the rows (a column
of a million rows holds a few hundred dates and a handful of municipalities), and identity codes are validated
and pseudonymised once per distinct code for the whole load (a cache per Pseudonymizer), not once per chunk.
Reasons are only formatted for the rows that have them.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sources.privacy import CENTURIES, Pseudonymizer, hetu_problem, redact
from sources.readers import ROW_NUMBER
from sources.reference import municipality_lookup, service_area_lookup

FINNISH_DATE = r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$"
ISO_DATE = r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$"
FINNISH_DATETIME = r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?\s*$"


def _distinct(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """`values` as codes into its distinct values, NA last: `distinct.take(codes)` gives `values` back (code -1
    takes the last entry, the NA). Element-wise work done on `distinct` and spread with `take(codes)` is the same
    as the work done on every row, at the cost of the distinct values."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    dtype = values.dtype if isinstance(values.dtype, pd.StringDtype) else object
    distinct = pd.concat([pd.Series(uniques, dtype=dtype), pd.Series([None], dtype=dtype)], ignore_index=True)
    return codes, distinct


def _strip_text(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().replace("", pd.NA)


class Cleaner:
    """Builds the typed output frame for one chunk and a per-row list of problems."""

    def __init__(self, raw: pd.DataFrame):
        self.raw = raw
        self.out = pd.DataFrame(index=raw.index)
        self._reasons: dict[object, list[str]] = {}

    # -- bookkeeping ---------------------------------------------------------------------------
    def reject(self, mask: pd.Series, reason: str | pd.Series) -> None:
        for idx in mask[mask.fillna(False)].index:
            text = reason if isinstance(reason, str) else str(reason.loc[idx])
            self._reasons.setdefault(idx, []).append(text)

    @property
    def reasons(self) -> pd.Series:
        """One string per row: '' for a clean row, else the problems joined with '; '."""
        reasons = pd.Series("", index=self.raw.index, dtype="string")
        if self._reasons:
            reasons.loc[list(self._reasons)] = ["; ".join(r) for r in self._reasons.values()]
        return reasons

    def reject_repeats(self, key: pd.Series, column: str, note: str = "") -> None:
        """One `key` once per delivery: of the otherwise usable rows with the same key, the first in the file
        stands and the later ones are rejected as "<column>: duplicate of row <n> in this delivery<note>"."""
        usable = (self.reasons == "") & key.notna()
        rows = self.raw[ROW_NUMBER].astype("int64")
        first_row = rows.where(usable).groupby(key.where(usable)).transform("min")
        duplicate = usable & first_row.notna() & (rows != first_row)
        if duplicate.any():
            first = first_row.astype("Int64").astype("string").fillna("?")
            self.reject(duplicate, f"{column}: duplicate of row " + first + f" in this delivery{note}")

    def _text(self, column: str) -> pd.Series:
        codes, distinct = self._distinct_text(column)
        return self._rows(distinct, codes, column)

    def _distinct_text(self, column: str) -> tuple[np.ndarray, pd.Series]:
        """The column's stripped text ('' → NA) as codes into its distinct values (see `_distinct`)."""
        codes, distinct = _distinct(self.raw[column])
        return codes, _strip_text(distinct)

    def _rows(self, distinct: pd.Series, codes: np.ndarray, name: str | None = None) -> pd.Series:
        """Spread a per-distinct-value result back to the rows of the chunk."""
        rows = distinct.take(codes)
        rows.index = self.raw.index
        rows.name = name
        return rows

    def _mask(self, distinct_mask: pd.Series, codes: np.ndarray) -> pd.Series:
        mask = distinct_mask.fillna(False).to_numpy(dtype=bool)[codes]
        return pd.Series(mask, index=self.raw.index)

    def _reject_values(self, mask: pd.Series, column: str, problem: str, distinct: pd.Series, codes: np.ndarray,
                       width: int) -> None:
        """Reject `mask`'s rows with "<column>: <problem> '<the value, cut to width>'" (formatted for them only)."""
        hit = mask.to_numpy(dtype=bool)
        if not hit.any():
            return
        values = distinct.take(codes[hit]).fillna("").str.slice(0, width)
        values.index = self.raw.index[hit]
        self.reject(mask, f"{column}: {problem} '" + values + "'")

    # -- typed columns -------------------------------------------------------------------------
    def text(self, column: str, out: str | None = None, *, required: bool = False) -> pd.Series:
        """Short text (names of units, case numbers). An identity code typed into it is redacted all the same."""
        values = self._text(column)
        typed_in = values.str.contains(r"\d{6}", regex=True, na=False)
        if typed_in.any():
            values = values.where(~typed_in, values[typed_in].map(redact).astype("string"))
        if required:
            self.reject(values.isna(), f"{column}: missing value")
        self.out[out or column] = values
        return values

    def free_text(self, column: str, out: str | None = None) -> pd.Series:
        """Free text, redacted (identity codes, phone numbers, e-mail addresses) before it goes anywhere."""
        codes, distinct = self._distinct_text(column)
        values = self._rows(distinct.map(redact, na_action="ignore").astype("string"), codes, column)
        self.out[out or column] = values
        return values

    def choice(self, column: str, allowed: Iterable[str], out: str | None = None, *,
               mapping: dict[str, str] | None = None, required: bool = True, what: str | None = None) -> pd.Series:
        """A value from a known list. `mapping` folds spellings (lowercased keys) to the canonical value."""
        codes, values = self._distinct_text(column)
        folded = values.str.lower()
        if mapping:
            folded = folded.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v).astype("string")
        allowed = set(allowed)
        unknown = values.notna() & ~folded.isin(allowed)
        self._reject_values(self._mask(unknown, codes), column, f"unknown {what or 'value'}", values, codes, 60)
        if required:
            self.reject(self._mask(values.isna(), codes), f"{column}: missing value")
        result = self._rows(folded.where(~unknown), codes, column)
        self.out[out or column] = result
        return result

    def municipality(self, column: str, *, required: bool = True) -> pd.Series:
        """A municipality by code or name (seed municipalities) into municipality_code."""
        lookup = municipality_lookup()
        return self.choice(column, set(lookup.values()), "municipality_code", mapping=lookup, required=required,
                           what="municipality")

    def service_area(self, column: str, *, required: bool = True) -> pd.Series:
        """A Varha service area by code or name (seed service_areas) into service_area_code."""
        lookup = service_area_lookup()
        return self.choice(column, set(lookup.values()), "service_area_code", mapping=lookup, required=required,
                           what="service area")

    def date(self, column: str, out: str | None = None, *, required: bool = True,
             not_after: dt.date | None = None) -> pd.Series:
        """Finnish `d.m.yyyy` (also ISO `yyyy-mm-dd`, as Excel cells arrive). Impossible dates are rejected."""
        codes, values = self._distinct_text(column)
        parts = values.str.extract(FINNISH_DATE)
        iso = values.str.extract(ISO_DATE)
        day = parts[0].fillna(iso[2])
        month = parts[1].fillna(iso[1])
        year = parts[2].fillna(iso[0])
        text = year + "-" + month.str.zfill(2) + "-" + day.str.zfill(2)
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        return self._moments(column, out or column, "date", values, codes, parsed, required, not_after)

    def timestamp(self, column: str, out: str | None = None, *, required: bool = True,
                  not_after: dt.datetime | None = None) -> pd.Series:
        codes, values = self._distinct_text(column)
        parts = values.str.extract(FINNISH_DATETIME)
        text = (parts[2] + "-" + parts[1].str.zfill(2) + "-" + parts[0].str.zfill(2) + " "
                + parts[3].fillna("0").str.zfill(2) + ":" + parts[4].fillna("00") + ":" + parts[5].fillna("00"))
        parsed = pd.to_datetime(text, format="%Y-%m-%d %H:%M:%S", errors="coerce")
        iso = pd.to_datetime(values.where(parsed.isna()), format="ISO8601", errors="coerce")
        parsed = parsed.fillna(iso)
        return self._moments(column, out or column, "timestamp", values, codes, parsed, required, not_after)

    def _moments(self, column: str, out: str, kind: str, values: pd.Series, codes: np.ndarray, parsed: pd.Series,
                 required: bool, not_after: dt.date | dt.datetime | None) -> pd.Series:
        """The rules a date and a timestamp share, over the column's distinct `values` and their `parsed` moments:
        a value that did not parse is invalid, an empty one missing (if `required`), a later one than `not_after`
        in the future; each is rejected and left empty."""
        bad = values.notna() & parsed.isna()
        self._reject_values(self._mask(bad, codes), column, f"invalid {kind}", values, codes, 30)
        if required:
            self.reject(self._mask(values.isna(), codes), f"{column}: missing {kind}")
        if not_after is not None:
            future = (parsed > pd.Timestamp(not_after)).fillna(False)
            self.reject(self._mask(future, codes), f"{column}: {kind} in the future")
            parsed = parsed.where(~future)
        self.out[out] = self._rows(parsed.astype("datetime64[s]"), codes)
        return self.out[out]

    def number(self, column: str, out: str | None = None, *, required: bool = False,
               minimum: float | None = None, maximum: float | None = None, integer: bool = False) -> pd.Series:
        """Decimal comma or point, spaces as thousands separators ('1 234,5')."""
        codes, distinct = self._distinct_text(column)
        values = self._rows(distinct, codes, column)
        normalised = distinct.str.replace(r"[\s\u00a0]", "", regex=True).str.replace(",", ".", regex=False)
        # parsed per distinct value: the same values, so the same inferred dtype (Int64, Float64 ...) as per row
        parsed = self._rows(pd.to_numeric(normalised, errors="coerce"), codes, column)
        bad = values.notna() & parsed.isna()
        self._reject_values(bad, column, "not a number", distinct, codes, 30)
        if integer:
            fractional = parsed.notna() & (parsed % 1 != 0)
            self.reject(fractional, f"{column}: not a whole number")
        if minimum is not None:
            self.reject(parsed < minimum, f"{column}: below {minimum:g}")
        if maximum is not None:
            self.reject(parsed > maximum, f"{column}: above {maximum:g}")
        if required:
            self.reject(values.isna(), f"{column}: missing value")
        result = parsed.round().astype("Int64") if integer else parsed.astype("Float64")
        self.out[out or column] = result
        return result

    def identity_code(self, column: str, pseudonymizer: Pseudonymizer, out: str, *,
                      required: bool | pd.Series = True) -> pd.Series:
        """Validate henkilötunnus values and replace them by keyed pseudonyms. The code itself is never kept.
        `required` may be a per-row mask (e.g. only cases that concern a client need one).

        Works on distinct values, so a client with many rows costs one HMAC, and remembers the codes it has seen
        for as long as the pseudonymizer lives (one load): a client in every chunk of a big file costs one too."""
        codes, values = self._distinct_text(column)
        problem, pseudonym = _identity_results(values, pseudonymizer)
        self.reject(self._mask(values.isna(), codes) & required, f"{column}: identity code missing")
        problem_rows = self._mask(problem.notna(), codes)
        if problem_rows.any():
            self.reject(problem_rows, column + ": " + self._rows(problem, codes)[problem_rows])
        self.out[out] = self._rows(pseudonym, codes)
        return self.out[out]


# -- identity codes: validation and pseudonyms per distinct code, remembered per pseudonymizer --------------------
_CHECK_CHARS = np.frombuffer(b"0123456789ABCDEFHJKLMNPRSTUVWXY", dtype=np.uint8)
_CENTURY = np.zeros(256, dtype=np.int64)  # a century sign's byte → its century (privacy.CENTURIES)
_CENTURY[[ord(c) for c in CENTURIES]] = list(CENTURIES.values())
_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_CACHE_LIMIT = 5_000_000  # distinct codes remembered per pseudonymizer (about 0.4 GB at 5 M; cleared when full)
_HEX = np.dtype("S64")  # a pseudonym: 64 hex digits
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[ord("0"):ord("9") + 1] = True
_SIGN_INDEX = np.full(256, -1, dtype=np.int64)
for _i, _c in enumerate("-+ABCDEFYXWVU"):
    _SIGN_INDEX[ord(_c)] = _i
_CHECK_INDEX = np.full(256, -1, dtype=np.int64)
for _i, _c in enumerate("0123456789ABCDEFHJKLMNPRSTUVWXY"):
    _CHECK_INDEX[ord(_c)] = _i


class _IdentityCache:
    """Codes seen with one pseudonymizer. Plainly valid codes (nearly all of them) live in two sorted numpy arrays
    (the code packed into an int64 → its pseudonym), so a chunk's codes are looked up with one vectorised binary
    search and their pseudonyms gathered as bytes; anything else (invalid codes, unusual spellings) in dicts:
    code → problem, code → pseudonym."""

    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.int64)
        self.hexes = np.empty(0, dtype=_HEX)
        self.odd_pseudonyms: dict[str, str] = {}
        self.problems: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.keys) + len(self.odd_pseudonyms) + len(self.problems)

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions in `keys` and whether each key is there."""
        if not len(self.keys) or not len(keys):
            return np.zeros(len(keys), dtype=np.intp), np.zeros(len(keys), dtype=bool)
        pos = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return pos, self.keys[pos] == keys

    def add(self, keys: np.ndarray, hexes: np.ndarray) -> None:
        order = np.argsort(keys)
        keys, hexes = keys[order], hexes[order]
        at = np.searchsorted(self.keys, keys)
        self.keys = np.insert(self.keys, at, keys)
        self.hexes = np.insert(self.hexes, at, hexes)


_identity_cache: weakref.WeakKeyDictionary[Pseudonymizer, _IdentityCache] = weakref.WeakKeyDictionary()


def _plain_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The codes of the plain shape (exactly 11 characters: ddmmyy, a century sign, three digits, a check
    character; what `normalise_hetu` leaves unchanged): their positions in `values` and their bytes (k × 11)."""
    arr = pa.array(values.array if isinstance(values.dtype, pd.StringDtype) else values.astype("string").array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    eleven = pc.fill_null(pc.equal(pc.binary_length(arr), 11), False)
    where = np.flatnonzero(eleven.to_numpy(zero_copy_only=False))
    if not len(where):
        return where, np.empty((0, 11), dtype=np.uint8)
    sub = pc.filter(arr, eleven)
    offset_type = np.int64 if pa.types.is_large_string(sub.type) else np.int32
    start = np.frombuffer(sub.buffers()[1], dtype=offset_type)[sub.offset]
    raw = np.frombuffer(sub.buffers()[2], dtype=np.uint8, count=11 * len(sub), offset=int(start)).reshape(-1, 11)
    d = _DIGIT[raw]
    shaped = (d[:, :6].all(axis=1) & (raw[:, 0] <= ord("3")) & (raw[:, 2] <= ord("1"))
              & (_SIGN_INDEX[raw[:, 6]] >= 0) & d[:, 7:10].all(axis=1) & (_CHECK_INDEX[raw[:, 10]] >= 0))
    return where[shaped], raw[shaped]


def _packed(raw: np.ndarray) -> np.ndarray:
    """A plain-shaped code as one int64 (nine digits, the century sign, the check character): one-to-one."""
    digit = raw.astype(np.int64) - 48
    nine = (((digit[:, 0] * 10 + digit[:, 1]) * 100 + digit[:, 2] * 10 + digit[:, 3]) * 100
            + digit[:, 4] * 10 + digit[:, 5]) * 1000 + digit[:, 7] * 100 + digit[:, 8] * 10 + digit[:, 9]
    return (nine * 16 + _SIGN_INDEX[raw[:, 6]]) * 32 + _CHECK_INDEX[raw[:, 10]]


def _plainly_valid(raw: np.ndarray) -> np.ndarray:
    """For plain-shaped codes (k × 11 bytes): the date, individual number ≥ 2 and the check character,
    vectorised: exactly the rules `stdnum`'s validation applies to a code of that shape."""
    digit = raw.astype(np.int64) - 48
    day = digit[:, 0] * 10 + digit[:, 1]
    month = digit[:, 2] * 10 + digit[:, 3]
    year = _CENTURY[raw[:, 6]] + digit[:, 4] * 10 + digit[:, 5]
    individual = digit[:, 7] * 100 + digit[:, 8] * 10 + digit[:, 9]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last_day = _DAYS_IN_MONTH[np.clip(month, 0, 12)] + ((month == 2) & leap)
    date_ok = (month >= 1) & (month <= 12) & (day >= 1) & (day <= last_day)
    number = (day * 10_000 + month * 100 + digit[:, 4] * 10 + digit[:, 5]) * 1000 + individual
    check_ok = _CHECK_CHARS[number % 31] == raw[:, 10]
    return date_ok & (individual >= 2) & check_ok


def _plainly_valid_hetu(codes: pd.Series) -> np.ndarray:
    """True where a code is certainly a valid henkilötunnus in its normalised form (what `hetu_problem` accepts,
    `normalise_hetu` leaves unchanged). False means "ask `hetu_problem`" (invalid, or an unusual spelling)."""
    where, raw = _plain_codes(codes)
    out = np.zeros(len(codes), dtype=bool)
    out[where] = _plainly_valid(raw)
    return out


def _identity_results(values: pd.Series, pseudonymizer: Pseudonymizer) -> tuple[pd.Series, pd.Series]:
    """Per distinct code (NA allowed): the problem (None when valid) and the pseudonym (NA when invalid), the
    same as `hetu_problem` and `pseudonymizer.pseudonym`. Vectorised over the codes; Python work only for codes
    not seen before in this load (one HMAC each) and for codes that are not plainly valid."""
    cache = _identity_cache.get(pseudonymizer)
    if cache is None or len(cache) > _CACHE_LIMIT:
        cache = _identity_cache[pseudonymizer] = _IdentityCache()
    n = len(values)
    hexes = np.zeros(n, dtype=_HEX)
    valid = np.zeros(n, dtype=bool)
    problem: list[str | None] = [None] * n

    where, raw = _plain_codes(values)
    keys = _packed(raw)
    pos, known = cache.find(keys)
    if not known.all():
        fresh_keys, first = np.unique(keys[~known], return_index=True)
        fresh_raw = raw[~known][first]
        ok = _plainly_valid(fresh_raw)
        if ok.any():
            codes = fresh_raw[ok].tobytes().decode("ascii")
            made = pseudonymizer.pseudonyms_of_normalised([codes[i:i + 11] for i in range(0, len(codes), 11)])
            cache.add(fresh_keys[ok], np.array(made, dtype=_HEX))
            pos, known = cache.find(keys)
    hexes[where[known]] = cache.hexes[pos[known]]
    valid[where[known]] = True
    # the rest: invalid codes and unusual spellings, each through hetu_problem once per load
    rest = np.flatnonzero(~valid & values.notna().to_numpy(dtype=bool))
    if len(rest):
        for i, code in zip(rest.tolist(), values.iloc[rest].tolist()):
            if code in cache.problems:
                problem[i] = cache.problems[code]
                continue
            pseudonym = cache.odd_pseudonyms.get(code)
            if pseudonym is None:
                found = hetu_problem(code)
                if found is not None:
                    cache.problems[code] = problem[i] = found
                    continue
                pseudonym = cache.odd_pseudonyms[code] = pseudonymizer.pseudonym(code)
            hexes[i] = pseudonym.encode("ascii")
            valid[i] = True
    offsets = pa.py_buffer(np.arange(0, 64 * (n + 1), 64, dtype=np.int32).tobytes())
    validity = pa.py_buffer(np.packbits(valid, bitorder="little").tobytes())
    strings = pa.StringArray.from_buffers(n, offsets, pa.py_buffer(hexes.tobytes()), validity)
    pseudonym = pd.Series(pd.arrays.ArrowStringArray(strings), index=values.index)
    return pd.Series(problem, dtype=object, index=values.index), pseudonym


def quarantine_record(raw: pd.DataFrame, identity_columns: Iterable[str] = ()) -> pd.Series:
    """The rejected row as JSON text, safe to keep: identity columns removed, every value redacted."""
    if raw.empty:
        return pd.Series([], index=raw.index, dtype="string")
    safe = raw.drop(columns=[c for c in identity_columns if c in raw.columns]).astype("string")
    for column in safe.columns:
        safe[column] = safe[column].map(redact, na_action="ignore")
    return pd.Series(safe.to_json(orient="records", lines=True, force_ascii=False).splitlines(),
                     index=raw.index, dtype="string")
