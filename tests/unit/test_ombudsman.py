"""Social ombudsman annual statistics (xlsx aggregate): load, quarantine, header check, CSV variant."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np

from demo import write_csv, write_ombudsman
from sources.landing import load_source
from sources.professional_observations.ombudsman import HEADERS, SOURCE
from tests.unit._landing_files import land_reconciled

TODAY = dt.date(2025, 12, 31)


def test_demo_workbooks_load_with_broken_rows_quarantined(tmp_path):
    write_ombudsman(tmp_path, np.random.default_rng(3), scale=0.05, today=TODAY)
    con, result = land_reconciled(tmp_path, SOURCE, today=TODAY)
    assert [f.file_name for f in result.loaded] == ["sosiaaliasiavastaava_tilastot_2023.xlsx",
                                                   "sosiaaliasiavastaava_tilastot_2024.xlsx"]
    assert result.reasons == {"Kunta: unknown municipality": 2, "Yhteydenottoja: not a number": 2,
                              "Palvelualue: unknown service area": 2}
    areas = {r[0] for r in con.execute("select distinct ombudsman_area from raw.ombudsman").fetchall()}
    assert areas == {"toimeentulotuki", "lastensuojelu", "ikaantyneet_vammaiset", "muut"}
    years = con.execute("select year, sum(contacts) from raw.ombudsman group by 1 order by 1").fetchall()
    assert [y for y, _ in years] == [2023, 2024] and all(n >= 60 for _, n in years)


def test_csv_delivery_in_cp1252_with_spellings(tmp_path):
    rows = [
        [2024, "Åbo", "Iäkkäiden ja vammaisten palvelut", "Käsittelyn viivästyminen", "Ohjattu muualle", "7"],
        [2024, "Kaarina", "Toimeentulotuki", "Päätös", "Avustettu muistutuksen laatimisessa", "12"],
        [2024, "Kaarina", "Toimeentulotuki", "Päätös", "Avustettu muistutuksen laatimisessa", "3"],  # duplicate cell
        [2024, "Salo", "Lastensuojelu", "Kohtelu", "Neuvonta", "-1"],
    ]
    write_csv(tmp_path / "ombudsman" / "tilastot_2024.csv", HEADERS, rows, encoding="cp1252")
    con = duckdb.connect()
    load_source(con, SOURCE, tmp_path, today=TODAY)
    assert con.execute("select municipality_code, ombudsman_area, reason, measure, contacts from raw.ombudsman"
                       ).fetchall() == [("853", "ikaantyneet_vammaiset", "viivastys", "ohjaus_muualle", 7)]
    reasons = [r[0] for r in con.execute("select reason from quarantine.ombudsman order by _row_number").fetchall()]
    assert len(reasons) == 3
    assert "failed" in reasons[0] and "failed" in reasons[1]  # both rows of the duplicated cell
    assert reasons[2] == "Yhteydenottoja: below 0"


def test_unexpected_column_fails_the_file_naming_it(tmp_path):
    write_csv(tmp_path / "ombudsman" / "tilastot.csv", HEADERS + ["Huomautus"], [[2024, "Turku", "Muu", "Muu",
                                                                                 "Muu", 5, "x"]])
    result = load_source(duckdb.connect(), SOURCE, tmp_path, today=TODAY)
    assert len(result.failed) == 1 and "tilastot.csv" in str(result.failed[0])
    assert "unexpected columns 'Huomautus'" in str(result.failed[0])
