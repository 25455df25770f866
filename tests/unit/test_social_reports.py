"""Social reporting form submissions: versioned header mapping, Finnish and Swedish, redaction, quarantine."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import duckdb
import numpy as np

from demo import random_fictitious_hetu, write_social_reports
from sources.landing import load_source
from sources.loads import reconcile
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer, is_valid_hetu
from sources.professional_observations import social_report_forms as forms
from sources.professional_observations.social_reports import SOURCE
from sources.readers import FileFormatError
from tests.conftest import text_values
from tests.identity_codes import codes_in

TODAY = dt.date(2025, 12, 31)
HETU = random_fictitious_hetu(np.random.default_rng(7))


def _row(version_key: str, **overrides) -> list[str]:
    """One export row for a form version, in the form's own language, with sensible defaults."""
    version = forms.FORM_VERSIONS[version_key]
    sv = version.language == "sv"
    values = {
        "submission_id": "1001", "submitted_at": "3.3.2025 9:15", "language": "suomi",
        "reporter_role": "Socialarbetare" if sv else "Sosiaalityöntekijä",
        "service_area": "Socialt arbete för vuxna" if sv else "Aikuissosiaalityö",
        "municipality": "Åbo" if sv else "Turku", "target_group": "",
        "valence": "Missförhållande" if sv else "Epäkohta",
        "observation_text": "Bostadslösa unga." if sv else "Asunnottomat nuoret.",
        "causes_text": "", "proposal_text": "", "admin_sector": "", "handling_status": "", "feedback_date": "",
    }
    values.update({k: v for k, v in overrides.items() if not k.startswith("need_")})
    row = [values[f] for f in version.fields.values()]
    row += [overrides.get(f"need_{code}", "0") for code in version.needs.values()]
    return row


def _write(path: Path, headers: list[str], rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([headers, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _load(tmp_path: Path, con=None):
    con = con or duckdb.connect()
    return con, load_source(con, SOURCE, tmp_path / "landing", Pseudonymizer(DEMO_PSEUDONYM_KEY), today=TODAY)


def test_demo_exports_of_three_form_versions_load(tmp_path):
    write_social_reports(tmp_path / "landing", np.random.default_rng(1), __import__("faker").Faker("fi_FI"),
                         __import__("faker").Faker("sv_SE"), scale=0.05, today=TODAY)
    con, result = _load(tmp_path)
    assert {f.file_name for f in result.loaded} == {
        "sosiaalinen_raportointi_2024.csv", "sosiaalinen_raportointi_2025_fi.csv", "social_rapportering_2025_sv.xlsx"}
    assert reconcile(con, "social_reports") == []
    versions = dict(con.execute("select form_version, count(*) from raw.social_reports group by 1").fetchall())
    assert set(versions) == {"2024_bilingual", "2025_fi", "2025_sv"}
    assert {r[0] for r in con.execute("select distinct language from raw.social_reports").fetchall()} == {"fi", "sv"}
    reasons = " | ".join(r[0] for r in con.execute("select reason from quarantine.social_reports").fetchall())
    for expected in ("invalid timestamp '31.2.", "unknown municipality 'Tampere'", "unknown municipality 'Stockholm'",
                     "missing value", "expected 0 or 1"):
        assert expected in reasons
    assert all(f.rows_quarantined == 4 for f in result.loaded)
    # every SHL §11 option column is mapped to its need flag
    flags = con.execute("select " + ", ".join(f"sum(shl11_need_{n})" for n in range(1, 11))
                        + " from raw.social_reports").fetchall()[0]
    assert sum(flags) > 0 and flags[1] > 0


def test_submission_pseudonym_is_keyed_and_unique(tmp_path):
    """The published proposal key: a keyed HMAC of form version and submission id, computed at landing."""
    import hashlib

    write_social_reports(tmp_path / "landing", np.random.default_rng(1), __import__("faker").Faker("fi_FI"),
                         __import__("faker").Faker("sv_SE"), scale=0.05, today=TODAY)
    con, _ = _load(tmp_path)
    rows = con.execute("select form_version, submission_id, submission_pseudonym from raw.social_reports").fetchall()
    key = Pseudonymizer(DEMO_PSEUDONYM_KEY)
    assert rows and all(p == key.record_pseudonym("social_report", v, i) for v, i, p in rows)
    assert all(re.fullmatch(r"[0-9a-f]{64}", p) for _, _, p in rows)
    assert len({p for *_, p in rows}) == len({(v, i) for v, i, _ in rows})
    # not an unkeyed hash of the identifiers, and another key gives other pseudonyms
    v, i, p = rows[0]
    assert p not in {hashlib.md5(f"{v}:{i}".encode()).hexdigest(), hashlib.sha256(f"{v}:{i}".encode()).hexdigest()}
    assert Pseudonymizer("another-key").record_pseudonym("social_report", v, i) != p


def test_unknown_header_fails_the_file_and_names_it(tmp_path):
    version = forms.FORM_VERSIONS["2025_fi"]
    headers = version.headers() + ["Sähköpostiosoitteesi"]
    _write(tmp_path / "landing" / "social_reports" / "export.csv", headers, [_row("2025_fi") + ["x@example.fi"]])
    con, result = _load(tmp_path)
    assert result.files == [] and len(result.failed) == 1
    assert isinstance(result.failed[0], FileFormatError)
    message = str(result.failed[0])
    assert "export.csv" in message and "'Sähköpostiosoitteesi'" in message and "2025_fi" in message
    assert con.execute("select status, rows_in from raw._loads").fetchall() == [("rejected", 0)]


def test_reworded_question_is_named_as_unknown_and_missing(tmp_path):
    headers = ["Havaintosi" if h == "Havainto" else h for h in forms.FORM_VERSIONS["2025_fi"].headers()]
    _write(tmp_path / "landing" / "social_reports" / "export.csv", headers, [_row("2025_fi")])
    _, result = _load(tmp_path)
    assert len(result.failed) == 1
    assert re.search(r"unknown column\(s\) 'Havaintosi'.*missing column\(s\) 'Havainto'", str(result.failed[0]))


def test_a_new_form_round_loads_through_its_mapping(tmp_path, monkeypatch):
    """A new round only needs a new entry in the versioned mapping: the loader recognises it by its headers."""
    base = forms.FORM_VERSIONS["2025_fi"]
    renamed = {"Havainto": "Kuvaa havainto", "Roolisi": "Ammattinimike", "Kunta tai alue": "Kunta/alue"}
    new = forms.FormVersion(
        key="2026_fi", description="test round", language="fi",
        fields={renamed.get(h, h): f for h, f in base.fields.items()},
        needs=forms._needs("Mihin SHL 11 §:n tuen tarpeisiin havainto liittyy?", forms.NEED_OPTIONS_FI, " - "),
    )
    monkeypatch.setitem(forms.FORM_VERSIONS, "2026_fi", new)
    row = [{"submission_id": "7", "submitted_at": "2.2.2025 8:00", "reporter_role": "Sosiaaliohjaaja",
            "service_area": "Lastensuojelu", "municipality": "Salo", "target_group": "Lapsiperheet",
            "valence": "Heikko signaali", "observation_text": "Koulupoissaolot lisääntyvät.", "causes_text": "",
            "proposal_text": "Yhteistyötä koulun kanssa.", "admin_sector": "Varhaiskasvatus ja opetus",
            "handling_status": "Käsittelyssä", "feedback_date": ""}[f] for f in new.fields.values()]
    row += ["1" if code in (7, 4) else "0" for code in new.needs.values()]
    _write(tmp_path / "landing" / "social_reports" / "round_2026.csv", new.headers(), [row])
    con, result = _load(tmp_path)
    assert result.total("rows_accepted") == 1
    got = con.execute("select form_version, language, reporter_role, municipality_code, valence, handling_status, "
                      "shl11_need_4, shl11_need_7, shl11_need_2 from raw.social_reports").fetchall()
    assert got == [("2026_fi", "fi", "social_instructor", "734", "weak_signal", "in_progress", 1, 1, 0)]


def test_header_whitespace_and_case_do_not_matter(tmp_path):
    headers = ["  " + h.upper() + " " for h in forms.FORM_VERSIONS["2024_bilingual"].headers()]
    _write(tmp_path / "landing" / "social_reports" / "export.csv", headers, [_row("2024_bilingual")],
           encoding="cp1252")
    _, result = _load(tmp_path)
    assert result.total("rows_accepted") == 1


def test_swedish_answers_map_like_finnish(tmp_path):
    rows = [
        _row("2025_sv", submission_id="1", valence="Svag signal", municipality="S:t Karins", need_3="1"),
        _row("2025_sv", submission_id="2", valence="God praxis", municipality="Hela välfärdsområdet",
             handling_status="Respons given", feedback_date="10.3.2025", target_group="Äldre"),
    ]
    _write(tmp_path / "landing" / "social_reports" / "svar.csv", forms.FORM_VERSIONS["2025_sv"].headers(), rows)
    con, result = _load(tmp_path)
    assert result.total("rows_quarantined") == 0
    got = con.execute("select submission_id, language, valence, area_scope, municipality_code, handling_status, "
                      "target_group, shl11_need_3, cast(feedback_date as date) from raw.social_reports "
                      "order by 1").fetchall()
    assert got == [
        ("1", "sv", "weak_signal", "municipality", "202", "received", None, 1, None),
        ("2", "sv", "positive", "county", None, "feedback_given", "older_people", 0, dt.date(2025, 3, 10)),
    ]


def test_identity_codes_phones_and_names_never_stored(tmp_path):
    """A planted identity code (and phone, e-mail, name, address) is redacted in raw and quarantine alike."""
    assert is_valid_hetu(HETU)
    planted = (f"Asiakas Matti Virtanen (hetu {HETU}) asuu osoitteessa Kauppakatu 5 B 12, "
               "puh. 040 123 4567, matti.virtanen@example.fi.")
    rows = [
        _row("2025_fi", submission_id="1", observation_text="Asunnottomuus lisääntyy. " + planted,
             proposal_text=f"Soita {HETU.lower()} 0501234567"),
        _row("2025_fi", submission_id="2", submitted_at="31.2.2025 10:00", causes_text=planted),  # quarantined
    ]
    _write(tmp_path / "landing" / "social_reports" / "export.csv", forms.FORM_VERSIONS["2025_fi"].headers(), rows)
    con, result = _load(tmp_path)
    assert (result.total("rows_accepted"), result.total("rows_quarantined")) == (1, 1)
    texts = text_values(con)
    joined = "\n".join(texts)
    assert not [c for t in texts for c in codes_in(t)]
    for secret in (HETU, HETU.lower(), "Virtanen", "040 123 4567", "0501234567", "matti.virtanen", "Kauppakatu 5"):
        assert secret not in joined, secret
    observation = con.execute("select observation_text from raw.social_reports").fetchall()[0][0]
    assert "[HETU]" in observation and "[PUHELIN]" in observation and "[NIMI]" in observation
    assert "Asunnottomuus lisääntyy." in observation
    record = json.loads(con.execute("select record from quarantine.social_reports").fetchall()[0][0])
    assert "[HETU]" in record["Havainnon taustalla olevat syyt"]


def test_broken_rows_go_to_quarantine_with_their_reason(tmp_path):
    rows = [
        _row("2025_fi", submission_id="1"),
        _row("2025_fi", submission_id="2", municipality="Tampere"),
        _row("2025_fi", submission_id="3", need_8="kyllä?"),
        _row("2025_fi", submission_id="4", observation_text=""),
        _row("2025_fi", submission_id="5", submitted_at="1.1.2026 10:00"),
        _row("2025_fi", submission_id="6", handling_status="Palaute annettu", feedback_date="1.2.2025"),
    ]
    _write(tmp_path / "landing" / "social_reports" / "export.csv", forms.FORM_VERSIONS["2025_fi"].headers(), rows)
    con, result = _load(tmp_path)
    assert reconcile(con, "social_reports") == []
    reasons = dict(con.execute("select _row_number, reason from quarantine.social_reports").fetchall())
    assert "unknown municipality 'Tampere'" in reasons[3]
    assert "expected 0 or 1" in reasons[4]
    assert "missing observation text" in reasons[5]
    assert "timestamp in the future" in reasons[6]
    assert "feedback date before submission" in reasons[7]
    assert con.execute("select submission_id from raw.social_reports").fetchall() == [("1",)]
