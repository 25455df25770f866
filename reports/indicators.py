"""What a direction means in a report: trend words, rank and change colours that follow each indicator's
`direction` (higher_is_worse, higher_is_better, neutral). An activity measure (neutral), such as the number of
social reports, is never called better or worse: it grew or fell."""

from __future__ import annotations

from reports.formatting import is_missing
from reports.snapshot import Snapshot

# a trend whose change over its span is under 2 % of the latest value is "stable"
STABLE_SHARE = 0.02


def change_class(change, direction: str | None) -> tuple[str, str]:
    """(trend word key, css class) for a change (or slope) in an indicator with this direction."""
    if is_missing(change):
        return "trend_unknown", "neutral"
    if change == 0:
        return "trend_stable", "neutral"
    up = change > 0
    if direction == "higher_is_worse":
        return ("trend_worse", "worse") if up else ("trend_better", "better")
    if direction == "higher_is_better":
        return ("trend_better", "better") if up else ("trend_worse", "worse")
    return ("trend_up", "neutral") if up else ("trend_down", "neutral")


def trend(slope, points, value, direction: str | None) -> tuple[str, str]:
    """The 5-year trend in words: a least-squares slope over `points` yearly values, stable when small."""
    if is_missing(slope) or not points or points < 3:
        return "trend_unknown", "neutral"
    span = abs(slope) * (points - 1)
    if span <= STABLE_SHARE * max(abs(value or 0.0), 1e-9):
        return "trend_stable", "neutral"
    return change_class(slope, direction)


def rank_class(rank, areas, direction: str | None) -> str:
    """Best quarter green, worst quarter red (rank 1 = best by direction); nothing for neutral indicators."""
    if direction not in ("higher_is_worse", "higher_is_better") or is_missing(rank) or not areas:
        return "neutral"
    if rank <= areas / 4:
        return "better"
    if rank > areas * 3 / 4:
        return "worse"
    return "neutral"


def county_statistics(snap: Snapshot, last_year: int | None = None) -> list[dict]:
    """The compared county's latest published value of each nationally comparable indicator (total gender, all
    ages), up to `last_year`, with the country's value, the rank among the areas and the 5-year trend; each row
    carries its `trend_key`, `trend_class` and `rank_class`."""
    if not snap.has("national_comparison"):
        return []
    cap = "and year <= ?" if last_year else ""
    rows = snap.rows(f"""
        with county as (
            select *, {snap.direction_sql('national_comparison')} as dir
            from marts.national_comparison
            where is_compared_county and gender = 'total' and age_group = 'all' {cap}
        ), latest as (
            select indicator_code, max(year) as year from county group by indicator_code
        )
        select c.phenomenon, c.indicator_code, c.indicator_name_fi, c.unit, c.dir as direction, c.year, c.value,
               c.is_suppressed, c.country_value, c.rank_in_country, c.areas_ranked, c.trend_slope_5y,
               c.trend_points, c.source_organisation
        from county c join latest l using (indicator_code, year)
        order by c.phenomenon, c.indicator_code""", [last_year] if last_year else [])
    for row in rows:
        row["trend_key"], row["trend_class"] = trend(row["trend_slope_5y"], row["trend_points"], row["value"],
                                                     row["direction"])
        row["rank_class"] = rank_class(row["rank_in_country"], row["areas_ranked"], row["direction"])
    return rows


def county_series(snap: Snapshot, indicator_code: str, last_year: int) -> tuple[list[int], list, list]:
    """Years, the compared county's values and the country's values of one indicator (total, all ages)."""
    rows = snap.rows("""
        select year, value, country_value from marts.national_comparison
        where is_compared_county and gender = 'total' and age_group = 'all' and indicator_code = ? and year <= ?
        order by year""", [indicator_code, last_year])
    return [r["year"] for r in rows], [r["value"] for r in rows], [r["country_value"] for r in rows]
