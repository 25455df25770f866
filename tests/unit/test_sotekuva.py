"""THL Sotekuva tables (file source, designed layout [I]) into raw.sotekuva."""

from __future__ import annotations

from _indicator_files import load, quarantined

from sources.statistics.sotekuva import HEADERS, SOURCE


def row(**kw) -> dict[str, str]:
    base = {"Alue": "Varsinais-Suomen hyvinvointialue", "Vuosi": "2024", "Asiakasryhmä": "Päihdepalvelut",
            "Tunnusluku": "Nettokäyttökustannukset, euroa / asukas", "Yksikkö": "euroa / asukas", "Arvo": "1 234,5"}
    return base | kw


def test_areas_by_name_withheld_values_kept_and_bad_rows_quarantined(tmp_path):
    rows = [row(), row(Alue="Koko maa"), row(Alue="Helsinki", Arvo=".."), row(Alue="Pohjois-Suomi"),
            row(Arvo=""), row(Yksikkö="kg"), row(Vuosi="2030")]
    con, result = load(tmp_path, SOURCE, HEADERS, rows)
    assert result.total("rows_accepted") == 3
    reasons = quarantined(con, SOURCE)
    assert "unknown municipality or area" in reasons[4]
    assert "missing value" in reasons[5]
    assert "unknown unit" in reasons[6]
    assert "future" in reasons[7]
    got = con.execute("select region_code, region_level, unit, value, is_withheld from raw.sotekuva "
                      "order by region_code").fetchall()
    assert got == [("05", "wellbeing_county", "eur_per_resident", 1234.5, False),
                   ("90", "wellbeing_county", "eur_per_resident", None, True),
                   ("SSS", "country", "eur_per_resident", 1234.5, False)]
