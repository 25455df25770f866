"""THL Sotekuva tables (file source, designed layout [I]) into raw.sotekuva."""

from __future__ import annotations

from _indicator_files import load_cases

from sources.statistics.sotekuva import HEADERS, SOURCE


def row(**kw) -> dict[str, str]:
    base = {"Alue": "Varsinais-Suomen hyvinvointialue", "Vuosi": "2024", "Asiakasryhmä": "Päihdepalvelut",
            "Tunnusluku": "Nettokäyttökustannukset, euroa / asukas", "Yksikkö": "euroa / asukas", "Arvo": "1 234,5"}
    return base | kw


def test_areas_by_name_withheld_values_kept_and_bad_rows_quarantined(tmp_path):
    con, _ = load_cases(tmp_path, SOURCE, HEADERS, [
        (row(), None),
        (row(Alue="Koko maa"), None),
        (row(Alue="Helsinki", Arvo=".."), None),
        (row(Alue="Pohjois-Suomi"), "unknown municipality or area"),
        (row(Arvo=""), "missing value"),
        (row(Yksikkö="kg"), "unknown unit"),
        (row(Vuosi="2030"), "future"),
    ])
    got = con.execute("select region_code, region_level, unit, value, is_withheld from raw.sotekuva "
                      "order by region_code").fetchall()
    assert got == [("05", "wellbeing_county", "eur_per_resident", 1234.5, False),
                   ("90", "wellbeing_county", "eur_per_resident", None, True),
                   ("SSS", "country", "eur_per_resident", 1234.5, False)]
