"""pandera contracts for the RAI assessments and AVAIN client-plan goals (statistics class, beside the other
assessment instruments in `registers.py`).

- RAI (RAI-kokonaisuus, THL): one row per assessment with the scale scores the RAI software computes
  (CPS, ADL-H, DRS, MAPLe, CHESS). Scales, ranges and bands are data: seeds `rai_scales.csv` and
  `instrument_bands.csv` (rows marked [I] where the range or cut-off is not verified in THL's measure table).
- AVAIN (THL's effectiveness measure of adult social work, built into the working-age services client plan):
  one row per goal of a client plan, with the goal area and, once the plan is reviewed, how far the goal was
  attained. Goal areas and the attainment scale are seeds (`avain_goal_areas.csv`, `avain_goal_attainment.csv`),
  every value [I]: take the real code values from THL's Koodistopalvelu / the Kanta document definition.
"""

from __future__ import annotations

import pandera.pandas as pa

from sources.contracts import contract
from sources.contracts.registers import GENDERS, PSEUDONYM, client_group_codes
from sources.reference import _rows

RAI_TOOLS = ("RAI-HC", "RAI-LTC", "interRAI-HC", "interRAI-LTCF")


def rai_scales() -> dict[str, tuple[int, int]]:
    """Scale code → (min, max), from the seed rai_scales."""
    return {r["scale"]: (int(r["min"]), int(r["max"])) for r in _rows("rai_scales")}


def avain_goal_areas() -> tuple[str, ...]:
    return tuple(r["goal_area_code"] for r in _rows("avain_goal_areas"))


def _lookup(seed: str, code: str, *names: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in _rows(seed):
        for key in [r[code], *(r[n] for n in names), *r["aliases"].split("|")]:
            if key:
                out[key.strip().lower()] = r[code]
    return out


def avain_goal_area_lookup() -> dict[str, str]:
    return _lookup("avain_goal_areas", "goal_area_code", "goal_area_name_fi")


def avain_attainment_lookup() -> dict[str, str]:
    """Spellings → the attainment score as text ('0'..'3')."""
    return _lookup("avain_goal_attainment", "score", "attainment_code", "attainment_name_fi")


_BASE = {
    "client_pseudonym": pa.Column(str, PSEUDONYM),
    "birth_year": pa.Column("Int64", pa.Check.in_range(1890, 2100)),
    "gender": pa.Column(str, pa.Check.isin(GENDERS)),
    "client_group": pa.Column(str, pa.Check.isin(client_group_codes())),
    "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
}


def _rai_schema() -> pa.DataFrameSchema:
    scales = {s.lower(): pa.Column("Int64", pa.Check.in_range(lo, hi), nullable=True)
              for s, (lo, hi) in rai_scales().items()}
    return contract(
        {**_BASE, "assessment_date": pa.Column("datetime64[s]"),
         "rai_tool": pa.Column(str, pa.Check.isin(RAI_TOOLS)), **scales},
        checks=[pa.Check(lambda df: df[[s.lower() for s in rai_scales()]].notna().any(axis=1),
                         name="at_least_one_scale")],
    )


RAI_ASSESSMENTS = _rai_schema()

AVAIN_GOALS = contract(
    {
        **_BASE,
        "plan_date": pa.Column("datetime64[s]"),
        "review_date": pa.Column("datetime64[s]", nullable=True),
        "goal_area": pa.Column(str, pa.Check.isin(avain_goal_areas())),
        "attainment_score": pa.Column("Int64", pa.Check.in_range(0, 3), nullable=True),
    },
    checks=[
        pa.Check(lambda df: df["review_date"].isna() | (df["review_date"] >= df["plan_date"]),
                 name="review_not_before_plan"),
        pa.Check(lambda df: df["review_date"].isna() == df["attainment_score"].isna(),
                 name="attainment_given_exactly_when_reviewed"),
    ],
)
