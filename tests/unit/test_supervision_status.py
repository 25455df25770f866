"""Self-monitoring and supervision status table (quarterly xlsx snapshots)."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np

from demo import write_supervision_status, write_xlsx
from sources.landing import load_source
from sources.professional_observations.supervision_status import HEADERS, SOURCE
from tests.unit._landing_files import land_reconciled

TODAY = dt.date(2025, 12, 31)


def test_demo_snapshots_load(tmp_path):
    write_supervision_status(tmp_path / "all", np.random.default_rng(4), scale=0.05, today=TODAY)
    files = sorted((tmp_path / "all" / "supervision_status").iterdir())
    assert len(files) == 8
    landing = tmp_path / "landing" / "supervision_status"
    landing.mkdir(parents=True)
    (landing / files[-1].name).write_bytes(files[-1].read_bytes())
    con, result = land_reconciled(tmp_path / "landing", SOURCE, today=TODAY)
    assert result.reasons == {"Kunta: unknown municipality": 1,
                              "Joista vakavia: more serious findings than open findings": 1}
    (snapshot,), = con.execute("select distinct cast(snapshot_date as date) from raw.supervision_status").fetchall()
    assert snapshot == dt.date(2025, 12, 31)
    assert con.execute("select count(*) from raw.supervision_status where open_findings > 0 "
                       "and oldest_open_due_date is null").fetchall()[0][0] == 0


def test_rules_across_columns(tmp_path):
    base = [dt.date(2025, 6, 30), "SOS-1001", "Palvelukoti Aura", "Ikääntyneiden palvelut", "Aura", "Ostopalvelu",
            dt.date(2025, 1, 10), None, 0, 0, None, "Kunnossa"]
    open_without_due = base.copy()
    open_without_due[1], open_without_due[8] = "SOS-1002", 2
    future_visit = base.copy()
    future_visit[1], future_visit[7] = "SOS-1003", dt.date(2026, 2, 1)
    write_xlsx(tmp_path / "supervision_status" / "tilanne.xlsx", HEADERS, [base, open_without_due, future_visit])
    con = duckdb.connect()
    load_source(con, SOURCE, tmp_path, today=TODAY)
    assert con.execute("select unit_id, provider_type, supervision_state from raw.supervision_status").fetchall() == [
        ("SOS-1001", "ostopalvelu", "kunnossa")]
    reasons = [r[0] for r in con.execute("select reason from quarantine.supervision_status order by _row_number")
               .fetchall()]
    assert reasons == ["Vanhimman avoimen havainnon määräaika: missing although findings are open",
                       "Viimeisin valvontakäynti: date in the future"]
