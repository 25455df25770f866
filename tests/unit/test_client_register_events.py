"""Client-register service events: landing into raw / quarantine (monthly files, chunked reads), the demo
generator, and the cleaner's distinct-value and identity-code fast paths that make a million-row file cheap
(they must give exactly what the plain per-row code gives)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pandera.pandas as pandera
import pytest

from demo import fictitious_hetu, register_people, spoil_hetu, write_client_register_events
from sources import cleaning
from sources.cleaning import Cleaner, _identity_results, _plainly_valid_hetu
from sources.engine_load import ColumnRule, per_column_prepare
from sources.landing import FileSource, exact_headers, load_source
from sources.privacy import DEMO_PSEUDONYM_KEY, Pseudonymizer, hetu_problem
from sources.readers import ReadOptions, read_table
from sources.statistics import client_register_events

TODAY = dt.date(2025, 12, 31)
KEY = Pseudonymizer(DEMO_PSEUDONYM_KEY)
MAN_1980 = fictitious_hetu(dt.date(1980, 4, 12), 951)
WOMAN_2004 = fictitious_hetu(dt.date(2004, 5, 20), 902)
BAD = spoil_hetu(pd.Series([fictitious_hetu(dt.date(1975, 6, 3), 962)])).iloc[0]


def write(path: Path, rows: list[dict], encoding: str = "utf-8") -> Path:
    headers = client_register_events.HEADERS
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [";".join(headers)] + [";".join("" if r.get(h) is None else str(r[h]) for h in headers) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def event(**kw) -> dict:
    base = {"asiakkaan_hetu": MAN_1980, "tapahtumapvm": "3.11.2025", "palvelutehtava": "Päihde- ja riippuvuustyön "
            "erityiset palvelut", "kunta": "853", "tapahtumatyyppi": "Käynti", "ammattiryhma": "Sosiaalityöntekijä"}
    return {**base, **kw}


def test_events_load_with_reasons_and_no_identity_code_kept(tmp_path):
    rows = [
        event(),
        event(asiakkaan_hetu=WOMAN_2004, kunta="Raisio", palvelutehtava="Lastensuojelu", tapahtumatyyppi="Puhelu",
              ammattiryhma=""),
        event(tapahtumatyyppi="päätös", ammattiryhma="etuuskäsittelijä", palvelutehtava="tyoikaiset"),
        event(asiakkaan_hetu=BAD),
        event(asiakkaan_hetu=""),
        event(tapahtumapvm="31.2.2025"),
        event(kunta="Tuntematon kunta"),
        event(tapahtumatyyppi="Tekstiviesti"),
        event(ammattiryhma="Astronautti"),
        event(tapahtumapvm="1.1.2026"),  # after `today`
    ]
    write(tmp_path / "client_register_events" / "client_register_events_2025-11.csv", rows)
    con = duckdb.connect()
    result = load_source(con, client_register_events.SOURCE, tmp_path, KEY, today=TODAY)
    f = result.files[0]
    assert (f.rows_in, f.rows_accepted, f.rows_quarantined) == (10, 3, 7)
    assert (f.period_start, f.period_end) == (dt.date(2025, 11, 3), dt.date(2025, 11, 3))
    got = con.execute("select client_group, municipality_code, event_type, staff_role, event_date, "
                      "length(client_pseudonym) from raw.client_register_events order by _row_number").fetchall()
    assert got == [
        ("paihde_riippuvuus", "853", "visit", "social_worker", dt.datetime(2025, 11, 3), 64),
        ("lastensuojelu", "680", "phone_call", None, dt.datetime(2025, 11, 3), 64),
        ("tyoikaiset", "853", "decision", "benefits_officer", dt.datetime(2025, 11, 3), 64),
    ]
    reasons = [r[0] for r in con.execute("select reason from quarantine.client_register_events "
                                         "order by _row_number").fetchall()]
    assert reasons == [
        "asiakkaan_hetu: invalid identity code (the number's checksum or check digit is invalid)",
        "asiakkaan_hetu: identity code missing",
        "tapahtumapvm: invalid date '31.2.2025'",
        "kunta: unknown municipality 'Tuntematon kunta'",
        "tapahtumatyyppi: unknown event type 'Tekstiviesti'",
        "ammattiryhma: unknown professional group 'Astronautti'",
        "tapahtumapvm: date in the future",
    ]
    for table in ("raw.client_register_events", "quarantine.client_register_events"):
        text = json.dumps(con.execute(f"select * from {table}").fetchall(), default=str, ensure_ascii=False)
        assert MAN_1980 not in text and WOMAN_2004 not in text and BAD not in text


def test_big_file_streams_in_chunks_and_pseudonyms_agree_across_chunks(tmp_path, monkeypatch):
    import sources.readers as readers

    monkeypatch.setattr(readers, "CHUNK_ROWS", 7)
    codes = [fictitious_hetu(dt.date(1970 + i, 1 + i % 12, 1 + i), 900 + i) for i in range(5)]
    rows = [event(asiakkaan_hetu=codes[i % 5], tapahtumapvm=f"{1 + i % 28}.10.2025") for i in range(40)]
    rows[13]["asiakkaan_hetu"] = BAD
    write(tmp_path / "client_register_events" / "client_register_events_2025-10.csv", rows)
    chunks = list(read_table(tmp_path / "client_register_events" / "client_register_events_2025-10.csv",
                             ReadOptions(), chunk_rows=7))
    assert [len(c) for c in chunks] == [7, 7, 7, 7, 7, 5]
    con = duckdb.connect()
    result = load_source(con, client_register_events.SOURCE, tmp_path, KEY, today=TODAY)
    assert result.total("rows_accepted") == 39 and result.total("rows_quarantined") == 1
    pseudonyms = con.execute("select count(distinct client_pseudonym) from raw.client_register_events").fetchall()
    assert pseudonyms == [(5,)]
    assert con.execute("select _row_number from quarantine.client_register_events").fetchall() == [(15,)]


def test_demo_generator_monthly_files_deterministic_with_broken_rows(tmp_path):
    people = register_people(np.random.default_rng(2025), 400, TODAY)
    for out in ("a", "b"):
        write_client_register_events(tmp_path / out, people, scale=0.005, seed=2025, today=TODAY)
    files = sorted((tmp_path / "a" / "client_register_events").iterdir())
    assert [f.name for f in files][:2] == ["client_register_events_2025-01.csv", "client_register_events_2025-02.csv"]
    assert len(files) == 12
    for f in files:
        assert f.read_bytes() == (tmp_path / "b" / "client_register_events" / f.name).read_bytes()
    total = sum(f.read_bytes().count(b"\r\n") - 1 for f in files)
    assert 4_500 <= total <= 5_500  # 1,000,000 a year × 0.005
    sample = tmp_path / "sample" / "client_register_events"
    sample.mkdir(parents=True)
    for f in files[:2]:
        (sample / f.name).write_bytes(f.read_bytes())
    con = duckdb.connect()
    result = load_source(con, client_register_events.SOURCE, tmp_path / "sample", KEY, today=TODAY)
    assert result.failed == [] and len(result.files) == 2
    for f in result.files:
        assert f.rows_quarantined == 5, f.file_name
    reasons = set(result.reasons)
    assert {"tapahtumapvm: invalid date", "kunta: unknown municipality", "tapahtumatyyppi: unknown event type",
            "asiakkaan_hetu: identity code missing"} <= reasons
    assert any(r.startswith("asiakkaan_hetu: invalid identity code") for r in reasons)


# -- the cleaner's fast paths give exactly what the plain code gives -------------------------------------------------
def _random_codes(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    chars = "0123456789ABCDEFHJKLMNPRSTUVWXY-+AbcxyzU "
    out = []
    for _ in range(n):
        born = dt.date(1850, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 175))
        # any century sign, also one that contradicts the birth year: still a shape to validate
        code = fictitious_hetu(born, rnd.randrange(900, 1000), sign=rnd.choice("+-YXWVUABCDEF"))
        k = rnd.random()
        if k < 0.2:  # mutate one character
            i = rnd.randrange(len(code))
            code = code[:i] + rnd.choice(chars) + code[i + 1:]
        elif k < 0.25:
            code = code.lower()
        elif k < 0.3:
            code = code[:6] + " " + code[6:]
        elif k < 0.33:
            code = code[:4] + "00" + code[6:]  # year 00
        elif k < 0.36:
            code = "3002" + code[4:]  # 30 February
        elif k < 0.38:
            code = code[:7] + "001" + code[10:]
        out.append(code)
    return out


def test_plainly_valid_identity_codes_are_exactly_what_stdnum_accepts():
    codes = _random_codes(6_000) + ["290200A9022", "290200-902B", "290296-9022", "010100+900A", "311299Y999X"]
    plain = _plainly_valid_hetu(pd.Series(codes, dtype="string"))
    for code, ok in zip(codes, plain):
        if ok:
            assert hetu_problem(code) is None, code
    # and it does accept the ordinary valid spellings (else the fast path would be useless)
    valid_plain = [c for c in codes if hetu_problem(c) is None and c == c.upper() and " " not in c]
    assert plain[[codes.index(c) for c in valid_plain]].all()


def test_identity_results_match_per_code_validation_and_pseudonyms():
    codes = _random_codes(3_000, seed=11)
    values = pd.Series(codes + [None], dtype="string")
    key = Pseudonymizer("another key")
    problem, pseudonym = _identity_results(values, key)
    for code, p, s in zip(codes, problem, pseudonym):
        assert p == hetu_problem(code)
        assert (s if isinstance(s, str) else None) == (key.pseudonym(code) if p is None else None)
    # the second time the answers come from the cache, and are the same
    problem2, pseudonym2 = _identity_results(values, key)
    assert problem2.equals(problem) and pseudonym2.equals(pseudonym)
    assert len(cleaning._identity_cache[key]) == len(set(codes))


def test_cleaner_columns_are_the_same_as_row_by_row():
    raw = pd.DataFrame({
        "pvm": ["1.2.2025", " 01.02.2025", "31.2.2025", "2025-02-01", None, "", "1.2.2025", "x" * 80, "5.5.2030"],
        "kunta": ["Turku", "turku ", "853", "Åbo", "Tuntematon kunta", None, "TURKU", "", "Raisio"],
    }, dtype="str", index=[10, 11, 12, 13, 14, 15, 16, 17, 18])
    c = Cleaner(raw)
    dates = c.date("pvm", not_after=dt.date(2025, 12, 31))
    from sources.reference import municipality_lookup
    munis = c.choice("kunta", set(municipality_lookup().values()), mapping=municipality_lookup(), what="municipality")
    expected_dates = [pd.Timestamp(2025, 2, 1), pd.Timestamp(2025, 2, 1), pd.NaT, pd.Timestamp(2025, 2, 1), pd.NaT,
                      pd.NaT, pd.Timestamp(2025, 2, 1), pd.NaT, pd.NaT]
    assert list(dates.index) == list(raw.index) and str(dates.dtype) == "datetime64[s]"
    assert [d if pd.notna(d) else pd.NaT for d in dates] == expected_dates
    assert munis.tolist()[:4] == ["853", "853", "853", "853"] and munis.name == "kunta"
    assert pd.isna(munis.iloc[4]) and pd.isna(munis.iloc[5]) and munis.iloc[8] == "680"
    reasons = c.reasons
    assert reasons.loc[12] == "pvm: invalid date '31.2.2025'"
    assert reasons.loc[14] == "pvm: missing date; kunta: unknown municipality 'Tuntematon kunta'"
    assert reasons.loc[15] == "pvm: missing date; kunta: missing value"
    assert reasons.loc[17] == "pvm: invalid date '" + "x" * 30 + "'; kunta: missing value"
    assert reasons.loc[18] == "pvm: date in the future"
    assert reasons.loc[10] == "" and reasons.loc[16] == ""


@pytest.mark.parametrize("column", ["asiakkaan_hetu"])
def test_identity_code_required_mask_and_reasons(column):
    raw = pd.DataFrame({column: [MAN_1980, "", BAD, None, MAN_1980.lower(), " " + WOMAN_2004]}, dtype="str")
    c = Cleaner(raw)
    out = c.identity_code(column, KEY, "client_pseudonym", required=pd.Series([True, False, True, True, True, True]))
    assert out.tolist()[0] == KEY.pseudonym(MAN_1980) and out.tolist()[4] == KEY.pseudonym(MAN_1980)
    assert out.tolist()[5] == KEY.pseudonym(WOMAN_2004)
    assert pd.isna(out.iloc[1]) and pd.isna(out.iloc[2]) and pd.isna(out.iloc[3])
    reasons = c.reasons.tolist()
    assert reasons[1] == "" and reasons[3] == f"{column}: identity code missing"
    assert reasons[2] == f"{column}: invalid identity code (the number's checksum or check digit is invalid)"


# -- the DuckDB path (sources/engine_load.py) loads exactly what the pandas path loads, or leaves the file to it --
def _load_both(tmp_path: Path, source, name: str, data: bytes) -> dict[str, object]:
    """Load one file through the DuckDB path (the source as declared) and through pandas (no column rules)."""
    out = {}
    for path_kind, src in (("engine", source), ("pandas", dataclasses.replace(source, column_rules=()))):
        root = tmp_path / path_kind
        (root / source.name).mkdir(parents=True)
        (root / source.name / name).write_bytes(data)
        con = duckdb.connect()
        try:
            result = load_source(con, src, root, KEY, today=TODAY)
            tables = {t: con.execute(f"select * exclude (_load_id) from {t}.{source.name} order by _row_number").df()
                      for t in ("raw", "quarantine") if con.execute(
                          "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                          [t, source.name]).fetchall()[0][0]}
            out[path_kind] = (result.files, [str(e) for e in result.failed], tables)
        finally:
            con.close()
    return out


def _assert_same(both: dict[str, object]) -> None:
    (files_e, failed_e, tables_e), (files_p, failed_p, tables_p) = both["engine"], both["pandas"]
    assert files_e == files_p and failed_e == failed_p
    assert tables_e.keys() == tables_p.keys()
    for table in tables_e:
        pd.testing.assert_frame_equal(tables_e[table], tables_p[table])


def test_engine_path_loads_a_demo_month_exactly_as_pandas(tmp_path):
    people = register_people(np.random.default_rng(7), 300, TODAY)
    write_client_register_events(tmp_path / "demo", people, scale=0.02, seed=7, today=TODAY)
    month = tmp_path / "demo" / "client_register_events" / "client_register_events_2025-03.csv"
    both = _load_both(tmp_path, client_register_events.SOURCE, month.name, month.read_bytes())
    files = both["engine"][0]
    assert files[0].rows_quarantined == 5 and files[0].rows_accepted > 1000
    _assert_same(both)


SMALL = FileSource(
    name="small", source_class="statistics", description="a test source", headers=exact_headers(["a", "b", "c"]),
    prepare=per_column_prepare(SMALL_RULES := (
        ColumnRule("a", lambda c, ctx: c.text("a", "a_text", required=True)),
        ColumnRule("b", lambda c, ctx: c.number("b", "b_number", integer=True, minimum=0)),
        ColumnRule("c", lambda c, ctx: c.choice("c", ("x", "y"), "c_choice", mapping={"iks": "x"}, what="letter")),
    )),
    schema=pandera.DataFrameSchema({"b_number": pandera.Column("Int64", pandera.Check.le(5), nullable=True)}),
    column_rules=SMALL_RULES,
)


@pytest.mark.parametrize("data", [
    b"a;b;c\r\n1;2;x\r\n4;;Y\r\n\r\n7;8;iks\r\n;-1;z\r\n",   # blank line, contract failure (8 > 5), reasons
    b"\xef\xbb\xbfa ; b;c\n1;2;x\n4;5;y",                         # BOM, spaces in the header, no last newline
    b"a;b;c\n1;2;x\n" * 7,                                        # the same row again and again
    b"a;b;c\n1;2\n4;5;y\n",                                       # a short row: pandas pads it
    b"a;b;c\n1;2;x;4\n",                                          # a long row: pandas' own error
    b"a;b;c\n1;2;x\n   \n4;5;y\n",                                # whitespace-only line
    b'a;b;c\n"x;y";2;x\n"";1,5;" y "\n',                          # quotes, decimal comma
    b'a;b;c\n"open;2;x\n',                                        # unclosed quote
    b"a;a;c\n1;2;x\n",                                            # duplicate header
    b"a;b\n1;2\n",                                                # a missing column
    "a;b;c\n\u00e4\u00e4kk\u00f6nen;3;x\n".encode("cp1252"),   # cp1252 text: pandas
    b"a;b;c\n" + b"1;2;x\n" * 20_000 + "\u00e4;3;x\n".encode("cp1252"),  # cp1252 only after the sniffed head
])
def test_engine_path_matches_pandas_on_odd_files(tmp_path, data):
    _assert_same(_load_both(tmp_path, SMALL, "f.csv", data))


def test_number_per_distinct_value_keeps_dtype_values_and_reasons():
    raw = pd.DataFrame({"n": ["1", "2", "1", None, " 3 ", "1 234,5", "x", "2", "-1", "12345678901234567890"]},
                       dtype="str")
    c = Cleaner(raw)
    parsed = c.number("n", minimum=0)
    expected = pd.to_numeric(raw["n"].astype("string").str.strip().replace("", pd.NA)
                             .str.replace(r"[\s\u00a0]", "", regex=True).str.replace(",", ".", regex=False),
                             errors="coerce").astype("Float64")
    pd.testing.assert_series_equal(parsed, expected, check_names=False)
    assert c.reasons.tolist()[6] == "n: not a number 'x'" and c.reasons.tolist()[8] == "n: below 0"
    ints = Cleaner(raw.iloc[:3]).number("n", integer=True)
    assert str(ints.dtype) == "Int64" and ints.tolist() == [1, 2, 1]


# -- dbt: int_client_register__events_counted_by_month rebuilds only the months of newly loaded files -------------------------
def test_monthly_model_is_incremental_on_the_months_of_new_files(tmp_path):
    from tests.unit._statistics_warehouse import run_dbt

    warehouse = tmp_path / "w.duckdb"
    landing = tmp_path / "landing"
    folder = landing / "client_register_events"

    def month(name: str, day_month: str, n: int, hetu: str = MAN_1980) -> None:
        write(folder / name, [event(asiakkaan_hetu=hetu, tapahtumapvm=f"{d}.{day_month}") for d in range(1, n + 1)])

    def load_and_build() -> dict:
        con = duckdb.connect(str(warehouse))
        try:
            load_source(con, client_register_events.SOURCE, landing, KEY, today=TODAY)
        finally:
            con.close()
        run_dbt(["build", "--select", "municipalities", "client_groups", "stg_client_register__events",
                 "int_client_register__events_counted_by_month", "--indirect-selection", "cautious"], warehouse, tmp_path)
        con = duckdb.connect(str(warehouse))
        try:
            return {row[0]: row[1:] for row in con.execute(
                "select period_start, events, clients, source_loaded_at from "
                "intermediate.int_client_register__events_counted_by_month where region_level = 'wellbeing_county' "
                "order by 1").fetchall()}
        finally:
            con.close()

    month("client_register_events_2025-09.csv", "9.2025", 4)
    month("client_register_events_2025-10.csv", "10.2025", 3)
    first = load_and_build()
    assert {k: v[:2] for k, v in first.items()} == {dt.date(2025, 9, 1): (4, 1), dt.date(2025, 10, 1): (3, 1)}

    month("client_register_events_2025-10.csv", "10.2025", 5, WOMAN_2004)  # a corrected re-delivery
    month("client_register_events_2025-11.csv", "11.2025", 2)  # a new month
    second = load_and_build()
    assert {k: v[:2] for k, v in second.items()} == {
        dt.date(2025, 9, 1): (4, 1), dt.date(2025, 10, 1): (5, 1), dt.date(2025, 11, 1): (2, 1)}
    assert second[dt.date(2025, 9, 1)] == first[dt.date(2025, 9, 1)]  # untouched month: not rebuilt
    assert second[dt.date(2025, 10, 1)][2] > first[dt.date(2025, 10, 1)][2]
