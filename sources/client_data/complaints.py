"""Complaints and supervision cases register export: muistutus (Asiakaslaki 812/2000 §23), kantelu to
AVI/Valvira (also those AVI transfers back to be handled as a muistutus), and epäkohtailmoitus (staff duty
to report). One row per case version; a later version of the same case id supersedes the earlier one (dbt).

Export: `;`-separated UTF-8 with BOM, Finnish headers, `d.m.yyyy` dates, `d.m.yyyy hh:mm` modification time.
The client's identity code is validated and replaced by a keyed pseudonym; an invalid code sends the row to
quarantine without the code. The measures text is redacted.
"""

from __future__ import annotations

import datetime as dt

from sources.cleaning import Cleaner
from sources.contracts.client_data import (
    CASE_TYPES,
    COMPLAINT_CATEGORIES,
    COMPLAINTS,
    HANDLING_BODIES,
    OUTCOMES,
    SUBMITTER_TYPES,
)
from sources.landing import PrepareContext, file_source

HEADERS = [
    "asianumero",
    "asiatyyppi",
    "saapumispvm",
    "tapahtumapvm",
    "tekija",
    "asiakkaan_hetu",
    "palvelualue",
    "yksikko",
    "kunta",
    "kategoria",
    "shl11_tarve",
    "kasittelija",
    "ratkaisupvm",
    "ratkaisu",
    "toimenpiteet",
    "liittyva_asia",
    "muokattu",
]

# Spellings seen in the register's case-type field → case type code (keys lowercase).
CASE_TYPE_SPELLINGS = {
    "epäkohtailmoitus": "epakohtailmoitus",
    "ilmoitus epäkohdasta": "epakohtailmoitus",
    "kantelu avi": "kantelu",
    "kantelu valvira": "kantelu",
    "kantelu eoa": "kantelu",
    "kantelu (avi)": "kantelu",
    "kantelu (valvira)": "kantelu",
    "avi:n siirtämä kantelu": "kantelu_muistutuksena",
    "siirretty kantelu": "kantelu_muistutuksena",
    "kantelu muistutuksena": "kantelu_muistutuksena",
    "kantelu (siirretty muistutukseksi)": "kantelu_muistutuksena",
}
SUBMITTER_SPELLINGS = {
    "henkilöstö": "henkilosto",
    "läheinen": "omainen",
    "työntekijä": "henkilosto",
    "laillinen edustaja": "edustaja",
    "nimetön": "anonyymi",
}
HANDLER_SPELLINGS = {
    "yksikkö": "yksikko",
    "oikeusasiamies": "eoa",
    "eduskunnan oikeusasiamies": "eoa",
    "aluehallintovirasto": "avi",
    "johtava viranhaltija": "viranhaltija",
}
OUTCOME_SPELLINGS = {
    "osittain aiheellinen": "osittain_aiheellinen",
    "huomion kiinnittäminen": "huomion_kiinnittaminen",
    "käsitys": "kasitys",
    "ei toimenpiteitä": "ei_toimenpiteita",
    "ei aihetta toimenpiteisiin": "ei_toimenpiteita",
    "ei tutkittu": "ei_tutkittu",
    "siirretty muistutukseksi": "siirretty_muistutukseksi",
    "siirretty": "siirretty_muistutukseksi",
    "epäkohta korjattu": "korjattu",
    "ilmoitettu avi:lle": "ilmoitettu_aville",
}
CATEGORY_SPELLINGS = {
    "päätöksen viivästyminen": "viivastys",
    "viivästys": "viivastys",
    "palvelun saatavuus": "saatavuus",
    "palvelun laatu": "palvelun_laatu",
    "asiakasmaksut": "maksut",
    "tietosuoja ja salassapito": "tietosuoja",
    "asiakasturvallisuus": "turvallisuus",
}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.text("asianumero", "case_id", required=True)
    case_type = c.choice("asiatyyppi", CASE_TYPES, "case_type", mapping=CASE_TYPE_SPELLINGS, what="case type")
    received = c.date("saapumispvm", "received_date", not_after=ctx.today)
    event = c.date("tapahtumapvm", "event_date", required=False, not_after=ctx.today)
    c.reject((event > received).fillna(False), "tapahtumapvm: event date after the receipt date")
    submitter = c.choice(
        "tekija", SUBMITTER_TYPES, "submitter_type", mapping=SUBMITTER_SPELLINGS, what="submitter type"
    )
    # Staff reports (epäkohtailmoitus) and anonymous submissions need not name a client.
    needs_client = (case_type != "epakohtailmoitus").fillna(True) & (submitter != "anonyymi").fillna(True)
    c.identity_code("asiakkaan_hetu", ctx.pseudonymizer, "client_pseudonym", required=needs_client)
    c.service_area("palvelualue")
    c.text("yksikko", "unit_name")
    c.municipality("kunta")
    c.choice("kategoria", COMPLAINT_CATEGORIES, "category", mapping=CATEGORY_SPELLINGS, what="category")
    c.number("shl11_tarve", "shl11_need_code", integer=True, minimum=1, maximum=10)
    c.choice(
        "kasittelija",
        HANDLING_BODIES,
        "handling_body",
        mapping=HANDLER_SPELLINGS,
        required=False,
        what="handling body",
    )
    decision = c.date("ratkaisupvm", "decision_date", required=False, not_after=ctx.today)
    c.reject((decision < received).fillna(False), "ratkaisupvm: decision date before the receipt date")
    c.choice("ratkaisu", OUTCOMES, "outcome", mapping=OUTCOME_SPELLINGS, required=False, what="outcome")
    c.free_text("toimenpiteet", "measures_text")
    linked = c.text("liittyva_asia", "linked_case_id")
    # A kantelu transferred back by AVI is recorded together with the AVI case it came from.
    c.reject(
        ((case_type == "kantelu_muistutuksena") & linked.isna()).fillna(False),
        "liittyva_asia: a transferred kantelu must name the AVI/Valvira case it came from",
    )
    c.timestamp("muokattu", "modified_at", not_after=dt.datetime.combine(ctx.today, dt.time.max))
    return c


SOURCE = file_source(
    __name__, "Complaints and supervision cases: muistutus, kantelu, epäkohtailmoitus (case register export)",
    headers=HEADERS, prepare=prepare, schema=COMPLAINTS, period_column="received_date",
    identity_columns=("asiakkaan_hetu",),
)
