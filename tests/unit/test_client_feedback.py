"""Client feedback: the feedback system's monthly export into raw.client_feedback / quarantine.client_feedback."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from demo import feedback_record, fictitious_hetu
from sources.client_data.client_feedback import HEADERS, SOURCE
from tests.unit._landing_files import Deliveries

FEEDBACK = Deliveries(SOURCE, HEADERS, today=dt.date(2025, 12, 31), encoding="cp1252")
PLANTED = fictitious_hetu(dt.date(1990, 1, 10), 977)


def row(**overrides) -> dict:
    """The demo's well-formed feedback of March 2025, with a text."""
    return {**feedback_record(2025, 3), "Palautteen tunnus": "P202503-000001", "Palaute": "Hyvä palvelu, kiitos!",
            **overrides}


def test_good_cp1252_file(tmp_path):
    FEEDBACK.csv(
        tmp_path,
        "palaute_2025-03.csv",
        [
            row(),
            row(
                **{
                    "Palautteen tunnus": "P202503-000002",
                    "Kanava": "Palautepääte",
                    "Aihe": "Toimeentulotuki",
                    "Arvosana (1-5)": None,
                    "Suosittelu (0-10)": "3",
                    "Palaute": "Jag väntade länge.",
                    "Kieli": "svenska",
                    "Palvelualue": "Aikuissosiaalityö",
                    "Kunta": "Pargas",
                }
            ),
            row(
                **{
                    "Palautteen tunnus": "P202503-000003",
                    "Arvosana (1-5)": "2",
                    "Suosittelu (0-10)": None,
                    "Palaute": None,
                    "Aihe": None,
                    "Kunta": None,
                    "Kieli": None,
                }
            ),
        ],
    )
    con, result = FEEDBACK.land(tmp_path)
    assert (result.total("rows_accepted"), result.total("rows_quarantined")) == (3, 0), result.reasons
    rows = con.execute("""select feedback_id, received_at, service_area_code, municipality_code, channel, topic,
                                 rating_1_5, score_0_10, feedback_text, language
                          from raw.client_feedback order by feedback_id""").fetchall()
    assert rows[0][1:] == (
        dt.datetime(2025, 3, 12, 10, 20),
        "ikaantyneet",
        "734",
        "verkkolomake",
        "kohtelu",
        4,
        8,
        "Hyvä palvelu, kiitos!",
        "fi",
    )
    assert rows[1][2:] == (
        "aikuissosiaalityo",
        "445",
        "palautepaate",
        "toimeentulo",
        None,
        3,
        "Jag väntade länge.",
        "sv",
    )
    assert rows[2][3:] == (None, "verkkolomake", None, 2, None, None, None)


def test_broken_rows_are_quarantined_with_reasons(tmp_path):
    FEEDBACK.csv(
        tmp_path,
        "palaute_2025-12.csv",
        [
            row(**{"Palautteen tunnus": "X1", "Arvosana (1-5)": "6"}),
            row(**{"Palautteen tunnus": "X2", "Palvelualue": "Suun terveydenhuolto"}),
            row(**{"Palautteen tunnus": "X3", "Saapunut": "31.2.2025 14:00"}),
            row(**{"Palautteen tunnus": "X4", "Kanava": "Kirjekyyhky"}),
            row(
                **{
                    "Palautteen tunnus": "X5",
                    "Arvosana (1-5)": None,
                    "Suosittelu (0-10)": None,
                    "Palaute": None,
                }
            ),
            row(**{"Palautteen tunnus": "X6", "Saapunut": "3.1.2026 08:00"}),
            row(**{"Palautteen tunnus": "X7", "Kunta": "Tampere"}),
            row(**{"Palautteen tunnus": "X8", "Suosittelu (0-10)": "7,5"}),
            row(**{"Palautteen tunnus": "X9", "Kieli": "en"}),
            row(**{"Palautteen tunnus": "OK"}),
        ],
    )
    con, result = FEEDBACK.land(tmp_path)
    assert (result.total("rows_in"), result.total("rows_accepted"), result.total("rows_quarantined")) == (
        10,
        1,
        9,
    )
    reasons = dict(
        con.execute(
            "select record::json->>'Palautteen tunnus', reason from quarantine.client_feedback"
        ).fetchall()
    )
    assert reasons == {
        "X1": "Arvosana (1-5): above 5",
        "X2": "Palvelualue: unknown service area 'Suun terveydenhuolto'",
        "X3": "Saapunut: invalid timestamp '31.2.2025 14:00'",
        "X4": "Kanava: unknown channel 'Kirjekyyhky'",
        "X5": "Palaute: no rating, score or text: nothing to record",
        "X6": "Saapunut: timestamp in the future",
        "X7": "Kunta: unknown municipality 'Tampere'",
        "X8": "Suosittelu (0-10): not a whole number",
        "X9": "Kieli: unknown language 'en'",
    }


def test_free_text_is_redacted_in_raw_and_quarantine(tmp_path):
    text = f"Olen {PLANTED}, soittakaa 040 765 4321 tai maija.meikalainen@example.com"
    FEEDBACK.csv(
        tmp_path,
        "palaute.csv",
        [
            row(Palaute=text),
            row(**{"Palautteen tunnus": "BAD", "Palaute": text, "Kanava": "?"}),
        ],
    )
    con, _ = FEEDBACK.land(tmp_path)
    stored = con.execute("select feedback_text from raw.client_feedback").fetchall()[0][0]
    assert stored == "Olen [HETU], soittakaa [PUHELIN] tai [EMAIL]"
    record = json.loads(con.execute("select record from quarantine.client_feedback").fetchall()[0][0])
    assert record["Palaute"] == "Olen [HETU], soittakaa [PUHELIN] tai [EMAIL]"
    for table in ("raw.client_feedback", "quarantine.client_feedback"):
        dump = json.dumps(con.execute(f"select * from {table}").fetchall(), default=str, ensure_ascii=False)
        assert PLANTED not in dump and "example.com" not in dump and "765 4321" not in dump


@pytest.mark.parametrize(
    ("encoding", "sep"), [("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", "\t")]
)
def test_encoding_and_delimiter_variants(tmp_path, encoding, sep):
    FEEDBACK.csv(
        tmp_path,
        "palaute.csv",
        [row(Palaute="Hyvä; selkeä ohjaus, kiitos"), row(**{"Palautteen tunnus": "P2", "Kunta": "Pöytyä"})],
        encoding=encoding,
        sep=sep,
    )
    con, result = FEEDBACK.land(tmp_path)
    assert result.total("rows_accepted") == 2, result.reasons
    assert sorted(
        con.execute("select municipality_code, feedback_text from raw.client_feedback").fetchall()
    ) == [("636", "Hyvä palvelu, kiitos!"), ("734", "Hyvä; selkeä ohjaus, kiitos")]


def test_xlsx_month(tmp_path):
    FEEDBACK.xlsx(
        tmp_path,
        "palaute_2025-06.xlsx",
        [
            ["P202506-000001", dt.datetime(2025, 6, 3, 9, 41), "Vammaispalvelut", "Vammaispalvelut, Turku", "Turku",
             "Tekstiviesti", "Odotusaika", 2, None, "Odotin kauan.", "fi"],
            ["P202506-000002", dt.datetime(2025, 6, 4, 15, 0), "Lastensuojelu", None, None, "Puhelin", None, None, 10,
             None, "fi"],
        ],
    )
    con, result = FEEDBACK.land(tmp_path)
    assert result.total("rows_accepted") == 2, result.reasons
    assert con.execute(
        "select received_at, service_area_code, rating_1_5, score_0_10 from raw.client_feedback order by 1"
    ).fetchall() == [
        (dt.datetime(2025, 6, 3, 9, 41), "vammaispalvelut", 2, None),
        (dt.datetime(2025, 6, 4, 15, 0), "lastensuojelu", None, 10),
    ]
    ledger = con.execute("select period_start, period_end from raw._loads").fetchall()
    assert ledger == [(dt.date(2025, 6, 3), dt.date(2025, 6, 4))]
