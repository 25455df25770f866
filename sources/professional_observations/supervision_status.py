"""Self-monitoring and supervision status (omavalvonta ja valvonta): the supervision unit's status table.

One row per social services unit per snapshot: provider type, when the self-monitoring plan was last updated,
the last supervision visit, the number of open findings (and how many are serious), the due date of the oldest
open finding and the unit's supervision state. Delivered quarterly as an xlsx workbook. Units, not persons.
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.professional_observations import PROVIDER_TYPES, SUPERVISION_STATES, SUPERVISION_STATUS
from sources.landing import PrepareContext, file_source

HEADERS = [
    "Tilannepäivä", "Yksikön tunnus", "Yksikkö", "Palvelualue", "Kunta", "Tuottaja",
    "Omavalvontasuunnitelma päivitetty", "Viimeisin valvontakäynti", "Avoimia havaintoja", "Joista vakavia",
    "Vanhimman avoimen havainnon määräaika", "Valvonnan tila",
]
PROVIDER_SPELLINGS = {"oma tuotanto": "oma", "oma": "oma", "ostopalvelu": "ostopalvelu",
                      "palveluseteli": "palveluseteli"}
STATE_SPELLINGS = {"kunnossa": "kunnossa", "korjaustoimenpiteet kesken": "korjaus_kesken",
                   "tehostettu valvonta": "tehostettu_valvonta"}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.date("Tilannepäivä", "snapshot_date", not_after=ctx.today)
    c.text("Yksikön tunnus", "unit_id", required=True)
    c.text("Yksikkö", "unit_name", required=True)
    c.service_area("Palvelualue")
    c.municipality("Kunta")
    c.choice("Tuottaja", PROVIDER_TYPES, "provider_type", mapping=PROVIDER_SPELLINGS, what="provider type")
    c.date("Omavalvontasuunnitelma päivitetty", "self_monitoring_plan_updated", required=False, not_after=ctx.today)
    c.date("Viimeisin valvontakäynti", "last_supervision_visit", required=False, not_after=ctx.today)
    open_findings = c.number("Avoimia havaintoja", "open_findings", required=True, integer=True, minimum=0)
    serious = c.number("Joista vakavia", "open_serious_findings", required=True, integer=True, minimum=0)
    c.reject((serious > open_findings).fillna(False), "Joista vakavia: more serious findings than open findings")
    due = c.date("Vanhimman avoimen havainnon määräaika", "oldest_open_due_date", required=False)
    c.reject(((open_findings > 0) & due.isna()).fillna(False),
             "Vanhimman avoimen havainnon määräaika: missing although findings are open")
    c.choice("Valvonnan tila", SUPERVISION_STATES, "supervision_state", mapping=STATE_SPELLINGS,
             what="supervision state")
    return c


SOURCE = file_source(
    __name__, "Self-monitoring and supervision status table: units, open findings and supervision state",
    headers=HEADERS, prepare=prepare, schema=SUPERVISION_STATUS, period_column="snapshot_date",
)
