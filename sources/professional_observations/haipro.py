"""HaiPro risk and incident reports (vaaratapahtumailmoitukset) from social services units.

HaiPro reporting is voluntary, confidential and non-blaming: staff report adverse events, near misses,
data-protection and occupational-safety incidents; the unit handles them. The monthly export is `;`-separated
cp1252 text with Finnish headers. The description and measures texts are redacted (identity codes, phone
numbers, e-mail addresses, names, street addresses) before storage, in raw and quarantine alike.
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.professional_observations import (
    HAIPRO,
    HAIPRO_EVENT_TYPES,
    HAIPRO_SEVERITIES,
    HAIPRO_STATUSES,
)
from sources.landing import PrepareContext, file_source
from sources.professional_observations.redaction import redact_columns

HEADERS = [
    "Ilmoitustunnus", "Ilmoituspäivä", "Tapahtumapäivä", "Tapahtumatyyppi", "Vakavuus", "Palvelualue", "Kunta",
    "Käsittelyn tila", "Tapahtuman kuvaus", "Toimenpiteet",
]
TYPE_SPELLINGS = {
    "vaaratapahtuma": "vaaratapahtuma", "haittatapahtuma": "vaaratapahtuma",
    "läheltä piti": "laheltapiti", "läheltä piti -tapahtuma": "laheltapiti",
    "tietosuojapoikkeama": "tietosuoja", "tietosuoja": "tietosuoja",
    "työturvallisuus": "tyoturvallisuus", "työturvallisuusilmoitus": "tyoturvallisuus",
    "muu": "muu",
}
SEVERITY_SPELLINGS = {
    "ei haittaa": "ei_haittaa", "lievä haitta": "lieva", "lievä": "lieva",
    "kohtalainen haitta": "kohtalainen", "kohtalainen": "kohtalainen",
    "vakava haitta": "vakava", "vakava": "vakava", "ei tiedossa": "ei_tiedossa",
}
STATUS_SPELLINGS = {"uusi": "uusi", "käsittelyssä": "kasittelyssa", "käsitelty": "kasitelty", "suljettu": "suljettu"}
FREE_TEXT = ("Tapahtuman kuvaus", "Toimenpiteet")


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    redact_columns(raw, FREE_TEXT)
    c = Cleaner(raw)
    c.text("Ilmoitustunnus", "report_id", required=True)
    c.date("Ilmoituspäivä", "reported_date", not_after=ctx.today)
    c.date("Tapahtumapäivä", "event_date", required=False, not_after=ctx.today)
    c.choice("Tapahtumatyyppi", HAIPRO_EVENT_TYPES, "event_type", mapping=TYPE_SPELLINGS, what="event type")
    severity = c.choice("Vakavuus", HAIPRO_SEVERITIES, "severity", mapping=SEVERITY_SPELLINGS, required=False,
                        what="severity")
    c.out["severity"] = severity.fillna("ei_tiedossa").astype("string")
    c.service_area("Palvelualue")
    c.municipality("Kunta", required=False)
    c.choice("Käsittelyn tila", HAIPRO_STATUSES, "handling_status", mapping=STATUS_SPELLINGS, what="handling status")
    c.free_text("Tapahtuman kuvaus", "description_text")
    c.free_text("Toimenpiteet", "measures_text")
    return c


SOURCE = file_source(
    __name__, "HaiPro risk and incident reports of social services units (type, severity, status, redacted text)",
    headers=HEADERS, prepare=prepare, schema=HAIPRO, period_column="reported_date",
)
