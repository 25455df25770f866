"""SHQS quality criteria status (laadunhallinta): Labquality's Social and Health Quality Standard, per unit.

SHQS is a quality-management standard for social and health care, developed and maintained by Labquality Oy
and accredited by ISQua's IEEA [V: labquality.com/fi/shqs-standardi]; its criteria set requirements for
strategic management, the organisation of activities and client/patient safety [V: labquality.fi, "SHQS – tie
jatkuvaan parantamiseen"]. Units assess themselves against the criteria, trained internal auditors audit them,
and external audits lead to the quality recognition [V: sochv.jakobstad.fi, laatutyön kehittäminen].

The layout is DESIGNED [I]: one row per assessment × unit × criterion, as the quality team would export its
assessment platform: date, type of assessment, unit, service area, criteria group, criterion number and its
status (met / partly met / not met). The status scale, the criteria numbering and three of the six group
names were not found in public [I] (seed `observation_code_lists`, column `verified`). Units, not persons.
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.professional_observations import SHQS_CRITERIA
from sources.landing import PrepareContext, file_source
from sources.reference import code_list, code_list_lookup, service_area_lookup

HEADERS = ["Arviointipäivä", "Arvioinnin laji", "Yksikön tunnus", "Yksikkö", "Palvelualue", "Kriteeriryhmä",
           "Kriteeri", "Arvio"]


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.date("Arviointipäivä", "assessment_date", not_after=ctx.today)
    c.choice("Arvioinnin laji", code_list("shqs_assessment_type"), "assessment_type",
             mapping=code_list_lookup("shqs_assessment_type"), what="assessment type")
    c.text("Yksikön tunnus", "unit_id", required=True)
    c.text("Yksikkö", "unit_name", required=True)
    c.choice("Palvelualue", set(service_area_lookup().values()), "service_area_code",
             mapping=service_area_lookup(), what="service area")
    c.choice("Kriteeriryhmä", code_list("shqs_criteria_group"), "criteria_group",
             mapping=code_list_lookup("shqs_criteria_group"), what="criteria group")
    c.text("Kriteeri", "criterion_code", required=True)
    c.choice("Arvio", code_list("shqs_status"), "status", mapping=code_list_lookup("shqs_status"), what="status")
    return c


SOURCE = file_source(
    __name__, "SHQS quality criteria status per unit: met, partly met or not met, by criteria group",
    headers=HEADERS, prepare=prepare, schema=SHQS_CRITERIA, period_column="assessment_date",
)
