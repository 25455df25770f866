"""Helpers shared by the client-register and instrument extracts (no SOURCE here: not a file source itself).

`identity` validates and pseudonymises the identity code with `Cleaner.identity_code` and, for valid codes,
derives birth year and sex before the code is dropped: rates need age groups and sex, and nothing else of
the code is kept (source_classes.md §5.2).
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.landing import PrepareContext
from sources.privacy import normalise_hetu

CENTURIES = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
             "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}


def birth_year_and_gender(code: str) -> tuple[int, str]:
    """Birth year and sex of a VALID identity code (odd individual number = male)."""
    code = normalise_hetu(code)
    year = CENTURIES[code[6]] + int(code[4:6])
    return year, ("male" if int(code[7:10]) % 2 else "female")


def identity(c: Cleaner, column: str, ctx: PrepareContext) -> None:
    """Pseudonymise `column` into `client_pseudonym` and derive `birth_year` and `gender` (distinct values only)."""
    if ctx.pseudonymizer is None:
        raise ValueError("a pseudonymisation key is required to extract client-register data")
    pseudonyms = c.identity_code(column, ctx.pseudonymizer, "client_pseudonym")
    values = c.raw[column].astype("string").str.strip().replace("", pd.NA)
    valid = values[pseudonyms.notna()]  # a pseudonym exists only for a valid code
    derived = {code: birth_year_and_gender(code) for code in valid.unique()}
    c.out["birth_year"] = values.map(lambda v: derived[v][0] if v in derived else None,
                                     na_action="ignore").astype("Int64")
    c.out["gender"] = values.map(lambda v: derived[v][1] if v in derived else None,
                                 na_action="ignore").astype("string")
