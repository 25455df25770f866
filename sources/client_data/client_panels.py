"""Client panels and citizen forums (asiakasraadit, kansalaisfoorumit): meeting records kept in a workbook by
the participation coordinators, one row per meeting: date, panel, theme, participant count and the proposals
the meeting made (one proposal per line in the cell). Usually xlsx; a `;` CSV export reads the same way.

Proposals are free text and are redacted before they are stored. Participants are only counted, never named.
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.client_data import CLIENT_PANELS, PANEL_TYPES
from sources.landing import PrepareContext, file_source

HEADERS = [
    "Kokouksen tunnus",
    "Päivämäärä",
    "Tyyppi",
    "Raati tai foorumi",
    "Palvelualue",
    "Kunta",
    "Teema",
    "Osallistujia",
    "Ehdotukset",
]

TYPE_SPELLINGS = {
    "kehittäjäasiakasraati": "asiakasraati",
    "asiakasraadit": "asiakasraati",
    "klientråd": "asiakasraati",
    "asukasfoorumi": "kansalaisfoorumi",
    "kuntalaisfoorumi": "kansalaisfoorumi",
    "medborgarforum": "kansalaisfoorumi",
}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.text("Kokouksen tunnus", "meeting_id", required=True)
    c.date("Päivämäärä", "meeting_date", not_after=ctx.today)
    c.choice("Tyyppi", PANEL_TYPES, "panel_type", mapping=TYPE_SPELLINGS, what="panel type")
    c.text("Raati tai foorumi", "panel_name", required=True)
    # A citizen forum may be county-wide (no service area) or held for the whole county (no municipality).
    c.service_area("Palvelualue", required=False)
    c.municipality("Kunta", required=False)
    c.free_text("Teema", "theme")
    c.reject(c.out["theme"].isna(), "Teema: missing value")
    c.number("Osallistujia", "participant_count", required=True, integer=True, minimum=0, maximum=5000)
    c.free_text("Ehdotukset", "proposals_text")
    return c


SOURCE = file_source(
    __name__, "Client panels and citizen forums (asiakasraadit, kansalaisfoorumit): meeting records",
    headers=HEADERS, prepare=prepare, schema=CLIENT_PANELS, period_column="meeting_date",
)
