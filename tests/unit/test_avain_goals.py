"""AVAIN client-plan goals (designed export and codes [I]) into raw.avain_goals."""

from __future__ import annotations

import datetime as dt

from _indicator_files import load, quarantined

from demo import fictitious_hetu
from sources.statistics.avain_goals import HEADERS, SOURCE


def row(nnn=911, **kw) -> dict[str, str]:
    base = {"asiakkaan_hetu": fictitious_hetu(dt.date(1985, 3, 1 + nnn % 28), nnn), "suunnitelman_pvm": "10.1.2025",
            "arviointipvm": "10.6.2025", "palvelutehtava": "aikuissosiaalityö", "kunta": "853",
            "tavoitteen_osa_alue": "Taloudellinen tilanne", "tavoitteen_toteutuminen": "Osittain toteutunut"}
    return base | kw


def test_reviewed_and_unreviewed_goals_load_inconsistent_ones_are_quarantined(tmp_path):
    rows = [
        row(911),
        row(912, arviointipvm="", tavoitteen_toteutuminen=""),             # plan not reviewed yet: kept
        row(913, tavoitteen_toteutuminen="saavutettu", tavoitteen_osa_alue="päihteet"),
        row(914, tavoitteen_toteutuminen=""),                              # reviewed, no attainment
        row(915, arviointipvm="", tavoitteen_toteutuminen="Toteutunut"),   # attainment without review
        row(916, arviointipvm="1.1.2025"),                                 # review before the plan
        row(917, tavoitteen_osa_alue="Harrastukset"),
        row(918, tavoitteen_toteutuminen="hyvin"),
    ]
    con, result = load(tmp_path, SOURCE, HEADERS, rows)
    assert result.total("rows_accepted") == 3
    reasons = quarantined(con, SOURCE)
    assert "missing for a reviewed goal" in reasons[4]
    assert "no review date" in reasons[5]
    assert "review before the plan" in reasons[6]
    assert "unknown AVAIN goal area" in reasons[7]
    assert "unknown goal attainment" in reasons[8]
    got = con.execute("select goal_area, attainment_score, review_date is null from raw.avain_goals "
                      "order by goal_area").fetchall()
    assert got == [("paihteet", 3, False), ("talous", 2, False), ("talous", None, True)]
