"""Turn an all-text chunk of a delivered file into typed columns, row by row, collecting a reason for
every value that cannot be used. Nothing is dropped here: rows with reasons go to quarantine.

Vectorised over the chunk (pandas), so a million-row file costs a few passes, not a Python loop per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from sources.privacy import Pseudonymizer, hetu_problem, redact

FINNISH_DATE = r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$"
ISO_DATE = r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$"
FINNISH_DATETIME = r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?\s*$"


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

    def _text(self, column: str) -> pd.Series:
        return self.raw[column].astype("string").str.strip().replace("", pd.NA)

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
        values = self._text(column).map(redact, na_action="ignore").astype("string")
        self.out[out or column] = values
        return values

    def choice(self, column: str, allowed: Iterable[str], out: str | None = None, *,
               mapping: dict[str, str] | None = None, required: bool = True, what: str | None = None) -> pd.Series:
        """A value from a known list. `mapping` folds spellings (lowercased keys) to the canonical value."""
        values = self._text(column)
        folded = values.str.lower()
        if mapping:
            folded = folded.map(lambda v: mapping.get(v, v) if isinstance(v, str) else v).astype("string")
        allowed = set(allowed)
        unknown = values.notna() & ~folded.isin(allowed)
        self.reject(unknown, f"{column}: unknown {what or 'value'} '" + values.fillna("").str.slice(0, 60) + "'")
        if required:
            self.reject(values.isna(), f"{column}: missing value")
        result = folded.where(~unknown)
        self.out[out or column] = result
        return result

    def date(self, column: str, out: str | None = None, *, required: bool = True,
             not_after: dt.date | None = None) -> pd.Series:
        """Finnish `d.m.yyyy` (also ISO `yyyy-mm-dd`, as Excel cells arrive). Impossible dates are rejected."""
        values = self._text(column)
        parts = values.str.extract(FINNISH_DATE)
        iso = values.str.extract(ISO_DATE)
        day = parts[0].fillna(iso[2])
        month = parts[1].fillna(iso[1])
        year = parts[2].fillna(iso[0])
        text = year + "-" + month.str.zfill(2) + "-" + day.str.zfill(2)
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = values.notna() & parsed.isna()
        self.reject(bad, f"{column}: invalid date '" + values.fillna("").str.slice(0, 30) + "'")
        if required:
            self.reject(values.isna(), f"{column}: missing date")
        if not_after is not None:
            future = (parsed > pd.Timestamp(not_after)).fillna(False)
            self.reject(future, f"{column}: date in the future")
            parsed = parsed.where(~future)
        self.out[out or column] = parsed.astype("datetime64[s]")
        return self.out[out or column]

    def timestamp(self, column: str, out: str | None = None, *, required: bool = True,
                  not_after: dt.datetime | None = None) -> pd.Series:
        values = self._text(column)
        parts = values.str.extract(FINNISH_DATETIME)
        text = (parts[2] + "-" + parts[1].str.zfill(2) + "-" + parts[0].str.zfill(2) + " "
                + parts[3].fillna("0").str.zfill(2) + ":" + parts[4].fillna("00") + ":" + parts[5].fillna("00"))
        parsed = pd.to_datetime(text, format="%Y-%m-%d %H:%M:%S", errors="coerce")
        iso = pd.to_datetime(values.where(parsed.isna()), format="ISO8601", errors="coerce")
        parsed = parsed.fillna(iso)
        bad = values.notna() & parsed.isna()
        self.reject(bad, f"{column}: invalid timestamp '" + values.fillna("").str.slice(0, 30) + "'")
        if required:
            self.reject(values.isna(), f"{column}: missing timestamp")
        if not_after is not None:
            future = (parsed > pd.Timestamp(not_after)).fillna(False)
            self.reject(future, f"{column}: timestamp in the future")
            parsed = parsed.where(~future)
        self.out[out or column] = parsed.astype("datetime64[s]")
        return self.out[out or column]

    def number(self, column: str, out: str | None = None, *, required: bool = False,
               minimum: float | None = None, maximum: float | None = None, integer: bool = False) -> pd.Series:
        """Decimal comma or point, spaces as thousands separators ('1 234,5')."""
        values = self._text(column)
        normalised = values.str.replace(r"[\s\u00a0]", "", regex=True).str.replace(",", ".", regex=False)
        parsed = pd.to_numeric(normalised, errors="coerce")
        bad = values.notna() & parsed.isna()
        self.reject(bad, f"{column}: not a number '" + values.fillna("").str.slice(0, 30) + "'")
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

        Works on distinct values, so a client with many rows costs one HMAC."""
        values = self._text(column).astype(object)
        distinct = values.dropna().unique()
        problems = {code: hetu_problem(code) for code in distinct}
        pseudonyms = {code: pseudonymizer.pseudonym(code) for code, p in problems.items() if p is None}
        problem = values.map(problems).astype(object)
        self.reject(values.isna() & required, f"{column}: identity code missing")
        self.reject(problem.notna(), column + ": " + problem.fillna("").astype("string"))
        self.out[out] = values.map(pseudonyms).astype("string")
        return self.out[out]


def quarantine_record(raw: pd.DataFrame, identity_columns: Iterable[str] = ()) -> pd.Series:
    """The rejected row as JSON text, safe to keep: identity columns removed, every value redacted."""
    if raw.empty:
        return pd.Series([], index=raw.index, dtype="string")
    safe = raw.drop(columns=[c for c in identity_columns if c in raw.columns]).astype("string")
    for column in safe.columns:
        safe[column] = safe[column].map(redact, na_action="ignore")
    return pd.Series(safe.to_json(orient="records", lines=True, force_ascii=False).splitlines(),
                     index=raw.index, dtype="string")
