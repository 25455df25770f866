"""The landing loader: re-deliveries, corrected re-deliveries, and the ledger."""

from __future__ import annotations

import datetime as dt

import duckdb

from demo import fictitious_hetu
from sources.client_data.complaints import HEADERS, SOURCE
from sources.landing import load_source
from sources.loads import reconcile, rejected_files
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


def test_same_content_under_another_name_is_a_duplicate(tmp_path):
    con = duckdb.connect()
    folder = tmp_path / "complaints"
    deliver(folder, "asiat_2025-03.csv", [complaint("MU-2025-1", 3), complaint("MU-2025-2", 4)])
    load_source(con, SOURCE, tmp_path, KEY, TODAY)
    (folder / "asiat_2025-03_uudelleenlahetys.csv").write_bytes((folder / "asiat_2025-03.csv").read_bytes())
    second = load_source(con, SOURCE, tmp_path, KEY, TODAY)
    third = load_source(con, SOURCE, tmp_path, KEY, TODAY)
    assert {f.file_name: f.status for f in second.files} == {
        "asiat_2025-03.csv": "skipped", "asiat_2025-03_uudelleenlahetys.csv": "duplicate"}
    assert {f.status for f in third.files} == {"skipped"}
    assert con.execute("select count(*) from raw.complaints").fetchall() == [(2,)]
    ledger = con.execute("select file_name, status, reason from raw._loads order by file_name").fetchall()
    assert ledger == [("asiat_2025-03.csv", "current", None),
                      ("asiat_2025-03_uudelleenlahetys.csv", "duplicate", "same content as asiat_2025-03.csv, already loaded")]
    assert reconcile(con, "complaints") == []


def test_unreadable_file_is_rejected_and_the_rest_loads(tmp_path):
    """Excel's "Unicode text" export (UTF-16 with BOM, tab-separated) loads beside a UTF-8 file; an unreadable
    file is rejected in the ledger with its reason and left in place; a corrected copy under a new name loads."""
    con = duckdb.connect()
    folder = tmp_path / "complaints"
    deliver(folder, "asiat_2025-03.csv", [complaint("MU-2025-1", 3)])
    unicode_text = "\r\n".join("\t".join(r) for r in [HEADERS, complaint("MU-2025-2", 4), complaint("MU-2025-3", 5)])
    (folder / "asiat_2025-04.txt").write_bytes(unicode_text.encode("utf-16"))  # BOM + UTF-16LE, as Excel writes
    (folder / "asiat_2025-05.csv").write_bytes(b"\x00\x01binary junk\x00" * 10)
    result = load_source(con, SOURCE, tmp_path, KEY, TODAY)
    assert sorted(f.file_name for f in result.loaded) == ["asiat_2025-03.csv", "asiat_2025-04.txt"]
    assert [e.path.name for e in result.failed] == ["asiat_2025-05.csv"]
    assert sorted(r[0] for r in con.execute("select case_id from raw.complaints").fetchall()) == [
        "MU-2025-1", "MU-2025-2", "MU-2025-3"]
    rejected = rejected_files(con, "complaints")
    assert [r["file"] for r in rejected] == ["asiat_2025-05.csv"] and "UTF-16" in rejected[0]["reason"]
    assert (folder / "asiat_2025-05.csv").exists(), "a rejected file is never deleted"

    # The next run does not read the rejected file again; a corrected copy under another name loads.
    assert load_source(con, SOURCE, tmp_path, KEY, TODAY).failed == []
    deliver(folder, "asiat_2025-05_korjattu.csv", [complaint("MU-2025-4", 6)])
    assert [f.file_name for f in load_source(con, SOURCE, tmp_path, KEY, TODAY).loaded] == ["asiat_2025-05_korjattu.csv"]
    # ... and so does a corrected copy under the same name, which ends the rejection.
    deliver(folder, "asiat_2025-05.csv", [complaint("MU-2025-5", 7)])
    assert [f.file_name for f in load_source(con, SOURCE, tmp_path, KEY, TODAY).loaded] == ["asiat_2025-05.csv"]
    assert rejected_files(con, "complaints") == []
    assert reconcile(con, "complaints") == []
