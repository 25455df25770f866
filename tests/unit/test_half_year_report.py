"""The half-year social reporting package: self-contained HTML from the marts only, no small counts."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from reports.half_year import (
    Cell,
    ReportError,
    _plot_value,
    render_half_year_report,
)

THRESHOLD = 5
PERIODS = {"2024H2": (dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
           "2025H1": (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
           "2025H2": (dt.date(2025, 7, 1), dt.date(2025, 12, 31))}


def _marts(as_of: dt.date = dt.date(2025, 12, 31)) -> duckdb.DuckDBPyConnection:
    """A warehouse holding only the two marts, as dbt builds them (suppressed counts are null)."""
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute("""create table marts.social_reporting (
        aggregation_level varchar, period_type varchar, period_start date, period_end date, period_label varchar,
        phenomenon varchar, shl11_need_code varchar, shl11_need_name_fi varchar, valence varchar,
        service_area_code varchar, service_area_name_fi varchar, sub_region_name varchar, observations bigint,
        is_suppressed boolean, suppression_reason varchar, suppression_threshold integer, as_of_date date,
        loaded_at timestamp)""")
    rows = []

    def add(level, label, phenomenon, n, reason=None, valence="all", area="Kaikki palvelualueet"):
        start, end = PERIODS[label]
        rows.append((level, "half_year", start, end, label, phenomenon, "all", None, valence, "x", area,
                     "Kaikki alueet", None if reason else n, reason is not None, reason, THRESHOLD, as_of, None))

    for label, base in (("2024H2", 20), ("2025H1", 30), ("2025H2", 40)):
        add("phenomenon", label, "all", base * 3)
        add("phenomenon", label, "homelessness", base)
        add("phenomenon", label, "livelihood", base + 5)
        add("phenomenon", label, "mental_health", None, "primary")  # hidden: a true 3 would leak
        add("phenomenon", label, "substance_use", 12)
        add("phenomenon", label, "other", base)
        for phenomenon, n in (("homelessness", base), ("all", base * 3)):
            add("phenomenon_valence", label, phenomenon, n - 9, valence="negative")
            add("phenomenon_valence", label, phenomenon, None, "primary", valence="weak_signal")
            add("phenomenon_valence", label, phenomenon, None, "complementary", valence="positive")
        add("phenomenon_service_area", label, "homelessness", base, area="Aikuissosiaalityö")
        add("phenomenon_service_area", label, "homelessness", None, "primary", area="Vammaispalvelut")
    con.executemany("insert into marts.social_reporting values (" + ", ".join(["?"] * 18) + ")", rows)
    con.execute("""create table marts.development_proposals (
        proposal_key varchar, period_type varchar, period_start date, period_end date, period_label varchar,
        phenomenon varchar, tagged_by varchar, valence varchar, service_area_code varchar,
        service_area_name_fi varchar, admin_sector varchar, language varchar, handling_status varchar,
        is_open boolean, age_days integer, proposal_text varchar, as_of_date date)""")
    proposals = [
        ("k1", "2025H2", "homelessness", "in_progress", True, 3, "Asumisneuvonta kaikkiin kuntiin <script>"),
        ("k1", "2025H2", "livelihood", "in_progress", True, 3, "Asumisneuvonta kaikkiin kuntiin <script>"),
        ("k2", "2024H2", "homelessness", "forwarded", True, 400, "Boenderådgivningen bör utvidgas."),
        ("k3", "2025H1", "homelessness", "closed", False, 200, "Suljettu ehdotus"),
    ]
    for key, label, phenomenon, status, is_open, age, text in proposals:
        start, end = PERIODS[label]
        con.execute("insert into marts.development_proposals values (?, 'half_year', ?, ?, ?, ?, null, 'negative', "
                    "'aikuissosiaalityo', 'Aikuissosiaalityö', null, 'fi', ?, ?, ?, ?, ?)",
                    [key, start, end, label, phenomenon, status, is_open, age, text, as_of])
    return con


class _Parts(HTMLParser):
    """Visible text, table cells and embedded images of the report."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self._skip = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag in ("td", "th"):
            self._cell = []
        self._skip = tag in ("style", "script")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None
        if tag in ("style", "script"):
            self._skip = False

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _parse(path: Path) -> _Parts:
    parts = _Parts()
    parts.feed(path.read_text(encoding="utf-8"))
    return parts


def _assert_no_small_counts(parts: _Parts, threshold: int = THRESHOLD) -> None:
    small = [c for c in parts.cells if c.isdigit() and 1 <= int(c) < threshold]
    assert small == [], f"table cells with small counts: {small}"
    standalone = re.findall(r"(?<![\w.,:/–-])(\d+)(?![\w.,:/–-])", " ".join(parts.text))
    assert [n for n in standalone if 1 <= int(n) < threshold] == []


def _assert_charts(parts: _Parts, expected: int) -> None:
    from PIL import Image  # matplotlib depends on pillow

    assert len(parts.images) == expected
    for src in parts.images:
        assert src.startswith("data:image/png;base64,")
        image = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("L")
        assert image.width > 300 and image.height > 200
        lo, hi = image.getextrema()
        assert hi - lo > 100, "the chart is blank"
        assert sum(1 for p in image.getdata() if p < 200) > 1000, "the chart has almost nothing drawn"


def test_report_for_latest_completed_half_year(tmp_path):
    out = render_half_year_report(_marts(), tmp_path / "report" / "puolivuosi.html",
                                  extra_sections=["<section id='plan'><h2>Suunnitelman seuranta</h2></section>"])
    html = out.read_text(encoding="utf-8")
    assert "heinä–joulukuu 2025" in html and html.startswith("<!DOCTYPE html>")
    parts = _parse(out)
    _assert_charts(parts, expected=2)
    _assert_no_small_counts(parts)
    assert "&lt;5" not in html and "–" in parts.cells  # every protected cell has the same mark
    assert "Havainnot ilmiöittäin" in html and "Avoimet kehittämisehdotukset" in html
    assert html.index("Avoimet kehittämisehdotukset") < html.index("id='plan'") < html.index("<footer>")
    # open proposals up to the half-year, text escaped, the closed one left out, ages in words
    assert "Asumisneuvonta kaikkiin kuntiin &lt;script&gt;" in html and "<script>" not in html
    assert "Boenderådgivningen" in html and "Suljettu ehdotus" not in html
    assert "Asunnottomuus, Taloudellinen tilanne ja toimeentulo" in parts.cells
    assert "alle viikon" in parts.cells and "yli vuoden" in parts.cells


def test_report_for_a_chosen_half_year_and_errors(tmp_path):
    out = render_half_year_report(_marts(), tmp_path / "h1.html", half_year="2025H1")
    html = out.read_text(encoding="utf-8")
    assert "tammi–kesäkuu 2025" in html
    assert "Asumisneuvonta" not in html  # submitted later than the half-year
    _assert_no_small_counts(_parse(out))
    with pytest.raises(ReportError, match="2030H1.*available: 2024H2, 2025H1, 2025H2"):
        render_half_year_report(_marts(), tmp_path / "x.html", half_year="2030H1")
    with pytest.raises(ReportError, match="marts.development_proposals"):
        con = _marts()
        con.execute("drop table marts.development_proposals")
        render_half_year_report(con, tmp_path / "x.html")


def test_suppressed_cells_are_never_plotted():
    assert _plot_value(Cell(12, None)) == 12.0
    for cell in (Cell(None, "primary"), Cell(3, "primary"), Cell(7, "complementary")):
        value = _plot_value(cell)
        assert value != value  # NaN: no bar, no point


@pytest.mark.integration
def test_report_from_the_published_demo_marts(published, tmp_path):
    """The whole pipeline's published snapshot (tests/conftest.py: demo files with planted identity codes →
    load → dbt → publish) renders into a report with no identity code and no small count."""
    from tests.identity_codes import codes_in

    out = render_half_year_report(published, tmp_path / "report.html")
    html = out.read_text(encoding="utf-8")
    assert codes_in(html) == []
    parts = _parse(out)
    _assert_charts(parts, expected=2)
    threshold = published.execute("select max(suppression_threshold) from marts.social_reporting").fetchall()[0][0]
    _assert_no_small_counts(parts, threshold)
