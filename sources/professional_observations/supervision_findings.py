"""Findings of self-monitoring follow-up reports and supervision inspection reports, per unit.

- Self-monitoring (omavalvonta, Act on the supervision of social and health care 741/2023 §27–29): each
  service provider keeps a self-monitoring plan per unit, follows it and publishes the observations made and
  the corrective measures taken [V: the act; the plan's sections, used here as the finding's topic, from a
  published plan that follows the 2024 regulation: YTHS omavalvontasuunnitelma 1.1.2024].
- Inspection reports (valvontakäynnit, tarkastuskertomukset): the county's supervision unit visits its own and
  purchased services; the regional authority (aluehallintovirasto / Valvira, from 2026 Lupa- ja valvontavirasto
  [I]) inspects too. A report lists findings with what must be fixed and by when.

The layout is DESIGNED [I]: one row per finding, as the supervision unit's case register would export the
findings it collects from the providers' follow-up reports and from inspections: id, report type and date,
unit, service area, municipality, provider type (as in `supervision_status`), topic, severity, the finding
(free text, redacted), the fix deadline and the date it was fixed. The severity scale was not found in public
[I]. A later export repeats a finding with its fix date: the latest delivery counts (dbt). Units, not persons.
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.professional_observations import PROVIDER_TYPES, SUPERVISION_FINDINGS
from sources.landing import PrepareContext, file_source
from sources.professional_observations.supervision_status import PROVIDER_SPELLINGS
from sources.reference import code_list, code_list_lookup, municipality_lookup, service_area_lookup

HEADERS = [
    "Havainnon tunnus", "Raportin laji", "Raportin päivä", "Yksikön tunnus", "Yksikkö", "Palvelualue", "Kunta",
    "Tuottaja", "Aihealue", "Vakavuus", "Havainto", "Korjauksen määräaika", "Korjattu",
]


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.text("Havainnon tunnus", "finding_id", required=True)
    c.choice("Raportin laji", code_list("finding_report_type"), "report_type",
             mapping=code_list_lookup("finding_report_type"), what="report type")
    reported = c.date("Raportin päivä", "report_date", not_after=ctx.today)
    c.text("Yksikön tunnus", "unit_id", required=True)
    c.text("Yksikkö", "unit_name", required=True)
    c.choice("Palvelualue", set(service_area_lookup().values()), "service_area_code",
             mapping=service_area_lookup(), what="service area")
    c.choice("Kunta", set(municipality_lookup().values()), "municipality_code", mapping=municipality_lookup(),
             what="municipality")
    c.choice("Tuottaja", PROVIDER_TYPES, "provider_type", mapping=PROVIDER_SPELLINGS, what="provider type")
    c.choice("Aihealue", code_list("finding_topic"), "topic", mapping=code_list_lookup("finding_topic"),
             what="topic")
    c.choice("Vakavuus", code_list("finding_severity"), "severity", mapping=code_list_lookup("finding_severity"),
             what="severity")
    c.free_text("Havainto", "finding_text")
    due = c.date("Korjauksen määräaika", "fix_due_date")
    fixed = c.date("Korjattu", "fixed_date", required=False, not_after=ctx.today)
    c.reject((due < reported).fillna(False), "Korjauksen määräaika: before the report date")
    c.reject((fixed < reported).fillna(False), "Korjattu: before the report date")
    return c


SOURCE = file_source(
    __name__, "Self-monitoring follow-up and inspection report findings per unit, with severity and fix deadline",
    headers=HEADERS, prepare=prepare, schema=SUPERVISION_FINDINGS, period_column="report_date",
)
