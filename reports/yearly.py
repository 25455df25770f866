"""The yearly welfare-report package (hyvinvointikertomuksen aineisto) for the welfare-report editors.

`render_welfare_report_package` writes `hyvinvointikertomus_<year>/` with
- `taulukot.xlsx`: one sheet per table (statistics in the national comparison, social reporting, complaints,
  client feedback, client panels, the county's own register and instrument indicators), numbers as numbers and
  every hidden cell as "–";
- `kuviot/*.png` and `kuviot/*.svg`: the same charts in both formats;
- `hyvinvointikertomus_<year>.html`: one report that shows the tables and the charts.

It reads only the published snapshot: the yearly marts (`*_yearly`, built and protected at the yearly grain, never
summed from half-years) and the yearly periods of `phenomenon_indicators` and `national_comparison`. A mart that
is not published gives its table a "no data" line. The same snapshot gives the same bytes in every file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from reports import charts
from reports.formatting import SUPPRESSED, by_unit, count, number, percent
from reports.i18n import PHENOMENA, Texts
from reports.indicators import county_series, county_statistics
from reports.render import render
from reports.snapshot import ReportError, Snapshot

LANG = "fi"  # the welfare report is edited in Finnish
FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook properties: no wall-clock time in the bytes
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
VALENCES = ["negative", "weak_signal", "positive"]


@dataclass
class Table:
    """One table of the package: a sheet in the workbook and a table in the HTML. A cell is a number, a text or
    None (hidden: written as "–"); `formats` says how the HTML shows each numeric column."""

    sheet: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    formats: list[str | None] = field(default_factory=list)
    missing: str | None = None  # the mart that is not published, when the table has no data
    units: list[str | None] = field(default_factory=list)  # per row, for the "unit" format
    compact: bool = False  # the HTML leaves out rows with no published number but 0 (the workbook has them all)

    def html_rows(self) -> list[list[str]]:
        numeric = [k for k, fmt in enumerate(self.formats) if fmt is not None]
        return [shown for row, shown in zip(self.rows, self.shown(), strict=True)
                if not self.compact or any(row[k] not in (None, 0) for k in numeric)]

    def shown(self) -> list[list[str]]:
        """The rows as the HTML shows them (Finnish formatting, "–" for a hidden value)."""
        out = []
        for i, row in enumerate(self.rows):
            cells = []
            for value, fmt in zip(row, self.formats or [None] * len(row), strict=False):
                if fmt is None:
                    cells.append("" if value is None else str(value))
                elif value is None:
                    cells.append(SUPPRESSED)
                elif fmt == "count":
                    cells.append(count(value))
                elif fmt == "percent":
                    cells.append(percent(value))
                elif fmt == "unit":
                    cells.append(by_unit(value, self.units[i]))
                else:
                    cells.append(number(value, 1))
            out.append(cells)
        return out


@dataclass
class Figure:
    name: str
    title: str
    section: str
    png: bytes
    svg: bytes


def _year(snap: Snapshot, year: int | None) -> int:
    if year is not None:
        return int(year)
    labels = [r["y"] for r in snap.rows(" union ".join(
        f"select distinct period_label as y from marts.{t} where period_type = 'year'"
        for t in sorted(snap.tables) if t.endswith("_yearly") and "period_label" in snap.columns(t)) or
        "select null as y where false")]
    # a completed year only: a yearly mart may already hold the year under way
    years = sorted(int(y) for y in labels if y and re.fullmatch(r"\d{4}", y) and int(y) < dt.date.today().year)
    if years:
        return years[-1]
    if snap.has("social_reporting"):  # no yearly mart yet: the latest year whose second half is published
        halves = [r["period_label"] for r in snap.rows(
            "select distinct period_label from marts.social_reporting where period_label like '%H2'")]
        if halves:
            return max(int(h[:4]) for h in halves)
    raise ReportError("no year to report on: no yearly mart (*_yearly) and no completed half-year published")


def _hidden(row: dict, column: str, flagged: bool = False):
    """A published value, or None when the snapshot hides it: hidden cells are null; where the row holds one
    protected measure (`flagged`), `is_suppressed` hides it too."""
    return None if (flagged and row.get("is_suppressed")) or row.get(column) is None else row[column]


def _statistics(snap: Snapshot, year: int, t: Texts) -> tuple[Table, list[dict]]:
    stats = county_statistics(snap, last_year=year)
    table = Table("Tilastot", t("yr_statistics"),
                  [t("phenomenon"), t("indicator"), t("year"), t("county_value"), t("country_value"), t("rank"),
                   "Alueita", t("trend_5y"), t("direction"), t("source")],
                  formats=[None, None, None, "unit", "unit", "count", "count", None, None, None],
                  missing=None if snap.has("national_comparison") else "national_comparison")
    for s in stats:
        table.rows.append([t.name("phenomenon", s["phenomenon"]), s["indicator_name_fi"], s["year"],
                           _hidden(s, "value", flagged=True), s["country_value"], s["rank_in_country"], s["areas_ranked"],
                           t(s["trend_key"]), t("direction_" + s["direction"]), s["source_organisation"]])
    table.units = [s["unit"] for s in stats]
    return table, stats


def _social_reporting(snap: Snapshot, year: int, t: Texts) -> Table:
    mart = "social_reporting_yearly"
    table = Table("Sosiaalinen raportointi", t("yr_social_reporting"),
                  [t("phenomenon")] + [t.name("valence", v) for v in VALENCES] + [t("total")],
                  formats=[None, "count", "count", "count", "count"], missing=None if snap.has(mart) else mart)
    if not snap.has(mart):
        return table
    cells = {(r["aggregation_level"], r["phenomenon"], r["valence"]): (None if r["is_suppressed"] else
                                                                       r["observations"])
             for r in snap.table(mart, "period_label = ? and aggregation_level in ('phenomenon', "
                                       "'phenomenon_valence')", "1", [str(year)])}
    if not cells:
        table.missing = mart
        return table
    for p in [*PHENOMENA, "other", "all"]:
        table.rows.append([t.name("phenomenon", p)]
                          + [cells.get(("phenomenon_valence", p, v), 0) for v in VALENCES]
                          + [cells.get(("phenomenon", p, "all"), 0)])
    return table


def _complaints(snap: Snapshot, year: int, t: Texts) -> Table:
    mart = snap.complaints_table(yearly=True)
    table = Table("Muistutukset ja kantelut", t("yr_complaints"),
                  [t("case_type"), t("service_area"), "Aihe", t("phenomenon"), t("cases"), t("decided"),
                   t("median_days"), t("overdue")],
                  formats=[None, None, None, None, "count", "count", "number", "count"],
                  missing=None if mart else "complaint_cases_yearly", compact=True)
    if not mart:
        return table
    for r in snap.table(mart, "period_label = ?", "case_type, service_area_code, category, phenomenon",
                        [str(year)]):
        phenomena = ", ".join(t.name("phenomenon", p) for p in (r["phenomenon"] or "").split("|") if p)
        table.rows.append([t.name("case_type", r["case_type"], r.get("case_type_name_fi")),
                           t.name("service_area", r["service_area_code"], r.get("service_area_name_fi")),
                           r.get("category_name_fi") or r.get("category"), phenomena,
                           _hidden(r, "case_count"), _hidden(r, "decided_count"),
                           _hidden(r, "median_handling_days"), _hidden(r, "overdue_count")])
    if not table.rows:
        table.missing = mart
    return table


def _feedback(snap: Snapshot, year: int, t: Texts) -> Table:
    mart = "client_feedback_yearly"
    table = Table("Asiakaspalaute", t("cs_feedback"),
                  [t("service_area"), t("feedback_count"), t("mean_rating"), t("low_rating_share")],
                  formats=[None, "count", "number", "percent"], missing=None if snap.has(mart) else mart)
    for r in snap.table(mart, "period_label = ?", "service_area_name_fi, service_area_code", [str(year)]):
        table.rows.append([t.name("service_area", r["service_area_code"], r.get("service_area_name_fi")),
                           _hidden(r, "feedback_count"), r.get("mean_rating"), r.get("low_rating_share")])
    if snap.has(mart) and not table.rows:
        table.missing = mart
    return table


def _panels(snap: Snapshot, year: int, t: Texts) -> Table:
    mart = "client_panels_yearly"
    table = Table("Asiakasraadit", t("cs_panels"),
                  [t("panel_type"), t("phenomenon"), t("meetings"), t("participants"), t("theme_mentions")],
                  formats=[None, None, "count", "count", "count"], missing=None if snap.has(mart) else mart)
    for r in snap.table(mart, "period_label = ?", "panel_type, phenomenon", [str(year)]):
        table.rows.append([t.name("panel_type", r["panel_type"]), t.name("phenomenon", r["phenomenon"]),
                           r.get("meetings"), _hidden(r, "participants", flagged=True), r.get("theme_mentions")])
    if snap.has(mart) and not table.rows:
        table.missing = mart
    return table


def _own_indicators(snap: Snapshot, year: int, t: Texts) -> Table:
    """The county's own yearly indicators (client register, assessment instruments): protected, not nationally
    comparable."""
    table = Table("Oma tieto", t("yr_register"), [t("phenomenon"), t("indicator"), t("unit"), t("value")],
                  formats=[None, None, None, "number"],
                  missing=None if snap.has("phenomenon_indicators") else "phenomenon_indicators")
    if not snap.has("phenomenon_indicators"):
        return table
    for r in snap.rows("""
            select phenomenon, indicator_code, indicator_name_fi, unit, value, is_suppressed
            from marts.phenomenon_indicators
            where period_type = 'year' and period_label = ? and region_level = 'wellbeing_county'
              and gender = 'total' and age_group = 'all' and disclosure_control = 'protected'
            order by phenomenon, indicator_code""", [str(year)]):
        table.rows.append([t.name("phenomenon", r["phenomenon"]), r["indicator_name_fi"], t.unit(r["unit"]),
                           _hidden(r, "value", flagged=True)])
    return table


def _figures(snap: Snapshot, year: int, t: Texts, stats: list[dict], social: Table,
             draw: charts.Drawings) -> list[Figure]:
    figures = []

    def add(name: str, section: str, title: str, shape, *args):
        figures.append(Figure(name, title, section, *draw(shape, *args)))

    if social.rows:
        rows = social.rows[:-1]  # every phenomenon and "other", not the total
        title = t("chart_sr_year", year=year)
        add(f"sosiaalinen_raportointi_{year}", "own", title, charts.bars, [r[0] for r in rows],
            [charts.Series(t.name("valence", v), [r[1 + k] for r in rows], charts.COLOURS[v])
             for k, v in enumerate(VALENCES)], title, t("observations"))
    for s in stats:
        years, county, country = county_series(snap, s["indicator_code"], year)
        if len(years) < 2:
            continue
        title = t("chart_county_vs_country", name=s["indicator_name_fi"])
        add(f"tilasto_{s['phenomenon']}_{s['indicator_code']}", s["phenomenon"], title, charts.lines,
            [str(y) for y in years],
            [charts.Series("Varha", county, charts.COLOURS["county"]),
             charts.Series(t("country_value"), country, charts.COLOURS["country"], dashed=True)],
            title, t.unit(s["unit"]))
    return figures


def _workbook(tables: list[Table], year: int, t: Texts) -> bytes:
    """The tables as an xlsx workbook, byte for byte the same for the same tables."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "rsw-warehouse"
    wb.properties.title = t("yearly_title", year=year)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEF3F8")
    for table in tables:
        ws = wb.create_sheet(table.sheet[:31])
        ws.append([table.title])
        ws["A1"].font = Font(bold=True, size=12)
        if table.missing:
            ws.append([t("no_data", mart="marts." + table.missing)])
            continue
        ws.append(table.header)
        for cell in ws[2]:
            cell.font = bold
            cell.fill = fill
        for row in table.rows:
            ws.append([SUPPRESSED if value is None and fmt is not None else value
                       for value, fmt in zip(row, table.formats, strict=False)])
        for k, fmt in enumerate(table.formats, start=1):
            letter = get_column_letter(k)
            width = max(len(str(c.value or "")) for c in ws[letter][1:]) if ws.max_row > 1 else 10
            ws.column_dimensions[letter].width = min(max(width + 2, 10), 60)
            for cell in ws[letter][2:]:
                if fmt == "percent" and isinstance(cell.value, (int, float)):
                    cell.number_format = "0.0"
                elif fmt in ("number", "unit") and isinstance(cell.value, float):
                    cell.number_format = "0.0##"
                elif fmt is not None:
                    cell.alignment = Alignment(horizontal="right")
        ws.freeze_panes = "A3"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member's time set to one fixed date (zip entries carry the wall-clock time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _threshold(snap: Snapshot) -> int:
    if snap.has("social_reporting"):
        found = snap.rows("select max(suppression_threshold) as t from marts.social_reporting")
        if found and found[0]["t"] is not None:
            return int(found[0]["t"])
    return 5


def package_dir_name(year: int) -> str:
    return f"hyvinvointikertomus_{year}"


def render_welfare_report_package(con: duckdb.DuckDBPyConnection, out_root: Path,
                                  year: int | None = None, chart_cache: Path | None = None) -> Path:
    """Write the yearly package into `out_root/hyvinvointikertomus_<year>/` and return that directory.
    `year` defaults to the latest year of the yearly marts. `chart_cache`: a private folder where the charts
    drawn are kept, so that the next package draws only those whose data changed (`charts.Drawings`)."""
    snap = Snapshot(con)
    t = Texts(LANG)
    year = _year(snap, year)
    statistics, stats = _statistics(snap, year, t)
    social = _social_reporting(snap, year, t)
    tables = [statistics, social, _complaints(snap, year, t), _feedback(snap, year, t), _panels(snap, year, t),
              _own_indicators(snap, year, t)]
    draw = charts.Drawings(chart_cache)
    figures = _figures(snap, year, t, stats, social, draw)
    draw.prune()

    out = Path(out_root) / package_dir_name(year)
    figure_dir = out / "kuviot"
    figure_dir.mkdir(parents=True, exist_ok=True)
    for old in [*figure_dir.glob("*.png"), *figure_dir.glob("*.svg")]:
        old.unlink()  # a figure the data no longer gives must not linger from an earlier run
    for fig in figures:
        (figure_dir / f"{fig.name}.png").write_bytes(fig.png)
        (figure_dir / f"{fig.name}.svg").write_bytes(fig.svg)
    (out / "taulukot.xlsx").write_bytes(_workbook(tables, year, t))
    shown = statistics.shown()
    by_phenomenon = {p: [row[1:] for row, s in zip(shown, stats, strict=True) if s["phenomenon"] == p]
                     for p in PHENOMENA}
    html = render("yearly.html.j2", LANG, year=year, statistics=statistics, by_phenomenon=by_phenomenon,
                  tables=tables[1:], figures=figures, phenomena=PHENOMENA,
                  threshold=_threshold(snap))
    (out / f"{package_dir_name(year)}.html").write_text(html, encoding="utf-8")
    return out
