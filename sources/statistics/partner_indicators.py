"""Partner indicators: ONE generic file source through which any municipality or organisation (NGO, parish,
association) delivers an indicator table to the county. The template is documented for the partners in
`docs/partner_indicator_template.md`; `demo/missing_statistics.py` writes an example (xlsx and CSV).

The template is the project's own design (there is no national format for this) [I]. One row per indicator ×
area × period × gender × age group:

    organisaatio;y_tunnus;organisaation_tyyppi;indikaattorin_koodi;indikaattorin_nimi;maaritelma;yksikko;ilmio;
    suunta;kunta;ajanjakso;sukupuoli;ikaryhma;arvo;osoittaja;nimittaja;avoin_tilasto;lahde

- `y_tunnus` (business ID, check digit verified) identifies the organisation; the mart's indicator code is
  `partner_<y-tunnus digits>_<indikaattorin_koodi>`, so two partners' codes never collide.
- `ilmio` (asunnottomuus, mielenterveys, päihteet, toimeentulo) puts the indicator in that phenomenon mart;
  empty keeps it in the warehouse only. `suunta`: `suurempi on huonompi` / `suurempi on parempi` / empty.
- Disclosure: a partner's figure is treated as the county's own (protected) unless the row says it is
  already published open statistics (`avoin_tilasto` = kyllä, with `lahde` naming where). A protected row must
  let the disclosure layer see the persons behind it: `osoittaja` is required for percent and rate units (for
  `lkm`, the value is the count), and `nimittaja` for percent and score units; a row without them is
  quarantined rather than published unprotected.
"""

from __future__ import annotations

import pandas as pd
from stdnum.fi import ytunnus

from sources.cleaning import Cleaner
from sources.contracts.indicator_tables import PARTNER_INDICATORS, UNITS
from sources.indicator_tables import age_group, area, county_area_lookup, gender, period
from sources.landing import PrepareContext, file_source

HEADERS = ["organisaatio", "y_tunnus", "organisaation_tyyppi", "indikaattorin_koodi", "indikaattorin_nimi",
           "maaritelma", "yksikko", "ilmio", "suunta", "kunta", "ajanjakso", "sukupuoli", "ikaryhma", "arvo",
           "osoittaja", "nimittaja", "avoin_tilasto", "lahde"]
ORGANISATION_TYPES = {"kunta": "municipality", "kaupunki": "municipality", "järjestö": "ngo", "yhdistys": "ngo",
                      "säätiö": "ngo", "seurakunta": "other", "muu": "other", "municipality": "municipality",
                      "ngo": "ngo", "other": "other"}
UNIT_SPELLINGS = {"%": "percent", "prosentti": "percent", "prosenttia": "percent", "/1000": "per_1000",
                  "per 1000": "per_1000", "/ 1 000 asukasta": "per_1000", "/1000 asukasta": "per_1000",
                  "/100000": "per_100000", "/ 100 000 asukasta": "per_100000", "lkm": "count", "lukumäärä": "count",
                  "pisteet": "score", "keskiarvo": "score"}
PHENOMENON_SPELLINGS = {"asunnottomuus": "homelessness", "mielenterveys": "mental_health",
                        "päihteet": "substance_use", "päihteet ja riippuvuudet": "substance_use",
                        "toimeentulo": "livelihood", "taloudellinen tilanne ja toimeentulo": "livelihood"}
DIRECTIONS = {"suurempi on huonompi": "true", "suurempi huonompi": "true", "suurempi on parempi": "false",
              "suurempi parempi": "false", "true": "true", "false": "false"}
YES_NO = {"kyllä": "true", "k": "true", "kyl": "true", "ja": "true", "yes": "true",
          "ei": "false", "e": "false", "nej": "false", "no": "false"}


def _business_id(c: Cleaner, column: str) -> pd.Series:
    values = c._text(column)
    ok = values.map(lambda v: ytunnus.is_valid(v) if isinstance(v, str) else False, na_action="ignore")
    c.reject(values.notna() & ~ok.fillna(False).astype(bool),
             f"{column}: not a valid business ID (y-tunnus) '" + values.fillna("").str.slice(0, 20) + "'")
    c.reject(values.isna(), f"{column}: missing value")
    formatted = values.where(ok.fillna(False).astype(bool)).map(ytunnus.format, na_action="ignore")
    c.out["business_id"] = formatted.astype("string")
    return formatted


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.text("organisaatio", "organisation_name", required=True)
    _business_id(c, "y_tunnus")
    c.choice("organisaation_tyyppi", set(ORGANISATION_TYPES.values()), "organisation_type",
             mapping=ORGANISATION_TYPES, what="organisation type")
    code = c.text("indikaattorin_koodi", "indicator_code", required=True).str.lower()
    c.reject(code.notna() & ~code.str.fullmatch(r"[a-z0-9_]{1,40}").fillna(False),
             "indikaattorin_koodi: use 1-40 characters a-z, 0-9 and _ '" + code.fillna("").str.slice(0, 40) + "'")
    c.out["indicator_code"] = code
    c.text("indikaattorin_nimi", "indicator_name", required=True)
    c.free_text("maaritelma", "definition")
    unit = c.choice("yksikko", UNITS, "unit", mapping=UNIT_SPELLINGS, what="unit")
    c.choice("ilmio", set(PHENOMENON_SPELLINGS.values()), "phenomenon", mapping=PHENOMENON_SPELLINGS,
             required=False, what="phenomenon")
    direction = c.choice("suunta", {"true", "false"}, "higher_is_worse", mapping=DIRECTIONS, required=False,
                         what="direction")
    c.out["higher_is_worse"] = direction.map({"true": True, "false": False}, na_action="ignore").astype("boolean")
    area(c, "kunta", county_area_lookup())
    period(c, "ajanjakso", not_after_year=ctx.today.year)
    gender(c, "sukupuoli")
    age_group(c, "ikaryhma")
    c.number("arvo", "value", required=True)
    numerator = c.number("osoittaja", "numerator", minimum=0)
    denominator = c.number("nimittaja", "denominator", minimum=0)
    c.reject((denominator == 0).fillna(False), "nimittaja: zero")
    is_open = c.choice("avoin_tilasto", {"true", "false"}, "is_open_statistics", mapping=YES_NO, what="yes/no")
    c.out["is_open_statistics"] = is_open.map({"true": True, "false": False}, na_action="ignore").astype("boolean")
    source = c.free_text("lahde", "published_at")
    opened = (is_open == "true").fillna(False)
    protected = (is_open == "false").fillna(False)
    c.reject(opened & source.isna(), "lahde: open statistics must say where they are published")
    c.reject(protected & unit.isin(["percent", "per_1000", "per_100000"]).fillna(False) & numerator.isna(),
             "osoittaja: required for the county's own (protected) figures, so that disclosure control sees the count")
    c.reject(protected & unit.isin(["percent", "score"]).fillna(False) & denominator.isna(),
             "nimittaja: required for the county's own (protected) shares and scores")
    return c


SOURCE = file_source(
    __name__, "Partner indicators: indicator tables delivered by municipalities and organisations in the "
              "documented template (docs/partner_indicator_template.md)",
    headers=HEADERS, prepare=prepare, schema=PARTNER_INDICATORS, period_column="period_start",
)
