"""The county's own local surveys (designed summary table [I]) into raw.local_surveys."""

from __future__ import annotations

from _indicator_files import load, quarantined

from sources.client_data.local_surveys import HEADERS, SOURCE


def row(**kw) -> dict[str, str]:
    base = {"kysely": "Päihdetilannekysely", "vuosi": "2025", "kunta": "Koko Varha", "sukupuoli": "Yhteensä",
            "ikaryhma": "Kaikki", "indikaattori": "paihde_huumeet_12kk", "vastaajia": "1 204",
            "vastaajia_joilla_ilmio": "96"}
    return base | kw


def test_results_load_with_official_codes_and_bad_rows_are_quarantined(tmp_path):
    rows = [
        row(),
        row(kunta="Kaarina", sukupuoli="Naiset", ikaryhma="18–24", vastaajia="3", vastaajia_joilla_ilmio="1"),
        row(vastaajia_joilla_ilmio="1300"),                                  # more findings than respondents
        row(indikaattori="mielenterveys_yksinaisyys"),                       # another survey's indicator
        row(indikaattori="paihde_tupakointi"),                               # not in the seed
        row(kunta="Tampere"),                                                # not Varha
        row(vuosi="2027"),
        row(vastaajia="0"),
    ]
    con, result = load(tmp_path, SOURCE, HEADERS, rows)
    assert result.total("rows_accepted") == 2
    reasons = quarantined(con, SOURCE)
    assert "more than the respondents" in reasons[3]
    assert "indicator_belongs_to_survey" in reasons[4]
    assert "unknown local survey indicator" in reasons[5]
    assert "unknown municipality or area" in reasons[6]
    assert "future" in reasons[7]
    assert "below 1" in reasons[8]
    got = con.execute("select region_code, region_level, gender, age_group, respondents, respondents_with_finding "
                      "from raw.local_surveys order by region_code").fetchall()
    assert got == [("05", "wellbeing_county", "total", "all", 1204, 96),
                   ("202", "municipality", "female", "18-24", 3, 1)]
