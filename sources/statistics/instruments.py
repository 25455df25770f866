"""Assessment instruments recorded in client work: AUDIT, BDI (BDI-I, BDI-II, BDI-13), 3X10D, Kykyviisari, MARAK.

One row per assessment: client, date, service task (THL client group), municipality, instrument and version,
item scores kohta_1..kohta_21 (empty when not part of the instrument or not exported) and the total.

Rules (source_classes.md §2, §7), each failure a quarantine reason:
- AUDIT: Q1–8 scored 0–4, Q9–10 scored 0, 2 or 4; total 0–40; a total that is not the sum of its items is
  rejected (a missing total is computed from complete items).
- BDI: the version is required (BDI-I, BDI-II, BDI-13): items, ranges (0–63 / 0–39) and bands differ.
  The total must equal the item sum when items are given.
- 3X10D: ten items 0–10, all required; banded per item; no headline sum is stored (a delivered sum is dropped).
- Kykyviisari: items 0–10; the total is the overall work-ability estimate 0–10.
- MARAK: highly sensitive. Only the yes-count (0–24) is stored; item answers are validated and dropped, and
  dbt exposes MARAK only as county aggregates (stg_instruments__marak_aggregate).
Bands are not computed here: they are data (seed instrument_bands.csv), applied in dbt.
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.registers import (
    DEFAULT_VERSION,
    INSTRUMENT_ASSESSMENTS,
    INSTRUMENT_SPECS,
    INSTRUMENTS,
    ITEM_COLUMNS,
    MAX_ITEMS,
    InstrumentSpec,
    client_group_codes,
    client_group_lookup,
    known_versions,
)
from sources.landing import PrepareContext, file_source
from sources.statistics.register_common import identity

ITEM_HEADERS = [f"kohta_{i}" for i in range(1, MAX_ITEMS + 1)]
HEADERS = ["asiakkaan_hetu", "arviointipvm", "palvelutehtava", "kunta", "mittari", "mittarin_versio",
           *ITEM_HEADERS, "kokonaispisteet"]

INSTRUMENT_SPELLINGS = {
    "audit": "AUDIT", "audit-10": "AUDIT", "bdi": "BDI", "beck": "BDI", "3x10d": "3X10D", "zekki": "3X10D",
    "zekkipro": "3X10D", "3x10d-elämäntilannemittari": "3X10D", "kykyviisari": "KYKYVIISARI", "marak": "MARAK",
    "marak-riskilomake": "MARAK",
}
VERSION_SPELLINGS = {
    "who-2001": "WHO-2001", "who": "WHO-2001", "bdi-i": "BDI-I", "bdi-1": "BDI-I", "bdi-21": "BDI-I",
    "bdi-ia": "BDI-I", "bdi-ii": "BDI-II", "bdi-2": "BDI-II", "bdi ii": "BDI-II", "bdi-13": "BDI-13",
    "r-bdi": "BDI-13", "mielialakysely": "BDI-13", "3x10d": "3X10D", "kykyviisari": "KYKYVIISARI",
    "dash-24": "DASH-24", "marak": "DASH-24",
}
ALL_VERSIONS = {v for (_, v) in INSTRUMENT_SPECS}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    identity(c, "asiakkaan_hetu", ctx)
    c.date("arviointipvm", "assessment_date", not_after=ctx.today)
    c.choice("palvelutehtava", client_group_codes(), "client_group", mapping=client_group_lookup(),
             what="service task")
    c.municipality("kunta")
    instrument = c.choice("mittari", INSTRUMENTS, "instrument", mapping=INSTRUMENT_SPELLINGS, what="instrument")
    version = c.choice("mittarin_versio", ALL_VERSIONS, "instrument_version", mapping=VERSION_SPELLINGS,
                       required=False, what="instrument version")
    version_given = c.raw["mittarin_versio"].astype("string").str.strip().replace("", pd.NA).notna()
    version = version.fillna(instrument.map(DEFAULT_VERSION, na_action="ignore")).astype("string")
    c.reject((instrument == "BDI").fillna(False) & ~version_given,
             "mittarin_versio: BDI needs its version (BDI-I, BDI-II or BDI-13), as bands and ranges differ")
    items = pd.DataFrame({col: c.number(head, col, integer=True, minimum=0)
                          for col, head in zip(ITEM_COLUMNS, ITEM_HEADERS)})
    total = c.number("kokonaispisteet", "total_score", integer=True, minimum=0)

    for (name, ver), spec in INSTRUMENT_SPECS.items():
        rows = ((instrument == name) & (version == ver)).fillna(False)
        if not rows.any():
            continue
        _check_instrument(c, spec, rows, items, total)
        if not spec.keep_items:
            c.out.loc[rows, list(ITEM_COLUMNS)] = pd.NA
        if spec.total_min is None:
            c.out.loc[rows, "total_score"] = pd.NA
    known_pair = known_versions(instrument, version)
    c.reject(instrument.notna() & version.notna() & version_given & ~known_pair,
             "mittarin_versio: '" + version.fillna("") + "' is not a version of " + instrument.fillna(""))
    c.out["instrument_version"] = version
    return c


def _check_instrument(c: Cleaner, spec: InstrumentSpec, rows: pd.Series, items: pd.DataFrame,
                      total: pd.Series) -> None:
    name = spec.instrument if spec.instrument != "BDI" else spec.version
    own = list(ITEM_COLUMNS[: spec.items])
    extra = list(ITEM_COLUMNS[spec.items:])
    given = items[own].notna()
    for number, col in enumerate(own, start=1):
        allowed = (spec.item_values or {}).get(number, tuple(range(spec.item_max + 1)))
        bad = rows & items[col].notna() & ~items[col].isin(allowed).fillna(False)
        c.reject(bad, f"kohta_{number}: {name} item {number} must be one of {','.join(map(str, allowed))}")
    if extra:
        stray = rows & items[extra].notna().any(axis=1)
        c.reject(stray, f"{name} has only {spec.items} items: kohta_{spec.items + 1}..kohta_{MAX_ITEMS} must be empty")
    some, every = given.any(axis=1), given.all(axis=1)
    if spec.items_required:
        c.reject(rows & ~every, f"{name}: all {spec.items} items are required")
    elif spec.total_is_item_sum:
        c.reject(rows & some & ~every, f"{name}: items incomplete (give all {spec.items} or none)")
    if spec.total_min is not None:
        out_of_range = rows & total.notna() & ((total < spec.total_min) | (total > spec.total_max)).fillna(False)
        c.reject(out_of_range, f"kokonaispisteet: {name} total must be {spec.total_min}-{spec.total_max}")
    if spec.total_is_item_sum:
        item_sum = items[own].sum(axis=1, skipna=True).astype("Int64")
        mismatch = rows & every & total.notna() & (total != item_sum).fillna(False)
        c.reject(mismatch, "kokonaispisteet: " + name + " total " + total.astype("string").fillna("")
                 + " is not the sum of its items (" + item_sum.astype("string").fillna("") + ")")
        computed = rows & every & total.isna()
        c.out.loc[computed, "total_score"] = item_sum[computed]
        c.reject(rows & ~every & total.isna(), f"kokonaispisteet: {name} has neither items nor a total")
    elif spec.total_required and spec.total_min is not None:
        c.reject(rows & total.isna(), f"kokonaispisteet: {name} total missing")


SOURCE = file_source(
    __name__, "Assessment instruments (AUDIT, BDI, 3X10D, Kykyviisari, MARAK): one row per assessment",
    headers=HEADERS, prepare=prepare, schema=INSTRUMENT_ASSESSMENTS, period_column="assessment_date",
    identity_columns=("asiakkaan_hetu",),
)
