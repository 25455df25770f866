"""THL's Sotekuva: compiled indicators of the wellbeing services counties' social and health services —
costs and service use per client group, per county and year.

Public API: none found. Searches of public documentation, code and pages found no description of Sotekuva, no
API and no downloadable table (shared/reference/thl_model.md §4.2: "No source for Sotekuva was found"). So it
is a FILE source: whoever downloads the tables from THL's service drops them in `landing/sotekuva/`. If a
public API turns up, replace this module with a client in the Sotkanet/StatFin pattern (settings-driven base
URL, fixture server with recorded responses in demo/).

Format: NOT verified. Designed as the long table such reporting services export [I]: `;`-separated (or xlsx),
decimal comma, one row per area × year × client group × measure:

    Alue;Vuosi;Asiakasryhmä;Tunnusluku;Yksikkö;Arvo

`Alue` is a wellbeing services county (or Helsinki) by name or code, or `Koko maa`. Values THL withholds are
`..` and are kept as withheld (never read as zero). Measures are kept whatever their name; dbt maps the known
ones (seed `sotekuva_indicators.csv`, each `verified` = I) to the phenomena's cost side. The figures are THL's
open statistics: published as THL published them (disclosure_control open_statistics), nationally comparable.
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.indicator_tables import SOTEKUVA, SOTEKUVA_UNITS
from sources.indicator_tables import all_areas_lookup, area
from sources.landing import PrepareContext, file_source

HEADERS = ["Alue", "Vuosi", "Asiakasryhmä", "Tunnusluku", "Yksikkö", "Arvo"]
WITHHELD = {"..", ".", "-", "–", "—"}
UNIT_SPELLINGS = {"euroa / asukas": "eur_per_resident", "€/asukas": "eur_per_resident", "eur/asukas": "eur_per_resident",
                  "euroa/asukas": "eur_per_resident", "euroa / asiakas": "eur_per_client", "euroa/asiakas": "eur_per_client",
                  "€/asiakas": "eur_per_client", "%": "percent", "/ 1 000 asukasta": "per_1000",
                  "/1000 asukasta": "per_1000", "per 1000": "per_1000", "lkm": "count"}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    area(c, "Alue", all_areas_lookup())
    year = c.number("Vuosi", "year", required=True, integer=True, minimum=2000)
    c.reject((year > ctx.today.year).fillna(False), "Vuosi: year in the future")
    c.out["period_start"] = pd.to_datetime(year.astype("string") + "-01-01", format="%Y-%m-%d",
                                           errors="coerce").astype("datetime64[s]")
    c.text("Asiakasryhmä", "client_group_name", required=True)
    c.text("Tunnusluku", "measure_name", required=True)
    c.choice("Yksikkö", SOTEKUVA_UNITS, "unit", mapping=UNIT_SPELLINGS, what="unit")
    text = c.raw["Arvo"].astype("string").str.strip()
    withheld = text.isin(WITHHELD).fillna(False)
    c.raw = c.raw.assign(Arvo=c.raw["Arvo"].mask(withheld, pd.NA))
    value = c.number("Arvo", "value")
    c.reject(value.isna() & ~withheld, "Arvo: missing value (THL marks a withheld value with '..')")
    c.out["is_withheld"] = withheld.astype("boolean")
    return c


SOURCE = file_source(
    __name__, "THL Sotekuva: costs and service use per client group, per wellbeing services county and year",
    headers=HEADERS, prepare=prepare, schema=SOTEKUVA, period_column="period_start",
)
