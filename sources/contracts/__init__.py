"""pandera contracts of the sources, one module per source class, each built with `contract`."""

from __future__ import annotations

from collections.abc import Iterable

import pandera.pandas as pa


def contract(columns: dict[str, pa.Column], *, checks: Iterable[pa.Check] = (), unique: list[str] | None = None,
             strict: bool = False) -> pa.DataFrameSchema:
    """A contract checks a frame its extractor has already typed: it never coerces (a value the extractor could not
    type is a reason of its own, not a cast here), and a duplicated `unique` key reports all of its rows, so that
    every copy goes to quarantine. `strict`: columns the contract does not name fail it."""
    return pa.DataFrameSchema(columns, checks=list(checks), unique=unique, report_duplicates="all", strict=strict,
                              coerce=False)
