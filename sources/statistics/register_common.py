"""Helpers shared by the client-register and instrument extracts (no SOURCE here: not a file source itself).

`identity` validates and pseudonymises the identity code with `Cleaner.identity_code` and, for valid codes,
derives birth year and sex before the code is dropped: rates need age groups and sex, and nothing else of
the code is kept (source_classes.md §5.2).
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.landing import PrepareContext
from sources.privacy import CENTURIES, normalise_hetus


def birth_year_and_gender(code: str) -> tuple[int, str]:
    """Birth year and sex of a VALID identity code (odd individual number = male)."""
    years, genders = birth_years_and_genders(pd.Series([code]))
    return int(years.iloc[0]), str(genders.iloc[0])


def birth_years_and_genders(codes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`birth_year_and_gender` of a column of VALID identity codes (or NA), vectorised: Int64 and string."""
    code = normalise_hetus(codes)
    year = code.str[6].map(CENTURIES).astype("Int64") + code.str.slice(4, 6).astype("Int64")
    gender = (code.str.slice(7, 10).astype("Int64") % 2).map({1: "male", 0: "female"}).astype("string")
    return year, gender


def identity(c: Cleaner, column: str, ctx: PrepareContext) -> None:
    """Pseudonymise `column` into `client_pseudonym` and derive `birth_year` and `gender` (valid codes only)."""
    if ctx.pseudonymizer is None:
        raise ValueError("a pseudonymisation key is required to extract client-register data")
    pseudonyms = c.identity_code(column, ctx.pseudonymizer, "client_pseudonym")
    values = c.raw[column].astype("string").str.strip().replace("", pd.NA)
    c.out["birth_year"], c.out["gender"] = birth_years_and_genders(values.where(pseudonyms.notna()))
