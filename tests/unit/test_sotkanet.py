"""Sotkanet client and sync, against the local fixture server serving recordings in the real format."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pandas as pd
import pytest

from demo import FixtureServer, write_recordings
from sources.statistics.sotkanet import (
    LICENCE_THIRD_PARTY,
    LICENCE_THL,
    Response,
    SotkanetClient,
    SotkanetError,
    official_region,
    parse_data_rows,
    parse_indicator_metadata,
    parse_regions,
    prepare_data,
    resolve_catalogue,
    resolve_titles,
    sync_sotkanet,
)
from tests.conftest import count

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "sotkanet_real_sample.json"
CATALOGUE = REPO / "dbt_project" / "seeds" / "indicator_catalogue.csv"
UA = "rsw-warehouse-tests/1.0 (+https://example.invalid/rsw)"
YEARS = [2022, 2023, 2024]
IDS = [5, 4, 3090]


@pytest.fixture(scope="module")
def recordings(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("recordings")
    write_recordings(out, years=range(2022, 2025))
    return out


@pytest.fixture
def own_recordings(recordings, tmp_path) -> Path:
    """A private copy that a test may edit."""
    dest = tmp_path / "rec"
    shutil.copytree(recordings, dest)
    return dest


def client(server: FixtureServer, **kw) -> SotkanetClient:
    opts = {"min_interval_s": 0.0, "backoff_s": 0.01, "timeout_s": 5, "max_attempts": 4} | kw
    return SotkanetClient(server.sotkanet_url, UA, **opts)


# -------------------------------------------------------------------------------------------- parsing


def test_parses_real_sample_with_missing_absvalue():
    body = SAMPLE.read_bytes()
    rows = parse_data_rows(
        Response("https://sotkanet.fi/rest/1.1/json?indicator=5", body, "application/json"), 5
    )
    good, bad = prepare_data(rows, 5)
    assert len(good) == 7 and len(bad) == 0
    row = good[(good.region_id == 966) & (good.year == 2003)].iloc[0]
    assert row.value == pytest.approx(5.8) and row.abs_value == 5636 and row.gender == "total"
    missing = good[good.region_id == 978].iloc[0]
    assert missing.value == pytest.approx(6.9) and pd.isna(missing.abs_value)


def test_tolerates_field_order_extra_fields_and_nulls():
    rows = [
        {
            "absValue": None,
            "gender": "male",
            "year": 2020,
            "region": 978,
            "indicator": 5,
            "value": 3.1,
            "extra": 1,
        },
        {"region": 978, "year": 2020, "gender": "female", "indicator": 5},
    ]
    resp = Response("u", json.dumps(rows).encode(), "application/json")
    good, bad = prepare_data(parse_data_rows(resp, 5), 5)
    assert len(good) == 2 and len(bad) == 0
    assert good.value.isna().sum() == 1 and good.abs_value.isna().sum() == 2


@pytest.mark.parametrize(
    "body, needle",
    [
        (b"<html><body>Service Unavailable</body></html>", "HTML"),
        (b'[{"indicator":5,"region":978,"ye', "not valid JSON"),
        (b'{"rows": []}', "expected a JSON list"),
        (b'[{"indicator":5,"year":2020,"gender":"total","value":1}]', "has no region"),
        (b'[{"indicator":5,"region":978,"gender":"total","value":1}]', "has no year"),
    ],
)
def test_structural_problems_raise_naming_indicator_and_url(body, needle):
    url = "http://127.0.0.1:1/rest/1.1/json?indicator=5&years=2020"
    with pytest.raises(SotkanetError) as err:
        parse_data_rows(Response(url, body, "application/json"), 5)
    assert needle in str(err.value) and "indicator 5" in str(err.value) and url in str(err.value)


def test_out_of_range_year_and_fractional_ids_are_rejected():
    rows = [
        {"indicator": 5, "region": 978, "year": 1850, "gender": "total", "value": 1.0},
        {"indicator": 5, "region": 978.5, "year": 2020, "gender": "total", "value": 1.0},
        {"indicator": 5, "region": 978, "year": 2020, "gender": True, "value": 1.0},
        {"indicator": 5, "region": 978, "year": 2021, "gender": "total", "value": 1.0, "absValue": "7"},
    ]
    rows.append({"indicator": 5, "region": 978, "year": 2022, "gender": "unknown", "value": 1.0})
    good, bad = prepare_data(rows, 5)
    assert len(good) == 1 and good.abs_value.iloc[0] == 7  # a numeric string is still a number
    assert list(bad["_row_number"]) == [1, 2, 3, 5]
    assert "gender: isin" in bad.reason.iloc[3]
    assert "year: in_range(1900, 2100)" in bad.reason.iloc[0]
    assert "region: coerce_dtype('Int64')" in bad.reason.iloc[1]
    assert "gender: coerce_dtype('str')" in bad.reason.iloc[2]


def test_regions_keep_three_categories_and_drop_legacy_county_ids(recordings):
    doc = json.loads((recordings / "sotkanet" / "regions.json").read_text(encoding="utf-8"))
    assert {r["category"] for r in doc} > {
        "KUNTA",
        "HYVINVOINTIALUE",
        "MAA",
        "MAAKUNTA",
        "ALUEHALLINTOVIRASTO",
    }
    legacy = {
        "id": 898,
        "code": "01",
        "category": "HYVINVOINTIALUE",
        "title": {"fi": "Varsinais-Suomen HVA (vanha)", "sv": "", "en": ""},
        "uri": None,
    }
    regions = parse_regions(doc + [legacy])
    cats = [r["category"] for r in regions]
    assert set(cats) == {"KUNTA", "HYVINVOINTIALUE", "MAA"}
    assert cats.count("HYVINVOINTIALUE") == 23 and cats.count("KUNTA") == 27 and cats.count("MAA") == 1
    assert 898 not in {r["region_id"] for r in regions}
    by_id = {r["region_id"]: r for r in regions}
    assert official_region(by_id[658]) == ("country", "SSS")
    assert official_region(by_id[978]) == ("wellbeing_county", "05")
    assert official_region(by_id[961]) == ("wellbeing_county", "01")
    assert official_region(legacy) == ("wellbeing_county", "05")  # old id maps by id, not by its code
    turku = next(r for r in regions if r["code"] == "853")
    assert official_region(turku) == ("municipality", "853") and turku["title_sv"] == "Åbo"
    assert official_region({"id": 402, "code": "02", "category": "MAAKUNTA"}) is None
    # Ahvenanmaa is listed among the HYVINVOINTIALUE rows but is not a wellbeing services county
    assert official_region(by_id[956]) == ("autonomous_region", "91")


def test_regions_not_a_list_raises():
    with pytest.raises(SotkanetError, match="expected a JSON list of regions"):
        parse_regions({"regions": []}, "http://x/regions")


def test_indicator_metadata_fields_and_licence(recordings):
    thl = json.loads((recordings / "sotkanet" / "indicators" / "5.json").read_text(encoding="utf-8"))
    thl["someNewField"] = {"ignored": True}
    meta = parse_indicator_metadata(thl, 5, "u")
    assert meta["licence"] == LICENCE_THL and meta["is_third_party"] is False
    assert meta["unit_code"] == "PROS" and meta["decimals"] == 1 and meta["range_start"] == 2022
    assert "Hyvinvointialue" in meta["region_classifications"].split(",")
    assert meta["title_fi"].startswith("Toimeentulotukea saaneet 25 - 64")
    third = json.loads((recordings / "sotkanet" / "indicators" / "3090.json").read_text(encoding="utf-8"))
    meta = parse_indicator_metadata(third, 3090, "u")
    assert meta["licence"] == LICENCE_THIRD_PARTY and meta["is_third_party"] is True
    assert meta["organization_id"] == 3
    with pytest.raises(SotkanetError, match="data-updated"):
        parse_indicator_metadata({k: v for k, v in thl.items() if k != "data-updated"}, 5, "http://u/5")
    with pytest.raises(SotkanetError, match="describes indicator 5 instead"):
        parse_indicator_metadata(thl, 4, "http://u/4")


# ------------------------------------------------------------------------------------------- client


def test_client_sends_repeated_params_and_user_agent(recordings):
    with FixtureServer(recordings) as srv:
        c = client(srv)
        rows = c.data(5, [2022, 2023], genders=("total",))
        regions = c.regions()
    assert rows and {r["year"] for r in rows} == {2022, 2023} and {r["gender"] for r in rows} == {"total"}
    assert len({r["region"] for r in rows}) == 58  # all regions of all categories, as the real service
    query = next(e["query"] for e in srv.log if e["path"] == "/rest/1.1/json")
    assert "years=2022&years=2023" in query and "genders=total" in query
    assert all(e["user_agent"] == UA for e in srv.log)
    assert len(regions) == 51


def test_retries_500_then_succeeds(recordings, con):
    with FixtureServer(recordings, faults={"/rest/1.1/json": [500, 200]}) as srv:
        summary = sync_sotkanet(con, client(srv), [5], YEARS)
    assert summary.indicators_downloaded == 1
    assert srv.count("/rest/1.1/json") == 2
    assert count(con, "select count(*) from raw.sotkanet_data") == summary.rows_accepted > 0


def test_429_respects_retry_after(recordings):
    faults = {"/rest/1.1/indicators/5": [{"status": 429, "retry_after": "1"}]}
    with FixtureServer(recordings, faults=faults) as srv:
        started = time.monotonic()
        doc = client(srv, backoff_s=0.001).indicator(5)
        elapsed = time.monotonic() - started
    assert doc["id"] == 5 and srv.count("/rest/1.1/indicators/5") == 2
    assert elapsed >= 0.9  # waited for Retry-After, not the tiny backoff


def test_retry_after_is_bounded(recordings):
    faults = {"/rest/1.1/indicators/5": [{"status": 503, "retry_after": "3600"}]}
    with FixtureServer(recordings, faults=faults) as srv:
        started = time.monotonic()
        client(srv, max_retry_after_s=0.05).indicator(5)
    assert time.monotonic() - started < 2


def test_gives_up_after_max_attempts_naming_indicator_and_url(recordings):
    with FixtureServer(recordings, faults={"/rest/1.1/json": [503, 503, 503]}) as srv:
        with pytest.raises(SotkanetError) as err:
            client(srv, max_attempts=3).data(5, [2024])
    msg = str(err.value)
    assert "indicator 5" in msg and f"{srv.sotkanet_url}/json?indicator=5&years=2024" in msg
    assert "3 attempts" in msg and "503" in msg
    assert srv.count("/rest/1.1/json") == 3


def test_transport_error_is_retried(recordings):
    with FixtureServer(recordings, faults={"/rest/1.1/regions": ["drop"]}) as srv:
        assert len(client(srv).regions()) == 51
    assert srv.count("/rest/1.1/regions") == 2


def test_timeout_is_retried(recordings):
    with FixtureServer(recordings, faults={"/rest/1.1/indicators/5": [{"delay": 1.0}]}) as srv:
        started = time.monotonic()
        assert client(srv, timeout_s=0.2).indicator(5)["id"] == 5
    assert srv.count("/rest/1.1/indicators/5") == 2 and time.monotonic() - started < 1.5


def test_client_error_is_not_retried(recordings):
    with FixtureServer(recordings) as srv:
        with pytest.raises(SotkanetError, match=r"indicator 123456: HTTP 404"):
            client(srv).indicator(123456)
    assert srv.count("/rest/1.1/indicators/123456") == 1


def test_rate_limit_spaces_calls(recordings):
    with FixtureServer(recordings) as srv:
        c = client(srv, min_interval_s=0.15)
        started = time.monotonic()
        for _ in range(4):
            c.indicator(5)
    assert time.monotonic() - started >= 0.44


def test_user_agent_is_required():
    with pytest.raises(ValueError, match="User-Agent"):
        SotkanetClient("http://127.0.0.1:1/rest/1.1", "  ")


# --------------------------------------------------------------------------------------------- sync


def test_sync_writes_tables_and_ledger(recordings, con):
    with FixtureServer(recordings) as srv:
        summary = sync_sotkanet(con, client(srv), IDS, YEARS)
    assert summary.indicators_checked == 3 and summary.indicators_downloaded == 3
    assert summary.downloaded_ids == IDS and summary.rows_quarantined == 0
    assert count(con, "select count(*) from raw.sotkanet_data") == summary.rows_accepted == 3 * 58 * 3 * 3
    assert count(con, "select count(*) from raw.sotkanet_regions") == 51
    assert count(con, "select count(*) from raw.sotkanet_regions where fetched_at is null") == 0
    meta = con.execute(
        "select indicator_id, licence, is_third_party, data_updated from raw.sotkanet_indicators order by 1"
    ).fetchall()
    assert [m[0] for m in meta] == [4, 5, 3090]
    assert meta[0][1] == LICENCE_THL and meta[2][1] == LICENCE_THIRD_PARTY
    # absValue may be missing; value and abs_value stay nullable, data_updated is the metadata's.
    assert count(con, "select count(*) from raw.sotkanet_data where abs_value is null") > 0
    assert (
        count(
            con,
            "select count(*) from raw.sotkanet_data d join raw.sotkanet_indicators i "
            "using (indicator_id) where d.data_updated <> i.data_updated",
        )
        == 0
    )
    loads = con.execute(
        "select file_name, file_hash, rows_in, rows_accepted, rows_quarantined, period_start, period_end, "
        "status "
        "from raw._loads where source = 'sotkanet' order by file_name"
    ).fetchall()
    assert len(loads) == 3
    for name, digest, rows_in, acc, quar, start, end, status in loads:
        assert name.startswith(f"{srv.sotkanet_url}/json?indicator=") and "years=2022&years=2023" in name
        assert len(digest) == 64 and rows_in == acc + quar and status == "current"
        assert str(start) == "2022-01-01" and str(end) == "2024-12-31"
    assert count(con, "select count(distinct _load_id) from raw.sotkanet_data") == 3
    # Varha's value is in there: region 978, 2024, total
    assert (
        count(
            con,
            "select count(*) from raw.sotkanet_data where region_id = 978 and year = 2024 "
            "and gender = 'total' and indicator_id = 5",
        )
        == 1
    )


def test_second_sync_downloads_nothing(recordings, con):
    with FixtureServer(recordings) as srv:
        first = sync_sotkanet(con, client(srv), IDS, YEARS)
        data_calls = srv.count("/rest/1.1/json")
        rows = count(con, "select count(*) from raw.sotkanet_data")
        second = sync_sotkanet(con, client(srv), IDS, YEARS)
    assert first.indicators_downloaded == 3
    assert (
        second.indicators_downloaded == 0 and second.indicators_unchanged == 3 and second.downloaded_ids == []
    )
    assert srv.count("/rest/1.1/json") == data_calls == 3  # no data request the second time
    assert srv.count("/rest/1.1/indicators/5") == 2  # metadata is always checked
    assert count(con, "select count(*) from raw.sotkanet_data") == rows
    assert count(con, "select count(*) from raw._loads where source = 'sotkanet'") == 3


def test_changed_data_updated_downloads_again_and_replaces(own_recordings, con):
    with FixtureServer(own_recordings) as srv:
        sync_sotkanet(con, client(srv), IDS, YEARS)
        rows = count(con, "select count(*) from raw.sotkanet_data")
    path = own_recordings / "sotkanet" / "indicators" / "5.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["data-updated"] = "2026-01-15"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with FixtureServer(own_recordings) as srv:
        summary = sync_sotkanet(con, client(srv), IDS, YEARS)
        assert srv.count("/rest/1.1/json") == 1
    assert summary.downloaded_ids == [5] and summary.indicators_unchanged == 2
    assert count(con, "select count(*) from raw.sotkanet_data") == rows  # replaced, not duplicated
    assert (
        str(
            con.execute("select data_updated from raw.sotkanet_indicators where indicator_id = 5").fetchone()[
                0
            ]
        )
        == "2026-01-15"
    )
    statuses = con.execute(
        "select status, count(*) from raw._loads where file_name like '%indicator=5&%' group by 1 order by 1"
    ).fetchall()
    assert statuses == [("current", 1), ("superseded", 1)]


def test_more_years_download_again(recordings, con):
    with FixtureServer(recordings) as srv:
        sync_sotkanet(con, client(srv), [5], [2023, 2024])
        summary = sync_sotkanet(con, client(srv), [5], YEARS)
    assert summary.downloaded_ids == [5]
    assert count(con, "select count(distinct year) from raw.sotkanet_data") == 3


@pytest.mark.parametrize("fault", ["malformed", "html", "wrong_shape"])
def test_malformed_response_writes_nothing_for_that_indicator(recordings, con, fault):
    with FixtureServer(recordings, faults={"/rest/1.1/json?indicator=5": [fault]}) as srv:
        summary = sync_sotkanet(con, client(srv), [5, 4], YEARS)
    msg = summary.failed[5]
    assert "indicator 5" in msg and f"{srv.sotkanet_url}/json?indicator=5&years=2022" in msg
    assert summary.failed_kinds[5] == "malformed"
    assert count(con, "select count(*) from raw.sotkanet_data where indicator_id = 5") == 0
    assert count(con, "select count(*) from raw.sotkanet_indicators where indicator_id = 5") == 0
    assert count(con, "select count(*) from raw._loads where file_name like '%indicator=5&%'") == 0
    # the other indicator still loaded, and the summary tells what happened
    assert count(con, "select count(*) from raw.sotkanet_data where indicator_id = 4") > 0
    assert summary.downloaded_ids == [4]
    status = con.execute("select indicator_id, status, reason_kind from raw.sotkanet_indicator_status "
                         "order by 1").fetchall()
    assert status == [(4, "loaded", None), (5, "skipped", "malformed")]
    # the next run retries indicator 5, because its metadata was not stored
    with FixtureServer(recordings) as srv:
        assert sync_sotkanet(con, client(srv), [5, 4], YEARS).downloaded_ids == [5]


def _bump_updated(recordings: Path, iid: int, date: str) -> None:
    path = recordings / "sotkanet" / "indicators" / f"{iid}.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["data-updated"] = date
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_one_bad_indicator_never_stops_the_rest(own_recordings, con):
    """Inside the whole sync: 404, 5xx after the retries, malformed JSON, [] for the years asked and a
    discontinued indicator are each skipped with their reason; the others load; earlier rows stay; the
    skipped indicator's data-updated does not advance."""
    ids = [5, 4, 3090, 1278, 181, 493]
    with FixtureServer(own_recordings) as srv:
        first = sync_sotkanet(con, client(srv), ids, YEARS)
    assert first.indicators_downloaded == 6 and not first.failed
    before = dict(con.execute("select indicator_id, count(*) from raw.sotkanet_data group by 1").fetchall())
    updated_before = dict(con.execute("select indicator_id, data_updated from raw.sotkanet_indicators").fetchall())
    for iid in ids:
        _bump_updated(own_recordings, iid, "2026-03-01")  # every indicator has new data
    meta = own_recordings / "sotkanet" / "indicators" / "493.json"
    doc = json.loads(meta.read_text(encoding="utf-8"))
    doc["range"]["end"] = 2019  # discontinued by THL: nothing after 2019
    meta.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    sticky = {
        "/rest/1.1/indicators/4": 404,
        "/rest/1.1/json?indicator=3090": 503,
        "/rest/1.1/json?indicator=1278": "malformed",
        "/rest/1.1/json?indicator=181": "empty",
    }
    with FixtureServer(own_recordings, sticky_faults=sticky) as srv:
        summary = sync_sotkanet(con, client(srv), ids, YEARS)
    assert summary.downloaded_ids == [5]
    assert summary.failed_kinds == {4: "not_found", 3090: "unavailable", 1278: "malformed", 181: "empty",
                                    493: "discontinued"}
    assert "indicator 181" in summary.failed[181] and "[]" in summary.failed[181]
    assert "indicator 4" in summary.failed[4] and "HTTP 404" in summary.failed[4]
    after = dict(con.execute("select indicator_id, count(*) from raw.sotkanet_data group by 1").fetchall())
    assert after == before  # earlier rows of every skipped indicator are kept; 5 replaced, not duplicated
    updated = dict(con.execute("select indicator_id, data_updated from raw.sotkanet_indicators").fetchall())
    assert str(updated[5]) == "2026-03-01"
    for iid in (4, 3090, 1278, 181, 493):
        assert updated[iid] == updated_before[iid], iid  # not advanced: the next run tries again
    status = dict(con.execute(
        "select indicator_id, status || ':' || coalesce(reason_kind, '') from raw.sotkanet_indicator_status"
    ).fetchall())
    assert status == {5: "loaded:", 4: "skipped:not_found", 3090: "skipped:unavailable",
                      1278: "skipped:malformed", 181: "skipped:empty", 493: "skipped:discontinued"}


def test_only_a_total_failure_raises(recordings, con):
    with FixtureServer(recordings, sticky_faults={"/rest/1.1/json": 500}) as srv:
        with pytest.raises(SotkanetError, match="all 2 Sotkanet indicators failed") as err:
            sync_sotkanet(con, client(srv), [5, 4], YEARS)
    assert set(err.value.summary.failed_kinds.values()) == {"unavailable"}


def test_empty_list_prepares_to_nothing():
    good, bad = prepare_data([], 5)
    assert good.empty and bad.empty


def test_failed_refresh_keeps_previous_rows(own_recordings, con):
    with FixtureServer(own_recordings) as srv:
        sync_sotkanet(con, client(srv), [5], YEARS)
    before = count(con, "select count(*) from raw.sotkanet_data")
    path = own_recordings / "sotkanet" / "indicators" / "5.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["data-updated"] = "2026-02-01"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with FixtureServer(own_recordings, faults={"/rest/1.1/json": ["malformed"]}) as srv:
        with pytest.raises(SotkanetError):
            sync_sotkanet(con, client(srv), [5], YEARS)
    assert count(con, "select count(*) from raw.sotkanet_data") == before
    assert str(con.execute("select data_updated from raw.sotkanet_indicators").fetchone()[0]) != "2026-02-01"


def test_row_without_region_fails_the_indicator(own_recordings, con):
    path = own_recordings / "sotkanet" / "data" / "5.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    del rows[10]["region"]
    path.write_text(json.dumps(rows), encoding="utf-8")
    with (
        FixtureServer(own_recordings) as srv,
        pytest.raises(
            SotkanetError, match=r"indicator 5: data row \d+ from .*json\?indicator=5.* has no region"
        ),
    ):
        sync_sotkanet(con, client(srv), [5], YEARS)
    assert count(con, "select count(*) from raw.sotkanet_data") == 0


def test_bad_rows_are_quarantined_with_reason(own_recordings, con):
    path = own_recordings / "sotkanet" / "data" / "5.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows += [
        {"indicator": None, "region": 99901, "year": 2023, "gender": "total", "value": 1.0, "absValue": 3},
        {"indicator": 5, "region": 99902, "year": 2022, "gender": "total", "value": "n/a", "absValue": 3},
        {"indicator": 5, "region": 99903, "year": 2024, "gender": "male", "value": 2.0, "absValue": -4},
        {"indicator": 5, "region": "abc", "year": 2024, "gender": "male", "value": 2.0},
        {"indicator": 6, "region": 99904, "year": 2024, "gender": "male", "value": 2.0},
    ]
    path.write_text(json.dumps(rows), encoding="utf-8")
    with FixtureServer(own_recordings) as srv:
        summary = sync_sotkanet(con, client(srv), [5], YEARS)
    assert summary.rows_quarantined == 5
    reasons = dict(
        con.execute("select _row_number, reason from quarantine.sotkanet_data order by 1").fetchall()
    )
    n = len(rows)
    assert reasons[n - 4] == "indicator: not_nullable"  # (the server itself filters unknown genders)
    assert reasons[n - 3] == "value: coerce_dtype('Float64')"
    assert "absValue: greater_than_or_equal_to(0)" in reasons[n - 2]
    assert "region: coerce_dtype('Int64')" in reasons[n - 1] and "region: not_nullable" in reasons[n - 1]
    assert "indicator: equals_requested(5)" in reasons[n]
    record = json.loads(
        con.execute(f"select record from quarantine.sotkanet_data where _row_number = {n - 4}").fetchone()[0]
    )
    assert record["indicator"] is None and record["region"] == 99901
    assert (
        con.execute("select distinct _source_url from quarantine.sotkanet_data")
        .fetchone()[0]
        .startswith(srv.sotkanet_url + "/json?indicator=5")
    )
    rows_in, acc, quar = con.execute(
        "select rows_in, rows_accepted, rows_quarantined from raw._loads"
    ).fetchone()
    assert rows_in == len(rows) == acc + quar and quar == 5


def test_duplicate_rows_are_quarantined(own_recordings, con):
    path = own_recordings / "sotkanet" / "data" / "4.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows.append(dict(rows[0]))
    path.write_text(json.dumps(rows), encoding="utf-8")
    with FixtureServer(own_recordings) as srv:
        summary = sync_sotkanet(con, client(srv), [4], [rows[0]["year"]])
    assert summary.rows_quarantined == 2  # both copies: which one is right is unknown
    assert (
        "multiple_fields_uniqueness"
        in con.execute("select reason from quarantine.sotkanet_data").fetchone()[0]
    )


# ---------------------------------------------------------------------------------------- catalogue


def read_catalogue() -> list[dict]:
    with open(CATALOGUE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


REFERENCE = REPO.parent / "shared" / "reference" / "sotkanet_indicators.csv"


def test_catalogue_seed_is_well_formed():
    with open(CATALOGUE, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == [
        "indicator_code", "source_system", "sotkanet_id", "phenomenon", "indicator_name_fi", "indicator_name_en",
        "unit", "higher_is_worse", "age_group", "source_organisation", "indicator_definition", "cadence",
        "id_status", "evidence",
    ]
    rows = read_catalogue()
    for ph in ("homelessness", "mental_health", "substance_use", "livelihood"):
        assert sum(r["phenomenon"] == ph for r in rows) >= 5, ph
    for r in rows:
        assert r["unit"] in {"percent", "per_1000", "per_100000", "count", "score"}
        assert r["age_group"] in {"all", "0-17", "18-24", "25-64", "65+"}
        assert r["higher_is_worse"] in {"true", "false"}
        assert r["indicator_definition"] in {"national", "county_own"}
        assert r["indicator_name_fi"] and r["evidence"] and r["source_organisation"]
        if r["source_system"] == "sotkanet":
            assert r["indicator_code"] == f"sotkanet_{r['sotkanet_id']}" and r["id_status"] == "verified"
        else:
            assert r["source_system"] == "ara" and not r["sotkanet_id"] and r["id_status"] == "source"
    assert len({r["indicator_code"] for r in rows}) == len(rows)


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference folder is not beside the worktree")
def test_every_catalogue_id_is_verified_in_the_reference():
    """No invented id: every Sotkanet id in the catalogue is listed as verified, for the phenomenon it feeds."""
    with open(REFERENCE, encoding="utf-8", newline="") as f:
        ref = {r["sotkanet_id"]: r for r in csv.DictReader(f)}
    for r in read_catalogue():
        if r["sotkanet_id"]:
            seen = ref[r["sotkanet_id"]]
            assert seen["status"].startswith("V") and seen["phenomenon"] == r["phenomenon"], r["indicator_code"]


def test_resolve_titles(recordings):
    listing = json.loads((recordings / "sotkanet" / "indicators.json").read_text(encoding="utf-8"))
    catalogue = [r for r in read_catalogue() if r["sotkanet_id"]]
    got = resolve_titles(catalogue, listing)
    assert {r["status"] for r in got} == {"id_confirmed"}
    assert {r["indicator_code"]: r["resolved_id"] for r in got} == {
        r["indicator_code"]: int(r["sotkanet_id"]) for r in catalogue}
    # case, whitespace and dash variants match; a changed live title keeps the id; a title without an id is
    # looked up (Väestö 31.12. is 127 in the listing); ambiguous and unknown titles stay unresolved
    live = [
        {"id": 4, "title": {"fi": "MIELENTERVEYDEN häiriöihin  sairaalahoitoa saaneet 0–17-vuotiaat / 1 000 "
                                  "vastaavan ikäistä"}},
        {"id": 5, "title": {"fi": "Toimeentulotukea saaneet 25-64-vuotiaat, % vastaavanikäisestä väestöstä"}},
        {"id": 127, "title": {"fi": "Väestö 31.12."}},
        {"id": 179, "title": {"fi": "Lapsiperheet, % perheistä"}},
        {"id": 180, "title": {"fi": "lapsiperheet, % perheistä "}},
    ]
    entries = [r for r in catalogue if r["sotkanet_id"] in ("4", "5")] + [
        {"indicator_code": "population", "sotkanet_id": "", "indicator_name_fi": "väestö 31.12."},
        {"indicator_code": "families", "sotkanet_id": "", "indicator_name_fi": "Lapsiperheet, % perheistä"},
        {"indicator_code": "homeless", "sotkanet_id": "", "indicator_name_fi": "Yksinelävät asunnottomat"},
        {"indicator_code": "gone", "sotkanet_id": "3090", "indicator_name_fi": "x"},
    ]
    got = {r["indicator_code"]: (r["status"], r["resolved_id"]) for r in resolve_titles(entries, live)}
    assert got == {"sotkanet_4": ("id_confirmed", 4), "sotkanet_5": ("title_changed", 5),
                   "population": ("resolved_by_title", 127), "families": ("ambiguous", None),
                   "homeless": ("unresolved", None), "gone": ("id_not_listed", 3090)}


def test_resolution_is_recorded_and_kept_when_the_listing_fails(recordings, con):
    import datetime as dt

    catalogue = [r for r in read_catalogue() if r["sotkanet_id"] in ("5", "4")] + [
        {"indicator_code": "population", "sotkanet_id": "", "indicator_name_fi": "Väestö 31.12."},
        {"indicator_code": "ara_single_homeless", "sotkanet_id": "", "indicator_name_fi": "Yksinelävät asunnottomat"},
    ]
    with FixtureServer(recordings) as srv:
        ids, problem = resolve_catalogue(con, client(srv), catalogue, dt.date(2026, 1, 5))
    assert ids == [4, 5, 127] and problem is None
    rows = con.execute("select indicator_code, resolved_id, live_title_fi, status, resolved_on "
                       "from raw.sotkanet_indicator_resolution order by 1").fetchall()
    assert rows[1] == ("population", 127, "Väestö 31.12.", "resolved_by_title", dt.date(2026, 1, 5))
    assert rows[0][3] == "unresolved" and rows[0][1] is None
    with FixtureServer(recordings) as srv:  # the same answer later keeps the first resolution date
        resolve_catalogue(con, client(srv), catalogue, dt.date(2026, 2, 5))
    assert con.execute("select resolved_on from raw.sotkanet_indicator_resolution "
                       "where indicator_code = 'population'").fetchone()[0] == dt.date(2026, 1, 5)
    with FixtureServer(recordings, sticky_faults={"/rest/1.1/indicators": 500}) as srv:
        ids, problem = resolve_catalogue(con, client(srv, max_attempts=2), catalogue, dt.date(2026, 3, 5))
    assert ids == [4, 5, 127] and "listing not read" in problem


def test_listing_is_served(recordings):
    with FixtureServer(recordings) as srv:
        listing = client(srv).indicators()
    assert {5, 4, 3090, 127}.issubset({i["id"] for i in listing})


def test_recordings_are_deterministic(tmp_path):
    write_recordings(tmp_path / "a", years=[2023, 2024])
    write_recordings(tmp_path / "b", years=[2023, 2024])
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.json"))
    assert len(files) == 2 + 2 * sum(bool(r["sotkanet_id"]) for r in read_catalogue()) + 2
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_recorded_data_is_plausible(recordings):
    rows = json.loads((recordings / "sotkanet" / "data" / "3090.json").read_text(encoding="utf-8"))
    small = [r for r in rows if r.get("absValue") in (1, 2, 3, 4)]
    assert small, "small counts must exist so suppression is exercised"
    share = json.loads((recordings / "sotkanet" / "data" / "5.json").read_text(encoding="utf-8"))
    country = [r["value"] for r in share if r["region"] == 658 and r["gender"] == "total" and r["value"]]
    assert all(2 < v < 15 for v in country)
    assert any("absValue" not in r for r in share) and any(
        r.get("absValue") is None for r in share if "absValue" in r
    )


# ------------------------------------------------------------------------------------- fixture CLI


def test_fixture_server_cli_writes_port_and_stops_on_sigterm(recordings, tmp_path):
    port_file = tmp_path / "port"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "demo.fixture_server",
            "--recordings",
            str(recordings),
            "--port-file",
            str(port_file),
        ],
        cwd=REPO,
        env=env,
    )
    try:
        deadline = time.monotonic() + 20
        while not port_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        port = int(port_file.read_text().strip())
        resp = httpx.get(f"http://127.0.0.1:{port}/rest/1.1/indicators/5", headers={"User-Agent": UA})
        assert resp.status_code == 200 and resp.json()["id"] == 5
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    assert not port_file.exists()


def test_the_politeness_interval_is_each_apis_own_unless_set(monkeypatch):
    """RSW_HTTP_MIN_INTERVAL empty: Sotkanet's 0.2 s and StatFin's 0.35 s between calls (the real services);
    set (make run sets 0 for its local fixture server): that interval for both."""
    from orchestration.resources import SotkanetApi, StatFinApi
    from orchestration.settings import load

    monkeypatch.delenv("RSW_HTTP_MIN_INTERVAL", raising=False)
    assert load().http_min_interval is None
    apis = dict(base_url="http://example.invalid", user_agent="test", years=[2024])
    assert SotkanetApi(**apis).client().min_interval_s == 0.2
    assert StatFinApi(**apis).client().min_interval_s == 0.35
    monkeypatch.setenv("RSW_HTTP_MIN_INTERVAL", "0")
    interval = load().http_min_interval
    assert interval == 0.0
    assert SotkanetApi(**apis, min_interval_s=interval).client().min_interval_s == 0.0
    assert StatFinApi(**apis, min_interval_s=interval).client().min_interval_s == 0.0
