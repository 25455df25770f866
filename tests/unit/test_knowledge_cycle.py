"""The knowledge cycle's own sources: the decision register, the information needs log and the analyst's
synthesis — their cleaning rules, their quarantine reasons, and the demo files that exercise them."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from demo import write_csv, write_knowledge_cycle_landing, write_professional_observations_landing
from sources.landing import load_source
from sources.loads import reconcile
from sources.professional_observations import analyst_synthesis, decision_register, information_needs_log
from sources.professional_observations.analyst_synthesis import half_year
from sources.professional_observations.decision_register import body_code, indicator_list

TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def demo_loads(tmp_path_factory):
    """The demo files of the three sources, loaded; the register's proposals are the demo's social reports."""
    root = tmp_path_factory.mktemp("landing")
    write_professional_observations_landing(root, scale=0.05, seed=2025, today=dt.date(2025, 12, 31))
    write_knowledge_cycle_landing(root)
    con = duckdb.connect()
    results = {m.SOURCE.name: load_source(con, m.SOURCE, root, today=TODAY)
               for m in (decision_register, information_needs_log, analyst_synthesis)}
    yield con, results
    con.close()


@pytest.mark.parametrize("name, code", [
    ("Sosiaali- ja vammaispalvelujen johtoryhmä", "sosiaali_ja_vammaispalvelujen_johtoryhma"),
    ("sosiaali- ja vammaispalveluiden johtoryhmä", "sosiaali_ja_vammaispalvelujen_johtoryhma"),
    ("Sote-palveluiden johtoryhmä", "sote_palveluiden_johtoryhma"),
    ("SOTE-PALVELUJEN JOHTORYHMÄ", "sote_palveluiden_johtoryhma"),
    ("Sote-palvelulautakunta", "sote_palvelulautakunta"),
    ("Sosiaalityön johtoryhmä", "other"),  # none of the three bodies the plan names
    ("Aluehallitus", "other"),
])
def test_body_names_fold_to_the_three_bodies_or_other(name, code):
    assert body_code(name) == code


def test_indicator_list():
    assert indicator_list("sotkanet_3113, ARA_long_term_homeless_per_1000;\nsotkanet_3113") == (
        "sotkanet_3113;ara_long_term_homeless_per_1000", None)
    assert indicator_list(" ") == (None, None)
    codes, problem = indicator_list("ara long term")
    assert codes is None and "not an indicator code 'ara long term'" in problem


@pytest.mark.parametrize("text, label", [
    ("2025H1", "2025H1"), ("2025 h2", "2025H2"), ("H1/2025", "2025H1"), ("1/2025", "2025H1"),
    ("2025/2", "2025H2"), ("2025/3", None), ("kevät 2025", None), ("2025", None),
])
def test_half_year_forms(text, label):
    assert half_year(text) == label


def test_demo_register_loads_reconciles_and_quarantines_each_broken_row(demo_loads):
    con, results = demo_loads
    for name, result in results.items():
        assert result.failed == [], name
        assert reconcile(con, name) == [], name
    reasons = sorted(r[0] for r in con.execute("select reason from quarantine.decision_register").fetchall())
    assert reasons == [
        "Arviointipäivä: before the meeting date",
        "Ehdotus/Aihe: neither a proposal nor a topic",
        "Ilmiö: unknown phenomenon 'Asuminen ja hyvinvointi'",
        "Kokouspäivä: invalid date '31.2.2025'",
        "Käsittelyn tunnus: duplicate of row 2 in this delivery",
        "Seurattavat indikaattorit: not an indicator code 'ara long term homeless'",
    ]
    rows = con.execute("select handling_id, proposal_ref, body_code, decision, indicator_codes "
                       "from raw.decision_register order by handling_id").fetchall()
    by_id = {r[0]: r for r in rows}
    assert len(by_id) == 7
    assert {r[2] for r in rows} == {"sosiaali_ja_vammaispalvelujen_johtoryhma", "sote_palveluiden_johtoryhma",
                                    "sote_palvelulautakunta", "other"}
    assert by_id["K2025-05"][3] is None  # a proposal whose handling has no decision yet
    assert by_id["K2025-04"][4] is None  # a handling with no measure and no indicator
    assert by_id["K2024-01"][4] == "ara_long_term_homeless_per_1000;ara_single_homeless_per_1000"
    # the handled proposals are submissions of the demo's social reports
    assert all(by_id[h][1] for h in ("K2024-02", "K2025-01", "K2025-02", "K2025-05"))


def test_demo_needs_and_synthesis(demo_loads):
    con, _ = demo_loads
    statuses = {r[0] for r in con.execute("select status from raw.information_needs_log").fetchall()}
    assert statuses == {"open", "in_progress", "met", "dropped"}
    reasons = sorted(r[0] for r in con.execute("select reason from quarantine.information_needs_log").fetchall())
    assert reasons == ["Tila: met, but neither a source nor an indicator meets it",
                       "Tila: unknown status 'aloitettu'", "Tilan päivä: before the raise date",
                       "Tunnus: duplicate of row 4 in this delivery"]
    periods = con.execute("select period_label, phenomenon, count(*) from raw.analyst_synthesis "
                          "group by all order by all").fetchall()
    assert periods == [("2025H1", "homelessness", 1), ("2025H1", "livelihood", 1), ("2025H2", "all", 1),
                       ("2025H2", "mental_health", 1)]
    assert con.execute("select reason from quarantine.analyst_synthesis").fetchall() == [
        ("Kausi: not a half-year '2025/3'",)]


def test_free_text_is_redacted_like_proposals(tmp_path):
    """Names, addresses, phone numbers and e-mail addresses typed into the register, the log or the synthesis
    never reach raw (independent oracle: the planted strings themselves)."""
    planted = ["Matti Virtanen", "Kauppakatu 5 B 12", "040 1234567", "matti.virtanen@example.fi"]
    text = "Asiakas Matti Virtanen, Kauppakatu 5 B 12, puh. 040 1234567, matti.virtanen@example.fi"
    (tmp_path / "decision_register").mkdir()
    write_csv(tmp_path / "decision_register" / "r.csv", decision_register.HEADERS,
              [["K1", "", text, "toimeentulo", "Sote-palvelulautakunta", "1.2.2025", text, text, text, "", ""]])
    (tmp_path / "information_needs_log").mkdir()
    write_csv(tmp_path / "information_needs_log" / "n.csv", information_needs_log.HEADERS,
              [["T1", text, "", text, "1.2.2025", "avoin", "", text, ""]])
    (tmp_path / "analyst_synthesis").mkdir()
    write_csv(tmp_path / "analyst_synthesis" / "s.csv", analyst_synthesis.HEADERS,
              [["2025H1", "kaikki", text, text, text, text, text]])
    con = duckdb.connect()
    for m in (decision_register, information_needs_log, analyst_synthesis):
        result = load_source(con, m.SOURCE, tmp_path, today=TODAY)
        assert result.failed == [] and result.total("rows_accepted") == 1, m.SOURCE.name
        values = " ".join(str(v) for row in con.execute(f"select * from raw.{m.SOURCE.name}").fetchall()
                          for v in row)
        for secret in planted:
            assert secret not in values, (m.SOURCE.name, secret)
