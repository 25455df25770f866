"""SHQS quality criteria status (designed xlsx export): load, quarantine, spellings, duplicates."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np

from demo import write_csv, write_shqs_criteria
from sources.landing import load_source
from sources.loads import reconcile
from sources.professional_observations.shqs_criteria import HEADERS, SOURCE
from tests.unit._landing_files import land_reconciled

TODAY = dt.date(2025, 12, 31)


def test_demo_workbooks_load_with_broken_rows_quarantined(tmp_path):
    write_shqs_criteria(tmp_path, np.random.default_rng(7), scale=0.2, today=TODAY)
    con, result = land_reconciled(tmp_path, SOURCE, today=TODAY)
    assert [f.file_name for f in result.loaded] == ["shqs_arvioinnit_2024.xlsx", "shqs_arvioinnit_2025.xlsx"]
    assert result.reasons == {"Arvio: unknown status": 2, "Kriteeriryhmä: unknown criteria group": 2,
                              "criterion_code: failed str_matches('^\\d{1,2}(\\.\\d{1,2}){1,3}$')": 2}
    statuses = dict(con.execute("select status, count(*) from raw.shqs_criteria group by 1").fetchall())
    assert set(statuses) == {"taytyy", "osittain", "ei_tayty"} and statuses["taytyy"] > statuses["ei_tayty"]
    groups = {r[0] for r in con.execute("select distinct criteria_group from raw.shqs_criteria").fetchall()}
    assert len(groups) == 6


def test_csv_spellings_and_a_criterion_assessed_twice_in_one_assessment(tmp_path):
    rows = [
        ["12.5.2025", "Ulkoinen auditointi", "SOS-501", "Palvelukoti Salo", "Vanhuspalvelut", "Potilasturvallisuus",
         "5.2", "Täyttyy osittain"],
        ["12.5.2025", "Itsearviointi", "SOS-501", "Palvelukoti Salo", "Vanhuspalvelut", "Johtaminen", "1.1", "Kyllä"],
        ["12.5.2025", "Itsearviointi", "SOS-501", "Palvelukoti Salo", "Vanhuspalvelut", "Johtaminen", "1.1", "Ei"],
    ]
    write_csv(tmp_path / "shqs_criteria" / "shqs.csv", HEADERS, rows)
    con = duckdb.connect()
    load_source(con, SOURCE, tmp_path, today=TODAY)
    assert con.execute("select assessment_type, service_area_code, criteria_group, status from raw.shqs_criteria"
                       ).fetchall() == [("ulkoinen_auditointi", "ikaantyneet", "asiakasturvallisuus", "osittain")]
    assert con.execute("select count(*) from quarantine.shqs_criteria").fetchone()[0] == 2
    assert reconcile(con, "shqs_criteria") == []
