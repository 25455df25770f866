"""Client panels and citizen forums: meeting records (xlsx, or `;` CSV) into raw.client_panels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sources.client_data.client_panels import HEADERS, SOURCE
from tests.unit._landing_files import land, write_workbook

TODAY = dt.date(2025, 12, 31)


def meeting(**overrides) -> dict:
    base = {
        "Kokouksen tunnus": "R2025-001",
        "Päivämäärä": dt.date(2025, 3, 18),
        "Tyyppi": "Asiakasraati",
        "Raati tai foorumi": "Ikäihmisten asiakasraati",
        "Palvelualue": "Ikääntyneiden palvelut",
        "Kunta": None,
        "Teema": "Kotihoidon käyntiajat",
        "Osallistujia": 9,
        "Ehdotukset": "1) Käyntiajat tekstiviestillä\n2) Sama hoitaja viikon ajan",
    }
    return {**base, **overrides}


def write_xlsx(path: Path, rows: list[dict]) -> Path:
    return write_workbook(path, HEADERS, rows, sheet="Kokoukset")


def load(tmp_path: Path):
    return land(tmp_path, SOURCE, today=TODAY)


def test_good_workbook(tmp_path):
    write_xlsx(
        tmp_path / "client_panels" / "asiakasraadit_2025.xlsx",
        [
            meeting(),
            meeting(
                **{
                    "Kokouksen tunnus": "R2025-002",
                    "Tyyppi": "Kansalaisfoorumi",
                    "Raati tai foorumi": "Kansalaisfoorumi Salo",
                    "Palvelualue": None,
                    "Kunta": "Salo",
                    "Osallistujia": 64,
                    "Ehdotukset": None,
                    "Päivämäärä": dt.date(2025, 9, 2),
                }
            ),
        ],
    )
    con, result = load(tmp_path)
    assert (result.total("rows_accepted"), result.total("rows_quarantined")) == (2, 0), result.reasons
    rows = con.execute("""select meeting_id, meeting_date, panel_type, service_area_code, municipality_code,
                                 participant_count, proposals_text from raw.client_panels order by 1""").fetchall()
    assert rows == [
        (
            "R2025-001",
            dt.datetime(2025, 3, 18),
            "asiakasraati",
            "ikaantyneet",
            None,
            9,
            "1) Käyntiajat tekstiviestillä\n2) Sama hoitaja viikon ajan",
        ),
        ("R2025-002", dt.datetime(2025, 9, 2), "kansalaisfoorumi", None, "734", 64, None),
    ]
    assert con.execute("select period_start, period_end from raw._loads").fetchall() == [
        (dt.date(2025, 3, 18), dt.date(2025, 9, 2))
    ]


def test_broken_meetings_are_quarantined(tmp_path):
    write_xlsx(
        tmp_path / "client_panels" / "asiakasraadit_2025.xlsx",
        [
            meeting(**{"Kokouksen tunnus": "X1", "Osallistujia": -3}),
            meeting(**{"Kokouksen tunnus": "X2", "Päivämäärä": None}),
            meeting(**{"Kokouksen tunnus": "X3", "Kunta": "Tampere"}),
            meeting(**{"Kokouksen tunnus": "X4", "Päivämäärä": "31.2.2025"}),
            meeting(**{"Kokouksen tunnus": "X5", "Tyyppi": "Johtoryhmä"}),
            meeting(**{"Kokouksen tunnus": "X6", "Päivämäärä": dt.date(2026, 2, 1)}),
            meeting(**{"Kokouksen tunnus": "X7", "Teema": None}),
            meeting(**{"Kokouksen tunnus": "X8", "Osallistujia": "kymmenkunta"}),
            meeting(**{"Kokouksen tunnus": "X9", "Ehdotukset": "Ota yhteyttä: pekka@example.com"}),
        ],
    )
    con, result = load(tmp_path)
    assert (result.total("rows_in"), result.total("rows_accepted")) == (9, 1)
    reasons = dict(
        con.execute(
            "select record::json->>'Kokouksen tunnus', reason from quarantine.client_panels"
        ).fetchall()
    )
    assert reasons == {
        "X1": "Osallistujia: below 0",
        "X2": "Päivämäärä: missing date",
        "X3": "Kunta: unknown municipality 'Tampere'",
        "X4": "Päivämäärä: invalid date '31.2.2025'",
        "X5": "Tyyppi: unknown panel type 'Johtoryhmä'",
        "X6": "Päivämäärä: date in the future",
        "X7": "Teema: missing value",
        "X8": "Osallistujia: not a number 'kymmenkunta'",
    }
    assert con.execute("select proposals_text from raw.client_panels").fetchall() == [
        ("Ota yhteyttä: [EMAIL]",)
    ]


@pytest.mark.parametrize(("encoding", "sep"), [("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8", ",")])
def test_csv_export_of_the_workbook(tmp_path, encoding, sep):
    path = tmp_path / "client_panels" / "raadit.csv"
    path.parent.mkdir()
    lines = [
        sep.join(HEADERS),
        sep.join(
            [
                "R2025-010",
                "18.3.2025",
                "asiakasraati",
                "Lapsiperheiden asiakasraati",
                "Barnfamiljer",
                "",
                "Perhetyö",
                "7",
                "Perhetyöhön pääsy nopeammin",
            ]
        ),
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    con, result = load(tmp_path)
    assert result.total("rows_accepted") == 1, result.reasons
    assert con.execute(
        "select meeting_date, service_area_code, participant_count from raw.client_panels"
    ).fetchall() == [(dt.datetime(2025, 3, 18), "lapsiperheet", 7)]
