"""Self-monitoring and inspection findings (designed CSV export): load, redaction, quarantine, re-exports."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np

from demo import write_csv, write_supervision_findings
from sources.landing import load_source
from sources.professional_observations.supervision_findings import HEADERS, SOURCE
from tests.unit._landing_files import land_reconciled

TODAY = dt.date(2025, 12, 31)


def test_demo_exports_load_with_broken_rows_quarantined_and_text_redacted(tmp_path):
    write_supervision_findings(tmp_path, np.random.default_rng(5), scale=0.1, today=TODAY)
    con, result = land_reconciled(tmp_path, SOURCE, today=TODAY)
    assert len(result.loaded) == 8
    assert result.reasons == {"finding_id: failed str_matches('^[A-Z]{2,4}-\\d{4}-\\d{1,6}$')": 8,
                              "Korjauksen määräaika: before the report date": 8, "Kunta: unknown municipality": 8}
    texts = [r[0] for r in con.execute("select finding_text from raw.supervision_findings").fetchall()]
    assert any("[HETU]" in t for t in texts)
    assert not any("näkyi ilmoitustaululla" in t and "[HETU]" not in t for t in texts)
    types = {r[0] for r in con.execute("select distinct report_type from raw.supervision_findings").fetchall()}
    assert types == {"omavalvonta", "valvontakaynti", "viranomaistarkastus"}
    # a later export repeats a finding: the same id in several files, possibly with its fix date by then
    repeated = con.execute("select count(*) from (select finding_id from raw.supervision_findings group by 1 "
                           "having count(distinct _file_name) > 1)").fetchone()[0]
    assert repeated > 0


def test_spellings_and_fix_dates(tmp_path):
    base = ["VH-2025-1", "AVI", "3.3.2025", "SOS-101", "Lastenkoti Turku 1", "Lastensuojelu", "Turku",
            "Ostopalvelu", "Lääkitys", "Kohtalainen", "Kirjaukset puuttuvat.", "1.4.2025", "20.3.2025"]
    fixed_early = base[:]
    fixed_early[0], fixed_early[12] = "VH-2025-2", "1.3.2025"
    unknown = base[:]
    unknown[0], unknown[9] = "VH-2025-3", "Kriittinen"
    write_csv(tmp_path / "supervision_findings" / "havainnot.csv", HEADERS, [base, fixed_early, unknown])
    con = duckdb.connect()
    load_source(con, SOURCE, tmp_path, today=TODAY)
    assert con.execute("select report_type, topic, severity, fix_due_date, fixed_date "
                       "from raw.supervision_findings").fetchall() == [
        ("viranomaistarkastus", "laakehoito", "merkittava", dt.datetime(2025, 4, 1), dt.datetime(2025, 3, 20))]
    reasons = [r[0] for r in con.execute("select reason from quarantine.supervision_findings order by _row_number")
               .fetchall()]
    assert reasons == ["Korjattu: before the report date", "Vakavuus: unknown severity 'Kriittinen'"]
