"""Staff survey on structural social work (348 respondents), aggregated answers."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np

from demo import write_csv, write_staff_survey
from sources.landing import load_source
from sources.professional_observations.staff_survey import HEADERS, SOURCE
from tests.unit._landing_files import land_reconciled

TODAY = dt.date(2025, 12, 31)


def test_demo_survey_aggregates_348_respondents(tmp_path):
    write_staff_survey(tmp_path, np.random.default_rng(9), TODAY)
    con, _ = land_reconciled(tmp_path, SOURCE, today=TODAY)
    reasons = con.execute("select reason from quarantine.staff_survey order by _row_number").fetchall()
    assert "answer counts add up to" in reasons[0][0] and "unknown service task" in reasons[1][0]
    # The broken rows are the first cell's statements 1 and 2: statement 3 keeps every respondent.
    per_item = dict(con.execute("select item_number, sum(respondents) from raw.staff_survey group by 1").fetchall())
    assert per_item[3] == 348
    assert len(per_item) == 10
    roles = {r[0] for r in con.execute("select distinct role from raw.staff_survey").fetchall()}
    assert roles == {"social_worker", "social_instructor", "manager", "other"}


def test_counts_must_add_up(tmp_path):
    rows = [
        ["RSTY-2025", 2025, "Sosiaaliohjaajat", "Lastensuojelu", 1, "Väittämä", 1, 2, 3, 4, 5, "", 15],
        ["RSTY-2025", 2025, "Sosiaaliohjaajat", "Lastensuojelu", 2, "Väittämä", 1, 2, 3, 4, 5, 1, 15],
        ["RSTY-2025", 2025, "Sosiaaliohjaajat", "Lastensuojelu", 3, "Väittämä", 1, "kaksi", 3, 4, 5, 0, 15],
    ]
    write_csv(tmp_path / "staff_survey" / "kysely.csv", HEADERS, rows)
    con = duckdb.connect()
    load_source(con, SOURCE, tmp_path, today=TODAY)
    assert con.execute("select item_number, n_dont_know, respondents from raw.staff_survey").fetchall() == [(1, 0, 15)]
    reasons = [r[0] for r in con.execute("select reason from quarantine.staff_survey order by _row_number").fetchall()]
    assert reasons[0] == "Vastaajia: answer counts add up to 16, not to the respondents"
    assert reasons[1].startswith("Jokseenkin eri mieltä: not a number 'kaksi'")
