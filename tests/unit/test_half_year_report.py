"""The half-year package (fi + sv) and the yearly welfare-report package: rendered from the published marts only,
every section present, no small count and no hidden number shown, the same bytes on every render.

The marts are built small in a temporary DuckDB file with the columns of the knowledge-cycle contract; hidden
cells are null with is_suppressed = true, as the published snapshot holds them.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from reports import charts
from reports.half_year import ReportError, render_half_year_package, render_half_year_report
from reports.i18n import TEXT
from reports.indicators import change_class, trend
from reports.yearly import render_welfare_report_package

THRESHOLD = 5
PERIODS = {"2024H2": (dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
           "2025H1": (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
           "2025H2": (dt.date(2025, 7, 1), dt.date(2025, 12, 31))}
SECTIONS = ["key-messages", "social-reporting", "client-signals", "statistics", "decisions", "measures", "plan",
            "information-needs"]
HIDDEN_TRUE_VALUE = 4321  # a value a careless report would show: left in a flagged cell of single-measure marts


def _table(con, name: str, columns: dict[str, str], rows: list[tuple]) -> None:
    con.execute(f"create table marts.{name} ({', '.join(f'{c} {t}' for c, t in columns.items())})")
    if rows:
        con.executemany(f"insert into marts.{name} values ({', '.join('?' * len(columns))})", rows)


def _social_reporting(con, as_of, name="social_reporting", yearly=False):
    columns = dict(aggregation_level="varchar", period_type="varchar", period_start="date", period_end="date",
                   period_label="varchar", phenomenon="varchar", shl11_need_code="varchar",
                   shl11_need_name_fi="varchar", valence="varchar", service_area_code="varchar",
                   service_area_name_fi="varchar", sub_region_name="varchar", observations="bigint",
                   is_suppressed="boolean", suppression_reason="varchar", suppression_threshold="integer",
                   as_of_date="date", loaded_at="timestamp")
    rows = []

    def add(level, label, phenomenon, n, hidden=False, valence="all", area=("all", "Kaikki palvelualueet")):
        start, end = (dt.date(2025, 1, 1), dt.date(2025, 12, 31)) if yearly else PERIODS[label]
        # a hidden cell of a one-measure mart: the flag says so (a careless reader would print the value)
        value = (HIDDEN_TRUE_VALUE if yearly else None) if hidden else n
        rows.append((level, "year" if yearly else "half_year", start, end, label, phenomenon, "all", None, valence,
                     area[0], area[1], "Kaikki alueet", value, hidden, "disclosure_control" if hidden else None,
                     THRESHOLD, as_of, None))

    for label, base in ((("2025", 70),) if yearly else (("2024H2", 20), ("2025H1", 30), ("2025H2", 40))):
        add("phenomenon", label, "all", base * 3)
        add("phenomenon", label, "homelessness", base)
        add("phenomenon", label, "livelihood", base + 5)
        add("phenomenon", label, "mental_health", None, hidden=True)  # hidden: a true 3 would leak
        add("phenomenon", label, "substance_use", 12)
        add("phenomenon", label, "other", base)
        for phenomenon, n in (("homelessness", base), ("all", base * 3)):
            add("phenomenon_valence", label, phenomenon, n - 9, valence="negative")
            add("phenomenon_valence", label, phenomenon, None, hidden=True, valence="weak_signal")
            add("phenomenon_valence", label, phenomenon, None, hidden=True, valence="positive")
        add("phenomenon_service_area", label, "homelessness", base, area=("aikuissosiaalityo", "Aikuissosiaalityö"))
        add("phenomenon_service_area", label, "homelessness", None, hidden=True,
            area=("vammaispalvelut", "Vammaispalvelut"))
    _table(con, name, columns, rows)


def _marts(path: Path, as_of: dt.date = dt.date(2025, 12, 31), knowledge: bool = True) -> duckdb.DuckDBPyConnection:
    """A published snapshot holding the marts the packages read, as the disclosure layer leaves them."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    _social_reporting(con, as_of)
    proposals = [
        ("k1", "2025H2", "homelessness", "in_progress", True, 3, "Asumisneuvonta kaikkiin kuntiin <script>"),
        ("k1", "2025H2", "livelihood", "in_progress", True, 3, "Asumisneuvonta kaikkiin kuntiin <script>"),
        ("k2", "2024H2", "homelessness", "forwarded", True, 400, "Boenderådgivningen bör utvidgas."),
        ("k3", "2025H1", "homelessness", "closed", False, 200, "Suljettu ehdotus"),
    ]
    _table(con, "development_proposals", dict(
        proposal_key="varchar", period_type="varchar", period_start="date", period_end="date",
        period_label="varchar", phenomenon="varchar", tagged_by="varchar", valence="varchar",
        service_area_code="varchar", service_area_name_fi="varchar", admin_sector="varchar", language="varchar",
        handling_status="varchar", is_open="boolean", age_days="integer", proposal_text="varchar",
        as_of_date="date"), [
        (key, "half_year", *PERIODS[label], label, phenomenon, None, "negative", "aikuissosiaalityo",
         "Aikuissosiaalityö", None, "fi", status, is_open, age, text, as_of)
        for key, label, phenomenon, status, is_open, age, text in proposals])
    if not knowledge:
        return con

    # national comparison: one indicator per direction (Varha, compared county 05), ten years
    nc_rows = []
    for code, phenomenon, name, direction, slope in (
            ("sotkanet_181", "livelihood", "Työttömät, % työvoimasta", "higher_is_worse", 0.5),
            ("sotkanet_900", "mental_health", "Mielenterveysindeksi", "higher_is_better", 0.5),
            ("sotkanet_901", "substance_use", "Päihdepalvelujen asiakaskäynnit", "neutral", -0.5)):
        for year in range(2015, 2025):
            value = 10 + slope * (year - 2015)
            rank = {"higher_is_worse": 18, "higher_is_better": 2, "neutral": None}[direction]
            nc_rows.append((phenomenon, code, name, "percent", direction == "higher_is_worse", direction, year,
                            str(year), "total", "all", "05", "Varsinais-Suomen hyvinvointialue", True, value, False,
                            rank, 22 if rank else None, 12.0, slope, 5, "THL"))
    _table(con, "national_comparison", dict(
        phenomenon="varchar", indicator_code="varchar", indicator_name_fi="varchar", unit="varchar",
        higher_is_worse="boolean", direction="varchar", year="integer", period_label="varchar", gender="varchar",
        age_group="varchar", region_code="varchar", region_name_fi="varchar", is_compared_county="boolean",
        value="double", is_suppressed="boolean", rank_in_country="integer", areas_ranked="integer",
        country_value="double", trend_slope_5y="double", trend_points="integer", source_organisation="varchar"),
        nc_rows)

    # phenomenon indicators: complaints and feedback per phenomenon (half-year), the county's own yearly figures
    pi_rows = []

    def pi(phenomenon, code, name, unit, label, value, hidden=False, period_type="half_year", control="protected"):
        pi_rows.append((phenomenon, code, name, unit, "higher_is_worse", True, "wellbeing_county", "05", period_type,
                        label, "total", "all", HIDDEN_TRUE_VALUE if hidden else value, hidden, control))

    for label in PERIODS:
        pi("homelessness", "complaints_cases_homelessness", "Muistutukset", "count", label, 17)
        pi("mental_health", "complaints_cases_mental_health", "Muistutukset", "count", label, None, hidden=True)
        pi("homelessness", "client_feedback_items_homelessness", "Palautteet", "count", label, 66)
        pi("homelessness", "client_feedback_low_rating_share_homelessness", "Heikot", "percent", label, 31.5)
    pi("homelessness", "client_register_homeless_clients_year_distinct", "Asunnottomat asiakkaat / 1 000",
       "per_1000", "2025", 1.7, period_type="year")
    pi("livelihood", "client_register_assistance_recipients_year_distinct", "Toimeentulotuen saajat / 1 000",
       "per_1000", "2025", None, hidden=True, period_type="year")
    _table(con, "phenomenon_indicators", dict(
        phenomenon="varchar", indicator_code="varchar", indicator_name_fi="varchar", unit="varchar",
        direction="varchar", higher_is_worse="boolean", region_level="varchar", region_code="varchar",
        period_type="varchar", period_label="varchar", gender="varchar", age_group="varchar", value="double",
        is_suppressed="boolean", disclosure_control="varchar"), pi_rows)

    feedback_columns = dict(period_type="varchar", period_label="varchar", service_area_code="varchar",
                            service_area_name_fi="varchar", feedback_count="bigint", mean_rating="double",
                            low_rating_share="double", is_suppressed="boolean", suppression_reason="varchar")
    _table(con, "client_feedback", feedback_columns, [
        ("half_year", "2025H2", "aikuissosiaalityo", "Aikuissosiaalityö", 215, 3.3, 30.7, False, None),
        ("half_year", "2025H2", "sosiaalipaivystys", "Sosiaalipäivystys", None, None, None, True,
         "disclosure_control")])
    _table(con, "client_feedback_yearly", feedback_columns, [
        ("year", "2025", "aikuissosiaalityo", "Aikuissosiaalityö", 430, 3.4, 29.5, False, None),
        ("year", "2025", "sosiaalipaivystys", "Sosiaalipäivystys", None, None, None, True, "disclosure_control")])

    panel_columns = dict(period_type="varchar", period_label="varchar", panel_type="varchar", phenomenon="varchar",
                         meetings="integer", participants="bigint", theme_mentions="integer",
                         is_suppressed="boolean", suppression_reason="varchar")
    _table(con, "client_panels", panel_columns, [
        ("half_year", "2025H2", "asiakasraati", "homelessness", 6, 48, 9, False, None),
        ("half_year", "2025H2", "kansalaisfoorumi", "all", 7, None, 11, True, "disclosure_control")])
    _table(con, "client_panels_yearly", panel_columns, [
        ("year", "2025", "asiakasraati", "homelessness", 12, 96, 18, False, None),
        ("year", "2025", "kansalaisfoorumi", "all", 14, HIDDEN_TRUE_VALUE, 22, True, "disclosure_control")])

    complaint_columns = dict(period_type="varchar", period_label="varchar", case_type="varchar",
                             case_type_name_fi="varchar", service_area_code="varchar",
                             service_area_name_fi="varchar", category="varchar", category_name_fi="varchar",
                             phenomenon="varchar", case_count="bigint", decided_count="bigint",
                             open_count="bigint", median_handling_days="double", overdue_count="bigint",
                             is_suppressed="boolean", suppression_reason="varchar")
    _table(con, "complaint_cases", complaint_columns, [])
    _table(con, "complaint_cases_yearly", complaint_columns, [
        ("year", "2025", "muistutus", "Muistutus", "aikuissosiaalityo", "Aikuissosiaalityö", "kohtelu", "Kohtelu",
         "homelessness|livelihood", 23, 21, 2, 28.0, None, True, "disclosure_control"),
        ("year", "2025", "kantelu", "Kantelu", "lastensuojelu", "Lastensuojelu", "maksut", "Maksut", "none",
         None, None, None, None, None, True, "disclosure_control")])
    _social_reporting(con, as_of, name="social_reporting_yearly", yearly=True)

    _table(con, "measures_follow_up", dict(
        handling_id="varchar", proposal_key="varchar", topic="varchar", phenomenon="varchar", body_code="varchar",
        body_name="varchar", meeting_date="date", decision="varchar", measure="varchar",
        responsible_unit="varchar", review_date="date", indicator_code="varchar", indicator_name_fi="varchar",
        direction="varchar", baseline_period_label="varchar", baseline_value="double",
        followup_period_label="varchar", followup_value="double", county_change="double",
        national_baseline_value="double", national_followup_value="double", evaluation_status="varchar",
        evaluated_on="date"), [
        ("h1", "k2", "Asumisneuvonta", "homelessness", "sosiaali_ja_vammaispalvelujen_johtoryhma",
         "Sosiaali- ja vammaispalvelujen johtoryhmä", dt.date(2025, 9, 10), "Asumisneuvonta laajennetaan.",
         "Asumisneuvonnan laajentaminen kaikkiin kuntiin", "Aikuissosiaalityö", dt.date(2026, 3, 1),
         "sotkanet_181", "Työttömät, % työvoimasta", "higher_is_worse", "2023", 12.0, "2024", 10.5, -1.5,
         14.0, 13.8, "on_track", dt.date(2025, 12, 31)),
        ("h2", None, "Päihdepalvelujen matala kynnys", "substance_use", "other", "Aluehallitus",
         dt.date(2025, 10, 1), "Selvitetään.", None, None, None, None, None, None, None, None, None, None, None,
         None, None, "too_early", None),
        (None, "k1", None, "homelessness", None, None, None, None, None, None, None, None, None, None, None, None,
         None, None, None, None, None, "no_decision", None)])
    _table(con, "information_needs", dict(
        need_id="varchar", need_fi="varchar", phenomenon="varchar", raised_by="varchar", raised_on="date",
        status="varchar", status_date="date", met_by_source="varchar", met_by_indicator_code="varchar"), [
        ("n1", "Asunnottomien nuorten määrä kunnittain", "homelessness", "Sote-palvelulautakunta",
         dt.date(2025, 2, 1), "met", dt.date(2025, 8, 1), "ARA", "client_register_homeless_clients_year_distinct"),
        ("n2", "Velkaneuvonnan jonotilanne", "livelihood", "Aikuissosiaalityö", dt.date(2025, 9, 1), "open",
         dt.date(2025, 9, 1), None, None)])
    _table(con, "analyst_synthesis", dict(
        period_label="varchar", phenomenon="varchar", finding_fi="varchar", finding_sv="varchar",
        evidence_refs="varchar", recommended_measure_fi="varchar", recommended_measure_sv="varchar"), [
        ("2025H2", "homelessness", "Nuorten asunnottomuus näkyy sekä raporteissa että muistutuksissa.",
         "Ungas bostadslöshet syns både i rapporterna och i anmärkningarna.", "social_reporting; complaints",
         "Asumisneuvonta nuorille", "Boenderådgivning för unga"),
        ("2025H2", "livelihood", "Toimeentulotuen hakemukset ruuhkautuvat.", None, "client_register",
         "Lisää käsittelijöitä", None)])
    return con


class _Parts(HTMLParser):
    """Visible text, table cells, ids and embedded images of a page."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []
        self._cell: list[str] | None = None
        self._skip = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
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


def _section(html: str, section_id: str) -> _Parts:
    """The parts of one section of a page. In client signals, the panels' numbers of meetings are not counts of
    people (and may be small): of that table only the participants column is kept."""
    text = html.split(f'id="{section_id}"', 1)[1].split("</section>\n<section", 1)[0]
    panels = ""
    if 'id="client-panels"' in text:
        text, panels = text.split('id="client-panels"', 1)
    parts = _Parts()
    parts.feed(text)
    if panels:
        rows = _Parts()
        rows.feed(panels)
        parts.cells += rows.cells[5:][3::5]  # header, then 5 cells a row: participants are the 4th
    return parts


# the sections that show counts of persons or cases (the others show ranks, dates and numbers of actions)
COUNT_SECTIONS = ("social-reporting", "client-signals")


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


@pytest.fixture
def marts(tmp_path) -> duckdb.DuckDBPyConnection:
    con = _marts(tmp_path / "rsw_marts.duckdb")
    yield con
    con.close()


def test_package_for_latest_completed_half_year_in_finnish_and_swedish(marts, tmp_path):
    paths = render_half_year_package(marts, tmp_path / "reports")
    assert {lang: p.name for lang, p in paths.items()} == {"fi": "puolivuosiraportti_2025H2_fi.html",
                                                           "sv": "puolivuosiraportti_2025H2_sv.html"}
    fi, sv = (paths[lang].read_text(encoding="utf-8") for lang in ("fi", "sv"))
    assert fi.startswith("<!DOCTYPE html>") and '<html lang="fi">' in fi and '<html lang="sv">' in sv
    assert "heinä–joulukuu 2025" in fi and "juli–december 2025" in sv
    for html, lang in ((fi, "fi"), (sv, "sv")):
        parts = _parse(paths[lang])
        _assert_charts(parts, expected=2)  # no plan mart here: the plan section says so, without a chart
        for section in COUNT_SECTIONS:
            _assert_no_small_counts(_section(html, section))
        assert "&lt;5" not in html and "<5" not in html and "–" in parts.cells
        # open proposals up to the half-year, text escaped, the closed one left out, ages in words
        assert "Asumisneuvonta kaikkiin kuntiin &lt;script&gt;" in html and "<script>" not in html
        assert "Boenderådgivningen" in html and "Suljettu ehdotus" not in html
        assert str(HIDDEN_TRUE_VALUE) not in html
    assert "Asunnottomuus, Taloudellinen tilanne ja toimeentulo" in _parse(paths["fi"]).cells
    assert "Bostadslöshet, Ekonomisk situation och utkomst" in _parse(paths["sv"]).cells
    assert "alle viikon" in _parse(paths["fi"]).cells and "över ett år" in _parse(paths["sv"]).cells


def test_every_section_in_both_languages_in_order(marts, tmp_path):
    paths = render_half_year_package(marts, tmp_path)
    for lang, index in (("fi", 0), ("sv", 1)):
        html = paths[lang].read_text(encoding="utf-8")
        parts = _parse(paths[lang])
        assert [i for i in parts.ids if i in SECTIONS] == SECTIONS
        for key in ("sec_key_messages", "sec_social_reporting", "sec_client_signals", "sec_statistics",
                    "sec_decisions", "sec_measures", "sec_plan", "sec_information_needs"):
            assert f"<h2>{TEXT[key][index]}</h2>" in html, (lang, key)
        assert [i for i in parts.ids if i.startswith("key-")] == [
            "key-messages", "key-homelessness", "key-mental_health", "key-substance_use", "key-livelihood"]
        # nothing shown as a raw code where a name exists
        for code in ("sosiaali_ja_vammaispalvelujen_johtoryhma", "no_decision", "on_track", "higher_is_worse",
                     "asiakasraati", "aikuissosiaalityo", "client_register_homeless_clients_year_distinct"):
            assert re.search(rf"\b{code}\b", " ".join(parts.text)) is None, (lang, code)
    fi = paths["fi"].read_text(encoding="utf-8")
    sv = paths["sv"].read_text(encoding="utf-8")
    # key messages from the data: rank and direction-aware trend, social reports, proposals, measures, synthesis
    assert "Työttömät, % työvoimasta: 14,5\u00a0% (2024), sija 18 / 22, kehitys viidessä vuodessa: heikentynyt." in fi
    assert "Mielenterveysindeksi: 14,5\u00a0% (2024), plats 2 / 22, utveckling under fem år: förbättrats." in sv
    assert "Päihdepalvelujen asiakaskäynnit: 5,5\u00a0% (2024), kehitys viidessä vuodessa: laskenut." in fi
    assert "Sosiaalisen raportoinnin havaintoja 40 (edellinen kausi 30), kasvua 33\u00a0%." in fi
    assert "Avoimia kehittämisehdotuksia alle 5." in fi
    assert "Edennyt tavoitteen suuntaan" in fi and "Framsteg mot målet" in sv
    assert "Ungas bostadslöshet syns" in sv and "Nuorten asunnottomuus näkyy" in fi
    assert "Toimeentulotuen hakemukset ruuhkautuvat. (på finska)" in sv  # no Swedish finding: said so
    assert fi.count(TEXT["km_no_synthesis"][0]) == 2 and sv.count(TEXT["km_no_synthesis"][1]) == 2
    # decisions, measures, information needs: names, not codes
    assert "Sosiaali- ja vammaispalvelujen johtoryhmä" in fi and "Ledningsgruppen för social- och handikappservice" in sv
    assert "Aluehallitus" in fi  # a body outside the three: as written in the register
    assert "Asumisneuvonta kaikkiin kuntiin &lt;script&gt;" in fi.split('id="decisions"')[1].split("</section>")[0]
    assert "Asunnottomat asiakkaat / 1 000" in fi.split('id="information-needs"')[1]
    assert "Klientråd" in sv and "Asiakasraati" in fi
    assert "Perusteet: Sosiaalinen raportointi; Muistutukset, kantelut ja epäkohtailmoitukset" in fi
    assert "Underlag: Social rapportering; Anmärkningar, klagomål" in sv


def test_missing_marts_say_no_data_and_no_synthesis(tmp_path):
    con = _marts(tmp_path / "m.duckdb", knowledge=False)
    paths = render_half_year_package(con, tmp_path / "out")
    for lang, index in (("fi", 0), ("sv", 1)):
        html = paths[lang].read_text(encoding="utf-8")
        parts = _parse(paths[lang])
        assert [i for i in parts.ids if i in SECTIONS] == SECTIONS
        for mart in ("measures_follow_up", "information_needs", "client_panels", "client_feedback"):
            assert TEXT["no_data"][index].format(mart=f"marts.{mart}") in html, (lang, mart)
        assert html.count(TEXT["km_no_synthesis"][index]) == 4
        assert TEXT["pl_unavailable"][index] in html


def test_suppressed_cells_render_as_a_dash(marts, tmp_path):
    parts = _parse(render_half_year_package(marts, tmp_path)["fi"])
    html = " ".join(parts.cells)
    assert "–" in parts.cells
    # a hidden complaint count (mental health), a hidden feedback row, a hidden panel participant count
    rows = re.findall(r"Mielenterveys((?: (?:–|\d+)){3})", html)
    assert " – – –" in rows
    assert "Sosiaalipäivystys – – –" in html
    assert "Kansalaisfoorumi Kaikki 7 – 11" in html


def test_renders_are_byte_identical(marts, tmp_path):
    first = render_half_year_package(marts, tmp_path / "a")
    second = render_half_year_package(marts, tmp_path / "b")
    for lang in ("fi", "sv"):
        assert first[lang].read_bytes() == second[lang].read_bytes()
    a = render_welfare_report_package(marts, tmp_path / "ya")
    b = render_welfare_report_package(marts, tmp_path / "yb")
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def _rendered_with_chart_cache(render, marts, tmp_path, monkeypatch):
    """A package drawn from nothing, then twice with a chart cache: (the cache, the figures drawn as PNG from the
    second on (the list keeps filling), the three packages)."""
    cache = tmp_path / "charts"
    fresh = render(marts, tmp_path / "fresh")
    first = render(marts, tmp_path / "a", chart_cache=cache)
    drawn = []
    real = charts.png
    monkeypatch.setattr(charts, "png", lambda fig: drawn.append(fig) or real(fig))
    return cache, drawn, fresh, first, render(marts, tmp_path / "b", chart_cache=cache)


def test_a_republish_draws_only_the_charts_whose_data_changed(marts, tmp_path, monkeypatch):
    cache, drawn, fresh, first, second = _rendered_with_chart_cache(render_welfare_report_package, marts, tmp_path,
                                                                    monkeypatch)
    assert drawn == []  # every chart taken from the cache
    files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    assert len([f for f in files if f.suffix == ".png"]) >= 2
    for out in (first, second):  # and the package is the same bytes as one drawn from nothing
        assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == files
        for rel in files:
            assert (out / rel).read_bytes() == (fresh / rel).read_bytes(), rel

    draw = charts.Drawings(cache)
    series = [charts.Series("Varha", [1.0, 2.0], charts.COLOURS["county"])]
    draw(charts.lines, ["2024", "2025"], series, "t", "y")
    draw(charts.lines, ["2024", "2025"], series, "t", "y")
    changed = [charts.Series("Varha", [1.0, 3.0], charts.COLOURS["county"])]
    draw(charts.lines, ["2024", "2025"], changed, "t", "y")
    assert len(drawn) == draw.drawn == 2  # a changed value is drawn again, the same one once
    draw.prune()
    assert len(list(cache.iterdir())) == 2 * 2  # only the two charts used now, PNG and SVG


def test_a_republished_half_year_package_draws_no_unchanged_chart(marts, tmp_path, monkeypatch):
    cache, drawn, fresh, first, second = _rendered_with_chart_cache(render_half_year_package, marts, tmp_path,
                                                                    monkeypatch)
    assert drawn == []  # every chart (social reporting, the plan's progress) taken from the cache
    assert len(list(cache.iterdir())) >= 4 and all(p.suffix == ".png" for p in cache.iterdir())
    for lang in ("fi", "sv"):  # the same bytes as a package drawn from nothing
        assert first[lang].read_bytes() == second[lang].read_bytes() == fresh[lang].read_bytes()


def test_chosen_half_year_and_errors(marts, tmp_path):
    out = render_half_year_report(marts, tmp_path / "h1.html", half_year="2025H1")
    html = out.read_text(encoding="utf-8")
    assert "tammi–kesäkuu 2025" in html
    assert "Asumisneuvonta kaikkiin" not in html.split('id="social-reporting"')[1].split("</section>")[0]
    for section in COUNT_SECTIONS:
        _assert_no_small_counts(_section(html, section))
    with pytest.raises(ReportError, match="2030H1.*available: 2024H2, 2025H1, 2025H2"):
        render_half_year_report(marts, tmp_path / "x.html", half_year="2030H1")
    with pytest.raises(ReportError, match="marts.development_proposals"):
        marts.execute("drop table marts.development_proposals")
        render_half_year_report(marts, tmp_path / "x.html")


def test_direction_decides_trend_words_and_colours():
    assert change_class(1.0, "higher_is_worse") == ("trend_worse", "worse")
    assert change_class(-1.0, "higher_is_worse") == ("trend_better", "better")
    assert change_class(1.0, "higher_is_better") == ("trend_better", "better")
    assert change_class(1.0, "neutral") == ("trend_up", "neutral")  # activity: more is not worse
    assert change_class(-1.0, "neutral") == ("trend_down", "neutral")
    assert trend(0.001, 5, 10.0, "higher_is_worse") == ("trend_stable", "neutral")
    assert trend(None, 5, 10.0, "higher_is_worse")[0] == "trend_unknown"
    assert trend(0.5, 2, 10.0, "higher_is_worse")[0] == "trend_unknown"  # too few points for a trend


def test_suppressed_values_are_never_plotted():
    fig = charts.bars(["a", "b"], [charts.Series("x", [12, None], "#000000")], "t", "n")
    heights = sorted(round(p.get_width(), 6) for p in fig.axes[0].patches)
    assert heights == [0.0, 12.0]
    assert "–" in [text.get_text() for text in fig.axes[0].texts]


def test_yearly_package_writes_workbook_and_figures(marts, tmp_path):
    from openpyxl import load_workbook

    out = render_welfare_report_package(marts, tmp_path)
    assert out.name == "hyvinvointikertomus_2025"
    assert (out / "hyvinvointikertomus_2025.html").exists()
    wb = load_workbook(out / "taulukot.xlsx")
    assert wb.sheetnames == ["Tilastot", "Sosiaalinen raportointi", "Muistutukset ja kantelut", "Asiakaspalaute",
                             "Asiakasraadit", "Oma tieto"]
    stats = [[c.value for c in row] for row in wb["Tilastot"].iter_rows(min_row=3)]
    assert ["Taloudellinen tilanne ja toimeentulo", "Työttömät, % työvoimasta", 2024, 14.5, 12.0, 18, 22,
            "heikentynyt", "suurempi on huonompi", "THL"] in stats
    social = {row[0].value: [c.value for c in row[1:]] for row in wb["Sosiaalinen raportointi"].iter_rows(min_row=3)}
    assert social["Asunnottomuus"] == [61, "–", "–", 70] and social["Mielenterveys"] == [0, 0, 0, "–"]
    own = [[c.value for c in row] for row in wb["Oma tieto"].iter_rows(min_row=3)]
    assert ["Taloudellinen tilanne ja toimeentulo", "Toimeentulotuen saajat / 1 000", "/ 1 000 asukasta", "–"] in own
    assert wb.properties.created == dt.datetime(2000, 1, 1)
    figures = sorted(p.name for p in (out / "kuviot").iterdir())
    assert "sosiaalinen_raportointi_2025.png" in figures and "sosiaalinen_raportointi_2025.svg" in figures
    assert {p.rsplit(".", 1)[0] for p in figures if p.endswith(".png")} == \
           {p.rsplit(".", 1)[0] for p in figures if p.endswith(".svg")}
    assert len(figures) == 2 * 4  # social reporting and one chart per national indicator
    for name in figures:
        data = (out / "kuviot" / name).read_bytes()
        assert data.startswith(b"\x89PNG") if name.endswith(".png") else b"<svg" in data and b"<dc:date>" not in data
    html = (out / "hyvinvointikertomus_2025.html").read_text(encoding="utf-8")
    assert 'src="kuviot/sosiaalinen_raportointi_2025.png"' in html
    # complaints: every row in the workbook; in the HTML only rows with a published number
    complaints = [[c.value for c in row] for row in wb["Muistutukset ja kantelut"].iter_rows(min_row=3)]
    assert complaints == [
        ["Kantelu", "Lastensuojelu", "Maksut", "Ei ilmiötä", "–", "–", "–", "–"],
        ["Muistutus", "Aikuissosiaalityö", "Kohtelu", "Asunnottomuus, Taloudellinen tilanne ja toimeentulo", 23, 21,
         28.0, "–"]]
    assert "Asunnottomuus, Taloudellinen tilanne ja toimeentulo" in html and "Lastensuojelu" not in html


def test_yearly_package_shows_no_number_the_snapshot_hides(marts, tmp_path):
    """Attack: every number in the workbook must be a value the published snapshot shows as it is (no sums, no
    values of flagged cells); the hidden cells' places hold "–"; the HTML and SVGs hold no hidden value either."""
    from openpyxl import load_workbook

    published: set[float] = set()
    for (table,) in marts.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall():
        columns = [r[0] for r in marts.execute(
            "select column_name from duckdb_columns() where table_name = ? and data_type in "
            "('BIGINT', 'INTEGER', 'DOUBLE')", [table]).fetchall()]
        flag = "is_suppressed" in {r[0] for r in marts.execute(
            "select column_name from duckdb_columns() where table_name = ?", [table]).fetchall()}
        for column in columns:
            where = f"{column} is not null" + (" and not is_suppressed" if flag and column in (
                "observations", "value", "participants") else "")
            published |= {float(v) for (v,) in marts.execute(f"select {column} from marts.{table} where {where}")
                          .fetchall()}
    out = render_welfare_report_package(marts, tmp_path)
    wb = load_workbook(out / "taulukot.xlsx")
    shown = [c.value for ws in wb for row in ws.iter_rows(min_row=3) for c in row
             if isinstance(c.value, (int, float))]
    # a mart has no row for a combination nobody reported: that is a 0, not a hidden number
    assert shown and [v for v in shown if float(v) not in published and v != 0] == []
    assert "–" in [c.value for ws in wb for row in ws.iter_rows(min_row=3) for c in row]
    for path in out.rglob("*"):
        if path.suffix in (".html", ".svg"):
            assert str(HIDDEN_TRUE_VALUE) not in path.read_text(encoding="utf-8"), path
    panels = [[c.value for c in row] for row in wb["Asiakasraadit"].iter_rows(min_row=3)]
    assert ["Kansalaisfoorumi", "Kaikki", 14, "–", 22] in panels


def test_yearly_package_says_no_data_for_missing_yearly_marts(tmp_path):
    from openpyxl import load_workbook

    con = _marts(tmp_path / "m.duckdb", knowledge=False)
    out = render_welfare_report_package(con, tmp_path / "out")
    assert out.name == "hyvinvointikertomus_2025"  # the latest year whose second half is published
    wb = load_workbook(out / "taulukot.xlsx")
    assert wb["Asiakasraadit"]["A2"].value == "Tietoa ei ole julkaistu (marts.client_panels_yearly)."
    html = (out / "hyvinvointikertomus_2025.html").read_text(encoding="utf-8")
    assert "Tietoa ei ole julkaistu (marts.social_reporting_yearly)." in html


@pytest.mark.integration
def test_report_from_the_published_demo_marts(published, tmp_path):
    """The whole pipeline's published snapshot (tests/conftest.py: demo files with planted identity codes →
    load → dbt → publish) renders into both packages with no identity code and no small count."""
    from tests.identity_codes import codes_in

    threshold = published.execute("select max(suppression_threshold) from marts.social_reporting").fetchall()[0][0]
    for lang, out in render_half_year_package(published, tmp_path).items():
        html = out.read_text(encoding="utf-8")
        assert codes_in(html) == [], lang
        parts = _parse(out)
        assert [i for i in parts.ids if i in SECTIONS] == SECTIONS
        _assert_charts(parts, expected=3)  # social reporting (2) and the plan's progress
        for section in COUNT_SECTIONS:
            _assert_no_small_counts(_section(html, section), threshold)
    yearly = render_welfare_report_package(published, tmp_path)
    assert (yearly / "taulukot.xlsx").exists()
    assert codes_in((yearly / f"{yearly.name}.html").read_text(encoding="utf-8")) == []
