"""national_comparison recomputed in Python from a scratch warehouse (hand-made county facts through
int_phenomenon_facts__finalised: true values, no disclosure control in dbt), and the Sotkanet chain that feeds it (region mapping, legacy county ids, Ahvenanmaa)."""

from __future__ import annotations

import math
from collections import defaultdict

import duckdb
import numpy as np
import pytest
from _statistics_warehouse import COMPARISON_INDICATORS, LOCAL_SERIES, SMALL_CELLS, built_warehouse


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect(str(built_warehouse()))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def mart(con):
    columns = [c[0] for c in con.execute("select * from marts.national_comparison limit 0").description]
    return [dict(zip(columns, r)) for r in con.execute("select * from marts.national_comparison").fetchall()]


def slices(mart):
    out = defaultdict(list)
    for r in mart:
        out[(r["indicator_code"], r["period_label"], r["gender"], r["age_group"])].append(r)
    return out


def test_22_areas_per_indicator_year_gender_and_no_ahvenanmaa(mart):
    by_slice = slices(mart)
    assert {k[0] for k in by_slice} == {code for code, _ in COMPARISON_INDICATORS}
    assert len(by_slice) == 2 * 6 * 3
    for rows in by_slice.values():
        assert len(rows) == 22 and len({r["region_code"] for r in rows}) == 22
        assert "91" not in {r["region_code"] for r in rows}


def test_ranks_recomputed_in_python_respect_direction(mart):
    direction = dict(COMPARISON_INDICATORS)
    for (code, _year, _gender, _age), rows in slices(mart).items():
        valued = [r for r in rows if r["value"] is not None]
        for r in rows:
            if r["value"] is None:
                assert r["rank_in_country"] is None and r["quartile"] is None and not r["is_worst_quartile"]
                continue
            better = sum(1 for o in valued if (o["value"] < r["value"] if direction[code] else o["value"] > r["value"]))
            assert r["rank_in_country"] == better + 1, (code, r["region_code"])
            assert r["areas_ranked"] == len(valued)
            assert r["quartile"] == math.ceil(4 * r["rank_in_country"] / len(valued))
            assert r["is_worst_quartile"] == (r["quartile"] == 4)
            if r["country_value"] is not None:
                assert r["difference_to_country"] == pytest.approx(r["value"] - r["country_value"])
        best = min(valued, key=lambda o: o["value"] if direction[code] else -o["value"])
        assert best["rank_in_country"] == 1
        compared = next(r for r in rows if r["region_code"] == "05")
        assert all(r["compared_county_rank"] == compared["rank_in_country"] for r in rows)
        assert all(r["compared_county_in_worst_quartile"] == compared["is_worst_quartile"] for r in rows)


def test_open_statistics_small_counts_are_ranked_unchanged_and_missing_areas_stay(mart):
    """Sotkanet figures are THL's open statistics: a small count is published as THL published it (the publish
    layer passes open_statistics through), so it is ranked; the warehouse suppresses nothing."""
    assert {r["disclosure_control"] for r in mart} == {"open_statistics"}
    assert not any(r["is_suppressed"] for r in mart)
    by_key = {(r["indicator_code"], r["region_code"], r["year"], r["gender"]): r for r in mart}
    for code, region, year in SMALL_CELLS:
        cell = by_key[(code, region, year, "total")]
        assert cell["value"] is not None and cell["rank_in_country"] is not None
        assert cell["areas_ranked"] == 22
    missing = by_key[("cmp_worse_up", "14", 2022, "total")]
    assert missing["value"] is None and not missing["is_suppressed"] and missing["areas_ranked"] == 21


def test_trend_slope_is_the_least_squares_slope_of_the_last_five_years(mart):
    series = defaultdict(dict)
    for r in mart:
        if r["value"] is not None:
            series[(r["indicator_code"], r["region_code"], r["gender"])][r["year"]] = r["value"]
    checked = 0
    for r in mart:
        points = {y: v for y, v in series[(r["indicator_code"], r["region_code"], r["gender"])].items()
                  if r["year"] - 4 <= y <= r["year"]}
        assert r["trend_points"] == len(points)
        if len(points) < 3:
            assert r["trend_slope_5y"] is None
            continue
        years = np.array(sorted(points), dtype=float)
        slope = np.polyfit(years, [points[y] for y in sorted(points)], 1)[0]
        assert r["trend_slope_5y"] == pytest.approx(slope, abs=1e-9)
        direction = dict(COMPARISON_INDICATORS)[r["indicator_code"]]
        assert r["is_trend_worsening"] == ((slope > 0) == direction)
        checked += 1
    assert checked > 500


def test_sotkanet_chain_maps_regions_and_prefers_current_county_ids(con):
    facts = con.execute(
        "select region_level, count(distinct region_code), min(value) from intermediate.int_sotkanet__reshaped_to_phenomena "
        "group by 1 order by 1").fetchall()
    assert [(f[0], f[1]) for f in facts] == [("country", 1), ("municipality", 27), ("wellbeing_county", 22)]
    assert all(f[2] > -999 for f in facts)  # the legacy id 898 rows (value -999) lost to the current id 978
    parents = con.execute("select distinct region_level, parent_region_code from intermediate.int_sotkanet__reshaped_to_phenomena "
                          "order by 1").fetchall()
    assert parents == [("country", None), ("municipality", "05"), ("wellbeing_county", "SSS")]
    mapped = dict(con.execute("select sotkanet_region_id, region_code || '/' || region_level || '/' || "
                              "cast(in_county_comparison as varchar) from intermediate.int_regions__mapped").fetchall())
    assert mapped[658] == "SSS/country/false"
    assert mapped[898] == "05/wellbeing_county/true" and mapped[978] == "05/wellbeing_county/true"
    assert mapped[877] == "11/wellbeing_county/true"
    assert mapped[956] == "91/autonomous_region/false"
    assert mapped[2100] == "091/municipality/false"
    keys = con.execute("select count(*), count(distinct indicator_code || region_code || period_label || gender || age_group) "
                       "from intermediate.int_sotkanet__reshaped_to_phenomena").fetchall()[0]
    assert keys[0] == keys[1] > 0


def test_the_countys_own_series_never_enter_the_national_comparison(con, mart):
    """A local survey's and a partner's series (county_own), although present for two counties and the country
    in the facts, are not compared: only national definitions are."""
    local = {code for code, _ in LOCAL_SERIES}
    facts = {r[0] for r in con.execute("select distinct indicator_code from intermediate.int_phenomenon_facts__finalised "
                                       "where indicator_definition = 'county_own'").fetchall()}
    assert local <= facts
    assert not local & {r["indicator_code"] for r in mart}
    assert {r["indicator_definition"] for r in mart} == {"national"}
