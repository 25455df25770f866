"""The decision register (päätösrekisteri) the structural social work specialist keeps: one row per handling of
a development proposal or a topic by a body — the three bodies the half-year results go to (sosiaali- ja
vammaispalvelujen johtoryhmä, Sote-palveluiden johtoryhmä, Sote-palvelulautakunta) or another named body —
with the decision, the measure, the responsible unit, the indicators by which the measure's effect is followed
and the date of its review. xlsx or `;` CSV with Finnish headers:

    Käsittelyn tunnus; Ehdotus; Aihe; Ilmiö; Toimielin; Kokouspäivä; Päätös; Toimenpide; Vastuuyksikkö;
    Seurattavat indikaattorit; Arviointipäivä

- `Ehdotus` is the social reporting form's submission id of the proposal handled (as the form tool shows it,
  optionally `<form version>:<id>`); empty when the handling concerns a topic (`Aihe`) rather than one proposal.
  dbt links it to `development_proposals` (int_knowledge_cycle__handlings_linked).
- `Päätös` empty: the handling is on the body's agenda but not decided yet (tabled, postponed).
- `Toimielin` is kept as written (`body_name`) and folded to `body_code`: one of the three bodies, or `other`
  for any other named body (a "sosiaalityön johtoryhmä" is none of the three: it is `other`).
- `Seurattavat indikaattorit`: indicator codes of the phenomenon marts (`phenomenon_indicators.indicator_code`),
  separated by `;`, `,` or new lines; stored as one `;`-joined string. Codes are checked for form here; dbt
  reports a code no mart knows.

Quarantined with a reason: no handling id, the same handling id twice in a delivery, neither a proposal nor a
topic, an unknown phenomenon, a missing or impossible meeting date, a meeting in the future, a review date
before the meeting, an indicator code that is not a code. Free text (topic, decision, measure, responsible unit) is redacted like proposals (names, addresses, identity codes, phone numbers, e-mail).
The layout is this project's proposal [I].
"""

from __future__ import annotations

import re

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.knowledge_cycle import BODIES, DECISION_REGISTER, PHENOMENA, PHENOMENON_SPELLINGS
from sources.landing import PrepareContext, file_source
from sources.professional_observations.plan_actions import fold
from sources.professional_observations.redaction import redact_columns

HEADERS = [
    "Käsittelyn tunnus", "Ehdotus", "Aihe", "Ilmiö", "Toimielin", "Kokouspäivä", "Päätös", "Toimenpide",
    "Vastuuyksikkö", "Seurattavat indikaattorit", "Arviointipäivä",
]
FREE_TEXT = ("Aihe", "Päätös", "Toimenpide", "Vastuuyksikkö")


def _body_key(name: str) -> str:
    """'Sote-palveluiden johtoryhmä' → 'sotepalveluidenjohtoryhma'; -iden/-jen plural forms fold together."""
    key = re.sub(r"[\W_]+", "", fold(name))
    return key.replace("palveluiden", "palvelujen")


BODY_SPELLINGS = {
    **{_body_key(name): code for code, name in BODIES.items()},
    _body_key("sosiaali- ja vammaispalveluiden johtoryhmä"): "sosiaali_ja_vammaispalvelujen_johtoryhma",
    _body_key("sote-johtoryhmä"): "sote_palveluiden_johtoryhma",
    _body_key("sosiaali- ja terveyspalveluiden johtoryhmä"): "sote_palveluiden_johtoryhma",
    _body_key("sote-lautakunta"): "sote_palvelulautakunta",
    _body_key("sosiaali- ja terveyspalvelulautakunta"): "sote_palvelulautakunta",
}
CODE = re.compile(r"^[a-z0-9_]+$")


def body_code(name: str | None) -> str | None:
    """The body's code: one of the three bodies, or 'other' for any other named body."""
    if name is None or pd.isna(name):
        return None
    return BODY_SPELLINGS.get(_body_key(name), "other")


def indicator_list(text: str | None) -> tuple[str | None, str | None]:
    """(codes joined by ';', problem): codes lowercased, split on ; , or new lines, duplicates dropped."""
    if text is None or pd.isna(text) or not str(text).strip():
        return None, None
    codes = list(dict.fromkeys(c.strip().lower() for c in re.split(r"[;,\n]+", str(text)) if c.strip()))
    bad = [c for c in codes if not CODE.match(c)]
    if bad:
        return None, f"Seurattavat indikaattorit: not an indicator code '{bad[0][:60]}'"
    return ";".join(codes), None


def prepare(raw: pd.DataFrame, ctx: PrepareContext) -> Cleaner:
    redact_columns(raw, FREE_TEXT)
    c = Cleaner(raw)
    handling = c.text("Käsittelyn tunnus", "handling_id", required=True)
    proposal = c.text("Ehdotus", "proposal_ref")
    topic = c.free_text("Aihe", "topic")
    c.reject(proposal.isna() & topic.isna(), "Ehdotus/Aihe: neither a proposal nor a topic")
    c.choice("Ilmiö", PHENOMENA, "phenomenon", mapping=PHENOMENON_SPELLINGS, required=False, what="phenomenon")
    body = c.text("Toimielin", "body_name", required=True)
    c.out["body_code"] = body.map(body_code, na_action="ignore").astype("string")
    meeting = c.date("Kokouspäivä", "meeting_date", not_after=ctx.today)
    c.free_text("Päätös", "decision")  # empty: the handling is registered, the decision still pending
    c.free_text("Toimenpide", "measure")
    c.free_text("Vastuuyksikkö", "responsible_unit")
    listed = c.text("Seurattavat indikaattorit", "indicator_codes")  # text: an identity code typed in is redacted
    parsed = listed.astype(object).map(indicator_list)
    c.out["indicator_codes"] = pd.Series([p[0] for p in parsed], index=raw.index, dtype="string")
    problems = pd.Series([p[1] for p in parsed], index=raw.index, dtype="string")
    c.reject(problems.notna(), problems)
    review = c.date("Arviointipäivä", "review_date", required=False)
    c.reject((review < meeting).fillna(False), "Arviointipäivä: before the meeting date")

    c.reject_repeats(handling, "Käsittelyn tunnus")
    return c


SOURCE = file_source(
    __name__, "Decision register: handlings of development proposals and topics by the management bodies "
              "(decision, measure, followed indicators, review date)",
    headers=HEADERS, prepare=prepare, schema=DECISION_REGISTER, period_column="meeting_date",
)
