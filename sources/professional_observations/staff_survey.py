"""Staff surveys on structural social work, delivered as aggregated answers.

E.g. the 2025 survey on the state of structural social work (348 respondents). The survey tool's report is a
`;`-separated table, one row per respondent role × service task × Likert statement, with the number of
answers in each of the five Likert categories and "en osaa sanoa" (don't know), and the number of respondents
in the cell. The answer counts must add up to the respondents.
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.professional_observations import LIKERT_COLUMNS, STAFF_ROLES, STAFF_SURVEY
from sources.landing import PrepareContext, file_source
from sources.professional_observations.ombudsman import year_end
from sources.reference import service_area_lookup

LIKERT_HEADERS = [
    "Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
    "Täysin samaa mieltä", "En osaa sanoa",
]
HEADERS = ["Kysely", "Vuosi", "Ammattiryhmä", "Palvelutehtävä", "Väittämä nro", "Väittämä", *LIKERT_HEADERS,
           "Vastaajia"]
ROLE_SPELLINGS = {
    "sosiaalityöntekijä": "social_worker", "sosiaalityöntekijät": "social_worker",
    "sosiaaliohjaaja": "social_instructor", "sosiaaliohjaajat": "social_instructor",
    "esihenkilö": "manager", "esihenkilöt": "manager", "muu": "other", "muut": "other",
}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.text("Kysely", "survey_id", required=True)
    year = c.number("Vuosi", "survey_year", required=True, integer=True, minimum=2000, maximum=ctx.today.year)
    c.out["year_end"] = year_end(year)
    c.choice("Ammattiryhmä", STAFF_ROLES, "role", mapping=ROLE_SPELLINGS, what="role")
    c.choice("Palvelutehtävä", set(service_area_lookup().values()), "service_area_code",
             mapping=service_area_lookup(), what="service task")
    c.number("Väittämä nro", "item_number", required=True, integer=True, minimum=1, maximum=99)
    c.text("Väittämä", "item_text", required=True)
    for header, column in zip(LIKERT_HEADERS, LIKERT_COLUMNS, strict=True):
        values = c.number(header, column, integer=True, minimum=0)
        c.out[column] = values.fillna(0).astype("Int64")  # an empty cell is no answers
    respondents = c.number("Vastaajia", "respondents", required=True, integer=True, minimum=0)
    answers = c.out[list(LIKERT_COLUMNS)].sum(axis=1)
    c.reject((answers != respondents).fillna(False),
             "Vastaajia: answer counts add up to " + answers.astype("string") + ", not to the respondents")
    return c


SOURCE = file_source(
    __name__, "Staff surveys on structural social work: aggregated Likert answers by role × service task × item",
    headers=HEADERS, prepare=prepare, schema=STAFF_SURVEY, period_column="year_end",
)
