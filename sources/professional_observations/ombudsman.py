"""Social ombudsman (sosiaaliasiavastaava, Asiakaslaki 812/2000 §24) annual statistics.

The ombudsman's yearly report tabulates client contacts by municipality, by the ombudsman's own four service
areas (toimeentulotuki, lastensuojelu, iäkkäiden ja vammaisten palvelut, muut sosiaalipalvelut), by the reason
for the contact and by the measure taken. Delivered as an xlsx workbook, one row per
year × municipality × service area × reason × measure with the number of contacts (an aggregate: no person
level data, no free text).
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.professional_observations import (
    OMBUDSMAN,
    OMBUDSMAN_AREAS,
    OMBUDSMAN_MEASURES,
    OMBUDSMAN_REASONS,
)
from sources.landing import PrepareContext, file_source

HEADERS = ["Vuosi", "Kunta", "Palvelualue", "Yhteydenoton syy", "Toimenpide", "Yhteydenottoja"]

AREA_SPELLINGS = {
    "toimeentulotuki": "toimeentulotuki",
    "lastensuojelu": "lastensuojelu",
    "iäkkäiden ja vammaisten palvelut": "ikaantyneet_vammaiset",
    "vanhus- ja vammaispalvelut": "ikaantyneet_vammaiset",
    "muut sosiaalipalvelut": "muut",
    "muu": "muut",
}
REASON_SPELLINGS = {
    "kohtelu": "kohtelu",
    "palvelun laatu tai määrä": "palvelun_laatu",
    "palvelun laatu": "palvelun_laatu",
    "päätös": "paatos",
    "päätös tai sen sisältö": "paatos",
    "käsittelyn viivästyminen": "viivastys",
    "tiedonsaanti ja neuvonta": "tiedonsaanti",
    "tiedonsaanti": "tiedonsaanti",
    "tietosuoja": "tietosuoja",
    "muu": "muu",
}
MEASURE_SPELLINGS = {
    "neuvonta ja ohjaus": "neuvonta",
    "neuvonta": "neuvonta",
    "avustettu muistutuksen laatimisessa": "muistutus_avustettu",
    "yhteydenotto yksikköön": "yhteys_yksikkoon",
    "ohjattu muualle": "ohjaus_muualle",
    "muu": "muu",
}


def year_end(year: pd.Series) -> pd.Series:
    """31 December of the year: the end of the data period the ledger records for a yearly statistic."""
    text = year.astype("string") + "-12-31"
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[s]")


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    year = c.number("Vuosi", "year", required=True, integer=True, minimum=2000, maximum=ctx.today.year)
    c.out["year_end"] = year_end(year)
    c.municipality("Kunta")
    c.choice("Palvelualue", OMBUDSMAN_AREAS, "ombudsman_area", mapping=AREA_SPELLINGS, what="service area")
    c.choice("Yhteydenoton syy", OMBUDSMAN_REASONS, "reason", mapping=REASON_SPELLINGS, what="reason")
    c.choice("Toimenpide", OMBUDSMAN_MEASURES, "measure", mapping=MEASURE_SPELLINGS, what="measure")
    c.number("Yhteydenottoja", "contacts", required=True, integer=True, minimum=0)
    return c


SOURCE = file_source(
    __name__, "Social ombudsman annual statistics: contacts by municipality, service area, reason and measure",
    headers=HEADERS, prepare=prepare, schema=OMBUDSMAN, period_column="year_end",
)
