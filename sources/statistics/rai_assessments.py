"""RAI assessments (RAI-kokonaisuus): one row per assessment with the scale scores the RAI software computes.

Finland's RAI system is run with THL: services assess their clients with RAI tools (RAI-HC / interRAI HC in
home care, RAI-LTC / interRAI LTCF in long-term care) and THL's RAI benchmarking (RAI-vertailutietokanta)
turns the individual measures into comparison measures per client group [V: thl.fi, "RAI-järjestelmän
mittareita"]. The county's own extract of its assessments is this source; THL's benchmarking reports are
not (they are aggregates per organisation and unit, behind a login).

Export format: NOT verified. Designed as the most likely client-system / RAI-software export [I]: `;`-separated,
Finnish headers, d.m.yyyy dates, one row per assessment:

    asiakkaan_hetu;arviointipvm;arviointivaline;palvelutehtava;kunta;CPS;ADLH;DRS;MAPLE;CHESS

Scales (seed `rai_scales.csv`, each with its `verified` flag): CPS cognition 0–6, ADL-H daily activities 0–6,
DRS depression 0–14 (≥ 3 suggests possible depression), MAPLe priority level 1–5, CHESS health instability
0–5. That CPS and the pain scale exist and how CPS is built are verified on THL's page; the ranges and bands
are the interRAI originals [I] (THL's table itself was cut off in the copy read). A scale the tool does not
produce is empty; a row with no scale at all is quarantined. Banding happens in dbt (seed instrument_bands).
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.assessments import RAI_ASSESSMENTS, RAI_TOOLS, rai_scales
from sources.contracts.registers import client_group_codes, client_group_lookup
from sources.landing import PrepareContext, file_source
from sources.reference import municipality_lookup
from sources.statistics.register_common import identity

SCALE_HEADERS = ["CPS", "ADLH", "DRS", "MAPLE", "CHESS"]
HEADERS = ["asiakkaan_hetu", "arviointipvm", "arviointivaline", "palvelutehtava", "kunta", *SCALE_HEADERS]

TOOL_SPELLINGS = {
    "rai-hc": "RAI-HC", "rai hc": "RAI-HC", "mds-hc": "RAI-HC",
    "rai-ltc": "RAI-LTC", "rai ltc": "RAI-LTC", "mds": "RAI-LTC", "rai-ltcf": "RAI-LTC",
    "interrai hc": "interRAI-HC", "interrai-hc": "interRAI-HC", "irai hc": "interRAI-HC",
    "interrai ltcf": "interRAI-LTCF", "interrai-ltcf": "interRAI-LTCF", "irai ltcf": "interRAI-LTCF",
}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    identity(c, "asiakkaan_hetu", ctx)
    c.date("arviointipvm", "assessment_date", not_after=ctx.today)
    c.choice("arviointivaline", RAI_TOOLS, "rai_tool", mapping=TOOL_SPELLINGS | {t.lower(): t for t in RAI_TOOLS},
             what="RAI tool")
    c.choice("palvelutehtava", client_group_codes(), "client_group", mapping=client_group_lookup(),
             what="service task")
    c.choice("kunta", set(municipality_lookup().values()), "municipality_code", mapping=municipality_lookup(),
             what="municipality")
    ranges = rai_scales()
    scores = {}
    for scale in SCALE_HEADERS:
        lo, hi = ranges[scale]
        scores[scale] = c.number(scale, scale.lower(), integer=True, minimum=lo, maximum=hi)
    none = scores["CPS"].isna()
    for scale in SCALE_HEADERS[1:]:
        none &= scores[scale].isna()
    c.reject(none, "no RAI scale given (CPS, ADLH, DRS, MAPLE, CHESS all empty)")
    return c


SOURCE = file_source(
    __name__, "RAI assessments (RAI-HC, RAI-LTC, interRAI HC/LTCF): scale scores CPS, ADL-H, DRS, MAPLe, CHESS",
    headers=HEADERS, prepare=prepare, schema=RAI_ASSESSMENTS, period_column="assessment_date",
    identity_columns=("asiakkaan_hetu",),
)
