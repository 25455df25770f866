"""Shared by the sources that deliver ready-made indicator tables (aggregates, not records): the county's own
local surveys, the partner-indicator template and THL's Sotekuva. Areas, genders, age groups and periods are
read the same way in all three, into the phenomenon marts' vocabulary (DESIGN.md: region codes, `total` /
`male` / `female`, `all` / `0-17` / `18-24` / `25-64` / `65+`, year / half_year / quarter / month periods).
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.reference import _rows, municipality_lookup

GENDERS = ("total", "male", "female")
GENDER_SPELLINGS = {
    "yhteensä": "total", "kaikki": "total", "sukupuolet yhteensä": "total", "total": "total", "totalt": "total",
    "mies": "male", "miehet": "male", "pojat": "male", "male": "male", "män": "male",
    "nainen": "female", "naiset": "female", "tytöt": "female", "female": "female", "kvinnor": "female",
}
AGE_GROUPS = ("all", "0-17", "18-24", "25-64", "65+")
AGE_SPELLINGS = {
    "kaikki": "all", "yhteensä": "all", "kaikki ikäryhmät": "all", "all": "all",
    "0–17": "0-17", "alle 18": "0-17", "18–24": "18-24", "25–64": "25-64", "65–": "65+", "yli 64": "65+",
    "65 ja yli": "65+", "65-": "65+",
}
COUNTY_NAMES = ("varha", "koko varha", "koko alue", "koko hyvinvointialue", "varsinais-suomi",
                "varsinais-suomen hyvinvointialue", "05")


def county_area_lookup() -> dict[str, str]:
    """Varha's municipalities (codes, Finnish and Swedish names) and the county itself ('05') → official code."""
    return municipality_lookup() | {name: "05" for name in COUNTY_NAMES}


def all_areas_lookup() -> dict[str, str]:
    """Every wellbeing services county (and Helsinki) by name or code, and the whole country → official code."""
    out = {"koko maa": "SSS", "suomi": "SSS", "sss": "SSS", "hela landet": "SSS"}
    for r in _rows("regions"):
        if r["region_level"] != "wellbeing_county":
            continue
        name = r["region_name_fi"].lower()
        out[name] = out[r["region_code"]] = r["region_code"]
        out[name.removesuffix(" hyvinvointialue")] = r["region_code"]
    out["helsinki"] = out["helsingin kaupunki"] = "90"
    return out


def region_level(codes: pd.Series) -> pd.Series:
    return codes.map(lambda c: None if pd.isna(c) else "country" if c == "SSS"
                     else "wellbeing_county" if len(c) == 2 else "municipality").astype("string")


def area(c: Cleaner, column: str, lookup: dict[str, str]) -> pd.Series:
    codes = c.choice(column, set(lookup.values()), "region_code", mapping=lookup, what="municipality or area")
    c.out["region_level"] = region_level(codes)
    return codes


def gender(c: Cleaner, column: str) -> pd.Series:
    return c.choice(column, GENDERS, "gender", mapping=GENDER_SPELLINGS, what="gender")


def age_group(c: Cleaner, column: str) -> pd.Series:
    return c.choice(column, AGE_GROUPS, "age_group", mapping=AGE_SPELLINGS, what="age group")


PERIOD_PATTERNS = (
    # (regex over the upper-cased text without spaces and '/', period_type); groups: year, part
    (r"^(\d{4})$", "year"),
    (r"^(\d{4})-?H([12])$", "half_year"),
    (r"^(\d{4})-?Q([1-4])$", "quarter"),
    (r"^(\d{4})-(\d{1,2})$", "month"),
)


def period(c: Cleaner, column: str, *, not_after_year: int) -> pd.Series:
    """'2024' (year), '2024H1' (half-year), '2024Q3' (quarter), '2024-05' (month) → period_type, period_start,
    period_end and the canonical period_label. Anything else, or a period in the future, is quarantined."""
    text = c._text(column).str.upper().str.replace("/", "", regex=False).str.replace(" ", "", regex=False)
    kind = pd.Series(pd.NA, index=text.index, dtype="string")
    start = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    end = start.copy()
    label = pd.Series(pd.NA, index=text.index, dtype="string")
    for pattern, name in PERIOD_PATTERNS:
        parts = text.str.extract(pattern)
        hit = parts[0].notna() & kind.isna()
        if not hit.any():
            continue
        year = parts.loc[hit, 0].astype(int)
        part = parts.loc[hit, 1].astype(int) if parts.shape[1] > 1 else pd.Series(1, index=year.index)
        if name == "month":  # 2024-13 is no month: left unmatched, so quarantined
            ok = part.between(1, 12)
            year, part = year[ok], part[ok]
        months = {"year": 12, "half_year": 6, "quarter": 3, "month": 1}[name]
        first = pd.to_datetime(pd.DataFrame({"year": year, "month": (part - 1) * months + 1 if name != "month" else part,
                                             "day": 1}))
        last = first + pd.DateOffset(months=months) - pd.Timedelta(days=1)
        kind[year.index] = name
        start[year.index] = first.astype("datetime64[s]")
        end[year.index] = last.astype("datetime64[s]")
        label[year.index] = {
            "year": year.astype(str), "half_year": year.astype(str) + "H" + part.astype(str),
            "quarter": year.astype(str) + "Q" + part.astype(str),
            "month": year.astype(str) + "-" + part.astype(str).str.zfill(2),
        }[name]
    given = text.notna()
    c.reject(given & kind.isna(), f"{column}: not a period (2024, 2024H1, 2024Q3 or 2024-05) '"
             + text.fillna("").str.slice(0, 20) + "'")
    c.reject(text.isna(), f"{column}: missing period")
    c.reject((start.dt.year > not_after_year).fillna(False), f"{column}: period in the future")
    c.out["period_type"] = kind
    c.out["period_start"] = start
    c.out["period_end"] = end
    c.out["period_label"] = label
    return label
