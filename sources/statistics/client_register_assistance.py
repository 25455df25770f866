"""Client-register extract: decisions on supplementary (täydentävä) and preventive (ehkäisevä) social
assistance. Since 2017 Kela pays basic assistance; the wellbeing services county decides these two (thl_model.md
§1.3). One row per decision, amounts in euros with a decimal comma. Decisions are re-exported when corrected:
the latest version of a decision number wins (dbt staging).
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.registers import ASSISTANCE_TYPES, CLIENT_REGISTER_ASSISTANCE, DECISIONS
from sources.landing import PrepareContext, file_source
from sources.statistics.register_common import identity

HEADERS = ["paatosnumero", "hakijan_hetu", "kotikunta", "tukilaji", "paatospvm", "ratkaisu", "myonnetty_euroa"]

ASSISTANCE_SPELLINGS = {
    "täydentävä": "supplementary", "täydentävä toimeentulotuki": "supplementary", "tayd": "supplementary",
    "ehkäisevä": "preventive", "ehkäisevä toimeentulotuki": "preventive", "ehk": "preventive",
    "kompletterande": "supplementary", "förebyggande": "preventive",
}
DECISION_SPELLINGS = {
    "myönteinen": "granted", "myönnetty": "granted", "osittain myönteinen": "partly_granted",
    "kielteinen": "rejected", "hylätty": "rejected",
}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.text("paatosnumero", "decision_id", required=True)
    identity(c, "hakijan_hetu", ctx)
    c.municipality("kotikunta")
    c.choice("tukilaji", ASSISTANCE_TYPES, "assistance_type", mapping=ASSISTANCE_SPELLINGS,
             what="assistance type")
    c.date("paatospvm", "decision_date", not_after=ctx.today)
    decision = c.choice("ratkaisu", DECISIONS, "decision", mapping=DECISION_SPELLINGS, what="decision")
    amount = c.number("myonnetty_euroa", "amount_eur", minimum=0, maximum=100_000)
    granted = decision.isin(["granted", "partly_granted"]).fillna(False)
    c.reject(granted & amount.isna() & c.raw["myonnetty_euroa"].isna(), "myonnetty_euroa: granted decision without amount")
    c.reject((decision == "rejected").fillna(False) & (amount > 0).fillna(False),
             "myonnetty_euroa: rejected decision with an amount")
    return c


SOURCE = file_source(
    __name__, "Client register: supplementary and preventive social assistance decisions with amounts",
    headers=HEADERS, prepare=prepare, schema=CLIENT_REGISTER_ASSISTANCE, period_column="decision_date",
    identity_columns=("hakijan_hetu",),
)
