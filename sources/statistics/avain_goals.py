"""AVAIN: THL's measure of the effectiveness of adult social work, one row per goal of a client plan.

What is verified [V: thl.fi/tutkimus-ja-kehittaminen/tutkimukset-ja-hankkeet/avain-mittari; Tanner & Kivipelto,
THL OHJAUS 3/2022]: AVAIN is not a questionnaire with a sum score. It is part of the working-age services
client plan (asiakassuunnitelma) and is filled in when the plan is drawn up and when it is reviewed; its four
components are the client's goals (tavoitteet), the situational factors affecting them (tilannetekijät), the
services (palvelut) and the social work methods (menetelmät), each assessed at the review. It is in every
wellbeing county's client information system by September 2024, through the vendors' document update.

The effectiveness measure the warehouse keeps is the first component: per goal, how far it was attained at the
plan's review. NOT verified [I]: the export layout, the goal-area code list (seed `avain_goal_areas.csv`) and
the attainment scale (seed `avain_goal_attainment.csv`: 0 situation worsened, 1 not attained, 2 partly
attained, 3 attained). Take the real code values from THL's Koodistopalvelu / the Kanta document definition
and change the seeds, not this code. Situational factors, services and methods are not loaded yet.

Designed export [I], `;`-separated, one row per goal:

    asiakkaan_hetu;suunnitelman_pvm;arviointipvm;palvelutehtava;kunta;tavoitteen_osa_alue;tavoitteen_toteutuminen

A goal of a plan not yet reviewed has an empty review date and attainment (kept: it shows the plan exists).
Attainment without a review date, or a review date without attainment, is quarantined.
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.assessments import AVAIN_GOALS, avain_attainment_lookup, avain_goal_area_lookup, avain_goal_areas
from sources.contracts.registers import client_group_codes, client_group_lookup
from sources.landing import PrepareContext, file_source
from sources.reference import municipality_lookup
from sources.statistics.register_common import identity

HEADERS = ["asiakkaan_hetu", "suunnitelman_pvm", "arviointipvm", "palvelutehtava", "kunta", "tavoitteen_osa_alue",
           "tavoitteen_toteutuminen"]


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    identity(c, "asiakkaan_hetu", ctx)
    plan = c.date("suunnitelman_pvm", "plan_date", not_after=ctx.today)
    review = c.date("arviointipvm", "review_date", required=False, not_after=ctx.today)
    c.choice("palvelutehtava", client_group_codes(), "client_group", mapping=client_group_lookup(),
             what="service task")
    c.choice("kunta", set(municipality_lookup().values()), "municipality_code", mapping=municipality_lookup(),
             what="municipality")
    c.choice("tavoitteen_osa_alue", avain_goal_areas(), "goal_area", mapping=avain_goal_area_lookup(),
             what="AVAIN goal area")
    score = c.choice("tavoitteen_toteutuminen", {"0", "1", "2", "3"}, "attainment_score",
                     mapping=avain_attainment_lookup(), required=False, what="goal attainment")
    c.out["attainment_score"] = pd.to_numeric(score, errors="coerce").astype("Int64")
    c.reject((review < plan).fillna(False), "arviointipvm: review before the plan was drawn up")
    c.reject(review.notna() & score.isna() & c.raw["tavoitteen_toteutuminen"].astype("string").str.strip()
             .replace("", pd.NA).isna(), "tavoitteen_toteutuminen: missing for a reviewed goal")
    c.reject(review.isna() & c.raw["arviointipvm"].astype("string").str.strip().replace("", pd.NA).isna()
             & score.notna(), "arviointipvm: attainment given but the plan has no review date")
    return c


SOURCE = file_source(
    __name__, "AVAIN (THL) client-plan goals of adult social work: goal area and attainment at the plan review",
    headers=HEADERS, prepare=prepare, schema=AVAIN_GOALS, period_column="plan_date",
    identity_columns=("asiakkaan_hetu",),
)
