"""StatFin PxWeb population: json-stat2 parsing, the query, and the sync against the fixture server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from demo import MUNICIPALITIES, FixtureServer, write_recordings
from sources.statistics.statfin import (
    StatFinClient,
    StatFinError,
    age_group_of,
    area_from_pxweb,
    parse_json_stat2,
    population_query,
    pxweb_area,
    sync_population,
    to_population,
)
from tests.conftest import count

UA = "rsw-warehouse-tests/1.0"
YEARS = [2023, 2024]
VARHA_MUNIS = [m[0] for m in MUNICIPALITIES]


@pytest.fixture(scope="module")
def recordings(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("recordings")
    write_recordings(out, years=range(2016, 2025))
    return out


def client(server: FixtureServer, **kw) -> StatFinClient:
    opts = {"min_interval_s": 0.0, "backoff_s": 0.01, "timeout_s": 10} | kw
    return StatFinClient(server.statfin_url, UA, **opts)


# ---------------------------------------------------------------------------------------- json-stat2

DOC_DICT_INDEX = {
    "version": "2.0",
    "class": "dataset",
    "id": ["Alue", "Sukupuoli", "Vuosi"],
    "size": [2, 3, 2],
    "dimension": {
        # deliberately listed out of index order: the index, not the key order, decides
        "Alue": {
            "category": {"index": {"KU853": 1, "SSS": 0}, "label": {"SSS": "KOKO MAA", "KU853": "Turku"}}
        },
        "Sukupuoli": {"category": {"index": {"SSS": 0, "1": 1, "2": 2}}},
        "Vuosi": {"category": {"index": {"2023": 0, "2024": 1}}},
    },
    "value": [10, 11, 4, 5, 6, 6, 100, 110, 40, 50, 60, 60],
}


def test_json_stat2_dict_index_is_row_major():
    df = parse_json_stat2(DOC_DICT_INDEX)
    assert list(df.columns) == ["Alue", "Sukupuoli", "Vuosi", "value"]
    assert len(df) == 12

    def get(a, s, y):
        return df[(df.Alue == a) & (df.Sukupuoli == s) & (df.Vuosi == y)].value.item()
    assert get("SSS", "SSS", "2023") == 10 and get("SSS", "SSS", "2024") == 11
    assert (
        get("SSS", "1", "2024") == 5
        and get("KU853", "SSS", "2023") == 100
        and get("KU853", "2", "2024") == 60
    )


def test_json_stat2_list_index_and_sparse_values():
    doc = json.loads(json.dumps(DOC_DICT_INDEX))
    doc["dimension"]["Alue"]["category"]["index"] = ["SSS", "KU853"]
    doc["dimension"]["Vuosi"]["category"]["index"] = ["2023", "2024"]
    assert parse_json_stat2(doc).equals(parse_json_stat2(DOC_DICT_INDEX))
    doc["value"] = {"0": 10, "11": 60}
    sparse = parse_json_stat2(doc)
    assert sparse.value.notna().sum() == 2 and sparse.value.iloc[11] == 60


def test_json_stat2_single_category_label_only_and_nulls():
    doc = {
        "id": ["Tiedot", "Vuosi"],
        "size": [1, 2],
        "dimension": {
            "Tiedot": {"category": {"label": {"vaesto": "Väestö 31.12."}}},
            "Vuosi": {"category": {"index": ["2023", "2024"]}},
        },
        "value": [5, None],
    }
    df = parse_json_stat2(doc)
    assert df.Tiedot.tolist() == ["vaesto", "vaesto"] and df.value.isna().tolist() == [False, True]


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(value=d["value"][:-1]), "11 values for 12 cells"),
        (lambda d: d.update(size=[2, 3]), "same length"),
        (
            lambda d: d["dimension"]["Vuosi"]["category"]["index"].update({"2025": 2}),
            "3 categories but size 2",
        ),
        (lambda d: d.pop("dimension"), "missing dimension"),
        (lambda d: d["dimension"]["Alue"]["category"]["index"].update({"KU853": 5}), "not 0..n-1"),
    ],
)
def test_json_stat2_inconsistent_documents_raise(mutate, message):
    doc = json.loads(json.dumps(DOC_DICT_INDEX))
    mutate(doc)
    with pytest.raises(ValueError, match=message):
        parse_json_stat2(doc)


def test_to_population_groups_ages():
    doc = {
        "id": ["Alue", "Ikä", "Sukupuoli", "Vuosi"],
        "size": [1, 5, 1, 1],
        "dimension": {
            "Alue": {"category": {"index": ["HV05"]}},
            "Ikä": {"category": {"index": ["SSS", "017", "18", "64", "100-"]}},
            "Sukupuoli": {"category": {"index": ["2"]}},
            "Vuosi": {"category": {"index": ["2024"]}},
        },
        "value": [1000, 300, 200, 400, 100],
    }
    rows = to_population(parse_json_stat2(doc))
    got = {r.age_group: r.population for r in rows.itertuples()}
    assert got == {"all": 1000, "0-17": 300, "18-24": 200, "25-64": 400, "65+": 100}
    assert set(rows.region_code) == {"05"} and set(rows.region_level) == {"wellbeing_county"}
    assert set(rows.gender) == {"female"}


def test_codes_and_query_body():
    assert pxweb_area("853") == "KU853" and pxweb_area("05") == "HV05" and pxweb_area("SSS") == "SSS"
    assert pxweb_area("05", county_prefix="HVA") == "HVA05" and pxweb_area("KU091") == "KU091"
    assert area_from_pxweb("KU019") == ("019", "municipality") and area_from_pxweb("SSS") == (
        "SSS",
        "country",
    )
    assert area_from_pxweb("HVA05", "HVA") == ("05", "wellbeing_county")
    assert [age_group_of(c) for c in ("SSS", "0", "17", "18", "24", "25", "64", "65", "100-")] == [
        "all",
        "0-17",
        "0-17",
        "18-24",
        "18-24",
        "25-64",
        "25-64",
        "65+",
        "65+",
    ]
    with pytest.raises(ValueError):
        pxweb_area("5")
    body = population_query(["SSS", "05", "853", "853"], [2024, 2023])
    q = {v["code"]: v["selection"] for v in body["query"]}
    assert q["Alue"] == {"filter": "item", "values": ["SSS", "HV05", "KU853"]}
    assert q["Ikä"]["filter"] == "all" and q["Sukupuoli"]["values"] == ["SSS", "1", "2"]
    assert q["Vuosi"]["values"] == ["2023", "2024"] and q["Tiedot"]["values"] == ["vaesto"]
    assert body["response"] == {"format": "json-stat2"}


# ---------------------------------------------------------------------------------------------- sync


def test_sync_population(recordings, con):
    regions = ["SSS", "05", "90", *VARHA_MUNIS]
    with FixtureServer(recordings) as srv:
        summary = sync_population(con, client(srv), regions, YEARS)
    assert summary.rows_quarantined == 0
    assert summary.rows_accepted == summary.rows_in == len(regions) * len(YEARS) * 3 * 5
    assert count(con, "select count(*) from raw.statfin_population") == summary.rows_accepted
    # Varha = sum of its municipalities, cell by cell
    assert (
        count(
            con,
            """
        select count(*) from (
            select year, gender, age_group, sum(population) as s from raw.statfin_population
            where region_level = 'municipality' group by all) m
        join raw.statfin_population c using (year, gender, age_group)
        where c.region_code = '05' and c.population <> m.s""",
        )
        == 0
    )
    # the age groups add up to 'all', male + female = total
    assert (
        count(
            con,
            """
        select count(*) from (
            select region_code, year, gender, sum(population) filter (where age_group <> 'all') as parts,
                   max(population) filter (where age_group = 'all') as total_
            from raw.statfin_population group by all) where parts <> total_""",
        )
        == 0
    )
    assert (
        count(
            con,
            """
        select count(*) from (
            select region_code, year, age_group,
                   sum(population) filter (where gender in ('male', 'female')) as mf,
                   max(population) filter (where gender = 'total') as t
            from raw.statfin_population group by all) where mf <> t""",
        )
        == 0
    )
    country = count(
        con,
        "select population from raw.statfin_population where region_code = 'SSS' "
        "and year = 2024 and gender = 'total' and age_group = 'all'",
    )
    assert 5_300_000 < country < 5_900_000
    levels = dict(con.execute("select region_code, region_level from raw.statfin_population").fetchall())
    assert (
        levels["SSS"] == "country" and levels["05"] == "wellbeing_county" and levels["853"] == "municipality"
    )
    load = con.execute(
        "select source, file_name, rows_in, rows_accepted, rows_quarantined, period_start, "
        "period_end from raw._loads"
    ).fetchall()
    assert len(load) == 1
    source, name, rows_in, acc, quar, start, end = load[0]
    assert source == "statfin_population" and "statfin_vaerak_pxt_11re.px" in name
    assert rows_in == acc + quar and str(start) == "2023-01-01" and str(end) == "2024-12-31"
    assert all(e["user_agent"] == UA for e in srv.log)


def test_resync_replaces_and_identical_content_is_skipped(recordings, con):
    with FixtureServer(recordings) as srv:
        sync_population(con, client(srv), ["SSS", "853"], YEARS)
        again = sync_population(con, client(srv), ["SSS", "853"], YEARS)
        wider = sync_population(con, client(srv), ["SSS", "853", "05"], YEARS)
    assert again.skipped and again.rows_accepted == 0
    assert not wider.skipped
    assert count(con, "select count(*) from raw.statfin_population") == 3 * len(YEARS) * 15
    assert count(con, "select count(*) from raw._loads where status = 'current'") == 1
    assert count(con, "select count(distinct _load_id) from raw.statfin_population") == 1


def test_queries_are_split_under_the_cell_limit(recordings, con):
    from demo import COUNTIES

    regions = ["SSS"] + [c[0] for c in COUNTIES] + VARHA_MUNIS
    years = list(range(2016, 2025))
    with FixtureServer(recordings) as srv:
        summary = sync_population(con, client(srv), regions, years)
    posts = [e for e in srv.log if e["method"] == "POST"]
    # 50 regions x 102 ages x 3 sexes = 15,300 cells a year: 6 years a query, so 2 queries
    assert len(posts) == 2
    assert summary.rows_accepted == len(regions) * len(years) * 15


def test_unknown_county_prefix_fails_clearly(recordings, con):
    with FixtureServer(recordings) as srv:
        with pytest.raises(StatFinError, match=r"no Alue values \['XX05'\].*prefix 'XX' is unverified"):
            sync_population(con, client(srv, county_prefix="XX"), ["05"], YEARS)
        assert not [e for e in srv.log if e["method"] == "POST"]


def test_post_is_retried_on_server_error(recordings, con):
    path = "/PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11re.px"
    with FixtureServer(recordings) as srv:
        srv.add_fault(path, 200, 502)  # metadata GET answers, the first POST fails
        summary = sync_population(con, client(srv), ["SSS"], YEARS)
    assert summary.rows_accepted == len(YEARS) * 15
    assert [e["method"] for e in srv.log] == ["GET", "POST", "POST"]


def test_html_answer_raises_with_url(recordings, con):
    path = "/PxWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11re.px"
    with FixtureServer(recordings, faults={path: [200, "html"]}) as srv:
        with pytest.raises(StatFinError, match=r"statfin_vaerak_pxt_11re\.px is not JSON"):
            sync_population(con, client(srv), ["SSS"], YEARS)
    assert count(con, "select count(*) from raw.statfin_population") == 0


def test_missing_cells_are_quarantined(recordings, tmp_path, con):
    rec = tmp_path / "rec"
    shutil.copytree(recordings, rec)
    cube_path = rec / "statfin" / "11re_data.json"
    cube = json.loads(cube_path.read_text(encoding="utf-8"))
    # blank Turku's age 30 for women in 2024: its 25-64 group cannot be summed
    ids, sizes = cube["id"], cube["size"]
    pos = {d: cube["dimension"][d]["category"]["index"] for d in ids}
    cell = {"Alue": "KU853", "Ikä": "30", "Sukupuoli": "2", "Vuosi": "2024", "Tiedot": "vaesto"}
    offset, stride = 0, 1
    for d, size in reversed(list(zip(ids, sizes, strict=True))):
        offset += pos[d][cell[d]] * stride
        stride *= size
    cube["value"][offset] = None
    cube_path.write_text(json.dumps(cube), encoding="utf-8")
    with FixtureServer(rec) as srv:
        summary = sync_population(con, client(srv), ["853"], YEARS)
    assert summary.rows_quarantined == 1 and summary.rows_in == summary.rows_accepted + 1
    reason, record = con.execute("select reason, record from quarantine.statfin_population").fetchone()
    assert reason == "population: not_nullable"
    assert json.loads(record) == {
        "region_code": "853",
        "region_level": "municipality",
        "year": 2024,
        "gender": "female",
        "age_group": "25-64",
        "population": None,
    }
    assert (
        count(
            con,
            "select count(*) from raw.statfin_population where region_code = '853' and year = 2024 "
            "and gender = 'female' and age_group = '25-64'",
        )
        == 0
    )
