"""The information needs log (tietotarpeiden loki): needs for knowledge raised by a body or a team, when, their
status, and which source or indicator now meets a need. Kept by the structural social work specialist as xlsx
or `;` CSV with Finnish headers:

    Tunnus; Tietotarve; Ilmiö; Esittäjä; Esitetty; Tila; Tilan päivä; Vastaava lähde; Vastaava indikaattori

Status: avoin (open), työn alla / käsittelyssä (in_progress), täytetty / vastattu (met), hylätty / luovuttu
(dropped). A need marked met names the source or the indicator that meets it.

Quarantined with a reason: no id, the same id twice in a delivery, no need text, no raiser, a missing or
future raise date, an unknown status or phenomenon, a status date before the raise date, a need marked met
with neither a source nor an indicator, an indicator that is not a code. The need text is redacted like
proposals. The layout is this project's proposal [I].
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.knowledge_cycle import INFORMATION_NEEDS, NEED_STATUSES, PHENOMENA, PHENOMENON_SPELLINGS
from sources.landing import PrepareContext, file_source
from sources.professional_observations.redaction import redact_columns

HEADERS = ["Tunnus", "Tietotarve", "Ilmiö", "Esittäjä", "Esitetty", "Tila", "Tilan päivä", "Vastaava lähde",
           "Vastaava indikaattori"]
STATUS_SPELLINGS = {
    "avoin": "open", "uusi": "open",
    "työn alla": "in_progress", "käsittelyssä": "in_progress", "selvitettävänä": "in_progress",
    "täytetty": "met", "vastattu": "met", "toteutunut": "met",
    "hylätty": "dropped", "luovuttu": "dropped", "ei toteuteta": "dropped",
    **{s: s for s in NEED_STATUSES},
}


def prepare(raw: pd.DataFrame, ctx: PrepareContext) -> Cleaner:
    redact_columns(raw, ("Tietotarve", "Esittäjä", "Vastaava lähde"))
    c = Cleaner(raw)
    need_id = c.text("Tunnus", "need_id", required=True)
    text = c.free_text("Tietotarve", "need_text")
    c.reject(text.isna(), "Tietotarve: missing value")
    c.choice("Ilmiö", PHENOMENA, "phenomenon", mapping=PHENOMENON_SPELLINGS, required=False, what="phenomenon")
    c.text("Esittäjä", "raised_by", required=True)
    raised = c.date("Esitetty", "raised_on", not_after=ctx.today)
    status = c.choice("Tila", NEED_STATUSES, "status", mapping=STATUS_SPELLINGS, what="status")
    status_date = c.date("Tilan päivä", "status_date", required=False, not_after=ctx.today)
    c.reject((status_date < raised).fillna(False), "Tilan päivä: before the raise date")
    source = c.text("Vastaava lähde", "met_by_source")
    indicator = c.text("Vastaava indikaattori", "met_by_indicator_code").str.lower()
    c.out["met_by_indicator_code"] = indicator
    bad_code = indicator.notna() & ~indicator.str.fullmatch(r"[a-z0-9_]+").fillna(False)
    c.reject(bad_code, "Vastaava indikaattori: not an indicator code")
    c.reject((status == "met").fillna(False) & source.isna() & indicator.isna(),
             "Tila: met, but neither a source nor an indicator meets it")
    c.reject_repeats(need_id, "Tunnus")
    return c


SOURCE = file_source(
    __name__, "Information needs log: needs raised by bodies and teams, their status and what meets them",
    headers=HEADERS, prepare=prepare, schema=INFORMATION_NEEDS, period_column="raised_on",
)
