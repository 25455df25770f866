"""The county's own local surveys on substance use (päihdetilannekysely), violence (väkivaltakysely) and
mental health (mielenterveyskysely): result tables, one row per survey × year × area × gender × age group ×
indicator, with the number of respondents and of respondents with the finding.

These are Varha's (or its municipalities') own surveys, not THL's: their indicators are the county's own,
published in the phenomenon marts under their own codes (`local_survey_<key>`, source_system `local_surveys`,
indicator_definition `county_own`), never mixed into a national series, and their respondent counts go through
the disclosure layer like every other count of the county's own data.

Format: NOT verified (no public copy of these surveys' exports was found). Designed as the summary table a
survey owner compiles from a Webropol / Microsoft Forms export [I]: `;`-separated, UTF-8 or cp1252:

    kysely;vuosi;kunta;sukupuoli;ikaryhma;indikaattori;vastaajia;vastaajia_joilla_ilmio

`kunta` is a Varha municipality (code or name) or the whole county (`Koko Varha`, `05`); `indikaattori` is a
key of the seed `local_survey_indicators.csv` (each indicator's survey, phenomenon, direction, `verified`).
An indicator of another survey, a finding count above the respondents, or an unknown indicator is quarantined.
Shares are computed in dbt (numerator / respondents): a delivered percentage cannot disagree with its counts.
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.indicator_tables import LOCAL_SURVEY_RESULTS, LOCAL_SURVEYS, local_survey_indicators
from sources.indicator_tables import age_group, area, county_area_lookup, gender
from sources.landing import PrepareContext, file_source

HEADERS = ["kysely", "vuosi", "kunta", "sukupuoli", "ikaryhma", "indikaattori", "vastaajia", "vastaajia_joilla_ilmio"]
SURVEY_SPELLINGS = {
    "päihdetilannekysely": "paihdetilanne", "päihdetilanne": "paihdetilanne", "päihdekysely": "paihdetilanne",
    "väkivaltakysely": "vakivalta", "väkivalta": "vakivalta", "lähisuhdeväkivaltakysely": "vakivalta",
    "mielenterveyskysely": "mielenterveys", "mielenterveys": "mielenterveys",
}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.choice("kysely", LOCAL_SURVEYS, "survey", mapping=SURVEY_SPELLINGS, what="survey")
    year = c.number("vuosi", "survey_year", required=True, integer=True, minimum=2000)
    c.reject((year > ctx.today.year).fillna(False), "vuosi: year in the future")
    c.out["period_start"] = pd.to_datetime(year.astype("string") + "-01-01", format="%Y-%m-%d",
                                         errors="coerce").astype("datetime64[s]")
    area(c, "kunta", county_area_lookup())
    gender(c, "sukupuoli")
    age_group(c, "ikaryhma")
    c.choice("indikaattori", local_survey_indicators(), "indicator_key", what="local survey indicator")
    respondents = c.number("vastaajia", "respondents", required=True, integer=True, minimum=1)
    finding = c.number("vastaajia_joilla_ilmio", "respondents_with_finding", required=True, integer=True, minimum=0)
    c.reject((finding > respondents).fillna(False), "vastaajia_joilla_ilmio: more than the respondents")
    return c


SOURCE = file_source(
    __name__, "The county's own local surveys (substance use, violence, mental health): respondents and findings "
              "per survey, year, area, gender, age group and indicator",
    headers=HEADERS, prepare=prepare, schema=LOCAL_SURVEY_RESULTS, period_column="period_start",
)
