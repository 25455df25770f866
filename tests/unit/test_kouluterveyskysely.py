"""Kouluterveyskysely indicator tables (THL export, `;` and decimal comma) into raw.kouluterveyskysely."""

from __future__ import annotations

import datetime as dt

import pytest

from sources.client_data.kouluterveyskysely import HEADERS, SOURCE, area_lookup
from tests.unit._landing_files import Deliveries

KTK = Deliveries(SOURCE, HEADERS, today=dt.date(2025, 12, 31))
ANXIETY = "Kohtalainen tai vaikea ahdistuneisuus"
POOR_FAMILY_ECONOMY = "Perheen taloudellinen tilanne melko tai erittäin huono"


def line(
    year="2023",
    area="Varsinais-Suomen hyvinvointialue",
    level="Perusopetus 8. ja 9. lk",
    gender="Tytöt",
    indicator=ANXIETY,
    value="28,4",
    lower="27,1",
    upper="29,7",
    n="3 512",
) -> list[str]:
    return [year, area, level, gender, indicator, value, lower, upper, n]


# Each line of a good table with the raw.kouluterveyskysely row it becomes: (survey_year, area_code,
# school_level, gender, value_percent, ci_lower, ci_upper, respondents, is_withheld).
GOOD_LINES = [
    (line(), (2023, "05", "grades_8_9", "female", 28.4, 27.1, 29.7, 3512, False)),
    (
        line(area="Koko maa", gender="Sukupuolet yhteensä", value="17,9", lower="17,7", upper="18,1", n="91204"),
        (2023, "SSS", "grades_8_9", "total", 17.9, 17.7, 18.1, 91204, False),
    ),
    (
        line(area="Åbo", gender="Pojat", level="Lukio 1. ja 2. vuosi", value="8,0", lower="6,9", upper="9,1",
             n="1 480"),
        (2023, "853", "upper_secondary", "male", 8.0, 6.9, 9.1, 1480, False),
    ),
    (
        line(area="Kustavi", gender="Pojat", value="..", lower="", upper="", n="7"),
        (2023, "304", "grades_8_9", "male", None, None, None, 7, True),
    ),
    (
        line(area="Helsinki", year="2019", level="Ammatillinen oppilaitos 1. ja 2. vuosi", gender="Tytöt",
             indicator="Tupakoi päivittäin", value="15", lower="", upper="", n=""),
        (2019, "90", "vocational", "female", 15.0, None, None, None, False),
    ),
]


def test_good_table_with_decimal_comma_and_withheld_values(tmp_path):
    KTK.csv(tmp_path, "ktk_2023.csv", [given for given, _ in GOOD_LINES])
    con, result = KTK.land(tmp_path)
    assert (result.total("rows_accepted"), result.total("rows_quarantined")) == (5, 0), result.reasons
    rows = con.execute("""select survey_year, area_code, school_level, gender, value_percent, ci_lower, ci_upper,
                                 respondents, is_withheld from raw.kouluterveyskysely order by _row_number""").fetchall()
    assert rows == [expected for _, expected in GOOD_LINES]
    assert con.execute("select period_start, period_end from raw._loads").fetchall() == [
        (dt.date(2019, 1, 1), dt.date(2023, 1, 1))
    ]


def test_broken_rows_are_quarantined_not_guessed(tmp_path):
    KTK.csv(
        tmp_path,
        "ktk.csv",
        [
            line(year="2022"),
            line(year="2027"),
            line(value="112,5", upper="113,0"),
            line(area="Turunmaa"),
            line(area="19"),  # a bare code: county 19 or Aura (019)? not guessed
            line(level="Yläkoulu"),
            line(gender="Muu"),
            line(lower="29,0"),
            line(value=""),
            line(value="28.4.2023"),
        ],
    )
    con, result = KTK.land(tmp_path)
    assert (result.total("rows_in"), result.total("rows_accepted")) == (10, 0)
    reasons = [
        r[0]
        for r in con.execute(
            "select reason from quarantine.kouluterveyskysely order by _row_number"
        ).fetchall()
    ]
    assert reasons[0] == "Vuosi: not a Kouluterveyskysely year (collected in odd years) '2022'"
    assert reasons[1] == "Vuosi: year in the future"
    assert reasons[2] == "Osuus (%): above 100; Luottamusväli yläraja: above 100"
    assert reasons[3] == "Alue: unknown area 'Turunmaa'"
    assert reasons[4] == "Alue: unknown area '19'"
    assert reasons[5] == "Kouluaste: unknown school level 'Yläkoulu'"
    assert reasons[6] == "Sukupuoli: unknown gender 'Muu'"
    assert reasons[7] == "Luottamusväli: confidence interval does not contain the value"
    assert reasons[8] == "Osuus (%): missing value (THL marks a withheld value with '..')"
    assert reasons[9].startswith("Osuus (%): not a number '28.4.2023'")


@pytest.mark.parametrize(
    ("encoding", "sep"), [("utf-8-sig", ";"), ("utf-8", ";"), ("cp1252", ";"), ("utf-8", "\t")]
)
def test_encoding_and_delimiter_variants(tmp_path, encoding, sep):
    KTK.csv(tmp_path, "ktk.csv", [line(area="Pöytyä"), line(area="Nådendal", gender="Pojat")], encoding=encoding,
            sep=sep)
    con, result = KTK.land(tmp_path)
    assert result.total("rows_accepted") == 2, result.reasons
    assert sorted(con.execute("select area_code, value_percent from raw.kouluterveyskysely").fetchall()) == [
        ("529", 28.4),
        ("636", 28.4),
    ]


def test_xlsx_table(tmp_path):
    lapland = [2025, "Lapin hyvinvointialue", "Perusopetus 4. ja 5. lk"]
    KTK.xlsx(
        tmp_path,
        "ktk_2025.xlsx",
        [
            [*lapland, "Pojat", POOR_FAMILY_ECONOMY, 4.5, 3.8, 5.2, 2950],
            [*lapland, "Tytöt", POOR_FAMILY_ECONOMY, "..", None, None, 4],
        ],
    )
    con, result = KTK.land(tmp_path)
    assert result.total("rows_accepted") == 2, result.reasons
    assert con.execute(
        "select area_code, school_level, value_percent, respondents, is_withheld "
        "from raw.kouluterveyskysely order by gender"
    ).fetchall() == [("21", "grades_4_5", None, 4, True), ("21", "grades_4_5", 4.5, 2950, False)]


def test_area_names_cover_country_all_areas_and_varha_municipalities():
    lookup = area_lookup()
    codes = set(lookup.values())
    assert "SSS" in codes
    assert len({c for c in codes if len(c) == 2}) == 22
    assert len({c for c in codes if len(c) == 3 and c.isdigit()}) == 27
    assert lookup["varsinais-suomen hyvinvointialue"] == "05" and lookup["åbo"] == "853"
