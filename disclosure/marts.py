"""The declared table structure of every published mart that holds the county's own counts.

One home for "which cells are totals of which": the protection and the auditor both read this list.
Marts not listed hold no counts of persons or cases (plan_follow_up's action counts, source_freshness,
information_needs, analyst_synthesis: redacted text only) or only open statistics (national_comparison: Sotkanet
and ARA series as their publishers released them). measures_follow_up repeats phenomenon_indicators' published
values: it is declared in COPIES, not as a structure of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from disclosure.tables import Breakdown, Group, Hierarchy, Link, Margins, Structure, all_of
from sources.reference import municipality_counties, municipality_sub_regions, phenomenon_codes

GENDER_PARTS = {"male": "total", "female": "total"}


def _count(column: str) -> str:
    return f"{column} > 0 and {column} < {{t}}"


def _complement(part: str, whole: str) -> str:
    return f"{whole} - {part} > 0 and {whole} - {part} < {{t}}"


PHENOMENA = phenomenon_codes()  # seed phenomena; each has its own mart of the same name
PHENOMENON_MARTS = ("phenomenon_indicators", *PHENOMENA)
PHENOMENON_KEY = ("indicator_code", "region_code", "period_label", "gender", "age_group")


@dataclass(frozen=True)
class Apply:
    """Where a hidden cell's values live in the mart: the mart rows that agree with the cell on `join`
    (restricted to cells matching `where`) lose `columns`."""

    where: str
    join: tuple[str, ...]
    columns: tuple[str, ...]


def structures() -> list[Structure]:
    counties = municipality_counties()
    # The phenomenon facts in three families, by how their totals are formed (checked on the true data by
    # tests/unit/test_disclosure_structures.py): complaints and instruments (RAI's DRS share too) add up exactly; the client
    # register's age bands leave out the under-18s that 'all' counts; survey, feedback and social-reporting
    # totals also count answers and reports with no gender or municipality recorded.
    families = [
        ("exact", "source_system in ('complaints', 'instruments', 'rai_assessments')", "sum", "sum", "sum"),
        ("client_register", "source_system = 'client_register'", "sum", "contains", "sum"),
        ("other", "source_system not in ('complaints', 'instruments', 'rai_assessments', 'client_register')",
         "contains", "contains", "contains"),
    ]
    phenomenon_group = Group(
        measures=("numerator", "denominator"),
        derived=("value",),
        primary=(_count("numerator"), _count("denominator"),
                 f"unit = 'percent' and {_complement('numerator', 'denominator')}"),
    )
    # shares carry their base as denominator; client-register rates are per 1,000 residents, whose denominator is
    # Statistics Finland's (open) population
    phenomenon_denominator = {"denominator": "unit = 'percent' and source_system <> 'client_register'"}
    phenomenon = [
        Structure(
            table="phenomenon_indicators",
            name=f"phenomenon_indicators[{family}]",
            key=PHENOMENON_KEY,
            scope=f"disclosure_control = 'protected' and {scope}",
            cells_sql=_phenomenon_cells(),
            groups=(phenomenon_group,),
            measure_scope=phenomenon_denominator,
            hierarchies=(Hierarchy("gender", GENDER_PARTS, gender), Hierarchy("age_group", all_of("all"), age),
                         Hierarchy("region_code", counties, area)),
        )
        for family, scope, gender, age, area in families
    ]
    same = [Structure(table=t, key=PHENOMENON_KEY, groups=(phenomenon_group,),
                      scope="disclosure_control = 'protected'", measure_scope=phenomenon_denominator,
                      same_cells="phenomenon_indicators")
            for t in PHENOMENON_MARTS[1:]]
    social_reporting = Structure(
        table="social_reporting",
        key=("aggregation_level", "period_label", "phenomenon", "shl11_need_code", "valence",
             "service_area_code", "sub_region_name"),
        groups=(Group(measures=("observations",), primary=(_count("observations"),)),),
        margins=Margins(
            totals={"phenomenon": "all", "shl11_need_code": "all", "valence": "all", "service_area_code": "all",
                    "sub_region_name": "Kaikki alueet"},
            multi=frozenset({"phenomenon", "shl11_need_code"}),
            ignore=("aggregation_level",),
        ),
    )
    supervision = Structure(
        table="complaint_cases",
        key=("period_label", "case_type", "service_area_code", "category", "phenomenon"),
        groups=(
            Group(measures=("case_count", "decided_count", "open_count"),
                  primary=(_count("case_count"), _count("decided_count"), _count("open_count"))),
            Group(measures=(), derived=("median_handling_days", "p90_handling_days", "mean_handling_days"),
                  primary=("decided_count < 2 * {t}",)),
            Group(measures=("overdue_count",), primary=(_count("overdue_count"),)),
            Group(measures=("event_over_2y_count",), primary=(_count("event_over_2y_count"),)),
        ),
    )
    feedback = Structure(
        table="client_feedback",
        key=("period_label", "service_area_code"),
        groups=(
            Group(measures=("feedback_count", "rated_count", "text_count"),
                  primary=(_count("feedback_count"), _count("rated_count"), _count("text_count"))),
            Group(measures=("rating_count",), derived=("mean_rating",), primary=(_count("rating_count"),)),
            Group(measures=("score_count",), derived=("mean_score",), primary=(_count("score_count"),)),
            Group(measures=("low_rating_count",), derived=("low_rating_share",),
                  primary=(_count("low_rating_count"), _complement("low_rating_count", "rating_count"))),
            Group(measures=("swedish_count",), primary=(_count("swedish_count"),)),
        ),
    )
    signals = Structure(
        table="professional_signals",
        key=("source_system", "indicator_code", "period_label", "service_area_code", "breakdown",
             "breakdown_value"),
        groups=(Group(
            measures=("numerator", "denominator"),
            derived=("value",),
            primary=(_count("numerator"), _count("denominator"),
                     f"unit = 'percent' and {_complement('numerator', 'denominator')}"),
        ),),
        measure_scope={"denominator": "unit = 'percent'"},
        hierarchies=(Hierarchy("service_area_code", all_of("all")),),
        # a patient-ombudsman contact or a supervision finding can concern two phenomena ('none' = no phenomenon):
        # the phenomenon breakdown covers its total (total ≤ Σ parts, every part ≤ total)
        breakdowns=(Breakdown("breakdown", "breakdown_value", "total", "all", kinds={"phenomenon": "cover"}),),
    )
    # Instrument cells add up exactly (bands to assessed clients, municipalities to the county); the register's
    # clients of a service task are placed in their latest municipality, and the county also counts clients
    # whose municipality is outside the county's list, so there the county only contains its municipalities.
    instruments = [
        Structure(
            table="instrument_use",
            name=f"instrument_use[{name}]",
            key=("instrument", "instrument_version", "item", "client_group", "region_code", "period_label",
                 "band"),
            cells_sql=INSTRUMENT_CELLS,
            scope=scope,
            groups=(Group(measures=("n", "assessments"), primary=(_count("n"), _count("assessments"))),),
            measure_scope={"assessments": "band = '_all' and instrument <> '_register'"},
            hierarchies=(Hierarchy("band", all_of("_all")), Hierarchy("region_code", counties, kind)),
        )
        for name, scope, kind in (("assessments", "instrument <> '_register'", "sum"),
                                  ("register", "instrument = '_register'", "contains"))
    ]
    # plan_follow_up repeats each knowledge mart's latest county figure on the actions it evidences
    evidence = Structure(
        table="plan_follow_up",
        key=("evidence_mart", "evidence_measure", "evidence_period"),
        cells_sql=EVIDENCE_CELLS,
        # national_comparison's indicator count, client panels' meetings and the bodies' handlings count no people
        scope="evidence_mart not in ('national_comparison', 'client_panels', 'measures_follow_up')",
        groups=(Group(measures=("evidence_value",), primary=(_count("evidence_value"),)),),
    )
    panels = Structure(
        table="client_panels",
        key=("period_label", "panel_type", "phenomenon"),
        groups=(Group(measures=("participants",), primary=(_count("participants"),)),),
        # panel type 'all' = client councils + citizens' forums; phenomena declare nothing: a meeting can touch
        # several phenomena or none, so 'all' is neither the sum, a cover nor a container of them (each part is
        # only at most 'all', which a published 'all' of at least t already leaves t wide)
        hierarchies=(Hierarchy("panel_type", all_of("all")),),
    )
    halves = [replace(s, cells_sql=PERIOD_YEAR_CELLS) for s in (social_reporting, supervision, feedback, panels)]
    yearly = [replace(s, table=f"{s.table}_yearly") for s in halves]
    return [*phenomenon, *same, *halves, signals, *instruments, evidence, *yearly]


# The knowledge marts with a yearly twin (<mart>_yearly, period_label '2025'): cells carry their year, so that a
# year's cell can be linked to its halves' cells.
YEARLY_TWINS = ("social_reporting", "complaint_cases", "client_feedback", "client_panels")
PERIOD_YEAR_CELLS = "select *, substring(period_label, 1, 4) as period_year from {table}"


def _yearly_links() -> tuple[Link, ...]:
    """year = H1 + H2, per cell and measure, for every yearly twin. Each twin counts events that fall in exactly
    one half-year (submissions, feedback items, cases by receipt, attendances at meetings): never distinct
    persons over the year, which would make the year a "cover" of its halves instead of their sum. Without these
    links an outsider could subtract a published half from the year to recover the other half's hidden cell."""
    out = []
    for s in structures():
        if s.table not in YEARLY_TWINS:
            continue
        on = (("period_year", "period_year"), *((k, k) for k in s.key if k != "period_label"))
        out.extend(Link(total=f"{s.table}_yearly", total_where="true", parts=s.table, parts_where="true",
                        measure=m, total_measure=m, on=on) for m in s.measures)
    return tuple(out)


def _phenomenon_cells() -> str:
    """The phenomenon facts with each municipality's sub-region and the phenomenon of a social-reporting or
    complaints indicator, for the links to social_reporting and complaint_cases."""
    pairs = ", ".join(f"('{m}', '{r}')" for m, r in sorted(municipality_sub_regions().items()))
    return f"""
select p.*, s.sub_region_name,
       regexp_extract(p.indicator_code, '^(social_reporting_observations|complaints_cases)_(.*)$', 2) as link_phenomenon
from {{table}} as p
left join (values {pairs}) as s(municipality_code, sub_region_name) on s.municipality_code = p.region_code
"""


EVIDENCE_CELLS = """
select evidence_mart, evidence_measure, evidence_period, max(evidence_value) as evidence_value,
       bool_or(evidence_value is null and evidence_mart is not null) as is_suppressed
from {table}
where evidence_mart is not null
group by all
"""


def _evidence(mart: str, structure: str, measure: str, where: str = "true") -> Link:
    return Link(total="plan_follow_up", total_where=f"evidence_mart = '{mart}'", parts=structure,
                parts_where=where, measure=measure, on=(("evidence_period", "period_label"),))


# Totals one mart publishes over another's cells (checked on the true data by the integration tests):
# - the evidence figures of int_plan_actions__evidence_collected;
# - the county's complaints per phenomenon (phenomenon marts) = complaint_cases' cases of that phenomenon
#   (a case tagged with two phenomena is in one supervision row and in both phenomena's totals);
# - social reports per phenomenon: a sub-region's municipalities (phenomenon marts) = that sub-region's row of
#   social_reporting, and the county's row = social_reporting's phenomenon margin.
LINKS = (
    _evidence("social_reporting", "social_reporting", "observations",
              "aggregation_level = 'phenomenon' and phenomenon = 'all'"),
    _evidence("complaint_cases", "complaint_cases", "case_count"),
    _evidence("client_feedback", "client_feedback", "feedback_count"),
    _evidence("professional_signals", "professional_signals", "numerator",
              "indicator_code = 'staff_survey_respondents' and breakdown = 'total' and service_area_code = 'all'"),
    _evidence("instrument_use", "instrument_use[assessments]", "assessments",
              "band = '_all' and instrument not in ('_register', 'MARAK') and region_code = '05' "
              "and (item = 'total' or (instrument = '3X10D' and item = 'item_1'))"),
    *(Link(total="phenomenon_indicators[exact]",
           total_where=f"indicator_code = 'complaints_cases_{p}' and region_code = '05'",
           parts="complaint_cases", parts_where=f"contains(phenomenon, '{p}')", measure="case_count",
           on=(("period_label", "period_label"),)) for p in PHENOMENA),
    Link(total="social_reporting", total_where="aggregation_level = 'phenomenon_sub_region'",
         parts="phenomenon_indicators[other]",
         parts_where="link_phenomenon <> '' and indicator_code like 'social_reporting_observations_%' "
                     "and sub_region_name is not null",
         measure="numerator",
         on=(("period_label", "period_label"), ("phenomenon", "link_phenomenon"),
             ("sub_region_name", "sub_region_name"))),
    Link(total="social_reporting", total_where="aggregation_level = 'phenomenon' and phenomenon <> 'all'",
         parts="phenomenon_indicators[other]",
         parts_where="indicator_code like 'social_reporting_observations_%' and region_code = '05'",
         measure="numerator", on=(("period_label", "period_label"), ("phenomenon", "link_phenomenon"))),
)


@dataclass(frozen=True)
class Copy:
    """A mart that repeats another mart's published value: the copy's `value[0]` is the source's `value[1]` in
    the source row that agrees on `on` (pairs of copy column, source column) and matches `source_where` (SQL over
    the source row, aliased s). The publish layer hides the copy wherever the source's value is hidden, with the
    copy's columns built on it (`also`); the auditor checks that the two agree."""

    table: str
    source: str
    on: tuple[tuple[str, str], ...]
    source_where: str
    value: tuple[str, str]
    also: tuple[str, ...] = ()


# measures_follow_up's county values before and after a measure are phenomenon_indicators' values (county, total
# gender, all ages): hidden exactly where they are hidden there, with the change and the status built on them.
_FOLLOW_UP = dict(table="measures_follow_up", source="phenomenon_indicators",
                  source_where="s.gender = 'total' and s.age_group = 'all'",
                  also=("county_change", "evaluation_status"))
COPIES = tuple(
    Copy(on=(("indicator_code", "indicator_code"), ("region_code", "region_code"), (f"{side}_period_label",
                                                                                      "period_label")),
         value=(f"{side}_value", "value"), **_FOLLOW_UP)
    for side in ("baseline", "followup")
)


# instrument_use repeats group-level counts on every band row: as cells, each count is one cell.
#   band rows:      n = band_clients
#   '_all' rows:    n = assessed_clients (= Σ bands), assessments          per instrument group
#   '_register':    n = clients_in_service_task                            per client group, area and period
INSTRUMENT_CELLS = """
select instrument, instrument_version, item, client_group, region_code, period_label, band,
       band_clients as n, cast(null as bigint) as assessments, is_suppressed
from {table}
union all
select instrument, instrument_version, item, client_group, region_code, period_label, '_all',
       max(assessed_clients), max(assessments), bool_or(is_suppressed)
from {table}
group by all
union all
select '_register', '', '', client_group, region_code, period_label, '_all',
       max(clients_in_service_task), null, bool_or(is_suppressed)
from {table}
where clients_in_service_task is not null or is_suppressed
group by all
"""

INSTRUMENT_APPLY = (
    Apply("band <> '_all'", ("instrument", "instrument_version", "item", "client_group", "region_code",
                             "period_label", "band"), ("band_clients", "band_share_pct")),
    Apply("band = '_all' and instrument <> '_register'",
          ("instrument", "instrument_version", "item", "client_group", "region_code", "period_label"),
          ("assessed_clients", "assessments", "assessed_share_pct", "band_share_pct")),
    Apply("instrument = '_register'", ("client_group", "region_code", "period_label"),
          ("clients_in_service_task", "assessed_share_pct")),
)

APPLY = {
    "instrument_use": INSTRUMENT_APPLY,
    "plan_follow_up": (Apply("true", ("evidence_mart", "evidence_measure", "evidence_period"),
                             ("evidence_value",)),),
}

LINKS = (*LINKS, *_yearly_links())  # after every structure's SQL above is defined


@cache
def referenced_columns() -> frozenset[str]:
    """Every name the declarations above mention (keys, measures, relation columns, the SQL of scopes, primary
    rules, links and applies): the columns the disclosure layer reads of a mart's cells. The others (names,
    labels, notes: long text) are not loaded (`cells.load_cells`)."""
    text = repr((structures(), LINKS, APPLY, COPIES)).replace("\\n", " ").replace("\\t", " ")  # SQL's line breaks
    return frozenset(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
