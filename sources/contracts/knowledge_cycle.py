"""pandera contracts for the knowledge cycle's own records (professional observations source class):

- the decision register (päätösrekisteri): one row per handling of a development proposal or a topic by a body,
  with the decision, the measure and the indicators by which its effect is followed;
- the information needs log (tietotarpeet): needs raised by bodies and teams, and what now meets them;
- the analyst's synthesis (analyytikon synteesi): findings per half-year and phenomenon, with the evidence and
  the recommended measure.

The cleaners (sources/professional_observations/decision_register.py, information_needs_log.py,
analyst_synthesis.py) fold spellings and redact free text first; a row that fails here goes to quarantine.
These layouts are this project's proposal for registers the structural social work specialist keeps [I]: no
county template was available to copy.
"""

import pandera.pandas as pa

from sources.contracts import contract

PHENOMENA = ("homelessness", "mental_health", "substance_use", "livelihood")
# Finnish and Swedish words people type for THL's four phenomena.
PHENOMENON_SPELLINGS = {
    "asunnottomuus": "homelessness", "asuminen": "homelessness", "asunnottomuus ja asuminen": "homelessness",
    "hemlöshet": "homelessness",
    "mielenterveys": "mental_health", "psykisk hälsa": "mental_health",
    "päihteet": "substance_use", "päihteet ja riippuvuudet": "substance_use", "paihteet": "substance_use",
    "riippuvuudet": "substance_use", "rusmedel": "substance_use", "missbruk": "substance_use",
    "toimeentulo": "livelihood", "taloudellinen tilanne ja toimeentulo": "livelihood",
    "talous ja toimeentulo": "livelihood", "utkomst": "livelihood", **{p: p for p in PHENOMENA},
}

# The three bodies the half-year results go to (implementation plan): code → the body's Finnish name.
BODIES = {
    "sosiaali_ja_vammaispalvelujen_johtoryhma": "Sosiaali- ja vammaispalvelujen johtoryhmä",
    "sote_palveluiden_johtoryhma": "Sote-palveluiden johtoryhmä",
    "sote_palvelulautakunta": "Sote-palvelulautakunta",
}
BODY_CODES = (*BODIES, "other")

HANDLING_ID = r"^[A-Za-z0-9_-]{1,40}$"
INDICATOR_CODES = r"^[a-z0-9_]+(;[a-z0-9_]+)*$"  # canonical: codes joined by ';'

DECISION_REGISTER = contract(
    {
        "handling_id": pa.Column(str, pa.Check.str_matches(HANDLING_ID)),
        "proposal_ref": pa.Column(str, pa.Check.str_matches(r"^[A-Za-z0-9_:-]{1,60}$"), nullable=True),
        "topic": pa.Column(str, pa.Check.str_length(1, 500), nullable=True),
        "phenomenon": pa.Column(str, pa.Check.isin(PHENOMENA), nullable=True),
        "body_name": pa.Column(str, pa.Check.str_length(1, 200)),
        "body_code": pa.Column(str, pa.Check.isin(BODY_CODES)),
        "meeting_date": pa.Column("datetime64[s]"),
        "decision": pa.Column(str, nullable=True),
        "measure": pa.Column(str, nullable=True),
        "responsible_unit": pa.Column(str, nullable=True),
        "indicator_codes": pa.Column(str, pa.Check.str_matches(INDICATOR_CODES), nullable=True),
        "review_date": pa.Column("datetime64[s]", nullable=True),
    },
    strict=True,
)

NEED_STATUSES = ("open", "in_progress", "met", "dropped")

INFORMATION_NEEDS = contract(
    {
        "need_id": pa.Column(str, pa.Check.str_matches(HANDLING_ID)),
        "need_text": pa.Column(str, pa.Check.str_length(1, 2000)),
        "phenomenon": pa.Column(str, pa.Check.isin(PHENOMENA), nullable=True),
        "raised_by": pa.Column(str, pa.Check.str_length(1, 200)),
        "raised_on": pa.Column("datetime64[s]"),
        "status": pa.Column(str, pa.Check.isin(NEED_STATUSES)),
        "status_date": pa.Column("datetime64[s]", nullable=True),
        "met_by_source": pa.Column(str, nullable=True),
        "met_by_indicator_code": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$"), nullable=True),
    },
    strict=True,
)

ANALYST_SYNTHESIS = contract(
    {
        "period_label": pa.Column(str, pa.Check.str_matches(r"^\d{4}H[12]$")),
        "period_start": pa.Column("datetime64[s]"),
        "period_end": pa.Column("datetime64[s]"),
        "phenomenon": pa.Column(str, pa.Check.isin((*PHENOMENA, "all"))),
        "finding_fi": pa.Column(str, pa.Check.str_length(1, 4000)),
        "finding_sv": pa.Column(str, nullable=True),
        "evidence_refs": pa.Column(str, pa.Check.str_length(1, 2000)),
        "recommended_measure_fi": pa.Column(str, nullable=True),
        "recommended_measure_sv": pa.Column(str, nullable=True),
    },
    strict=True,
)
