"""The partner-indicator template (docs/partner_indicator_template.md) into raw.partner_indicators."""

from __future__ import annotations

from _indicator_files import load_cases

from sources.statistics.partner_indicators import HEADERS, SOURCE


def row(**kw) -> dict[str, str]:
    base = {"organisaatio": "Esimerkin Ruoka-apu ry", "y_tunnus": "9876543-0", "organisaation_tyyppi": "järjestö",
            "indikaattorin_koodi": "Ruoka_apu", "indikaattorin_nimi": "Ruoka-apua saaneet kotitaloudet",
            "maaritelma": "Kotitaloudet", "yksikko": "lkm", "ilmio": "toimeentulo", "suunta": "suurempi on huonompi",
            "kunta": "Turku", "ajanjakso": "2025H1", "sukupuoli": "yhteensä", "ikaryhma": "kaikki", "arvo": "37",
            "osoittaja": "", "nimittaja": "", "avoin_tilasto": "ei", "lahde": ""}
    return base | kw


def test_template_rows_load_and_unprotectable_or_inconsistent_rows_are_quarantined(tmp_path):
    con, _ = load_cases(tmp_path, SOURCE, HEADERS, [
        (row(), None),
        (row(yksikko="%", arvo="25,0", osoittaja="10", nimittaja="40", ajanjakso="2025-03", ilmio=""), None),
        (row(yksikko="/1000", arvo="11,2", avoin_tilasto="kyllä", lahde="https://example.invalid/t",
             ajanjakso="2024"), None),
        (row(y_tunnus="9876543-1"), "business ID"),                                   # wrong check digit
        (row(yksikko="%", arvo="25", nimittaja="40"), "osoittaja: required"),         # share without numerator
        (row(yksikko="%", arvo="30", osoittaja="10", nimittaja="40"), "percent_agrees"),  # 30 % is not 10 / 40
        (row(avoin_tilasto="kyllä"), "lahde"),                             # open statistics without a source
        (row(ajanjakso="2025H3"), "not a period"),
        (row(indikaattorin_koodi="ruoka apu!"), "a-z, 0-9"),
    ])
    got = con.execute("select indicator_code, unit, phenomenon, higher_is_worse, period_type, period_label, "
                      "is_open_statistics from raw.partner_indicators order by period_label").fetchall()
    assert got == [("ruoka_apu", "per_1000", "livelihood", True, "year", "2024", True),
                   ("ruoka_apu", "percent", None, True, "month", "2025-03", False),
                   ("ruoka_apu", "count", "livelihood", True, "half_year", "2025H1", False)]
