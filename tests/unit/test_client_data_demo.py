"""The client-data demo generator: deterministic, real formats, fictitious identity codes, a few broken rows per
file that the loaders quarantine, and nothing identifying in any table after loading."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pytest

from demo import fictitious_hetu, write_client_data_landing
from sources.landing import load_source
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer, is_valid_hetu
from sources.registry import file_sources
from tests.identity_codes import codes_in

TODAY = dt.date(2025, 12, 31)
SCALE = 0.05


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("landing")
    write_client_data_landing(root, scale=SCALE, today=TODAY)
    return root


# Loading costs about a third of a second per file, so the warehouse takes every complaints and panels file but
# only the feedback months with something special (first, the xlsx month, the last with its future timestamp)
# and two KTK years.
LOADED = {
    "complaints": ["asiat_2024.csv", "asiat_2025.csv"],
    "client_feedback": ["palaute_2024-01.csv", "palaute_2025-06.xlsx", "palaute_2025-12.csv"],
    "client_panels": ["asiakasraadit_2024.xlsx", "asiakasraadit_2025.xlsx"],
    "kouluterveyskysely": ["kouluterveyskysely_2019.csv", "kouluterveyskysely_2025.csv"],
}


@pytest.fixture(scope="module")
def warehouse(landing, tmp_path_factory):
    subset = tmp_path_factory.mktemp("subset")
    for source, names in LOADED.items():
        (subset / source).mkdir()
        for name in names:
            (subset / source / name).write_bytes((landing / source / name).read_bytes())
    con = duckdb.connect()
    loads = {
        s.name: load_source(con, s, subset, Pseudonymizer(DEMO_PSEUDONYM_KEY), today=TODAY)
        for s in file_sources("client_data")
    }
    return con, loads


def test_same_arguments_write_the_same_bytes(landing, tmp_path):
    write_client_data_landing(tmp_path, scale=SCALE, today=TODAY)
    first = {p.relative_to(landing): p.read_bytes() for p in landing.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert all(first[k] == second[k] for k in first)


def test_files_are_in_the_real_export_formats(landing):
    complaints = sorted((landing / "complaints").iterdir())
    assert [p.name for p in complaints] == ["asiat_2024.csv", "asiat_2025.csv"]
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbfasianumero;asiatyyppi;") for p in complaints)

    feedback = sorted(p.name for p in (landing / "client_feedback").iterdir())
    assert len(feedback) == 24 and feedback.count("palaute_2025-06.xlsx") == 1
    sample = (landing / "client_feedback" / "palaute_2024-03.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        sample.decode("utf-8")  # cp1252: ä and ö are single bytes
    assert sample.decode("cp1252").startswith("Palautteen tunnus;Saapunut;")

    assert sorted(p.name for p in (landing / "client_panels").iterdir()) == [
        "asiakasraadit_2024.xlsx",
        "asiakasraadit_2025.xlsx",
    ]

    ktk = sorted(p.name for p in (landing / "kouluterveyskysely").iterdir())
    assert ktk == [f"kouluterveyskysely_{y}.csv" for y in (2019, 2021, 2023, 2025)]
    text = (landing / "kouluterveyskysely" / "kouluterveyskysely_2023.csv").read_text(encoding="utf-8-sig")
    assert re.search(r";\d+,\d;\d+,\d;\d+,\d;\d+\r?$", text.splitlines()[1])  # decimal comma
    assert re.search(r"^\d{1,2}\.\d{1,2}\.\d{4}$", text) is None  # no dates in KTK
    assert re.search(
        r";\d{1,2}\.\d{1,2}\.20\d\d;", (landing / "complaints" / "asiat_2025.csv").read_text("utf-8-sig")
    )


def test_demo_identity_codes_are_fictitious(landing):
    found = set()
    for path in landing.rglob("*.csv"):
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("cp1252")
        found.update(re.findall(r"(?<![\w-])\d{6}[-+A]\d{3}[0-9A-Z](?!\w)", text))  # the generator always writes the sign
    assert len(found) > 20
    for code in found:
        assert int(code[7:10]) >= 900, code
    assert any(not is_valid_hetu(c) for c in found)  # the deliberately broken checksum
    with pytest.raises(ValueError):
        fictitious_hetu(dt.date(1980, 1, 1), 123)


def test_every_file_reconciles_and_has_its_broken_rows_quarantined(warehouse):
    con, loads = warehouse
    for name, load in loads.items():
        assert not load.failed, (name, load.failed)
        for f in load.files:
            assert f.rows_in == f.rows_accepted + f.rows_quarantined, (name, f.file_name)
            assert f.rows_quarantined >= 1, (name, f.file_name)
    reasons = {name: load.reasons for name, load in loads.items()}
    assert {
        "asiakkaan_hetu: invalid identity code (the number's checksum or check digit is invalid)",
        "saapumispvm: invalid date",
        "kunta: unknown municipality",
        "palvelualue: unknown service area",
        "saapumispvm: date in the future",
        "ratkaisupvm: decision date before the receipt date",
    } <= reasons["complaints"].keys()
    assert {
        "Arvosana (1-5): above 5",
        "Palvelualue: unknown service area",
        "Saapunut: invalid timestamp",
        "Saapunut: timestamp in the future",
    } <= reasons["client_feedback"].keys()
    assert {"Osallistujia: below 0", "Kunta: unknown municipality"} <= reasons["client_panels"].keys()
    assert {
        "Vuosi: not a Kouluterveyskysely year (collected in odd years)",
        "Alue: unknown area",
        "Kouluaste: unknown school level",
    } <= reasons["kouluterveyskysely"].keys()
    ledger = con.execute("select count(*), sum(rows_in - rows_accepted - rows_quarantined) from raw._loads")
    assert ledger.fetchall() == [(9, 0)]


def test_no_identity_code_in_any_table(warehouse):
    con, _ = warehouse
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in ('raw', 'quarantine')"
    ).fetchall()
    assert len(tables) == 9
    for schema, table in tables:
        dump = json.dumps(
            con.execute(f"select * from {schema}.{table}").fetchall(), default=str, ensure_ascii=False
        )
        assert codes_in(dump) == [], f"{schema}.{table}"


def test_demo_content_is_realistic(warehouse):
    con, _ = warehouse

    def q(sql):
        return con.execute(sql).fetchall()
    # Complaints: all four case types; 2024 cases decided after the first export come again, newer.
    types = dict(q("select case_type, count(*) from raw.complaints group by 1"))
    assert set(types) == {"muistutus", "kantelu", "kantelu_muistutuksena", "epakohtailmoitus"}
    assert q(
        "select count(*) > 0 from (select case_id from raw.complaints group by 1 having count(*) > 1)"
    ) == [(True,)]
    assert q(
        "select bool_and(linked_case_id like 'LSAVI/%') from raw.complaints "
        "where case_type = 'kantelu_muistutuksena'"
    ) == [(True,)]
    # Feedback: Swedish text, both scales, the phenomenon topics.
    assert q(
        "select count(*) > 0 from raw.client_feedback where language = 'sv' and feedback_text is not null"
    ) == [(True,)]
    topics = {r[0] for r in q("select distinct topic from raw.client_feedback")}
    assert {"asuminen", "toimeentulo", "mielenterveys", "paihteet"} <= topics
    # KTK: 2019..2025 for the country, the 22 areas and Varha's 27 municipalities.
    assert q(
        "select survey_year, count(distinct area_code) from raw.kouluterveyskysely group by 1 order by 1"
    ) == [(2019, 50), (2025, 50)]
    assert q("select count(*) > 0 from raw.kouluterveyskysely where is_withheld") == [(True,)]
