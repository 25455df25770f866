"""Client panels and citizen forums: meeting records (xlsx, or `;` CSV) into raw.client_panels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from demo import panel_meeting
from sources.client_data.client_panels import HEADERS, SOURCE
from tests.unit._landing_files import Deliveries

PANELS = Deliveries(SOURCE, HEADERS, today=dt.date(2025, 12, 31))


def meeting(**overrides) -> dict:
    """The demo's well-formed older people's panel, met in March 2025 with two proposals."""
    march = {
        "Kokouksen tunnus": "R2025-001",
        "Päivämäärä": dt.date(2025, 3, 18),
        "Ehdotukset": "1) Käyntiajat tekstiviestillä\n2) Sama hoitaja viikon ajan",
    }
    return {**panel_meeting(2025), **march, **overrides}


def write_xlsx(root: Path, file_name: str, rows: list[dict]) -> Path:
    return PANELS.xlsx(root, file_name, rows, sheet="Kokoukset")


def test_good_workbook(tmp_path):
    write_xlsx(
        tmp_path,
        "asiakasraadit_2025.xlsx",
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
    con, result = PANELS.land(tmp_path)
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
        tmp_path,
        "asiakasraadit_2025.xlsx",
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
    con, result = PANELS.land(tmp_path)
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
    families = ["R2025-010", "18.3.2025", "asiakasraati", "Lapsiperheiden asiakasraati", "Barnfamiljer", "",
                "Perhetyö", "7", "Perhetyöhön pääsy nopeammin"]
    PANELS.csv(tmp_path, "raadit.csv", [families], encoding=encoding, sep=sep)
    con, result = PANELS.land(tmp_path)
    assert result.total("rows_accepted") == 1, result.reasons
    assert con.execute(
        "select meeting_date, service_area_code, participant_count from raw.client_panels"
    ).fetchall() == [(dt.datetime(2025, 3, 18), "lapsiperheet", 7)]
