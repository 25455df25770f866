"""The landing loader: re-deliveries, corrected re-deliveries, and the ledger."""

from __future__ import annotations

import datetime as dt

import duckdb

from sources.client_data.complaints import HEADERS, SOURCE
from sources.demo.client_data import fictitious_hetu
from sources.landing import load_source
from sources.loads import reconcile
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer

KEY = Pseudonymizer(DEMO_PSEUDONYM_KEY)
TODAY = dt.date(2025, 12, 31)


def complaint(case: str, day: int, category_need: str = "7") -> list[str]:
    code = fictitious_hetu(dt.date(1980, 5, day), 900 + day)
    values = dict.fromkeys(HEADERS, "")
    values.update({
        "asianumero": case, "asiatyyppi": "Muistutus", "saapumispvm": f"{day}.3.2025", "tapahtumapvm": f"{day}.2.2025",
        "tekija": "asiakas", "asiakkaan_hetu": code, "palvelualue": "Lastensuojelu", "yksikko": "Turun yksikkö",
        "kunta": "853", "kategoria": "kohtelu", "shl11_tarve": category_need, "muokattu": f"{day}.3.2025 12:00",
    })
    return [values[h] for h in HEADERS]


def deliver(folder, name: str, rows: list[list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(";".join(r) for r in [HEADERS, *rows])
    (folder / name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def test_same_file_twice_is_loaded_once(tmp_path):
    con = duckdb.connect()
    deliver(tmp_path / "complaints", "asiat_2025-03.csv", [complaint("MU-2025-1", 3), complaint("MU-2025-2", 4)])
    first = load_source(con, SOURCE, tmp_path, KEY, TODAY)
    # The same content again, also under another name (a re-sent attachment): nothing new is loaded.
    second = load_source(con, SOURCE, tmp_path, KEY, TODAY)
    assert [f.status for f in first.files] == ["loaded"]
    assert [f.status for f in second.files] == ["skipped"]
    assert con.execute("select count(*) from raw.complaints").fetchall() == [(2,)]
    assert con.execute("select count(*) from raw._loads").fetchall() == [(1,)]


def test_corrected_redelivery_replaces_its_batch(tmp_path):
    con = duckdb.connect()
    folder = tmp_path / "complaints"
    deliver(folder, "asiat_2025-03.csv", [complaint("MU-2025-1", 3), complaint("MU-2025-2", 4), complaint("MU-2025-3", 5)])
    load_source(con, SOURCE, tmp_path, KEY, TODAY)
    deliver(folder, "asiat_2025-03.csv", [complaint("MU-2025-1", 3, "2"), complaint("MU-2025-2", 4)])
    result = load_source(con, SOURCE, tmp_path, KEY, TODAY)
    assert [f.status for f in result.files] == ["replaced"]
    rows = con.execute("select case_id, shl11_need_code from raw.complaints order by 1").fetchall()
    assert rows == [("MU-2025-1", 2), ("MU-2025-2", 7)]
    statuses = con.execute("select status, rows_in from raw._loads order by loaded_at").fetchall()
    assert statuses == [("superseded", 3), ("current", 2)]
    assert reconcile(con, "complaints") == []


def test_reconciliation_catches_a_tampered_batch(tmp_path):
    con = duckdb.connect()
    deliver(tmp_path / "complaints", "asiat_2025-03.csv", [complaint("MU-2025-1", 3), complaint("MU-2025-2", 4)])
    load_source(con, SOURCE, tmp_path, KEY, TODAY)
    con.execute("delete from raw.complaints where case_id = 'MU-2025-2'")
    problems = reconcile(con, "complaints")
    assert problems and problems[0]["in_raw"] == 1 and problems[0]["accepted"] == 2
