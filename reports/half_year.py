"""The half-year social reporting package for management (puolivuotiskatsaus johtoryhmälle).

`render_half_year_report` writes one self-contained HTML file (charts embedded as base64 PNG, tables, Finnish
headings and short explanations) from the published marts only: `marts.social_reporting` and
`marts.development_proposals`. It never reads raw, staging or intermediate data, so it shows exactly what
disclosure control let through: every protected cell appears as "–" (primary and secondary alike), is never
plotted at its true value, and no count from 1 to threshold−1 appears anywhere in the file.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

PHENOMENA = ["homelessness", "mental_health", "substance_use", "livelihood"]
PHENOMENON_FI = {
    "homelessness": "Asunnottomuus",
    "mental_health": "Mielenterveys",
    "substance_use": "Päihteet ja riippuvuudet",
    "livelihood": "Taloudellinen tilanne ja toimeentulo",
    "other": "Muut havainnot",
    "all": "Kaikki havainnot",
}
VALENCES = ["negative", "weak_signal", "positive"]
VALENCE_FI = {"negative": "Epäkohta", "weak_signal": "Heikko signaali", "positive": "Hyvä käytäntö"}
STATUS_FI = {"received": "Vastaanotettu", "in_progress": "Käsittelyssä", "forwarded": "Välitetty eteenpäin",
             "feedback_given": "Palaute annettu", "closed": "Suljettu"}
HALF_FI = {"1": "tammi–kesäkuu", "2": "heinä–joulukuu"}
COLOURS = {"homelessness": "#1b6ca8", "mental_health": "#7b4fa0", "substance_use": "#c0392b",
           "livelihood": "#d68910", "other": "#7f8c8d", "all": "#2c3e50",
           "negative": "#c0392b", "weak_signal": "#d68910", "positive": "#27ae60"}


class ReportError(ValueError):
    """The marts do not hold what the report needs (e.g. no completed half-year)."""


@dataclass(frozen=True)
class Cell:
    observations: int | None
    reason: str | None

    @property
    def suppressed(self) -> bool:
        return self.reason is not None


ZERO = Cell(0, None)


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence = ()) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def _half_year_name(label: str) -> str:
    year, half = label.split("H")
    return f"{HALF_FI.get(half, label)} {year}"


def _format_date(d: dt.date) -> str:
    return f"{d.day}.{d.month}.{d.year}"


class _Marts:
    """What the report reads from the marts schema, once."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        tables = {r[0] for r in _fetch(con, "select table_name from information_schema.tables "
                                            "where table_schema = 'marts'")}
        missing = {"social_reporting", "development_proposals"} - tables
        if missing:
            raise ReportError("the half-year report needs marts." + ", marts.".join(sorted(missing))
                              + " (build the dbt marts first)")
        self.con = con
        info = _fetch(con, "select max(suppression_threshold), max(as_of_date) from marts.social_reporting")
        self.threshold = int(info[0][0]) if info and info[0][0] is not None else 5
        self.as_of: dt.date | None = info[0][1] if info else None
        self.periods: list[tuple[str, dt.date, dt.date]] = [
            (r[0], r[1], r[2]) for r in _fetch(
                con, "select distinct period_label, period_start, period_end from marts.social_reporting "
                     "order by period_start")]

    def cells(self, level: str, *dims: str) -> dict[tuple, Cell]:
        cols = ", ".join(("period_label",) + dims)
        rows = _fetch(self.con, f"select {cols}, observations, suppression_reason from marts.social_reporting "
                                "where aggregation_level = ?", [level])
        return {tuple(r[:-2]): Cell(r[-2], r[-1]) for r in rows}


def _pick_half_year(marts: _Marts, half_year: str | None) -> tuple[str, dt.date, dt.date]:
    if not marts.periods:
        raise ReportError("marts.social_reporting is empty: no social reports to report on")
    if half_year is not None:
        for period in marts.periods:
            if period[0] == half_year:
                return period
        raise ReportError(f"half-year {half_year!r} is not in marts.social_reporting "
                          f"(available: {', '.join(p[0] for p in marts.periods)})")
    today = dt.date.today()
    completed = [p for p in marts.periods
                 if p[2] < today or (marts.as_of is not None and p[2] <= marts.as_of)]
    if not completed:
        raise ReportError("no completed half-year in marts.social_reporting yet "
                          f"(periods: {', '.join(p[0] for p in marts.periods)})")
    return completed[-1]


def _fmt(cell: Cell, threshold: int) -> str:
    if cell.suppressed or cell.observations is None:
        return "–"
    return f"{cell.observations:d}"


def _plot_value(cell: Cell) -> float:
    """The value a chart may draw: nothing (NaN) for a suppressed cell, never its true count."""
    return float("nan") if cell.suppressed or cell.observations is None else float(cell.observations)


def _png(fig) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _img(b64: str, alt: str) -> str:
    return f'<img class="chart" alt="{html.escape(alt)}" src="data:image/png;base64,{b64}">'


def _valence_chart(rows: list[str], cells: dict[tuple, Cell], label: str, threshold: int) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig, ax = plt.subplots(figsize=(8.5, 0.75 * len(rows) + 1.2))
    height = 0.8 / len(VALENCES)
    y = np.arange(len(rows))
    finite = [_plot_value(cells.get((label, p, v), ZERO)) for p in rows for v in VALENCES]
    top = max([v for v in finite if v == v] + [1.0])
    for k, valence in enumerate(VALENCES):
        values = [_plot_value(cells.get((label, p, valence), ZERO)) for p in rows]
        positions = y + (k - 1) * height
        ax.barh(positions, [0 if v != v else v for v in values], height=height * 0.95,
                color=COLOURS[valence], label=VALENCE_FI[valence])
        for pos, p, v in zip(positions, rows, values, strict=True):
            if v != v:  # suppressed: a mark, not a bar
                text = "–"
                ax.text(top * 0.01, pos, text, va="center", ha="left", fontsize=8, color="#555555")
    ax.set_yticks(y)
    ax.set_yticklabels([PHENOMENON_FI[p] for p in rows])
    ax.invert_yaxis()
    ax.set_xlabel("Havaintoja (kpl)")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"Havainnot ilmiöittäin, {_half_year_name(label)}", fontsize=11)
    return _png(fig)


def _trend_chart(labels: list[str], cells: dict[tuple, Cell], rows: list[str]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    x = list(range(len(labels)))
    for p in rows:
        values = [_plot_value(cells.get((lab, p), ZERO)) for lab in labels]
        ax.plot(x, values, marker="o", color=COLOURS[p], label=PHENOMENON_FI[p])
    ax.set_xticks(x)
    ax.set_xticklabels(labels)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("Havaintoja (kpl)")
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title("Havainnot puolivuotiskausittain", fontsize=11)
    return _png(fig)


def _table(header: list[str], body: list[list[str]], numeric_from: int = 1, css: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    rows = []
    for row in body:
        cells = "".join(f'<td class="{"num" if i >= numeric_from else "txt"}">{c}</td>' for i, c in enumerate(row))
        rows.append(f"<tr>{cells}</tr>")
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _age_words(days: int | None) -> str:
    """Age of an open proposal in words (no small numbers in the report, not even days)."""
    if days is None:
        return "ei tiedossa"
    if days < 7:
        return "alle viikon"
    if days < 31:
        return "alle kuukauden"
    if days < 92:
        return "yli kuukauden"
    if days < 183:
        return "yli kolme kuukautta"
    if days < 365:
        return "yli puoli vuotta"
    return "yli vuoden"


def _open_proposals(con: duckdb.DuckDBPyConnection, period_end: dt.date) -> list[dict]:
    rows = _fetch(con, """
        select proposal_key, phenomenon, period_label, service_area_name_fi, handling_status, age_days,
               proposal_text
        from marts.development_proposals
        where is_open and period_end <= ?
        order by age_days desc, proposal_key, phenomenon
    """, [period_end])
    merged: dict[str, dict] = {}
    for key, phenomenon, label, area, status, age, text in rows:
        item = merged.setdefault(key, dict(phenomena=[], label=label, area=area, status=status, age=age, text=text))
        item["phenomena"].append(phenomenon)
    return list(merged.values())


CSS = """
body { font-family: 'Segoe UI', Arial, sans-serif; color: #222; max-width: 60em; margin: 2em auto; padding: 0 1em;
       line-height: 1.45; }
h1 { color: #1b3a57; font-size: 1.7em; margin-bottom: 0.2em; }
h2 { color: #1b3a57; border-bottom: 2px solid #d0dbe6; padding-bottom: 0.2em; margin-top: 1.8em; }
p.lead { font-size: 1.1em; color: #444; }
table { border-collapse: collapse; margin: 0.8em 0 1.2em; font-size: 0.92em; }
th, td { border: 1px solid #c9d3dd; padding: 0.3em 0.6em; vertical-align: top; }
th { background: #eef3f8; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
table.proposals td.txt { max-width: 36em; }
img.chart { max-width: 100%; margin: 0.5em 0; }
.note { background: #f6f8fa; border-left: 4px solid #1b6ca8; padding: 0.6em 1em; margin: 1em 0; font-size: 0.95em; }
footer { margin-top: 3em; font-size: 0.85em; color: #666; }
"""


def render_half_year_report(con: duckdb.DuckDBPyConnection, out_path: Path, half_year: str | None = None,
                            extra_sections: Iterable[str] = ()) -> Path:
    """Write the half-year social reporting report as one self-contained HTML file and return its path.

    Reads only marts.social_reporting and marts.development_proposals. `half_year` is a label such as '2025H2';
    by default the latest completed half-year (ended before today, or covered by the data's as-of date).
    `extra_sections` are HTML fragments appended as they are (e.g. the plan follow-up section)."""
    out_path = Path(out_path)
    marts = _Marts(con)
    label, start, end = _pick_half_year(marts, half_year)
    t = marts.threshold
    labels = [p[0] for p in marts.periods if p[1] <= start]
    by_phenomenon = marts.cells("phenomenon", "phenomenon")
    by_valence = marts.cells("phenomenon_valence", "phenomenon", "valence")
    by_area = marts.cells("phenomenon_service_area", "phenomenon", "service_area_name_fi")
    rows = PHENOMENA + ["other"]

    total = by_phenomenon.get((label, "all"), ZERO)
    previous = labels[-2] if len(labels) > 1 else None
    summary = f"Puolivuotiskaudella kirjattiin <strong>{_fmt(total, t)}</strong> sosiaalisen raportoinnin havaintoa"
    if previous:
        summary += f" (edellisellä kaudella {_half_year_name(previous)}: {_fmt(by_phenomenon.get((previous, 'all'), ZERO), t)})"
    summary += "."

    # -- phenomenon × valence ---------------------------------------------------------------------------------
    valence_rows = [[PHENOMENON_FI[p]] + [_fmt(by_valence.get((label, p, v), ZERO), t) for v in VALENCES]
                    + [_fmt(by_phenomenon.get((label, p), ZERO), t)] for p in rows + ["all"]]
    valence_table = _table(["Ilmiö"] + [VALENCE_FI[v] for v in VALENCES] + ["Yhteensä"], valence_rows)
    valence_chart = _valence_chart(rows, by_valence, label, t)

    # -- trend ------------------------------------------------------------------------------------------------
    trend_rows = [[PHENOMENON_FI[p]] + [_fmt(by_phenomenon.get((lab, p), ZERO), t) for lab in labels]
                  for p in rows + ["all"]]
    trend_table = _table(["Ilmiö"] + labels, trend_rows)
    trend_chart = _trend_chart(labels, by_phenomenon, rows)

    # -- service areas ----------------------------------------------------------------------------------------
    areas = sorted({k[2] for k in by_area if k[0] == label and k[2] != "Kaikki palvelualueet"})
    area_rows = [[html.escape(a)] + [_fmt(by_area.get((label, p, a), ZERO), t) for p in rows + ["all"]]
                 for a in areas]
    area_table = _table(["Palvelualue"] + [PHENOMENON_FI[p] for p in rows + ["all"]], area_rows)

    # -- open proposals ---------------------------------------------------------------------------------------
    proposals = _open_proposals(con, end)
    proposal_rows = [[
        html.escape(", ".join(PHENOMENON_FI.get(p, p) for p in item["phenomena"])),
        html.escape(item["label"]),
        html.escape(item["area"] or ""),
        html.escape(STATUS_FI.get(item["status"], item["status"])),
        _age_words(item["age"]),
        html.escape(item["text"] or ""),
    ] for item in proposals]
    if proposal_rows:
        amount = (f"Avoimia ehdotuksia on {len(proposal_rows)}." if len(proposal_rows) >= t
                  else f"Avoimia ehdotuksia on alle {t}.")
        proposals_html = (f"<p>{amount} Vanhimmat ensin.</p>"
                          + _table(["Ilmiö", "Kausi", "Palvelualue", "Käsittelyn tila", "Avoinna", "Ehdotus"],
                                   proposal_rows, numeric_from=99, css="proposals"))
    else:
        proposals_html = "<p>Julkaistavissa olevia avoimia kehittämisehdotuksia ei ole.</p>"

    as_of = f" Tiedot {_format_date(marts.as_of)} asti." if marts.as_of else ""
    title = f"Sosiaalinen raportointi – puolivuotiskatsaus {_half_year_name(label)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fi"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="lead">Ammattilaisten havainnot asiakastyöstä (sosiaalihuoltolaki 7 §): mitä sosiaalialan '
        f"ammattilaiset ovat raportoineet kaudella {label}, millaisina ilmiöt näkyvät ja mitkä kehittämisehdotukset "
        f"odottavat käsittelyä.{as_of}</p>",
        f"<p>{summary}</p>",
        '<div class="note"><strong>Tietosuoja.</strong> Merkintä <strong>–</strong> tarkoittaa tietosuojan vuoksi '
        f"peitettyä lukua: joko havaintoja on alle {t}, tai luvusta voisi muiden julkaistujen lukujen ja "
        "yhteissummien avulla päätellä pienen luvun. Kaikki peitetyt luvut näytetään samalla merkinnällä, "
        "jotta merkinnästä ei voi päätellä luvun suuruutta. "
        "Peitettyjä lukuja ei ole piirretty kuvioihin. Kehittämisehdotusten tekstistä on poistettu nimet, "
        "henkilötunnukset, puhelinnumerot, sähköpostiosoitteet ja osoitteet.</div>",
        "<h2>Havainnot ilmiöittäin</h2>",
        "<p>Havainnot on luokiteltu valtakunnallisen mallin neljään ilmiöön lomakkeella valitun tuen tarpeen "
        "(sosiaalihuoltolaki 11 §) ja tekstin avainsanojen perusteella, suomeksi ja ruotsiksi. Sama havainto voi "
        "koskea useaa ilmiötä, joten ilmiöiden luvut eivät summaudu kaikkien havaintojen määrään. "
        "<em>Epäkohta</em> on korjausta vaativa ongelma, <em>heikko signaali</em> orastava tai toistuva ilmiö ja "
        "<em>hyvä käytäntö</em> jaettavaksi sopiva onnistuminen.</p>",
        _img(valence_chart, "Havainnot ilmiöittäin ja havainnon luonteen mukaan"),
        valence_table,
        "<h2>Kehitys puolivuotiskausittain</h2>",
        "<p>Havaintojen määrä ilmiöittäin jokaisella puolivuotiskaudella. Määrä kertoo myös siitä, kuinka "
        "aktiivisesti havaintoja on raportoitu, ei pelkästään ilmiön yleisyydestä.</p>",
        _img(trend_chart, "Havainnot puolivuotiskausittain"),
        trend_table,
        "<h2>Havainnot palvelualueittain</h2>",
        f"<p>Raportoijan palvelualue kaudella {label}.</p>",
        area_table,
        "<h2>Avoimet kehittämisehdotukset</h2>",
        "<p>Ehdotukset, joiden käsittely on kesken (vastaanotettu, käsittelyssä tai välitetty eteenpäin) "
        f"kauden {label} loppuun mennessä. Ehdotukset näytetään vain ilmiöistä, joiden havaintomäärä on "
        "julkaistavissa.</p>",
        proposals_html,
        *extra_sections,
        f"<footer>Lähde: sosiaalisen raportoinnin lomake (marts.social_reporting, marts.development_proposals). "
        f"Pienten lukujen raja {t}.{as_of}</footer>",
        "</body></html>",
    ]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text("\n".join(parts), encoding="utf-8")
    return out_path
