"""pandera contracts for the statistics source class (tilasto-, rekisteri- ja indikaattoritieto).

Each schema checks a typed frame before it is written to raw. Validation is lazy, so every failure is
collected; a failing row goes to quarantine with ``"<column>: <check>"`` as its reason, never dropped.

The extractors coerce the raw JSON values to these dtypes first (a value that cannot be coerced becomes
NA and is reported as ``coerce_dtype``), so the checks here always see the declared dtypes.
"""

import pandera.pandas as pa

from sources.contracts import contract

SOTKANET_GENDERS = ("male", "female", "total")
# Sotkanet series start in 1990 at the earliest; anything outside this window is a broken row.
YEAR_MIN, YEAR_MAX = 1900, 2100

# One Sotkanet /json data row, with the field names the service uses.
SOTKANET_DATA = contract(
    {
        "indicator": pa.Column("Int64", pa.Check.gt(0), nullable=False),
        "region": pa.Column("Int64", pa.Check.gt(0), nullable=False),
        "year": pa.Column("Int64", pa.Check.in_range(YEAR_MIN, YEAR_MAX), nullable=False),
        "gender": pa.Column(str, pa.Check.isin(SOTKANET_GENDERS), nullable=False),
        "value": pa.Column("Float64", nullable=True),
        "absValue": pa.Column("Float64", pa.Check.ge(0), nullable=True),
    },
    unique=["indicator", "region", "year", "gender"],
)

POPULATION_REGION_LEVELS = ("municipality", "wellbeing_county", "country")
POPULATION_GENDERS = ("total", "male", "female")
POPULATION_AGE_GROUPS = ("all", "0-17", "18-24", "25-64", "65+")

# Statistics Finland population (table 11re), after age aggregation, in the raw.statfin_population shape.
STATFIN_POPULATION = contract(
    {
        "region_code": pa.Column(str, pa.Check.str_matches(r"^(SSS|\d{2}|\d{3})$"), nullable=False),
        "region_level": pa.Column(str, pa.Check.isin(POPULATION_REGION_LEVELS), nullable=False),
        "year": pa.Column("Int64", pa.Check.in_range(YEAR_MIN, YEAR_MAX), nullable=False),
        "gender": pa.Column(str, pa.Check.isin(POPULATION_GENDERS), nullable=False),
        "age_group": pa.Column(str, pa.Check.isin(POPULATION_AGE_GROUPS), nullable=False),
        "population": pa.Column("Int64", pa.Check.ge(0), nullable=False),
    },
    checks=[
        pa.Check(
            lambda df: (
                ((df["region_level"] == "country") & (df["region_code"] == "SSS"))
                | ((df["region_level"] == "wellbeing_county") & (df["region_code"].str.len() == 2))
                | ((df["region_level"] == "municipality") & (df["region_code"].str.len() == 3))
            ),
            name="region_level_matches_code",
        ),
    ],
    unique=["region_code", "year", "gender", "age_group"],
)

ARA_COUNTS = ("single_homeless", "long_term_homeless", "homeless_families", "under_25", "women", "immigrants")
ARA_SUBGROUPS = ("long_term_homeless", "under_25", "women", "immigrants")  # each a part of single_homeless

# ARA's homelessness survey (asunnottomuusselvitys), one row per municipality and survey year, or the
# file's own total row (municipality_code null, is_total_row true) that the reconciliation test compares with
# the sum of the municipalities.
ARA_HOMELESSNESS = contract(
    {
        "survey_year": pa.Column("Int64", pa.Check.in_range(1987, YEAR_MAX), nullable=False),
        "snapshot_date": pa.Column("datetime64[s]", nullable=False),
        "municipality_code": pa.Column(str, pa.Check.str_matches(r"^\d{3}$"), nullable=True),
        "municipality_name": pa.Column(str, nullable=True),
        "is_total_row": pa.Column("boolean", nullable=False),
        "single_homeless": pa.Column("Int64", pa.Check.ge(0), nullable=False),
        "long_term_homeless": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "homeless_families": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "under_25": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "women": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "immigrants": pa.Column("Int64", pa.Check.ge(0), nullable=True),
    },
    unique=["survey_year", "municipality_code"],
)
