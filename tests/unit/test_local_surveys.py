"""The county's own local surveys (designed summary table [I]) into raw.local_surveys."""

from __future__ import annotations

from _indicator_files import load_cases

from sources.client_data.local_surveys import HEADERS, SOURCE


def row(**kw) -> dict[str, str]:
    base = {"kysely": "Päihdetilannekysely", "vuosi": "2025", "kunta": "Koko Varha", "sukupuoli": "Yhteensä",
            "ikaryhma": "Kaikki", "indikaattori": "paihde_huumeet_12kk", "vastaajia": "1 204",
            "vastaajia_joilla_ilmio": "96"}
    return base | kw


def test_results_load_with_official_codes_and_bad_rows_are_quarantined(tmp_path):
    con, _ = load_cases(tmp_path, SOURCE, HEADERS, [
        (row(), None),
        (row(kunta="Kaarina", sukupuoli="Naiset", ikaryhma="18–24", vastaajia="3", vastaajia_joilla_ilmio="1"), None),
        (row(vastaajia_joilla_ilmio="1300"), "more than the respondents"),
        (row(indikaattori="mielenterveys_yksinaisyys"), "indicator_belongs_to_survey"),  # another survey's
        (row(indikaattori="paihde_tupakointi"), "unknown local survey indicator"),        # not in the seed
        (row(kunta="Tampere"), "unknown municipality or area"),                            # not Varha
        (row(vuosi="2027"), "future"),
        (row(vastaajia="0"), "below 1"),
    ])
    got = con.execute("select region_code, region_level, gender, age_group, respondents, respondents_with_finding "
                      "from raw.local_surveys order by region_code").fetchall()
    assert got == [("05", "wellbeing_county", "total", "all", 1204, 96),
                   ("202", "municipality", "female", "18-24", 3, 1)]
