"""The half-year package for management (puolivuotisraportti): one self-contained HTML file per language.

On top, one page of key messages per phenomenon (Varha's rank and trend in the national comparison, the change
in social reporting, open proposals, the measures' evaluations and the analyst's synthesis); then social
reporting, client data signals, statistics, proposals and decisions, measures and their follow-up, the plan's
progress and the information needs. Rendered from Jinja2 templates, in Finnish and Swedish, from the published
marts only: a protected cell is "–", is never plotted, and no count the snapshot hides appears anywhere. A mart
that is not published gives its section a "no data" message instead of failing the package.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from reports import charts
from reports.formatting import half_year as half_year_name
from reports.i18n import LANGUAGES, PHENOMENA, Texts
from reports.indicators import change_class, county_statistics
from reports.plan import plan_context
from reports.render import render
from reports.snapshot import ReportError, Snapshot

__all__ = ["ReportError", "render_half_year_package", "render_half_year_report", "package_file_name"]

SOCIAL_ROWS = [*PHENOMENA, "other"]
VALENCES = ["negative", "weak_signal", "positive"]
ALL_AREAS = "Kaikki palvelualueet"
NEED_ORDER = {"open": 0, "in_progress": 1, "met": 2, "dropped": 3}


def package_file_name(label: str, lang: str) -> str:
    return f"puolivuosiraportti_{label}_{lang}.html"


@dataclass
class HalfYear:
    """Everything the package shows, read once from the snapshot; language-neutral."""

    label: str
    start: dt.date
    end: dt.date
    labels: list[str]
    threshold: int
    as_of: dt.date | None
    social: dict = field(default_factory=dict)
    statistics: list[dict] = field(default_factory=list)
    signals: dict = field(default_factory=dict)
    follow_up: list[dict] = field(default_factory=list)
    proposals: list[dict] = field(default_factory=list)
    synthesis: list[dict] = field(default_factory=list)
    needs: list[dict] | None = None
    present: set[str] = field(default_factory=set)

    @property
    def previous(self) -> str | None:
        return self.labels[-2] if len(self.labels) > 1 else None


# -- reading ---------------------------------------------------------------------------------------------------
def _periods(snap: Snapshot) -> list[tuple[str, dt.date, dt.date]]:
    missing = {"social_reporting", "development_proposals"} - snap.tables
    if missing:
        raise ReportError("the half-year report needs marts." + ", marts.".join(sorted(missing))
                          + " (build the dbt marts first)")
    return [(r["period_label"], r["period_start"], r["period_end"]) for r in snap.rows(
        "select distinct period_label, period_start, period_end from marts.social_reporting order by period_start")]


def _pick(snap: Snapshot, periods, as_of: dt.date | None, half_year: str | None):
    if not periods:
        raise ReportError("marts.social_reporting is empty: no social reports to report on")
    if half_year is not None:
        for period in periods:
            if period[0] == half_year:
                return period
        raise ReportError(f"half-year {half_year!r} is not in marts.social_reporting "
                          f"(available: {', '.join(p[0] for p in periods)})")
    today = dt.date.today()
    completed = [p for p in periods if p[2] < today or (as_of is not None and p[2] <= as_of)]
    if not completed:
        raise ReportError("no completed half-year in marts.social_reporting yet "
                          f"(periods: {', '.join(p[0] for p in periods)})")
    return completed[-1]


def _cells(snap: Snapshot, level: str, *dims: str) -> dict[tuple, int | None]:
    """Published observation counts by (period_label, *dims); a hidden cell is None."""
    cols = ", ".join(("period_label",) + dims)
    rows = snap.con.execute(f"select {cols}, observations, is_suppressed from marts.social_reporting "
                            "where aggregation_level = ?", [level]).fetchall()
    return {tuple(r[:-2]): (None if r[-1] else r[-2]) for r in rows}


def _social(snap: Snapshot, hy: HalfYear) -> dict:
    by_phenomenon = _cells(snap, "phenomenon", "phenomenon")
    by_valence = _cells(snap, "phenomenon_valence", "phenomenon", "valence")
    by_area = _cells(snap, "phenomenon_service_area", "phenomenon", "service_area_code")
    area_names = dict(snap.con.execute(
        "select distinct service_area_code, service_area_name_fi from marts.social_reporting "
        "where aggregation_level = 'phenomenon_service_area' and service_area_name_fi <> ?", [ALL_AREAS]).fetchall())
    label = hy.label

    def get(cells, *key):
        return cells.get(key, 0)  # no row: nothing was reported

    areas = sorted({a for (lab, _, a) in by_area if lab == label and a in area_names}, key=lambda a: area_names[a])
    return {
        "total": get(by_phenomenon, label, "all"),
        "previous_total": get(by_phenomenon, hy.previous, "all") if hy.previous else None,
        "valence": {p: {v: get(by_valence, label, p, v) for v in VALENCES} | {"all": get(by_phenomenon, label, p)}
                    for p in [*SOCIAL_ROWS, "all"]},
        "trend": {p: [get(by_phenomenon, lab, p) for lab in hy.labels] for p in [*SOCIAL_ROWS, "all"]},
        "areas": [{"code": a, "name_fi": area_names[a],
                   "values": [get(by_area, label, p, a) for p in [*SOCIAL_ROWS, "all"]]} for a in areas],
    }


def _age_key(days: int | None) -> str:
    """How long a proposal has been open, in words (no small numbers in the report, not even days)."""
    if days is None:
        return "age_unknown"
    for limit, key in ((7, "age_week"), (31, "age_month"), (92, "age_over_month"), (183, "age_over_quarter"),
                       (365, "age_over_half_year")):
        if days < limit:
            return key
    return "age_over_year"


def _open_proposals(snap: Snapshot, end: dt.date) -> list[dict]:
    merged: dict[str, dict] = {}
    for r in snap.rows("""
            select proposal_key, phenomenon, period_label, service_area_code, service_area_name_fi,
                   handling_status, age_days, proposal_text
            from marts.development_proposals
            where is_open and period_end <= ?
            order by age_days desc, proposal_key, phenomenon""", [end]):
        item = merged.setdefault(r["proposal_key"], {**r, "phenomena": [], "age_key": _age_key(r["age_days"])})
        item["phenomena"].append(r["phenomenon"])
    return list(merged.values())


def _indicator_series(snap: Snapshot, codes: list[str], labels: list[str]) -> dict[str, list]:
    """Half-yearly county values of phenomenon indicators (total, all ages); a hidden value is None."""
    if not snap.has("phenomenon_indicators") or not codes:
        return {}
    rows = snap.rows(f"""
        select indicator_code, period_label, value, is_suppressed from marts.phenomenon_indicators
        where region_level = 'wellbeing_county' and gender = 'total' and age_group = 'all'
          and period_type = 'half_year' and indicator_code in ({', '.join('?' * len(codes))})""", codes)
    found = {(r["indicator_code"], r["period_label"]): (None if r["is_suppressed"] else r["value"]) for r in rows}
    return {c: [found.get((c, lab)) for lab in labels] for c in codes if any((c, lab) in found for lab in labels)}


def _signals(snap: Snapshot, hy: HalfYear) -> dict:
    labels = hy.labels[-4:]
    complaints = _indicator_series(snap, [f"complaints_cases_{p}" for p in PHENOMENA], labels)
    items = _indicator_series(snap, [f"client_feedback_items_{p}" for p in PHENOMENA], [hy.label])
    low = _indicator_series(snap, [f"client_feedback_low_rating_share_{p}" for p in PHENOMENA], [hy.label])
    feedback = snap.table("client_feedback", "period_label = ? and period_type = 'half_year'",
                          "service_area_name_fi, service_area_code", [hy.label])
    panels = snap.table("client_panels", "period_label = ?", "panel_type, phenomenon", [hy.label])
    return {
        "labels": labels,
        "complaints": [(p, complaints.get(f"complaints_cases_{p}")) for p in PHENOMENA],
        "has_complaints": bool(complaints),
        "feedback_by_phenomenon": [(p, items.get(f"client_feedback_items_{p}", [None])[0],
                                    low.get(f"client_feedback_low_rating_share_{p}", [None])[0]) for p in PHENOMENA],
        "has_feedback_by_phenomenon": bool(items or low),
        "feedback": feedback,
        "has_feedback": snap.has("client_feedback"),
        "panels": panels,
        "has_panels": snap.has("client_panels"),
    }


def _follow_up(snap: Snapshot, hy: HalfYear) -> list[dict]:
    if not snap.has("measures_follow_up"):
        return []
    units = dict(snap.con.execute("select distinct indicator_code, unit from marts.phenomenon_indicators")
                 .fetchall()) if snap.has("phenomenon_indicators") else {}
    texts = dict(snap.con.execute("select proposal_key, min(proposal_text) from marts.development_proposals "
                                  "group by proposal_key").fetchall())
    rows = snap.table("measures_follow_up", "meeting_date is null or meeting_date <= ?",
                      "meeting_date desc nulls last, handling_id, indicator_code nulls first", [hy.end])
    for row in rows:
        row["unit"] = units.get(row.get("indicator_code"))
        row["proposal_text"] = texts.get(row.get("proposal_key"))
        national = None
        if row.get("national_followup_value") is not None and row.get("national_baseline_value") is not None:
            national = row["national_followup_value"] - row["national_baseline_value"]
        row["national_change"] = national
        row["change_class"] = change_class(row.get("county_change"), row.get("direction"))[1]
        row["status_class"] = {"on_track": "better", "worse": "worse"}.get(row.get("evaluation_status"), "neutral")
    return rows


def _indicator_names(snap: Snapshot) -> dict[str, str]:
    if not snap.has("phenomenon_indicators"):
        return {}
    return dict(snap.con.execute("select indicator_code, min(indicator_name_fi) from marts.phenomenon_indicators "
                                 "group by indicator_code").fetchall())


def read(snap: Snapshot, half_year: str | None = None) -> HalfYear:
    periods = _periods(snap)
    info = snap.rows("select max(suppression_threshold) as t, max(as_of_date) as as_of from marts.social_reporting")
    as_of = info[0]["as_of"] if info else None
    label, start, end = _pick(snap, periods, as_of, half_year)
    hy = HalfYear(label=label, start=start, end=end, labels=[p[0] for p in periods if p[1] <= start],
                  threshold=int(info[0]["t"]) if info and info[0]["t"] is not None else 5, as_of=as_of)
    hy.present = set(snap.tables)
    hy.social = _social(snap, hy)
    hy.proposals = _open_proposals(snap, end)
    hy.statistics = county_statistics(snap, last_year=end.year)
    hy.signals = _signals(snap, hy)
    hy.follow_up = _follow_up(snap, hy)
    order = "finding_order" if "finding_order" in snap.columns("analyst_synthesis") else "finding_fi"
    hy.synthesis = snap.table("analyst_synthesis", "period_label = ?", f"phenomenon nulls first, {order}", [label])
    names = _indicator_names(snap)
    for finding in hy.synthesis:  # references as names: an indicator's name, or a source named in i18n
        finding["refs"] = [names.get(ref, ref) for ref in re.split(r"\s*;\s*", finding.get("evidence_refs") or "")
                           if ref]
    if snap.has("information_needs"):
        needs = snap.table("information_needs", "raised_on is null or raised_on <= ?", "raised_on, need_id", [end])
        names = _indicator_names(snap)
        for need in needs:
            need["met_by_indicator_name"] = names.get(need.get("met_by_indicator_code"),
                                                      need.get("met_by_indicator_code"))
        hy.needs = sorted(needs, key=lambda n: NEED_ORDER.get(n["status"], 9))
    return hy


# -- per language ----------------------------------------------------------------------------------------------
def _key_messages(hy: HalfYear) -> list[dict]:
    """One page per phenomenon: the figures that say where it stands, from the data, plus the analyst's words."""
    pages = []
    for p in PHENOMENA:
        now = hy.social["valence"][p]["all"]
        before = hy.social["trend"][p][-2] if hy.previous else None
        change = None
        if now is not None and before:
            change = (now - before) / before * 100
        open_count = sum(1 for item in hy.proposals if p in item["phenomena"])
        statistics = [s for s in hy.statistics if s["phenomenon"] == p]
        rates = [s for s in statistics if s["unit"] != "count"]
        pages.append({
            "phenomenon": p,
            "statistics": rates or statistics,  # one page: the rates; every indicator is in the statistics section
            "social_now": now, "social_before": before, "social_change": change,
            "open_proposals": open_count,
            "measures": [m for m in hy.follow_up if m.get("phenomenon") == p],
            "synthesis": [s for s in hy.synthesis if s.get("phenomenon") == p],
        })
    return pages


def _charts(hy: HalfYear, t: Texts, draw: charts.Drawings) -> dict[str, str]:
    rows = SOCIAL_ROWS
    valence, *_ = draw(
        charts.bars,
        [t.name("phenomenon", p) for p in rows],
        [charts.Series(t.name("valence", v), [hy.social["valence"][p][v] for p in rows], charts.COLOURS[v])
         for v in VALENCES],
        t("chart_sr_half", period=half_year_name(hy.label, t.lang)), t("observations"))
    trend, *_ = draw(
        charts.lines,
        hy.labels,
        [charts.Series(t.name("phenomenon", p), hy.social["trend"][p], charts.COLOURS[p]) for p in rows],
        t("chart_sr_trend"), t("observations"))
    return {"valence": charts.data_uri(valence), "trend": charts.data_uri(trend)}


def render_half_year_html(snap: Snapshot, hy: HalfYear, lang: str, draw: charts.Drawings | None = None) -> str:
    """`draw`: where the charts are drawn (`charts.Drawings`); by default each is drawn here."""
    t = Texts(lang)
    draw = draw or charts.Drawings.embedded()
    return render(
        "half_year.html.j2", lang, hy=hy, social=hy.social, signals=hy.signals, phenomena=PHENOMENA,
        social_rows=SOCIAL_ROWS, valences=VALENCES, key_messages=_key_messages(hy), charts=_charts(hy, t, draw),
        statistics={p: [s for s in hy.statistics if s["phenomenon"] == p] for p in PHENOMENA},
        decided=_decided(hy.follow_up), waiting=_waiting(hy.follow_up),
        measures=[m for m in hy.follow_up if m.get("evaluation_status") != "no_decision"
                  and (m.get("measure") or m.get("indicator_code"))],
        general_synthesis=[s for s in hy.synthesis if s.get("phenomenon") not in PHENOMENA],
        plan=plan_context(snap, lang, draw), file_name=package_file_name(hy.label, lang))


def _decided(follow_up: list[dict]) -> list[dict]:
    """One row per handling (a handling follows several indicators in several rows)."""
    seen: dict = {}
    for row in follow_up:
        if row.get("evaluation_status") != "no_decision" and row.get("handling_id") not in seen:
            seen[row.get("handling_id")] = row
    return list(seen.values())


def _waiting(follow_up: list[dict]) -> list[dict]:
    seen: dict = {}
    for row in follow_up:
        if row.get("evaluation_status") == "no_decision":
            seen.setdefault((row.get("proposal_key"), row.get("topic")), row)
    return list(seen.values())


def render_half_year_package(con: duckdb.DuckDBPyConnection, out_dir: Path, half_year: str | None = None,
                             languages: Iterable[str] = LANGUAGES, chart_cache: Path | None = None) -> dict[str, Path]:
    """Write `puolivuosiraportti_<half-year>_<lang>.html` for each language into `out_dir`; returns the paths.

    Reads only the published marts. `half_year` is a label such as '2025H2'; by default the latest completed
    half-year (ended before today, or covered by the data's as-of date). `chart_cache`: a private folder where
    the charts drawn are kept, so that the next package draws only those whose data changed (`charts.Drawings`)."""
    snap = Snapshot(con)
    hy = read(snap, half_year)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    draw = charts.Drawings.embedded(chart_cache)
    paths = {}
    for lang in languages:
        path = out_dir / package_file_name(hy.label, lang)
        path.write_text(render_half_year_html(snap, hy, lang, draw), encoding="utf-8")
        paths[lang] = path
    draw.prune()
    return paths


def render_half_year_report(con: duckdb.DuckDBPyConnection, out_path: Path, half_year: str | None = None,
                            lang: str = "fi") -> Path:
    """The package in one language, written to `out_path`."""
    snap = Snapshot(con)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(render_half_year_html(snap, read(snap, half_year), lang), encoding="utf-8")
    return out_path
