"""pandera contracts for the client-register extracts and assessment instruments (statistics class).

The register extracts are Lifecare/Omni360-type exports, one client (or one decision, one assessment) per row.
Identity codes are replaced by keyed pseudonyms at extraction; birth year and sex are derived from the code
before it is dropped (thl_model.md §6, source_classes.md §5.2), because rates need age groups and sex.

The instrument rules (item domains, totals, versions) live here as `INSTRUMENT_SPECS`; the score bands live
in the dbt seed `instrument_bands.csv` (one home each: validation here, banding in dbt).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from sources.contracts import contract
from sources.reference import _rows, names_lookup

PSEUDONYM = pa.Check.str_length(64, 64)
GENDERS = ("male", "female")


def client_group_codes() -> tuple[str, ...]:
    """THL's six client groups (palvelutehtävät) of the social welfare monitoring register."""
    return tuple(r["client_group_code"] for r in _rows("client_groups"))


def client_group_lookup() -> dict[str, str]:
    """Codes, names in three languages and aliases (lowercased) → the client-group code."""
    return names_lookup("client_groups", "client_group")


# -- (a) clients by service task --------------------------------------------------------------------------------
CLIENT_REGISTER_CLIENTS = contract(
    {
        "client_pseudonym": pa.Column(str, PSEUDONYM),
        "birth_year": pa.Column("Int64", pa.Check.in_range(1890, 2100)),
        "gender": pa.Column(str, pa.Check.isin(GENDERS)),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
        "client_group": pa.Column(str, pa.Check.isin(client_group_codes())),
        "relationship_start": pa.Column("datetime64[s]"),
        "relationship_end": pa.Column("datetime64[s]", nullable=True),
        "extracted_date": pa.Column("datetime64[s]"),
    },
    checks=[
        pa.Check(lambda df: df["relationship_end"].isna() | (df["relationship_end"] >= df["relationship_start"]),
                 name="relationship_end_not_before_start"),
    ],
)

# -- (b) supplementary and preventive social assistance decisions ----------------------------------------------
ASSISTANCE_TYPES = ("supplementary", "preventive")
DECISIONS = ("granted", "partly_granted", "rejected")

CLIENT_REGISTER_ASSISTANCE = contract(
    {
        "decision_id": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2,4}-\d{4}-\d+$")),
        "client_pseudonym": pa.Column(str, PSEUDONYM),
        "birth_year": pa.Column("Int64", pa.Check.in_range(1890, 2100)),
        "gender": pa.Column(str, pa.Check.isin(GENDERS)),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
        "assistance_type": pa.Column(str, pa.Check.isin(ASSISTANCE_TYPES)),
        "decision_date": pa.Column("datetime64[s]"),
        "decision": pa.Column(str, pa.Check.isin(DECISIONS)),
        "amount_eur": pa.Column("Float64", pa.Check.in_range(0, 100_000), nullable=True),
    },
    checks=[
        pa.Check(lambda df: (df["decision"] != "rejected") | df["amount_eur"].isna() | (df["amount_eur"] == 0),
                 name="rejected_decision_has_no_amount"),
        pa.Check(lambda df: (df["decision"] == "rejected") | df["amount_eur"].notna(),
                 name="granted_decision_has_amount"),
    ],
)

# -- (c) housing status ----------------------------------------------------------------------------------------
HOUSING_STATUSES = ("homeless", "at_risk", "housed")
# ARA's homelessness categories (asunnottomuusselvitys).
HOMELESSNESS_FORMS = ("outdoors_or_shelter", "hostel", "institution", "with_friends_or_relatives")

CLIENT_REGISTER_HOUSING = contract(
    {
        "client_pseudonym": pa.Column(str, PSEUDONYM),
        "birth_year": pa.Column("Int64", pa.Check.in_range(1890, 2100)),
        "gender": pa.Column(str, pa.Check.isin(GENDERS)),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
        "status_date": pa.Column("datetime64[s]"),
        "housing_status": pa.Column(str, pa.Check.isin(HOUSING_STATUSES)),
        "homelessness_form": pa.Column(str, pa.Check.isin(HOMELESSNESS_FORMS), nullable=True),
        "is_long_term_homeless": pa.Column("boolean", nullable=True),
    },
    checks=[
        pa.Check(lambda df: (df["housing_status"] == "homeless") | df["homelessness_form"].isna(),
                 name="homelessness_form_only_when_homeless"),
    ],
)


# -- (d) service events (contacts) -----------------------------------------------------------------------------
# One row per service event of a social welfare client: a visit, a phone call, a decision ... The largest
# register extract (about a million rows a county-year), delivered monthly. No birth year or sex is derived:
# the event aggregates are counted by month, municipality and client group only (data minimisation).
EVENT_TYPES = ("visit", "home_visit", "phone_call", "e_service", "network_meeting", "decision")
EVENT_TYPE_SPELLINGS = {
    "käynti": "visit", "asiakaskäynti": "visit", "toimistokäynti": "visit", "besök": "visit",
    "kotikäynti": "home_visit", "hembesök": "home_visit",
    "puhelu": "phone_call", "puhelinkontakti": "phone_call", "samtal": "phone_call",
    "sähköinen asiointi": "e_service", "etäasiointi": "e_service", "videovastaanotto": "e_service",
    "verkostoneuvottelu": "network_meeting", "verkostopalaveri": "network_meeting", "nätverksmöte": "network_meeting",
    "päätös": "decision", "beslut": "decision",
}
STAFF_ROLES = ("social_worker", "social_counsellor", "family_worker", "benefits_officer", "nurse", "other")
STAFF_ROLE_SPELLINGS = {
    "sosiaalityöntekijä": "social_worker", "socialarbetare": "social_worker",
    "sosiaaliohjaaja": "social_counsellor", "palveluohjaaja": "social_counsellor", "socialhandledare": "social_counsellor",
    "perhetyöntekijä": "family_worker", "familjearbetare": "family_worker",
    "etuuskäsittelijä": "benefits_officer", "förmånshandläggare": "benefits_officer",
    "sairaanhoitaja": "nurse", "terveydenhoitaja": "nurse", "sjukskötare": "nurse",
    "muu": "other", "muu ammattiryhmä": "other", "annan": "other",
}

CLIENT_REGISTER_EVENTS = contract(
    {
        "client_pseudonym": pa.Column(str, PSEUDONYM),
        "event_date": pa.Column("datetime64[s]"),
        "client_group": pa.Column(str, pa.Check.isin(client_group_codes())),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
        "event_type": pa.Column(str, pa.Check.isin(EVENT_TYPES)),
        "staff_role": pa.Column(str, pa.Check.isin(STAFF_ROLES), nullable=True),
    },
)


# -- assessment instruments ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InstrumentSpec:
    """Item count and domains of one instrument version. `item_values` gives the allowed scores per item
    (1-based) when it is not the plain 0..item_max range."""

    instrument: str
    version: str
    items: int  # item columns that belong to the instrument (item_1 .. item_<items>)
    item_max: int
    total_min: int | None  # None: no headline total is stored (3X10D)
    total_max: int | None
    total_is_item_sum: bool
    items_required: bool = False  # items must all be present (else: all present or all absent)
    total_required: bool = True
    item_values: dict[int, tuple[int, ...]] | None = None
    keep_items: bool = True  # False: item answers are validated, then not stored (MARAK)


MAX_ITEMS = 21
ITEM_COLUMNS = tuple(f"item_{i}" for i in range(1, MAX_ITEMS + 1))

INSTRUMENT_SPECS: dict[tuple[str, str], InstrumentSpec] = {
    # WHO AUDIT, zones of Babor et al. 2001. Q1–8 scored 0–4, Q9–10 scored 0, 2 or 4; total 0–40.
    ("AUDIT", "WHO-2001"): InstrumentSpec(
        "AUDIT", "WHO-2001", items=10, item_max=4, total_min=0, total_max=40, total_is_item_sum=True,
        item_values={9: (0, 2, 4), 10: (0, 2, 4)}),
    # Three incompatible BDI versions: a record without its version cannot be banded.
    ("BDI", "BDI-I"): InstrumentSpec("BDI", "BDI-I", items=21, item_max=3, total_min=0, total_max=63,
                                     total_is_item_sum=True),
    ("BDI", "BDI-II"): InstrumentSpec("BDI", "BDI-II", items=21, item_max=3, total_min=0, total_max=63,
                                      total_is_item_sum=True),
    ("BDI", "BDI-13"): InstrumentSpec("BDI", "BDI-13", items=13, item_max=3, total_min=0, total_max=39,
                                      total_is_item_sum=True),
    # 3X10D: ten life areas 0–10, banded per item; no headline sum by design (a delivered sum is dropped).
    ("3X10D", "3X10D"): InstrumentSpec("3X10D", "3X10D", items=10, item_max=10, total_min=None, total_max=None,
                                       total_is_item_sum=False, items_required=True, total_required=False),
    # Kykyviisari: sub-area items 0–10 (item count [I]); the total is the overall work-ability estimate 0–10.
    ("KYKYVIISARI", "KYKYVIISARI"): InstrumentSpec(
        "KYKYVIISARI", "KYKYVIISARI", items=17, item_max=10, total_min=0, total_max=10, total_is_item_sum=False),
    # MARAK risk checklist: yes/no answers; only the yes-count is stored (highly sensitive).
    ("MARAK", "DASH-24"): InstrumentSpec("MARAK", "DASH-24", items=21, item_max=1, total_min=0, total_max=24,
                                         total_is_item_sum=False, keep_items=False),
}

INSTRUMENTS = tuple(dict.fromkeys(k[0] for k in INSTRUMENT_SPECS))
VERSIONS = {i: tuple(v for (inst, v) in INSTRUMENT_SPECS if inst == i) for i in INSTRUMENTS}
# Instruments with one version: an empty version cell means that version. BDI has none: it must be given.
DEFAULT_VERSION = {i: vs[0] for i, vs in VERSIONS.items() if len(vs) == 1}
SENSITIVE_INSTRUMENTS = ("MARAK",)


def known_versions(instrument: pd.Series, version: pd.Series) -> pd.Series:
    """Per row: (instrument, version) is a pair INSTRUMENT_SPECS defines (False where either is missing)."""
    pairs = pd.MultiIndex.from_arrays([instrument, version])
    return pd.Series(pairs.isin(list(INSTRUMENT_SPECS)), index=instrument.index)


def _item_sum_matches(df):
    items = df[list(ITEM_COLUMNS)]
    summed = df["instrument"].isin(["AUDIT", "BDI"]) & items.notna().any(axis=1)
    return ~summed | (items.sum(axis=1, skipna=True) == df["total_score"])


INSTRUMENT_ASSESSMENTS = contract(
    {
        "client_pseudonym": pa.Column(str, PSEUDONYM),
        "birth_year": pa.Column("Int64", pa.Check.in_range(1890, 2100)),
        "gender": pa.Column(str, pa.Check.isin(GENDERS)),
        "assessment_date": pa.Column("datetime64[s]"),
        "client_group": pa.Column(str, pa.Check.isin(client_group_codes())),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
        "instrument": pa.Column(str, pa.Check.isin(INSTRUMENTS)),
        "instrument_version": pa.Column(str, pa.Check.isin(sorted({v for (_, v) in INSTRUMENT_SPECS}))),
        **{c: pa.Column("Int64", pa.Check.in_range(0, 10), nullable=True) for c in ITEM_COLUMNS},
        "total_score": pa.Column("Int64", pa.Check.in_range(0, 63), nullable=True),
    },
    checks=[
        pa.Check(lambda df: known_versions(df["instrument"], df["instrument_version"]),
                 name="version_belongs_to_instrument"),
        pa.Check(_item_sum_matches, name="total_is_item_sum"),
        pa.Check(lambda df: (df["instrument"] != "MARAK") | df[list(ITEM_COLUMNS)].isna().all(axis=1),
                 name="marak_item_answers_not_stored"),
    ],
)
