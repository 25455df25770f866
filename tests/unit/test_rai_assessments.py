"""RAI assessments (designed export [I]) into raw.rai_assessments: scales validated against seed rai_scales."""

from __future__ import annotations

import datetime as dt

from _indicator_files import load_cases

from demo import fictitious_hetu
from sources.contracts.assessments import rai_scales
from sources.statistics.rai_assessments import HEADERS, SOURCE


def row(nnn=901, **kw) -> dict[str, str]:
    base = {"asiakkaan_hetu": fictitious_hetu(dt.date(1940, 5, 1 + nnn % 28), nnn), "arviointipvm": "3.2.2025",
            "arviointivaline": "interRAI HC", "palvelutehtava": "Iäkkäiden palvelut", "kunta": "Salo",
            "CPS": "2", "ADLH": "1", "DRS": "3", "MAPLE": "2", "CHESS": "0"}
    return base | kw


def test_scales_ranges_come_from_the_seed():
    assert rai_scales() == {"CPS": (0, 6), "ADLH": (0, 6), "DRS": (0, 14), "MAPLE": (1, 5), "CHESS": (0, 5)}


def test_good_rows_load_and_bad_scales_tools_and_codes_are_quarantined(tmp_path):
    con, _ = load_cases(tmp_path, SOURCE, HEADERS, [
        (row(901), None),
        (row(902, arviointivaline="RAI-LTC", MAPLE=""), None),          # MAPLe is not produced by every tool
        (row(903, DRS="15"), "DRS: above 14"),
        (row(904, MAPLE="0"), "MAPLE: below 1"),
        (row(905, CPS="", ADLH="", DRS="", MAPLE="", CHESS=""), "no RAI scale"),
        (row(906, arviointivaline="RAI-XYZ"), "unknown RAI tool"),
        (row(907, asiakkaan_hetu="010594Y9033"), "identity code"),      # bad check character
        (row(908, CPS="2,5"), "whole number"),
    ])
    assert "010594Y9033" not in str(con.execute("select record from quarantine.rai_assessments").fetchall())
    got = con.execute("select rai_tool, client_group, municipality_code, cps, drs, maple from raw.rai_assessments "
                      "order by rai_tool").fetchall()
    assert got == [("RAI-LTC", "ikaantyneet", "734", 2, 3, None), ("interRAI-HC", "ikaantyneet", "734", 2, 3, 2)]
