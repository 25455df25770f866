"""AVAIN client-plan goals (designed export and codes [I]) into raw.avain_goals."""

from __future__ import annotations

import datetime as dt

from _indicator_files import load_cases

from demo import fictitious_hetu
from sources.statistics.avain_goals import HEADERS, SOURCE


def row(nnn=911, **kw) -> dict[str, str]:
    base = {"asiakkaan_hetu": fictitious_hetu(dt.date(1985, 3, 1 + nnn % 28), nnn), "suunnitelman_pvm": "10.1.2025",
            "arviointipvm": "10.6.2025", "palvelutehtava": "aikuissosiaalityö", "kunta": "853",
            "tavoitteen_osa_alue": "Taloudellinen tilanne", "tavoitteen_toteutuminen": "Osittain toteutunut"}
    return base | kw


def test_reviewed_and_unreviewed_goals_load_inconsistent_ones_are_quarantined(tmp_path):
    con, _ = load_cases(tmp_path, SOURCE, HEADERS, [
        (row(911), None),
        (row(912, arviointipvm="", tavoitteen_toteutuminen=""), None),  # plan not reviewed yet: kept
        (row(913, tavoitteen_toteutuminen="saavutettu", tavoitteen_osa_alue="päihteet"), None),
        (row(914, tavoitteen_toteutuminen=""), "missing for a reviewed goal"),
        (row(915, arviointipvm="", tavoitteen_toteutuminen="Toteutunut"), "no review date"),
        (row(916, arviointipvm="1.1.2025"), "review before the plan"),
        (row(917, tavoitteen_osa_alue="Harrastukset"), "unknown AVAIN goal area"),
        (row(918, tavoitteen_toteutuminen="hyvin"), "unknown goal attainment"),
    ])
    got = con.execute("select goal_area, attainment_score, review_date is null from raw.avain_goals "
                      "order by goal_area").fetchall()
    assert got == [("paihteet", 3, False), ("talous", 2, False), ("talous", None, True)]
