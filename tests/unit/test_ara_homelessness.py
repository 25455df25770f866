"""ARA's homelessness survey (asunnottomuusselvitys): the reader's header variants across years, municipality
codes and names, the file's total row, quarantine with reasons, and the demo files in both layouts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from demo import write_ara_landing
from sources.landing import load_source
from sources.statistics.ara_homelessness import SOURCE

TODAY = dt.date(2025, 12, 31)
NEW = ["Kuntakoodi", "Kunta", "Yksinelävät asunnottomat", "joista pitkäaikaisasunnottomia", "Asunnottomat perheet",
       "Alle 25-vuotiaat", "Naiset", "Maahanmuuttajat", "Laitoksissa"]
OLD = ["Kuntanumero", "Kunta", "Yksinäiset asunnottomat yhteensä", "Pitkäaikaisasunnottomat", "Asunnottomat perheet",
       "Nuoret alle 25 v", "Naiset"]


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [";".join(headers)] + [";".join(r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def write_xlsx(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path


def load(root: Path):
    con = duckdb.connect()
    return con, load_source(con, SOURCE, root, today=TODAY)


def test_new_layout_xlsx_with_codes_names_dash_and_total_row(tmp_path):
    write_xlsx(tmp_path / "ara_homelessness" / "asunnottomat_2023.xlsx", NEW, [
        ["853", "Turku", 310, 95, 12, 48, 70, 66, 14],  # a form of homelessness: known, not loaded
        [19, "Aura", "-", "-", "-", "-", "-", "-", None],           # a code without its zero; '-' is zero
        [None, "Helsinki", 820, 300, "..", 120, 180, 250, None],    # no code: found by name; '..' not reported
        [None, "Koko maa", 1130, 395, None, 168, 250, 316, None],   # the file's own total row
    ])
    con, result = load(tmp_path)
    assert not result.failed and result.files[0].rows_accepted == 4
    rows = con.execute("select municipality_code, is_total_row, single_homeless, homeless_families, survey_year, "
                       "snapshot_date from raw.ara_homelessness order by _row_number").fetchall()
    assert [r[:4] for r in rows] == [("853", False, 310, 12), ("019", False, 0, 0), ("091", False, 820, None),
                                     (None, True, 1130, None)]
    assert {r[4] for r in rows} == {2023} and str(rows[0][5]).startswith("2023-11-15")


def test_old_layout_csv_without_optional_subgroups(tmp_path):
    write_csv(tmp_path / "ara_homelessness" / "Asunnottomat_2016_kunnittain.csv", OLD, [
        ["853", "Turku", "402", "120", "15", "70", "80"],
        ["91", "Helsinki", "1 150", "420", "60", "210", "250"],  # thousands separator
    ])
    con, result = load(tmp_path)
    assert not result.failed and result.total("rows_quarantined") == 0
    assert con.execute("select sum(single_homeless), count(immigrants), max(survey_year) "
                       "from raw.ara_homelessness").fetchone() == (1552, 0, 2016)


def test_bad_rows_go_to_quarantine_with_reasons(tmp_path):
    write_csv(tmp_path / "ara_homelessness" / "asunnottomat_2024.csv", NEW, [
        ["853", "Turku", "300", "320", "10", "40", "60", "50", ""],   # long-term above single
        ["999", "Tuntematon", "4", "1", "-", "1", "1", "-", ""],      # no such municipality in the seeds
        ["", "Kemiönsaari", "2,5", "1", "-", "-", "1", "-", ""],      # fractional count
        ["202", "Kaarina", "-3", "0", "0", "0", "0", "0", ""],        # negative
        ["423", "Lieto", "8", "2", "1", "1", "2", "1", ""],
        ["423", "Lieto", "8", "2", "1", "1", "2", "1", ""],           # given twice: both are quarantined
        ["", "", "", "", "", "", "", "", "x"],                        # neither code nor name
    ])
    con, result = load(tmp_path)
    load_ = result.files[0]
    assert load_.rows_in == 7 == load_.rows_accepted + load_.rows_quarantined and load_.rows_accepted == 0
    reasons = dict(con.execute("select _row_number, reason from quarantine.ara_homelessness").fetchall())
    assert reasons[2] == "long_term_homeless: more than the single homeless count"
    assert "unknown municipality '999'" in reasons[3]
    assert "single_homeless: not a whole number" in reasons[4]
    assert "single_homeless: below 0" in reasons[5]
    assert "uniqueness" in reasons[6] and "uniqueness" in reasons[7]
    assert "single_homeless: missing value" in reasons[8]


@pytest.mark.parametrize(("name", "headers", "needle"), [
    ("asunnottomat.csv", NEW, "no survey year"),
    ("asunnottomat_2023.csv", ["Kunta", "Yksinelävät asunnottomat", "Asunnottomat perheet"], "long_term_homeless"),
    ("asunnottomat_2023.csv", ["Kunta", "Naiset", "Yksinelävät asunnottomat", "Pitkäaikaisasunnottomat",
                               "Asunnottomat perheet"], "missing columns municipality_code"),
    ("asunnottomat_2023.csv", [*OLD, "Naiset yhteensä"], "unexpected columns 'Naiset yhteensä'"),
])
def test_unusable_files_are_set_aside_naming_the_problem(tmp_path, name, headers, needle):
    write_csv(tmp_path / "ara_homelessness" / name, headers, [["1"] * len(headers)])
    con, result = load(tmp_path)
    assert len(result.failed) == 1 and needle in str(result.failed[0]) and name in str(result.failed[0])


def test_demo_files_load_in_both_layouts_and_reconcile(tmp_path):
    write_ara_landing(tmp_path)
    con, result = load(tmp_path)
    assert not result.failed and len(result.files) == 10
    for f in result.files:
        assert f.rows_in == f.rows_accepted + f.rows_quarantined
        assert f.rows_quarantined == (3 if "2024" in f.file_name else 0), f.file_name
    # the file's own total row equals the sum of its municipalities in every clean year
    diff = con.execute("""
        select survey_year from raw.ara_homelessness group by survey_year
        having sum(single_homeless) filter (where is_total_row)
            <> sum(single_homeless) filter (where not is_total_row) and survey_year < 2024""").fetchall()
    assert diff == []
    per_county = con.execute("select count(distinct municipality_code) from raw.ara_homelessness").fetchone()[0]
    assert per_county >= 88  # Varha's 27 and the other counties' municipalities of the seeds
    # the newest delivery is loaded again as nothing new
    again = load_source(con, SOURCE, tmp_path, today=TODAY)
    assert all(f.status == "skipped" for f in again.files)
