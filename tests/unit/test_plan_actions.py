"""The implementation plan's action table: loader (snapshots, statuses, duplicates, header sets), demo
versions, the status-history dbt models on real demo data, and the half-year report section."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from demo import default_reference_csv, write_plan_landing
from sources.landing import load_source
from sources.professional_observations import plan_actions
from sources.professional_observations.plan_actions import SOURCE, action_key, normalise_text
from sources.readers import FileFormatError

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 6, 30)
V1_HEADER = "goal;topic;action;target_group;status;status_note"
V2_HEADER = V1_HEADER + ";responsible;updated"
GOAL = "Rakenteellisen sosiaalityön kokonaisuuden hallinnan kehittäminen"
TOPIC = "Yhtenäisten käytäntöjen ja toimintamallien määrittely"


def _write(folder: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def _row(action: str, status: str, note: str = "", goal: str = GOAL, extra: str | None = None) -> str:
    line = f"{goal};{TOPIC};{action};Varhan henkilöstö;{status};{note}"
    return line if extra is None else f"{line};{extra}"


def _load(con, landing: Path):
    result = load_source(con, SOURCE, landing, today=TODAY)
    return result


def _failures(result) -> list[str]:
    return [str(e) for e in getattr(result, "failed", [])]


def test_real_first_version_loads_with_snapshot_date_from_file_name(tmp_path):
    folder = tmp_path / "plan_actions"
    folder.mkdir()
    shutil.copyfile(default_reference_csv(), folder / "plan_actions_2025-12-17.csv")
    con = duckdb.connect()
    result = _load(con, tmp_path)
    assert not _failures(result)
    assert result.total("rows_in") == 22 and result.total("rows_accepted") == 22
    rows = con.execute(
        "select snapshot_date, status_code, status, responsible, updated_date, action_key "
        "from raw.plan_actions"
    ).fetchall()
    assert {r[0] for r in rows} == {dt.datetime(2025, 12, 17)}
    assert sorted({(r[1], r[2]) for r in rows}) == [
        ("in_preparation", "Valmisteilla"), ("in_use", "Käytössä"), ("not_settled", "Ei selvillä")]
    assert all(r[3] is None and r[4] is None for r in rows)  # first header set: no responsible / updated
    assert len({r[5] for r in rows}) == 22
    period = con.execute(
        "select period_start, period_end from raw._loads where source = 'plan_actions'").fetchall()
    assert period == [(dt.date(2025, 12, 17), dt.date(2025, 12, 17))]


def test_status_spellings_are_tolerated_and_unknown_status_is_quarantined(tmp_path):
    _write(tmp_path / "plan_actions", "plan_actions_2026-03-02.csv", [
        V1_HEADER,
        _row("Sosiaalisen raportoinnin käyttöönotto", "  käytössä "),
        _row("Asiantuntijaverkoston perustaminen", "VALMISTEILLA"),
        _row("Rakenteellisen sosiaalityön vastuiden määrittely", "Ei  selvillä"),
        _row("Huomioidaan sisällölliset koulutustoiveet", "Valmis"),
        _row("Perehdytykseen sisällytetään peruskoulutus", ""),
    ])
    con = duckdb.connect()
    result = _load(con, tmp_path)
    assert result.total("rows_accepted") == 3 and result.total("rows_quarantined") == 2
    statuses = dict(con.execute("select action, status_code from raw.plan_actions").fetchall())
    assert statuses == {
        "Sosiaalisen raportoinnin käyttöönotto": "in_use",
        "Asiantuntijaverkoston perustaminen": "in_preparation",
        "Rakenteellisen sosiaalityön vastuiden määrittely": "not_settled",
    }
    reasons = dict(con.execute("select _row_number, reason from quarantine.plan_actions").fetchall())
    assert reasons == {5: "status: unknown status 'Valmis'", 6: "status: missing value"}


def test_duplicate_action_in_one_delivery_is_quarantined_with_the_row_it_repeats(tmp_path):
    _write(tmp_path / "plan_actions", "plan_actions_2026-03-02.csv", [
        V1_HEADER,
        _row("Asiantuntijaverkoston perustaminen", "Valmisteilla"),
        _row("Sosiaalisen raportoinnin käyttöönotto", "Käytössä"),
        _row("asiantuntijaverkoston  perustaminen.", "Ei selvillä", "kopio"),  # same action, other spelling
    ])
    con = duckdb.connect()
    _load(con, tmp_path)
    assert con.execute("select count(*) from raw.plan_actions").fetchall() == [(2,)]
    assert con.execute("select _row_number, reason from quarantine.plan_actions").fetchall() == [
        (4, "action: duplicate of row 2 in this delivery (same goal and action)")]
    # The same action text under another goal is another action, not a duplicate.
    _write(tmp_path / "other" / "plan_actions", "plan_actions_2026-03-02.csv", [
        V1_HEADER,
        _row("Koulutuksen lisääminen", "Valmisteilla"),
        _row("Koulutuksen lisääminen", "Valmisteilla", goal="Toinen tavoite"),
    ])
    con2 = duckdb.connect()
    result = _load(con2, tmp_path / "other")
    assert result.total("rows_accepted") == 2


def test_file_without_snapshot_date_fails_with_a_clear_message(tmp_path):
    _write(tmp_path / "plan_actions", "plan_actions_latest.csv",
           [V1_HEADER, _row("Sosiaalisen raportoinnin käyttöönotto", "Käytössä")])
    con = duckdb.connect()
    try:
        result = _load(con, tmp_path)
        messages = _failures(result)
    except FileFormatError as exc:
        messages = [str(exc)]
    assert len(messages) == 1
    assert messages[0].startswith("plan_actions_latest.csv: file name has no snapshot date")
    assert "plan_actions_YYYY-MM-DD" in messages[0]
    with pytest.raises(ValueError, match="impossible snapshot date 2026-02-30"):
        plan_actions.snapshot_date_from_name("plan_actions_2026-02-30.csv")
    corrected = plan_actions.snapshot_date_from_name("plan_actions_2026-03-02_korjattu.xlsx")
    assert corrected == dt.date(2026, 3, 2)


def test_unexpected_or_missing_columns_fail_the_file(tmp_path):
    _write(tmp_path / "plan_actions", "plan_actions_2026-03-02.csv",
           ["goal;topic;action;target_group;status;comments",
            _row("Sosiaalisen raportoinnin käyttöönotto", "Käytössä")])
    con = duckdb.connect()
    try:
        messages = _failures(_load(con, tmp_path))
    except FileFormatError as exc:
        messages = [str(exc)]
    assert len(messages) == 1
    assert "missing columns 'status_note'" in messages[0] and "unexpected columns 'comments'" in messages[0]


def test_second_header_set_in_finnish_cp1252_with_responsible_and_updated(tmp_path):
    _write(tmp_path / "plan_actions", "plan_actions_2026-06-01.csv", [
        "Tavoite;Teema;Toimenpide;Kohderyhmä;Tila;Lisätieto;Vastuutaho;Päivitetty",
        _row("Sosiaalisen raportoinnin käyttöönotto", "Käytössä", "soita 040 123 4567, asiakas 010203A9011",
             extra="Sosiaalityön johtaja;15.5.2026"),
        _row("Asiantuntijaverkoston perustaminen", "Valmisteilla", extra="Kehittämisyksikkö;31.2.2026"),
    ], encoding="cp1252")
    con = duckdb.connect()
    result = _load(con, tmp_path)
    assert result.total("rows_accepted") == 1
    row = con.execute("select responsible, updated_date, status_note from raw.plan_actions").fetchall()[0]
    assert row[0] == "Sosiaalityön johtaja" and row[1] == dt.datetime(2026, 5, 15)
    assert "040" not in row[2] and "010203A9011" not in row[2]  # free text is redacted
    assert "010203A9011" not in str(con.execute("select * from quarantine.plan_actions").fetchall())
    assert con.execute("select reason from quarantine.plan_actions").fetchall() == [
        ("updated: invalid date '31.2.2026'",)]


def test_action_key_ignores_case_punctuation_and_spacing_but_not_the_goal():
    base = action_key(GOAL, "Sosiaalisen raportoinnin käyttöönotto")
    assert action_key(GOAL.upper(), "  sosiaalisen raportoinnin käyttöönotto.") == base
    assert action_key(GOAL, "Sosiaalisen  raportoinnin kayttoonotto") == base
    assert action_key("Toinen tavoite", "Sosiaalisen raportoinnin käyttöönotto") != base
    assert normalise_text("Yhteistyön vahvistaminen; vahvistetaan (sisäistä) viestintää") == \
        "yhteistyon vahvistaminen vahvistetaan sisaista viestintaa"


def test_demo_writes_three_versions_with_broken_rows(tmp_path):
    write_plan_landing(tmp_path, seed=2025)
    names = sorted(p.name for p in (tmp_path / "plan_actions").iterdir())
    assert names == ["plan_actions_2025-12-17.csv", "plan_actions_2026-03-02.xlsx",
                     "plan_actions_2026-06-01.csv"]
    assert (tmp_path / "plan_actions" / names[0]).read_bytes() == default_reference_csv().read_bytes()
    con = duckdb.connect()
    result = _load(con, tmp_path)
    assert not _failures(result)
    by_file = {f.file_name: (f.rows_in, f.rows_accepted, f.rows_quarantined) for f in result.files}
    assert by_file == {names[0]: (22, 22, 0), names[1]: (23, 21, 2), names[2]: (23, 22, 1)}
    reasons = sorted(r[0] for r in con.execute("select reason from quarantine.plan_actions").fetchall())
    assert reasons == ["action: duplicate of row 4 in this delivery (same goal and action)",
                       "action: missing value", "status: unknown status 'Aloitettu'"]
    # Deterministic: the same seed gives the same files.
    write_plan_landing(tmp_path / "again", seed=2025)
    for name in names:
        if name.endswith(".csv"):
            assert (tmp_path / "again" / "plan_actions" / name).read_bytes() == \
                (tmp_path / "plan_actions" / name).read_bytes()


# -- dbt: the status history on the demo versions -----------------------------------------------------------

PLAN_DBT_FILES = [
    "dbt_project.yml", "profiles.yml", "macros",
    "models/staging/professional_observations/_professional_observations__sources.yml",
    "models/staging/professional_observations/stg_plan_actions__snapshots.sql",
    "models/intermediate/plan/int_plan_actions__versions_numbered.sql",
    "models/intermediate/plan/int_plan_actions__identified.sql",
    "models/intermediate/plan/int_plan_actions__versions_compared.sql",
]


@pytest.fixture(scope="module")
def demo_history(tmp_path_factory):
    """Load the demo versions and build the plan's status-history models in a copy of the dbt project that
    holds only them (so the test does not depend on other marts)."""
    root = tmp_path_factory.mktemp("plan_dbt")
    write_plan_landing(root / "landing")
    warehouse = root / "wh.duckdb"
    con = duckdb.connect(str(warehouse))
    _load(con, root / "landing")
    con.close()
    project = root / "dbt_project"
    for rel in PLAN_DBT_FILES:
        src, dst = REPO / "dbt_project" / rel, project / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(src, dst) if src.is_dir() else shutil.copyfile(src, dst)
    dbt = Path(sys.executable).parent / "dbt"
    assert dbt.exists(), "dbt must be installed beside the Python interpreter (make test installs it)"
    env = dict(os.environ, RSW_DBT_TARGET="duckdb", RSW_WAREHOUSE_PATH=str(warehouse),
               RSW_SUPPRESSION_THRESHOLD="5", RSW_COMPARED_COUNTY="05",
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    run = subprocess.run(
        [str(dbt), "run", "--no-version-check", "--project-dir", str(project), "--profiles-dir", str(project),
         "--target-path", str(root / "target"), "--log-path", str(root / "logs"),
         "--select", "+int_plan_actions__versions_compared"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


def _history(con, action_prefix: str) -> list[dict]:
    cursor = con.execute(
        "select * from intermediate.int_plan_actions__versions_compared "
        "where action like ? order by version_number",
        [action_prefix + "%"])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def test_status_transition_has_its_dates(demo_history):
    rows = _history(demo_history, "Sosiaalisen raportoinnin käyttöönotto")
    assert [(r["version_number"], r["change_type"], r["status_code"]) for r in rows] == [
        (1, "initial", "in_preparation"), (2, "status_changed", "in_use"), (3, "unchanged", "in_use")]
    moved = rows[1]
    assert moved["previous_status_code"] == "in_preparation" and moved["status_changed"]
    assert moved["previous_status_seen_on"] == dt.date(2025, 12, 17)
    assert moved["snapshot_date"] == dt.date(2026, 3, 2)
    assert dt.date(2025, 12, 17) < moved["status_since"] <= dt.date(2026, 3, 2)  # the team's updated date
    assert rows[2]["status_since"] == moved["status_since"]
    assert rows[2]["days_in_status"] == (dt.date(2026, 6, 1) - moved["status_since"]).days
    assert rows[2]["versions_in_status"] == 2


def test_removed_action_is_flagged_not_lost(demo_history):
    rows = _history(demo_history, "Huomioidaan sisällölliset koulutustoiveet")
    assert [(r["version_number"], r["is_present"], r["change_type"]) for r in rows] == [
        (1, True, "initial"), (2, True, "unchanged"), (3, False, "removed")]
    assert rows[2]["previous_status_code"] == "not_settled" and rows[2]["status_code"] is None
    assert rows[2]["is_latest_version"]


def test_unknown_status_row_shows_as_missing_then_back(demo_history):
    rows = _history(demo_history, "Perehdytykseen sisällytetään")
    assert [(r["version_number"], r["change_type"], r["status_code"]) for r in rows] == [
        (1, "initial", "not_settled"), (2, "removed", None), (3, "reappeared", "in_preparation")]
    assert rows[2]["status_changed"] and rows[2]["previous_status_code"] == "not_settled"


def test_small_rewording_keeps_the_action_and_additions_are_flagged(demo_history):
    rows = _history(demo_history, "Asiakaspalautejärjestelmään")
    assert len({r["action_id"] for r in rows}) == 1 and len(rows) == 3
    assert [r["wording_changed"] for r in rows] == [False, True, False]
    added = _history(demo_history, "Sosiaalisen raportoinnin tulosten käsittely")
    assert [(r["version_number"], r["change_type"]) for r in added] == [(3, "added")]
    latest = demo_history.execute(
        "select count(*), count(distinct action_id) from intermediate.int_plan_actions__versions_compared "
        "where is_latest_version").fetchall()
    assert latest == [(23, 23)]  # 22 present + 1 removed


# -- the half-year report section ------------------------------------------------------------------------

def _mart_row(**values) -> dict:
    row = {
        "action_id": "a", "goal": "G1", "action": "Sosiaalisen raportoinnin käyttöönotto",
        "version_number": 1,
        "snapshot_date": dt.date(2025, 12, 17), "is_latest_version": False, "is_present": True,
        "change_type": "initial", "status_code": "in_preparation", "status_fi": "Valmisteilla",
        "previous_status_code": None, "previous_status_fi": None, "previous_status_seen_on": None,
        "status_changed": False, "wording_changed": False, "status_since": dt.date(2025, 12, 17),
        "days_in_status": 0, "goal_actions": 2, "goal_actions_in_use": 0, "goal_actions_in_preparation": 1,
        "goal_actions_not_settled": 1, "goal_share_in_use": 0.0, "plan_actions": 2, "plan_actions_in_use": 0,
        "plan_share_in_use": 0.0, "evidence_mart": "social_reporting", "evidence_name_fi": "Havainnot",
        "evidence_period": "2025H2", "evidence_value": 41.0, "evidence_is_lower_bound": True,
    }
    row.update(values)
    return row


def test_report_section_renders_progress_chart_and_changes():
    import pandas as pd

    from reports.plan import render_plan_section

    con = duckdb.connect()
    assert "Seurantatietoa ei ole vielä saatavilla" in render_plan_section(con)
    latest = dict(version_number=2, snapshot_date=dt.date(2026, 3, 2), is_latest_version=True,
                  goal_actions=1, goal_actions_in_use=1, goal_actions_in_preparation=0,
                  goal_actions_not_settled=0, goal_share_in_use=1.0, plan_actions=1, plan_actions_in_use=1,
                  plan_share_in_use=1.0)
    no_evidence = dict(evidence_mart=None, evidence_name_fi=None, evidence_period=None, evidence_value=None,
                       evidence_is_lower_bound=None)
    other = dict(action_id="b", action="Vastuiden määrittely <b>", status_code="not_settled",
                 status_fi="Ei selvillä", **no_evidence)
    mart = pd.DataFrame([
        _mart_row(),
        _mart_row(**other),
        _mart_row(**latest, change_type="status_changed", status_code="in_use", status_fi="Käytössä",
                  previous_status_code="in_preparation", previous_status_fi="Valmisteilla",
                  status_changed=True, status_since=dt.date(2026, 2, 20), days_in_status=10),
        _mart_row(**{**other, **latest, "status_code": None, "status_fi": None}, is_present=False,
                  change_type="removed", previous_status_code="not_settled", previous_status_fi="Ei selvillä",
                  status_since=None, days_in_status=None),
    ])
    con.execute("create schema marts")
    con.register("mart", mart)
    con.execute("create table marts.plan_follow_up as select * from mart")
    html = render_plan_section(con)
    assert html.startswith('<section class="plan-follow-up"') and html.endswith("</section>")
    assert "<h3>Eteneminen tavoitteittain</h3>" in html
    assert 'src="data:image/png;base64,iVBOR' in html
    assert "Valmisteilla → Käytössä" in html
    assert "Puuttuu versiosta (oli Ei selvillä)" in html
    assert "Vastuiden määrittely &lt;b&gt;" in html and "<b>" not in html
    assert "1 / 1 toimenpidettä käytössä (100\u00a0%)" in html
    assert "2025H2" in html and ">vähintään 41<" in html
    swedish = render_plan_section(con, "sv")
    assert "Under beredning → I bruk" in swedish and ">minst 41<" in swedish
