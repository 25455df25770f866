"""Client-register extracts (clients by service task, social assistance decisions, housing status): landing into
raw / quarantine, identity codes pseudonymised with birth year and sex derived first, and the demo generator."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import Workbook

from demo import fictitious_hetu, spoil_hetu, write_statistics_landing
from sources.landing import load_source
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
from sources.statistics import client_register_assistance, client_register_clients, client_register_housing
from sources.statistics.register_common import birth_year_and_gender

TODAY = dt.date(2025, 12, 31)
KEY = Pseudonymizer(DEMO_PSEUDONYM_KEY)


MAN_1980 = fictitious_hetu(dt.date(1980, 4, 12), 951)      # odd individual number: male
WOMAN_2004 = fictitious_hetu(dt.date(2004, 5, 20), 902)    # even: female, century sign A
BAD = spoil_hetu(pd.Series([fictitious_hetu(dt.date(1975, 6, 3), 962)])).iloc[0]


def write(path: Path, headers: list[str], rows: list[dict], encoding: str = "utf-8-sig") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [";".join(headers)] + [";".join("" if r.get(h) is None else str(r[h]) for h in headers) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def load(root: Path, source, con=None):
    con = con or duckdb.connect()
    return con, load_source(con, source, root, KEY, today=TODAY)


def table_text(con, table: str) -> str:
    return json.dumps(con.execute(f"select * from {table}").fetchall(), default=str, ensure_ascii=False)


# -- clients by service task -----------------------------------------------------------------------------------
def client_row(**kw):
    base = {"asiakkaan_hetu": MAN_1980, "kotikunta": "Turku", "palvelutehtava": "Työikäisten sosiaalipalvelut",
            "asiakkuus_alkoi": "3.2.2024", "asiakkuus_paattyi": "", "poimintapvm": "31.12.2025"}
    return {**base, **kw}


def test_clients_load_with_derived_age_and_sex_and_reasons(tmp_path):
    rows = [
        client_row(),
        client_row(asiakkaan_hetu=WOMAN_2004, kotikunta="202", palvelutehtava="Päihde- ja riippuvuustyön erityiset palvelut"),
        client_row(asiakkaan_hetu=BAD),
        client_row(asiakkuus_alkoi="31.2.2025"),
        client_row(kotikunta="Tuntematon kunta"),
        client_row(palvelutehtava="Lemmikkipalvelut"),
        client_row(asiakkuus_alkoi="5.5.2025", asiakkuus_paattyi="1.5.2025"),
    ]
    write(tmp_path / "client_register_clients" / "asiakkuudet.csv", client_register_clients.HEADERS, rows)
    con, result = load(tmp_path, client_register_clients.SOURCE)
    f = result.files[0]
    assert (f.rows_in, f.rows_accepted, f.rows_quarantined) == (7, 2, 5)
    got = con.execute("select client_group, municipality_code, birth_year, gender, length(client_pseudonym) "
                      "from raw.client_register_clients order by client_group").fetchall()
    assert got == [("paihde_riippuvuus", "202", 2004, "female", 64), ("tyoikaiset", "853", 1980, "male", 64)]
    reasons = " | ".join(r[0] for r in con.execute("select reason from quarantine.client_register_clients").fetchall())
    for expected in ("invalid identity code", "invalid date '31.2.2025'", "unknown municipality",
                     "unknown service task", "before asiakkuus_alkoi"):
        assert expected in reasons
    for table in ("raw.client_register_clients", "quarantine.client_register_clients"):
        text = table_text(con, table)
        assert MAN_1980 not in text and BAD not in text and WOMAN_2004 not in text


def test_birth_year_and_sex_from_identity_code_respect_century_signs():
    assert birth_year_and_gender("010594Y9032") == (1994, "male")
    assert birth_year_and_gender("020504A902E") == (2004, "female")
    assert birth_year_and_gender("010516B903X") == (2016, "male")
    assert birth_year_and_gender(fictitious_hetu(dt.date(1899, 12, 31), 956, sign="+")) == (1899, "female")


# -- assistance decisions --------------------------------------------------------------------------------------
def decision(**kw):
    base = {"paatosnumero": "TOTU-2025-000001", "hakijan_hetu": MAN_1980, "kotikunta": "Salo",
            "tukilaji": "Täydentävä", "paatospvm": "14.3.2025", "ratkaisu": "Myönteinen", "myonnetty_euroa": "1 234,56"}
    return {**base, **kw}


def test_assistance_cp1252_decimal_comma_and_decision_rules(tmp_path):
    rows = [
        decision(),
        decision(paatosnumero="TOTU-2025-000002", tukilaji="Ehkäisevä", ratkaisu="Osittain myönteinen", myonnetty_euroa="250,5"),
        decision(paatosnumero="TOTU-2025-000003", ratkaisu="Kielteinen", myonnetty_euroa="0,00"),
        decision(paatosnumero="TOTU-2025-000004", ratkaisu="Kielteinen", myonnetty_euroa="100,00"),
        decision(paatosnumero="TOTU-2025-000005", myonnetty_euroa=""),
        decision(paatosnumero="TOTU-2025-000006", myonnetty_euroa="12,3,4"),
        decision(paatosnumero="TOTU-2025-000007", tukilaji="Perustoimeentulotuki"),
        decision(paatosnumero="TOTU-2025-000008", hakijan_hetu=BAD),
    ]
    write(tmp_path / "client_register_assistance" / "paatokset_2025.csv", client_register_assistance.HEADERS, rows,
          encoding="cp1252")
    con, result = load(tmp_path, client_register_assistance.SOURCE)
    assert result.total("rows_accepted") == 3 and result.total("rows_quarantined") == 5
    got = con.execute("select decision_id, assistance_type, decision, amount_eur from raw.client_register_assistance "
                      "order by decision_id").fetchall()
    assert got == [("TOTU-2025-000001", "supplementary", "granted", 1234.56),
                   ("TOTU-2025-000002", "preventive", "partly_granted", 250.5),
                   ("TOTU-2025-000003", "supplementary", "rejected", 0.0)]
    reasons = " | ".join(r[0] for r in con.execute("select reason from quarantine.client_register_assistance").fetchall())
    for expected in ("rejected decision with an amount", "granted decision without amount", "not a number",
                     "unknown assistance type", "invalid identity code"):
        assert expected in reasons
    assert MAN_1980 not in table_text(con, "quarantine.client_register_assistance")


# -- housing status (xlsx) -------------------------------------------------------------------------------------
def test_housing_from_xlsx_with_ara_categories(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(client_register_housing.HEADERS)
    sheet.append([MAN_1980, "Turku", dt.datetime(2025, 11, 15), "Asunnoton", "Tuttavien tai sukulaisten luona", "K"])
    sheet.append([WOMAN_2004, "Raisio", "1.6.2025", "Asunnottomuuden uhka", None, None])
    sheet.append([MAN_1980, "Turku", "2.6.2025", "Asunnottomuuden uhka", "Asuntola", None])  # category but not homeless
    sheet.append([MAN_1980, "Turku", "3.6.2025", "Asunnoton", None, "ehkä"])
    sheet.append([BAD, "Turku", "4.6.2025", "Asunnoton", None, None])
    (tmp_path / "client_register_housing").mkdir()
    book.save(tmp_path / "client_register_housing" / "asumistilanne.xlsx")
    con, result = load(tmp_path, client_register_housing.SOURCE)
    assert result.total("rows_accepted") == 2 and result.total("rows_quarantined") == 3
    got = con.execute("select housing_status, homelessness_form, is_long_term_homeless, status_date "
                      "from raw.client_register_housing order by status_date").fetchall()
    assert [g[:3] for g in got] == [("at_risk", None, None), ("homeless", "with_friends_or_relatives", True)]
    reasons = " | ".join(r[0] for r in con.execute("select reason from quarantine.client_register_housing").fetchall())
    assert "not homeless" in reasons and "expected K or E" in reasons and "invalid identity code" in reasons


def test_a_chunk_with_only_valid_codes_loads(tmp_path):
    write(tmp_path / "client_register_clients" / "clean.csv", client_register_clients.HEADERS, [client_row()])
    _con, result = load(tmp_path, client_register_clients.SOURCE)
    assert result.total("rows_accepted") == 1


# -- demo ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("landing")
    write_statistics_landing(root, scale=0.03, seed=11, today=TODAY)
    return root


def test_demo_loads_with_a_few_broken_rows_per_file(demo):
    con = duckdb.connect()
    for source in (client_register_clients.SOURCE, client_register_assistance.SOURCE, client_register_housing.SOURCE):
        result = load_source(con, source, demo, KEY, today=TODAY)
        for f in result.files:
            assert f.rows_in == f.rows_accepted + f.rows_quarantined
            assert 1 <= f.rows_quarantined <= 5, (source.name, f.file_name, f.reasons)
        assert any("invalid identity code" in r for r in result.reasons)
    clients = con.execute("select count(distinct client_pseudonym) from raw.client_register_clients").fetchall()[0][0]
    assert 0.8 * 60_000 * 0.03 < clients < 1.2 * 60_000 * 0.03
    by_municipality = dict(con.execute("select municipality_code, count(*) from raw.client_register_clients "
                                       "group by 1").fetchall())
    assert max(by_municipality, key=by_municipality.get) == "853"  # Turku is the largest


def test_demo_formats_and_fictitious_codes_only(demo):
    files = sorted(p.relative_to(demo).as_posix() for p in demo.rglob("*") if p.is_file())
    assert any(f.endswith(".xlsx") for f in files)
    assert (demo / "client_register_assistance" / "toimeentulotukipaatokset_2025.csv").read_bytes().decode("cp1252")
    codes = set()
    for path in demo.rglob("*.csv"):
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("cp1252")
        codes |= set(re.findall(r"\b\d{6}[-+A-FU-Y](\d{3})[0-9A-Y]\b", text))
    assert codes and all(900 <= int(n) <= 999 for n in codes)


def test_demo_is_deterministic(tmp_path):
    write_statistics_landing(tmp_path / "a", scale=0.005, seed=3, today=TODAY)
    write_statistics_landing(tmp_path / "b", scale=0.005, seed=3, today=TODAY)
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path.name
