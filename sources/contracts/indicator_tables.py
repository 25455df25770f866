"""pandera contracts of the sources that deliver ready-made indicator tables: the county's local surveys
(client data), the partner-indicator template (municipalities and NGOs) and THL's Sotekuva (statistics).

Their rows are aggregates in the phenomenon marts' vocabulary (sources/indicator_tables.py). What they are
not allowed to hide: a count must be a whole non-negative number, a part never exceeds its whole, and a
share, when its numerator and denominator are both given, must agree with them.
"""

from __future__ import annotations

import pandera.pandas as pa

from sources.contracts import contract
from sources.indicator_tables import AGE_GROUPS, GENDERS
from sources.reference import _rows, phenomenon_codes

REGION = pa.Column(str, pa.Check.str_matches(r"^(SSS|\d{2}|\d{3})$"))
REGION_LEVELS = ("country", "wellbeing_county", "municipality")
PERIOD_TYPES = ("year", "half_year", "quarter", "month")
UNITS = ("percent", "per_1000", "per_100000", "count", "score")
SOTEKUVA_UNITS = ("eur_per_resident", "eur_per_client", "percent", "per_1000", "count")
LOCAL_SURVEYS = ("paihdetilanne", "vakivalta", "mielenterveys")


def local_survey_indicators() -> dict[str, str]:
    """Indicator key → its survey (seed local_survey_indicators)."""
    return {r["indicator_key"]: r["survey"] for r in _rows("local_survey_indicators")}


LOCAL_SURVEY_RESULTS = contract(
    {
        "survey": pa.Column(str, pa.Check.isin(LOCAL_SURVEYS)),
        "survey_year": pa.Column("Int64", pa.Check.in_range(2000, 2100)),
        "region_code": REGION,
        "region_level": pa.Column(str, pa.Check.isin(("wellbeing_county", "municipality"))),
        "gender": pa.Column(str, pa.Check.isin(GENDERS)),
        "age_group": pa.Column(str, pa.Check.isin(AGE_GROUPS)),
        "indicator_key": pa.Column(str, pa.Check.isin(tuple(local_survey_indicators()))),
        "respondents": pa.Column("Int64", pa.Check.ge(1)),
        "respondents_with_finding": pa.Column("Int64", pa.Check.ge(0)),
    },
    checks=[
        pa.Check(lambda df: df["respondents_with_finding"] <= df["respondents"], name="finding_within_respondents"),
        pa.Check(lambda df: df["indicator_key"].map(local_survey_indicators()) == df["survey"],
                 name="indicator_belongs_to_survey"),
    ],
)

PARTNER_INDICATORS = contract(
    {
        "organisation_name": pa.Column(str),
        "business_id": pa.Column(str, pa.Check.str_matches(r"^\d{7}-\d$")),
        "organisation_type": pa.Column(str, pa.Check.isin(("municipality", "ngo", "other"))),
        "indicator_code": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]{1,40}$")),
        "indicator_name": pa.Column(str),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "phenomenon": pa.Column(str, pa.Check.isin(phenomenon_codes()), nullable=True),
        "higher_is_worse": pa.Column("boolean", nullable=True),
        "region_code": REGION,
        "region_level": pa.Column(str, pa.Check.isin(("wellbeing_county", "municipality"))),
        "period_type": pa.Column(str, pa.Check.isin(PERIOD_TYPES)),
        "period_start": pa.Column("datetime64[s]"),
        "period_end": pa.Column("datetime64[s]"),
        "period_label": pa.Column(str),
        "gender": pa.Column(str, pa.Check.isin(GENDERS)),
        "age_group": pa.Column(str, pa.Check.isin(AGE_GROUPS)),
        "value": pa.Column("Float64"),
        "numerator": pa.Column("Float64", pa.Check.ge(0), nullable=True),
        "denominator": pa.Column("Float64", pa.Check.gt(0), nullable=True),
        "is_open_statistics": pa.Column("boolean"),
    },
    checks=[
        pa.Check(lambda df: df["numerator"].isna() | df["denominator"].isna() | (df["unit"] != "percent")
                 | (df["numerator"] <= df["denominator"]), name="numerator_within_denominator"),
        pa.Check(lambda df: df["numerator"].isna() | df["denominator"].isna() | (df["unit"] != "percent")
                 | ((100 * df["numerator"] / df["denominator"] - df["value"]).abs() <= 0.1),
                 name="percent_agrees_with_numerator_and_denominator"),
    ],
)

SOTEKUVA = contract(
    {
        "region_code": REGION,
        "region_level": pa.Column(str, pa.Check.isin(("country", "wellbeing_county"))),
        "year": pa.Column("Int64", pa.Check.in_range(2000, 2100)),
        "client_group_name": pa.Column(str),
        "measure_name": pa.Column(str),
        "unit": pa.Column(str, pa.Check.isin(SOTEKUVA_UNITS)),
        "value": pa.Column("Float64", nullable=True),
        "is_withheld": pa.Column("boolean"),
    },
    checks=[pa.Check(lambda df: df["value"].notna() | df["is_withheld"], name="value_or_withheld")],
)
