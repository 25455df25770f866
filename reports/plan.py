"""The implementation plan's section of the half-year package: progress per goal (chart and table), the actions
whose status changed in the latest plan version, and the knowledge marts that evidence the actions. Reads only
`marts.plan_follow_up`; `plan_context` gives the template's data, `render_plan_section` the section alone."""

from __future__ import annotations

import duckdb

from reports import charts
from reports.formatting import date as _date
from reports.formatting import number, share
from reports.i18n import Texts
from reports.render import render
from reports.snapshot import Snapshot

MART = "plan_follow_up"
STATUSES = ("in_use", "in_preparation", "not_settled")


def _change_text(row: dict, t: Texts) -> str:
    status = t.name("plan_status", row["status_code"], row["status_fi"] or "")
    before = t.name("plan_status", row["previous_status_code"], row["previous_status_fi"] or "–")
    kind = row["change_type"]
    if kind == "status_changed" or (kind == "reappeared" and row["status_changed"]):
        key = "pl_reappeared_changed" if kind == "reappeared" else "pl_changed"
        return t(key, before=before, after=status)
    if kind == "added":
        return t("pl_added", status=status)
    if kind == "removed":
        return t("pl_removed", status=before)
    if kind == "reappeared":
        return t("pl_reappeared", status=status)
    return t("pl_wording")


def plan_context(snap: Snapshot, lang: str, draw: charts.Drawings | None = None) -> dict | None:
    """What the plan section shows, in one language; None when the mart is not published or empty. `draw`: where
    its chart is drawn (`charts.Drawings`: kept and reused by content); by default drawn here."""
    t = Texts(lang)
    if not snap.has(MART):
        return None
    versions = snap.rows(f"""
        select distinct version_number, snapshot_date, plan_actions, plan_actions_in_use, plan_share_in_use
        from marts.{MART} order by version_number""")
    if not versions:
        return None
    latest, previous = versions[-1], (versions[-2] if len(versions) > 1 else None)
    goals = snap.rows(f"""
        select goal, max(goal_actions) as n, max(goal_actions_in_use) as n_in_use,
               max(goal_actions_in_preparation) as n_in_preparation,
               max(goal_actions_not_settled) as n_not_settled, max(goal_share_in_use) as share
        from marts.{MART} where is_latest_version and is_present group by goal order by goal""")
    changes = snap.rows(f"""
        select goal, action, change_type, status_code, status_fi, previous_status_code, previous_status_fi,
               status_changed, status_since
        from marts.{MART}
        where is_latest_version
          and (change_type in ('status_changed', 'added', 'removed', 'reappeared') or wording_changed)
        order by goal, action""")
    evidence = snap.rows(f"""
        select action, status_code, status_fi, evidence_name_fi, evidence_mart, evidence_period, evidence_value,
               evidence_is_lower_bound
        from marts.{MART}
        where is_latest_version and is_present and evidence_mart is not null
        order by evidence_mart, action""")
    waiting = snap.rows(f"""select count(*) as n, max(days_in_status) as longest from marts.{MART}
                            where is_latest_version and status_code = 'not_settled'""")[0]

    intro = t("pl_intro", date=_date(latest["snapshot_date"]), in_use=latest["plan_actions_in_use"],
              actions=latest["plan_actions"], share=share(latest["plan_share_in_use"]))
    if previous:
        intro += t("pl_previous", date=_date(previous["snapshot_date"]), in_use=previous["plan_actions_in_use"],
                   actions=previous["plan_actions"], share=share(previous["plan_share_in_use"]))
    intro += "."
    if waiting["n"]:
        intro += t("pl_waiting", n=waiting["n"], days=waiting["longest"])
    chart = None
    if goals:
        png, *_ = (draw or charts.Drawings.embedded())(
            charts.stacked,
            [g["goal"] for g in goals],
            [charts.Series(t.name("plan_status", s), [g[f"n_{s}"] for g in goals], charts.COLOURS[s])
             for s in STATUSES],
            t("pl_chart"), t("pl_actions"),
            [f"{share(g['share'])} {t('pl_in_use_suffix')}" for g in goals])
        chart = charts.data_uri(png)
    for e in evidence:
        value = number(e["evidence_value"]) if e["evidence_period"] else "–"
        if e["evidence_is_lower_bound"] and e["evidence_value"] is not None:
            value = t("pl_at_least", value=value)  # some cells behind the sum are hidden in their mart
        e["value_text"] = value
        e["status_text"] = t.name("plan_status", e["status_code"], e["status_fi"] or "")
    for c in changes:
        c["text"] = _change_text(c, t)
    return {"intro": intro, "goals": goals, "chart": chart, "changes": changes, "evidence": evidence,
            "previous": previous, "latest": latest,
            "period_note": (f" ({_date(previous['snapshot_date'])} → {_date(latest['snapshot_date'])})"
                            if previous else "")}


def render_plan_section(con: duckdb.DuckDBPyConnection, lang: str = "fi") -> str:
    """The plan follow-up section as an HTML fragment (reads marts.plan_follow_up)."""
    return render("_plan.html.j2", lang, plan=plan_context(Snapshot(con), lang)).strip()
