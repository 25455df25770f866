"""HaiPro incident reports: monthly cp1252 exports, quarantine reasons, redaction of the free text."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import numpy as np
from faker import Faker

from demo import random_fictitious_hetu, write_csv, write_haipro
from sources.landing import load_source
from sources.professional_observations.haipro import HEADERS, SOURCE
from tests.conftest import text_values
from tests.identity_codes import codes_in
from tests.unit._landing_files import land_reconciled

TODAY = dt.date(2025, 12, 31)


def test_demo_month_with_broken_rows(tmp_path):
    write_haipro(tmp_path / "all", np.random.default_rng(5), Faker("fi_FI"), scale=0.05, today=TODAY)
    landing = tmp_path / "landing" / "haipro"
    landing.mkdir(parents=True)
    for name in ("haipro_2025-02.csv", "haipro_2025-03.csv"):  # February carries the broken rows
        (landing / name).write_bytes((tmp_path / "all" / "haipro" / name).read_bytes())
    con, result = land_reconciled(tmp_path / "landing", SOURCE, today=TODAY)
    assert result.reasons == {"Ilmoituspäivä: invalid date": 1, "Vakavuus: unknown severity": 1}
    assert con.execute("select count(*) from raw.haipro where description_text like '%[HETU]%'").fetchall()[0][0] == 1
    types = {r[0] for r in con.execute("select distinct event_type from raw.haipro").fetchall()}
    assert types <= {"vaaratapahtuma", "laheltapiti", "tietosuoja", "tyoturvallisuus", "muu"}


def test_free_text_is_redacted_in_raw_and_quarantine(tmp_path):
    hetu = random_fictitious_hetu(np.random.default_rng(11))
    text = f"Asiakas Liisa Mäkinen ({hetu}) kaatui, omainen soitti 044 765 4321."
    rows = [
        ["HP-2025-1", "3.3.2025", "2.3.2025", "Vaaratapahtuma", "Lievä haitta", "Ikääntyneiden palvelut", "Salo",
         "Käsittelyssä", text, "Soitettu Mäkiselle."],
        ["HP-2025-2", "31.2.2025", "", "Läheltä piti", "Ei haittaa", "Vammaispalvelut", "", "Uusi", text, ""],
    ]
    write_csv(tmp_path / "haipro" / "haipro_2025-03.csv", HEADERS, rows, encoding="cp1252")
    con = duckdb.connect()
    result = load_source(con, SOURCE, tmp_path, today=TODAY)
    assert (result.total("rows_accepted"), result.total("rows_quarantined")) == (1, 1)
    strings = text_values(con)
    joined = "\n".join(strings)
    assert not [c for s in strings for c in codes_in(s)]
    for secret in (hetu, "Mäkinen", "Mäkiselle", "Liisa", "765 4321"):
        assert secret not in joined, secret
    row = con.execute("select severity, municipality_code, description_text, measures_text from raw.haipro").fetchall()
    assert row == [("lieva", "734", "Asiakas [NIMI] ([HETU]) kaatui, omainen soitti [PUHELIN].", "Soitettu [NIMI].")]
    record = json.loads(con.execute("select record from quarantine.haipro").fetchall()[0][0])
    assert record["Tapahtuman kuvaus"] == "Asiakas [NIMI] ([HETU]) kaatui, omainen soitti [PUHELIN]."


def test_event_after_report_is_quarantined(tmp_path):
    rows = [["HP-2025-9", "3.3.2025", "5.3.2025", "Muu", "", "Lastensuojelu", "Turku", "Suljettu", "", ""]]
    write_csv(tmp_path / "haipro" / "haipro.csv", HEADERS, rows)
    con = duckdb.connect()
    load_source(con, SOURCE, tmp_path, today=TODAY)
    assert "event_not_after_report" in con.execute("select reason from quarantine.haipro").fetchall()[0][0]
