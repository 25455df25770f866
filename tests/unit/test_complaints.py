"""Complaints and supervision cases: landing the register export into raw.complaints / quarantine.complaints."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from demo import complaint_case, fictitious_hetu
from sources.client_data.complaints import HEADERS, SOURCE
from sources.landing import load_source
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer
from sources.readers import FileFormatError
from tests.unit._landing_files import Deliveries

TODAY = dt.date(2025, 12, 31)
COMPLAINTS = Deliveries(SOURCE, HEADERS, TODAY, pseudonymizer=Pseudonymizer(DEMO_PSEUDONYM_KEY))
CLIENT = fictitious_hetu(dt.date(1980, 4, 12), 951)
_BORN_2004 = fictitious_hetu(dt.date(2004, 5, 20), 902)
CLIENT_2023_SIGN = _BORN_2004[:6] + "B" + _BORN_2004[7:]  # a 2023 century sign: a different person
BAD_CHECKSUM = fictitious_hetu(dt.date(1975, 6, 3), 962, valid=False)


def row(**overrides: str | None) -> dict[str, str | None]:
    """A muistutus received and decided in February 2025: the demo's well-formed case, decided."""
    decided = {"asianumero": "MU-2025-00001", "asiakkaan_hetu": CLIENT, "tapahtumapvm": "28.1.2025",
               "saapumispvm": "3.2.2025", "ratkaisupvm": "20.2.2025", "ratkaisu": "Osittain aiheellinen",
               "toimenpiteet": "Käsitelty tiimissä.", "muokattu": "20.2.2025 14:05"}
    return {**complaint_case(2025), **decided, **overrides}


def all_text(con, table: str) -> str:
    rows = con.execute(f"select * from {table}").fetchall()
    return json.dumps(rows, default=str, ensure_ascii=False)


def test_good_file_lands_typed_and_pseudonymised(tmp_path):
    COMPLAINTS.csv(
        tmp_path,
        "asiat_2025.csv",
        [
            row(),
            row(
                asianumero="KA-2025-00002",
                asiatyyppi="Kantelu AVI",
                kasittelija="AVI",
                ratkaisu="Huomautus",
                asiakkaan_hetu=CLIENT_2023_SIGN,
                kunta="Åbo",
                palvelualue="barnskydd",
            ),
            row(
                asianumero="MU-2025-00003",
                asiatyyppi="AVI:n siirtämä kantelu",
                liittyva_asia="LSAVI/1234/2025",
                ratkaisupvm=None,
                ratkaisu="Kesken",
                toimenpiteet=None,
            ),
            row(
                asianumero="EI-2025-00004",
                asiatyyppi="Epäkohtailmoitus",
                tekija="Henkilöstö",
                asiakkaan_hetu=None,
                kategoria="Asiakasturvallisuus",
                shl11_tarve=None,
                ratkaisu="Epäkohta korjattu",
            ),
        ],
    )
    con, result = COMPLAINTS.land(tmp_path)
    assert (result.total("rows_in"), result.total("rows_accepted"), result.total("rows_quarantined")) == (
        4,
        4,
        0,
    )
    rows = con.execute("""select case_id, case_type, received_date, municipality_code, service_area_code,
                                 client_pseudonym, category, shl11_need_code, outcome
                          from raw.complaints order by case_id""").fetchall()
    by_id = {r[0]: r for r in rows}
    assert by_id["KA-2025-00002"][1:5] == ("kantelu", dt.datetime(2025, 2, 3), "853", "lastensuojelu")
    assert by_id["MU-2025-00003"][1] == "kantelu_muistutuksena"
    assert by_id["EI-2025-00004"][5] is None and by_id["EI-2025-00004"][6] == "turvallisuus"
    assert by_id["MU-2025-00001"][7:] == (3, "osittain_aiheellinen")
    pseudonyms = {r[5] for r in rows if r[5]}
    assert len(pseudonyms) == 2 and all(len(p) == 64 for p in pseudonyms)
    assert by_id["MU-2025-00001"][5] == Pseudonymizer(DEMO_PSEUDONYM_KEY).pseudonym(CLIENT)
    text = all_text(con, "raw.complaints")
    assert CLIENT not in text and CLIENT_2023_SIGN not in text
    ledger = con.execute("select rows_in, rows_accepted, period_start, period_end from raw._loads").fetchall()
    assert ledger == [(4, 4, dt.date(2025, 2, 3), dt.date(2025, 2, 3))]


def test_broken_rows_go_to_quarantine_with_reasons_and_no_identity_code(tmp_path):
    rows = [
        row(asianumero="MU-2025-1", asiakkaan_hetu=BAD_CHECKSUM),
        row(asianumero="MU-2025-2", saapumispvm="31.2.2025"),
        row(asianumero="MU-2025-3", kunta="Pori"),
        row(asianumero="MU-2025-4", palvelualue="Hammashoito"),
        row(asianumero="MU-2025-5", saapumispvm="15.1.2026", ratkaisupvm=None),
        row(asianumero="MU-2025-6", ratkaisupvm="1.2.2025"),
        row(asianumero="MU-2025-7", saapumispvm="2/3/2025"),
        row(asianumero="MU-2025-8", asiatyyppi="AVI:n siirtämä kantelu", liittyva_asia=None),
        row(asianumero="MU-2025-9", asiakkaan_hetu=None),
        row(asianumero="MU-2025-10", tapahtumapvm="5.2.2025"),
        row(asianumero="bad id"),
        row(asianumero="MU-2025-12", kategoria="Sää"),
        row(asianumero="MU-2025-13", toimenpiteet=f"Soitettu, asiakas {BAD_CHECKSUM} p. 040 123 4567"),
    ]
    COMPLAINTS.csv(tmp_path, "asiat.csv", rows)
    con, result = COMPLAINTS.land(tmp_path)
    assert result.total("rows_in") == 13
    assert result.total("rows_quarantined") == 12
    reasons = dict(
        con.execute(
            "select split_part(record::json->>'asianumero', '-', 3), reason from quarantine.complaints"
        ).fetchall()
    )
    assert "invalid identity code" in reasons["1"]
    assert reasons["2"] == "saapumispvm: invalid date '31.2.2025'"
    assert reasons["3"] == "kunta: unknown municipality 'Pori'"
    assert reasons["4"] == "palvelualue: unknown service area 'Hammashoito'"
    assert reasons["5"] == "saapumispvm: date in the future"
    assert reasons["6"] == "ratkaisupvm: decision date before the receipt date"
    assert "invalid date '2/3/2025'" in reasons["7"]
    assert "transferred kantelu must name" in reasons["8"]
    assert reasons["9"] == "asiakkaan_hetu: identity code missing"
    assert reasons["10"] == "tapahtumapvm: event date after the receipt date"
    assert reasons["12"] == "kategoria: unknown category 'Sää'"
    bad_id = con.execute(
        "select reason from quarantine.complaints where record::json->>'asianumero' = 'bad id'"
    )
    assert "case_id" in bad_id.fetchall()[0][0]
    # Identity codes never stored: not in raw, not in quarantine (column dropped, free text redacted).
    for table in ("raw.complaints", "quarantine.complaints"):
        text = all_text(con, table)
        assert BAD_CHECKSUM not in text and CLIENT not in text
    measures = con.execute("select measures_text from raw.complaints").fetchall()[0][0]
    assert measures == "Soitettu, asiakas [HETU] p. [PUHELIN]"
    ledger = con.execute("select rows_in, rows_accepted + rows_quarantined from raw._loads").fetchall()
    assert ledger == [(13, 13)]


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8-sig", ";"), ("utf-8", ";"), ("cp1252", ";"), ("cp1252", ","), ("utf-8", "\t")],
)
def test_encoding_and_delimiter_variants(tmp_path, encoding, sep):
    COMPLAINTS.csv(
        tmp_path,
        "asiat.csv",
        [row(), row(asianumero="MU-2025-00002", kunta="Pöytyä", yksikko="Yksikkö, Pöytyä")],
        encoding=encoding,
        sep=sep,
    )
    con, result = COMPLAINTS.land(tmp_path)
    assert result.total("rows_accepted") == 2, result.reasons
    units = sorted(r[0] for r in con.execute("select unit_name from raw.complaints").fetchall())
    assert units == ["Aikuissosiaalityö, Turku", "Yksikkö, Pöytyä"]
    assert con.execute(
        "select municipality_code from raw.complaints where case_id = 'MU-2025-00002'"
    ).fetchall() == [("636",)]


def test_xlsx_export(tmp_path):
    exported = row(
        saapumispvm=dt.date(2025, 2, 3),
        tapahtumapvm=dt.date(2025, 1, 28),
        ratkaisupvm=dt.date(2025, 2, 20),
        muokattu=dt.datetime(2025, 2, 20, 14, 5),
        shl11_tarve=3,
    )
    COMPLAINTS.xlsx(tmp_path, "asiat.xlsx", [exported])
    con, result = COMPLAINTS.land(tmp_path)
    assert result.total("rows_accepted") == 1, result.reasons
    assert con.execute(
        "select received_date, decision_date, modified_at, shl11_need_code from raw.complaints"
    ).fetchall() == [(dt.datetime(2025, 2, 3), dt.datetime(2025, 2, 20), dt.datetime(2025, 2, 20, 14, 5), 3)]


def test_case_versions_are_all_kept_in_raw_and_redelivery_is_not_duplicated(tmp_path):
    COMPLAINTS.csv(tmp_path, "asiat_2025.csv", [row(ratkaisupvm=None, ratkaisu="Kesken")])
    con, _ = COMPLAINTS.land(tmp_path)
    COMPLAINTS.csv(tmp_path, "asiat_2026-01.csv", [row(muokattu="21.2.2025 08:00")])
    COMPLAINTS.land(tmp_path, con)
    COMPLAINTS.land(tmp_path, con)  # nothing new: skipped by content hash
    assert con.execute("select count(*) from raw.complaints").fetchall() == [(2,)]
    # A corrected re-delivery under the same name replaces its batch.
    COMPLAINTS.csv(tmp_path, "asiat_2025.csv", [row(ratkaisupvm=None, ratkaisu="Kesken", yksikko="Korjattu")])
    COMPLAINTS.land(tmp_path, con)
    assert con.execute(
        "select count(*), count(*) filter (unit_name = 'Korjattu') from raw.complaints"
    ).fetchall() == [(2, 1)]


def test_missing_column_fails_the_file_with_its_name(tmp_path):
    path = tmp_path / "complaints" / "rikki.csv"
    path.parent.mkdir()
    path.write_text(";".join(HEADERS[:-1]) + "\nMU-2025-1;Muistutus\n", encoding="utf-8")
    COMPLAINTS.csv(tmp_path, "zz_hyva.csv", [row()])
    con, result = COMPLAINTS.land(tmp_path)
    # The broken file fails alone, naming itself and the problem; the other file still loads.
    assert [str(e) for e in result.failed] == ["rikki.csv: missing columns 'muokattu'"]
    assert isinstance(result.failed[0], FileFormatError)
    assert con.execute("select count(*) from raw.complaints").fetchall() == [(1,)]


def test_refuses_to_run_without_a_pseudonymisation_key(tmp_path):
    COMPLAINTS.csv(tmp_path, "asiat.csv", [row()])
    with pytest.raises(ValueError, match="pseudonymisation key"):
        load_source(duckdb.connect(), SOURCE, tmp_path, None, today=TODAY)
