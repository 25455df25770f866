"""Kouluterveyskysely (THL's School Health Promotion study) indicator tables, as exported from THL's results
service: aggregate shares (%) with their confidence interval and respondent count, by year, area (whole
country, wellbeing services county, municipality), school level, gender and indicator.

Collected every two years, in odd years (2019, 2021, 2023, 2025); an even year is quarantined rather than
guessed. Export: `;`-separated UTF-8 with BOM and decimal comma. THL withholds values of too-small groups and
exports them as `..` (or `-`); such rows are kept with an empty value and `is_withheld`, never read as zero.

Areas arrive by name; names are mapped to official codes through the region and municipality seeds
(`Koko maa` → SSS, `Varsinais-Suomen hyvinvointialue` → 05, `Turku` / `Åbo` → 853). An unknown name is
quarantined. Indicators are kept whatever their name; dbt maps the known ones to phenomena
(`seeds/ktk_indicators.csv`).
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.client_data import GENDERS, KOULUTERVEYSKYSELY, SCHOOL_LEVELS
from sources.landing import PrepareContext, file_source
from sources.reference import _rows

HEADERS = [
    "Vuosi",
    "Alue",
    "Kouluaste",
    "Sukupuoli",
    "Indikaattori",
    "Osuus (%)",
    "Luottamusväli alaraja",
    "Luottamusväli yläraja",
    "Vastaajia (n)",
]
WITHHELD = {"..", ".", "-", "–", "—"}

SCHOOL_LEVEL_SPELLINGS = {
    "perusopetus 4. ja 5. lk": "grades_4_5",
    "perusopetuksen 4. ja 5. luokka": "grades_4_5",
    "perusopetuksen 4. ja 5. luokkien oppilaat": "grades_4_5",
    "4. ja 5. lk": "grades_4_5",
    "4.-5. lk": "grades_4_5",
    "perusopetus 8. ja 9. lk": "grades_8_9",
    "perusopetuksen 8. ja 9. luokka": "grades_8_9",
    "perusopetuksen 8. ja 9. luokkien oppilaat": "grades_8_9",
    "8. ja 9. lk": "grades_8_9",
    "8.-9. lk": "grades_8_9",
    "lukio 1. ja 2. vuosi": "upper_secondary",
    "lukion 1. ja 2. vuoden opiskelijat": "upper_secondary",
    "lukio": "upper_secondary",
    "ammatillinen oppilaitos 1. ja 2. vuosi": "vocational",
    "ammatillisen oppilaitoksen 1. ja 2. vuoden opiskelijat": "vocational",
    "ammatillinen oppilaitos": "vocational",
}
GENDER_SPELLINGS = {
    "sukupuolet yhteensä": "total",
    "yhteensä": "total",
    "kaikki": "total",
    "pojat": "male",
    "poika": "male",
    "tytöt": "female",
    "tyttö": "female",
}


def area_lookup() -> dict[str, str]:
    """Area names (lowercased, Finnish and Swedish) → official code. Names only: a bare code such as '19'
    could be a county or a municipality ('019' Aura), so codes are not accepted from this export."""
    out: dict[str, str] = {"koko maa": "SSS", "hela landet": "SSS", "suomi": "SSS"}
    for r in _rows("regions"):
        name = r["region_name_fi"].lower()
        out[name] = r["region_code"]
        if name.endswith(" hyvinvointialue"):
            out[name.removesuffix(" hyvinvointialue") + " hva"] = r["region_code"]
    out["helsinki"] = "90"  # THL lists Helsinki, which organises its own services, as an area of its own
    for r in _rows("municipalities"):
        out[r["municipality_name_fi"].lower()] = r["municipality_code"]
        out[r["municipality_name_sv"].lower()] = r["municipality_code"]
    return out


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    year = c.number("Vuosi", "survey_year", required=True, integer=True, minimum=2006)
    even = year.notna() & (year % 2 == 0)
    c.reject(
        even.fillna(False),
        "Vuosi: not a Kouluterveyskysely year (collected in odd years) '"
        + year.astype("string").fillna("")
        + "'",
    )
    future = (year > ctx.today.year).fillna(False)
    c.reject(future, "Vuosi: year in the future")
    c.out["period_start"] = pd.to_datetime(
        year.astype("string") + "-01-01", format="%Y-%m-%d", errors="coerce"
    ).astype("datetime64[s]")
    names = c.text("Alue", "area_name", required=True)
    # By name only: a bare code is not accepted even when it equals one (Excel turns Aura's '019' into '19',
    # which is also Pohjois-Pohjanmaa's county code).
    codes = names.astype(object).str.lower().map(area_lookup())
    c.reject(names.notna() & codes.isna(), "Alue: unknown area '" + names.fillna("").str.slice(0, 60) + "'")
    c.out["area_code"] = codes.astype("string")
    c.choice("Kouluaste", SCHOOL_LEVELS, "school_level", mapping=SCHOOL_LEVEL_SPELLINGS, what="school level")
    c.choice("Sukupuoli", GENDERS, "gender", mapping=GENDER_SPELLINGS, what="gender")
    c.text("Indikaattori", "indicator_name", required=True)

    value_text = c.raw["Osuus (%)"].astype("string").str.strip()
    withheld = value_text.isin(WITHHELD).fillna(False)
    c.raw = c.raw.assign(
        **{
            col: c.raw[col].mask(c.raw[col].astype("string").str.strip().isin(WITHHELD), pd.NA)
            for col in ("Osuus (%)", "Luottamusväli alaraja", "Luottamusväli yläraja", "Vastaajia (n)")
        }
    )
    value = c.number("Osuus (%)", "value_percent", minimum=0, maximum=100)
    c.reject(value.isna() & ~withheld, "Osuus (%): missing value (THL marks a withheld value with '..')")
    lower = c.number("Luottamusväli alaraja", "ci_lower", minimum=0, maximum=100)
    upper = c.number("Luottamusväli yläraja", "ci_upper", minimum=0, maximum=100)
    c.reject(
        ((lower > value) | (upper < value)).fillna(False),
        "Luottamusväli: confidence interval does not contain the value",
    )
    c.number("Vastaajia (n)", "respondents", integer=True, minimum=0)
    c.out["is_withheld"] = withheld.astype("boolean")
    return c


SOURCE = file_source(
    __name__, "Kouluterveyskysely (THL) indicator tables: % by year, area, school level, gender, indicator",
    headers=HEADERS, prepare=prepare, schema=KOULUTERVEYSKYSELY, period_column="period_start",
)
