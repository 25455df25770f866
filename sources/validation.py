"""Row-level typing and validation of API answers (Sotkanet, StatFin): JSON-ish values cast to their column types,
a pandera contract checked lazily, and a reason per rejected row, so that bad rows go to quarantine and the rest
load. (File sources validate in `sources.landing`.)"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pandera.pandas as pa


def coerce_columns(
    df: pd.DataFrame, integer: Sequence[str] = (), floating: Sequence[str] = (), text: Sequence[str] = ()
) -> tuple[pd.DataFrame, dict[int, list[str]]]:
    """Cast JSON-ish columns to Int64 / Float64 / str. Values that cannot be cast become NA and are
    reported per row as ``"<column>: coerce_dtype('<dtype>')"``."""
    out = df.copy()
    reasons: dict[int, list[str]] = {}

    def note(mask: pd.Series, column: str, dtype: str) -> None:
        for idx in mask[mask].index:
            reasons.setdefault(int(idx), []).append(f"{column}: coerce_dtype('{dtype}')")

    for col in list(integer) + list(floating):
        raw = df[col] if col in df else pd.Series([None] * len(df), index=df.index, dtype=object)
        is_bool = raw.map(lambda v: isinstance(v, bool))
        num = pd.to_numeric(raw.mask(is_bool), errors="coerce").astype("Float64")
        bad = (raw.notna() & num.isna()) | is_bool
        if col in integer:
            frac = num.notna() & (num != num.round())
            bad |= frac.fillna(False)
            num = num.mask(frac)
            out[col] = num.astype("Int64")
            note(bad, col, "Int64")
        else:
            out[col] = num
            note(bad, col, "Float64")
    for col in text:
        raw = df[col] if col in df else pd.Series([None] * len(df), index=df.index, dtype=object)
        bad = raw.notna() & ~raw.map(lambda v: isinstance(v, str))
        out[col] = raw.where(~bad).astype(object)
        note(bad, col, "str")
    return out, reasons


def validate_rows(
    schema: pa.DataFrameSchema, df: pd.DataFrame, reasons: dict[int, list[str]] | None = None
) -> tuple[pd.Series, dict[int, str]]:
    """Validate lazily. Returns (mask of accepted rows, reason per rejected row index).

    Failures that cannot be pinned to a row (a missing column, a wrong dtype) raise: that is a broken
    file, not a broken row."""
    reasons = {k: list(v) for k, v in (reasons or {}).items()}
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        unplaced = fc[fc["index"].isna()]
        if len(unplaced):
            first = unplaced.iloc[0]
            raise ValueError(
                f"schema {schema.name or ''} failed for the whole frame: column "
                f"{first['column']}: {first['check']} ({first['failure_case']})"
            ) from exc
        for _, case in fc.iterrows():
            column = case["column"] if isinstance(case["column"], str) and case["column"] else "row"
            reason = f"{column}: {case['check']}"
            bucket = reasons.setdefault(int(case["index"]), [])
            if reason not in bucket:
                bucket.append(reason)
    accepted = pd.Series(True, index=df.index)
    for idx in reasons:
        if idx in accepted.index:
            accepted[idx] = False
    return accepted, {idx: "; ".join(r) for idx, r in reasons.items()}
