"""The implementation plan's section of the half-year report (puolivuotisraportti): progress per goal as a
bar chart and a table, the actions whose status changed in the latest plan version, and the knowledge marts
that evidence the actions. Reads only `marts.plan_follow_up`; returns an HTML fragment (Finnish) that the
half-year report takes in through `extra_sections`.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import textwrap
from html import escape

import duckdb

MART = "marts.plan_follow_up"
STATUS_ORDER = (("in_use", "Käytössä", "#2e7d32"), ("in_preparation", "Valmisteilla", "#f9a825"),
                ("not_settled", "Ei selvillä", "#9e9e9e"))


def _date(value: dt.date | None) -> str:
    return f"{value.day}.{value.month}.{value.year}" if value else "–"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100):d} %"


def _number(value: float | None) -> str:
    if value is None:
        return "– (ei julkaistavissa)"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _mart_exists(con: duckdb.DuckDBPyConnection) -> bool:
    schema, table = MART.split(".")
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchall()[0][0])


def _chart(goals: list[dict]) -> str:
    """Stacked horizontal bars: the goal's actions by status in the latest version; base64 PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = ["\n".join(textwrap.wrap(g["goal"], 42)) for g in goals]
    fig = Figure(figsize=(8.5, 0.9 + 0.85 * len(goals)), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    left = [0] * len(goals)
    for code, label, colour in STATUS_ORDER:
        values = [g[f"n_{code}"] for g in goals]
        ax.barh(labels, values, left=left, color=colour, label=label, edgecolor="white")
        left = [a + b for a, b in zip(left, values)]
    for y, g in enumerate(goals):
        ax.text(left[y] + 0.15, y, f"{_percent(g['share'])} käytössä", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Toimenpiteitä")
    ax.set_xlim(0, max(left + [1]) * 1.25)
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title("Toimenpiteet tavoitteittain tilan mukaan", fontsize=10)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _change_text(row: dict) -> str:
    kind = row["change_type"]
    if kind == "status_changed" or (kind == "reappeared" and row["status_changed"]):
        prefix = "Palasi versioon, tila muuttui: " if kind == "reappeared" else ""
        return f"{prefix}{escape(row['previous_status_fi'] or '')} → {escape(row['status_fi'] or '')}"
    if kind == "added":
        return f"Uusi toimenpide ({escape(row['status_fi'] or '')})"
    if kind == "removed":
        return (f"Puuttuu versiosta (oli {escape(row['previous_status_fi'] or '–')}): poistettu tai rivi "
                "hylätty tarkistuksessa")
    if kind == "reappeared":
        return f"Palasi versioon ({escape(row['status_fi'] or '')})"
    return "Sanamuoto tarkentui"


def render_plan_section(con: duckdb.DuckDBPyConnection) -> str:
    """The plan follow-up section of the half-year report as an HTML fragment (reads marts.plan_follow_up)."""
    title = "<h2>Toimeenpanosuunnitelman seuranta</h2>"
    empty = f'<section class="plan-follow-up">{title}<p>Seurantatietoa ei ole vielä saatavilla.</p></section>'
    if not _mart_exists(con):
        return empty
    versions = _rows(con, f"""
        select distinct version_number, snapshot_date, plan_actions, plan_actions_in_use, plan_share_in_use
        from {MART} order by version_number""")
    if not versions:
        return empty
    latest = versions[-1]
    previous = versions[-2] if len(versions) > 1 else None

    goals = _rows(con, f"""
        select goal,
               max(goal_actions) as n,
               max(goal_actions_in_use) as n_in_use,
               max(goal_actions_in_preparation) as n_in_preparation,
               max(goal_actions_not_settled) as n_not_settled,
               max(goal_share_in_use) as share
        from {MART}
        where is_latest_version and is_present
        group by goal
        order by goal""")
    changes = _rows(con, f"""
        select goal, action, change_type, status_fi, previous_status_fi, status_changed, status_since,
               previous_status_seen_on, wording_changed
        from {MART}
        where is_latest_version
          and (change_type in ('status_changed', 'added', 'removed', 'reappeared') or wording_changed)
        order by goal, action""")
    evidence = _rows(con, f"""
        select action, status_fi, evidence_name_fi, evidence_mart, evidence_period, evidence_value,
               evidence_is_lower_bound
        from {MART}
        where is_latest_version and is_present and evidence_mart is not null
        order by evidence_mart, action""")
    waiting = _rows(con, f"""
        select count(*) as n, max(days_in_status) as longest
        from {MART}
        where is_latest_version and status_code = 'not_settled'""")[0]

    parts = ['<section class="plan-follow-up">', title]
    intro = (f"Rakenteellisen sosiaalityön toimeenpanosuunnitelman 2025–2029 toimenpiteiden tilanne "
             f"{_date(latest['snapshot_date'])} päivitetyn version mukaan: {latest['plan_actions_in_use']} / "
             f"{latest['plan_actions']} toimenpidettä käytössä ({_percent(latest['plan_share_in_use'])})")
    if previous:
        intro += (f"; edellisessä versiossa {_date(previous['snapshot_date'])} "
                  f"{previous['plan_actions_in_use']} / {previous['plan_actions']} "
                  f"({_percent(previous['plan_share_in_use'])})")
    intro += "."
    if waiting["n"]:
        intro += (f" Tila on vielä selvittämättä {waiting['n']} toimenpiteellä; pisimmillään tila on ollut "
                  f"sama {waiting['longest']} päivää.")
    parts.append(f"<p>{escape(intro)}</p>")

    parts.append("<h3>Eteneminen tavoitteittain</h3>")
    if goals:
        parts.append(f'<img alt="Toimenpiteet tavoitteittain tilan mukaan" '
                     f'src="data:image/png;base64,{_chart(goals)}"/>')
        parts.append("<table><thead><tr><th>Tavoite</th><th>Toimenpiteitä</th><th>Käytössä</th>"
                     "<th>Valmisteilla</th><th>Ei selvillä</th><th>Käytössä-osuus</th></tr></thead><tbody>")
        for g in goals:
            parts.append(f"<tr><td>{escape(g['goal'])}</td><td>{g['n']}</td><td>{g['n_in_use']}</td>"
                         f"<td>{g['n_in_preparation']}</td><td>{g['n_not_settled']}</td>"
                         f"<td>{_percent(g['share'])}</td></tr>")
        parts.append("</tbody></table>")

    heading = "Muutokset viimeisimmässä versiossa"
    if previous:
        heading += f" ({_date(previous['snapshot_date'])} → {_date(latest['snapshot_date'])})"
    parts.append(f"<h3>{escape(heading)}</h3>")
    if not previous:
        parts.append("<p>Suunnitelmasta on toistaiseksi vain yksi versio.</p>")
    elif not changes:
        parts.append("<p>Toimenpiteiden tiloissa ei ole muutoksia edelliseen versioon.</p>")
    else:
        parts.append("<table><thead><tr><th>Tavoite</th><th>Toimenpide</th><th>Muutos</th>"
                     "<th>Tila alkaen</th></tr></thead><tbody>")
        for c in changes:
            parts.append(f"<tr><td>{escape(c['goal'])}</td><td>{escape(c['action'])}</td>"
                         f"<td>{_change_text(c)}</td><td>{_date(c['status_since'])}</td></tr>")
        parts.append("</tbody></table>")

    parts.append("<h3>Tietokierto: toimenpiteiden seurantatieto</h3>")
    if evidence:
        parts.append("<table><thead><tr><th>Toimenpide</th><th>Tila</th><th>Seurantatieto</th><th>Jakso</th>"
                     "<th>Arvo</th></tr></thead><tbody>")
        for e in evidence:
            value = _number(e["evidence_value"]) if e["evidence_period"] else "–"
            if e["evidence_is_lower_bound"] and e["evidence_value"] is not None:
                value = f"vähintään {value}"  # some cells behind the sum are suppressed in their mart
            parts.append(f"<tr><td>{escape(e['action'])}</td><td>{escape(e['status_fi'] or '')}</td>"
                         f"<td>{escape(e['evidence_name_fi'] or e['evidence_mart'])}</td>"
                         f"<td>{escape(e['evidence_period'] or '–')}</td>"
                         f"<td>{escape(value)}</td></tr>")
        parts.append("</tbody></table>")
    else:
        parts.append("<p>Toimenpiteisiin ei ole vielä liitetty seurantatietoa.</p>")
    parts.append("</section>")
    return "\n".join(parts)
