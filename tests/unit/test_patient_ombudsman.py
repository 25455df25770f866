"""Patient ombudsman's contacts table (designed xlsx/CSV aggregate): load, quarantine, spellings, header check."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np

from demo import write_csv, write_patient_ombudsman
from sources.landing import load_source
from sources.loads import reconcile
from sources.professional_observations.patient_ombudsman import HEADERS, SOURCE
from tests.unit._landing_files import land_reconciled

TODAY = dt.date(2025, 12, 31)


def test_demo_workbooks_load_with_broken_rows_quarantined(tmp_path):
    write_patient_ombudsman(tmp_path, np.random.default_rng(3), scale=0.05, today=TODAY)
    con, result = land_reconciled(tmp_path, SOURCE, today=TODAY)
    assert [f.file_name for f in result.loaded] == ["potilasasiavastaava_2024_vuosi.xlsx",
                                                   "potilasasiavastaava_2025_h1.xlsx"]
    assert result.reasons == {"Yhteydenoton aihe: unknown topic": 2, "Yhteydenottoja: not a number": 2,
                              "Jakso: unknown period": 2}
    periods = con.execute("select year, period, max(period_end), sum(contacts) from raw.patient_ombudsman "
                          "group by 1, 2 order by 1").fetchall()
    assert [(y, p, e.date()) for y, p, e, _ in periods] == [(2024, "year", dt.date(2024, 12, 31)),
                                                          (2025, "h1", dt.date(2025, 6, 30))]
    assert all(n >= 80 for *_, n in periods)
    areas = {r[0] for r in con.execute("select distinct ombudsman_area from raw.patient_ombudsman").fetchall()}
    assert {"perusterveydenhuolto", "erikoissairaanhoito", "mielenterveys_paihde"} <= areas


def test_csv_delivery_in_cp1252_with_report_spellings(tmp_path):
    rows = [
        [2025, "tammi-kesäkuu", "Hammashoito", "Hammashoitola Kaarina", "Asiakasmaksut tai korvausvaatimukset",
         "Potilasvakuutusilmoitus", "4"],
        [2025, "2. puolivuotiskausi", "Psykiatria", "Nuorisopsykiatria", "Hoito", "Hallintokantelu", "1"],
        [2025, "2. puolivuotiskausi", "Psykiatria", "Nuorisopsykiatria", "Hoito", "Kantelu", "2"],  # same cell
        [2025, "Koko vuosi", "Tyks", "", "Kohtelu", "Muistutus", "3"],  # no unit
        [2025, "Koko vuosi", "Tyks", "Tyks T-sairaala", "Kohtelu", "Muistutus", "-2"],
    ]
    write_csv(tmp_path / "patient_ombudsman" / "pav_2025.csv", HEADERS, rows, encoding="cp1252")
    con = duckdb.connect()
    load_source(con, SOURCE, tmp_path, today=TODAY)
    assert con.execute("select period, ombudsman_area, topic, outcome, contacts from raw.patient_ombudsman"
                       ).fetchall() == [("h1", "suun_terveydenhuolto", "asiakasmaksut", "potilasvahinkoilmoitus", 4)]
    reasons = [r[0] for r in con.execute("select reason from quarantine.patient_ombudsman order by _row_number")
               .fetchall()]
    assert len(reasons) == 4
    assert "failed" in reasons[0] and "failed" in reasons[1]  # both rows of the duplicated cell
    assert reasons[2] == "Toimintayksikkö: missing value"
    assert reasons[3] == "Yhteydenottoja: below 0"
    assert reconcile(con, "patient_ombudsman") == []


def test_unexpected_column_fails_the_file_naming_it(tmp_path):
    write_csv(tmp_path / "patient_ombudsman" / "pav.csv", HEADERS + ["Kommentti"],
               [[2025, "Koko vuosi", "Muu", "x", "Muu", "Muu", 5, "y"]])
    result = load_source(duckdb.connect(), SOURCE, tmp_path, today=TODAY)
    assert len(result.failed) == 1 and "pav.csv" in str(result.failed[0])
    assert "unexpected columns 'Kommentti'" in str(result.failed[0])
