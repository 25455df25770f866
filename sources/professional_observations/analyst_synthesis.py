"""The analyst's synthesis (analyytikon synteesi) for a half-year package: one row per finding, written by the
structural social work specialist or the analyst beside the numbers. xlsx or `;` CSV with Finnish headers:

    Kausi; Ilmiö; Havainto; Havainto ruotsiksi; Näyttö; Suositeltu toimenpide; Suositeltu toimenpide ruotsiksi

- `Kausi`: the half-year, `2025H1` (also `2025 H1`, `H1/2025`, `1/2025`, `2025/1`);
- `Ilmiö`: one of THL's four phenomena, or `kaikki` / `all` for a finding across them;
- `Näyttö`: the evidence references (mart names, indicator codes, proposals), as free text.

A half-year with no rows has no synthesis: the package says so. Quarantined with a reason: a period that is
not a half-year, an unknown phenomenon, no finding, no evidence. Text is redacted like proposals. The layout is
this project's proposal [I].
"""

from __future__ import annotations

import re

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.knowledge_cycle import ANALYST_SYNTHESIS, PHENOMENA, PHENOMENON_SPELLINGS
from sources.landing import PrepareContext, file_source
from sources.professional_observations.redaction import redact_columns

HEADERS = ["Kausi", "Ilmiö", "Havainto", "Havainto ruotsiksi", "Näyttö", "Suositeltu toimenpide",
           "Suositeltu toimenpide ruotsiksi"]
FREE_TEXT = ("Havainto", "Havainto ruotsiksi", "Näyttö", "Suositeltu toimenpide", "Suositeltu toimenpide ruotsiksi")
PERIOD_FORMS = (
    re.compile(r"^(?P<year>\d{4})\s*/?\s*H?(?P<half>[12])$", re.IGNORECASE),
    re.compile(r"^H?(?P<half>[12])\s*/\s*(?P<year>\d{4})$", re.IGNORECASE),
)


def half_year(text) -> str | None:
    """'2025 H1', 'H1/2025', '1/2025', '2025/1' → '2025H1'; None when it is not a half-year."""
    if text is None or pd.isna(text):
        return None
    value = re.sub(r"\s+", " ", str(text)).strip()
    for form in PERIOD_FORMS:
        m = form.match(value)
        if m:
            return f"{m['year']}H{m['half']}"
    return None


def prepare(raw: pd.DataFrame, ctx: PrepareContext) -> Cleaner:
    redact_columns(raw, FREE_TEXT)
    c = Cleaner(raw)
    period_text = c.text("Kausi", "_period_text", required=True)
    label = period_text.map(half_year, na_action="ignore").astype("string")
    bad = period_text.notna() & label.isna()
    c.reject(bad, "Kausi: not a half-year '" + period_text.fillna("").str.slice(0, 20) + "'")
    c.out = c.out.drop(columns="_period_text")
    c.out["period_label"] = label
    start = pd.to_datetime(label.str.slice(0, 4) + label.str.slice(5).map({"1": "-01-01", "2": "-07-01"}),
                           format="%Y-%m-%d", errors="coerce")
    c.out["period_start"] = start.astype("datetime64[s]")
    c.out["period_end"] = (start + pd.DateOffset(months=6) - pd.Timedelta(days=1)).astype("datetime64[s]")
    c.reject((start > pd.Timestamp(ctx.today)).fillna(False), "Kausi: a half-year that has not begun")
    c.choice("Ilmiö", (*PHENOMENA, "all"), "phenomenon",
             mapping={**PHENOMENON_SPELLINGS, "kaikki": "all", "kaikki ilmiöt": "all", "alla": "all"},
             what="phenomenon")
    finding = c.free_text("Havainto", "finding_fi")
    c.reject(finding.isna(), "Havainto: missing value")
    c.free_text("Havainto ruotsiksi", "finding_sv")
    evidence = c.free_text("Näyttö", "evidence_refs")
    c.reject(evidence.isna(), "Näyttö: missing value")
    c.free_text("Suositeltu toimenpide", "recommended_measure_fi")
    c.free_text("Suositeltu toimenpide ruotsiksi", "recommended_measure_sv")
    return c


SOURCE = file_source(
    __name__, "The analyst's synthesis per half-year: findings by phenomenon, evidence, recommended measures",
    headers=HEADERS, prepare=prepare, schema=ANALYST_SYNTHESIS,
    period_column="period_end",  # the data period of a synthesis is its half-year
)
