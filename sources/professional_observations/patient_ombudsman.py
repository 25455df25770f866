"""Patient ombudsman (potilasasiavastaava; Patient Act 785/1992 §11, since 2023 organised by the wellbeing
counties, HE 300/2022) contacts table.

The ombudsman's annual and half-year reports count client contacts by the topic of the contact, by service
unit and by what was done. The table layout is DESIGNED [I]: no export of a county's patient-ombudsman case
register was found in public. It follows the social ombudsman's statistics already loaded (`ombudsman.py`)
and the dimensions public reports use [V: Tampere patient ombudsman's report 2006, docplayer.fi/4071708:
contacts by reason (hoito ja tutkimus, kohtelu, hoitoon pääsy, potilasasiakirjat, asiakasmaksut tai
korvausvaatimukset, potilasvahingot, muut), by unit (sairaala, päivystysasema, lääkäriasemat, hammashoito,
mielenterveyspalvelut, vanhustenhuolto) and by feedback route (muistutus, hallintokantelu,
potilasvakuutusilmoitus, lääkevahinkoilmoitus, tarkastus- ja korjaamisvaatimus)].

One row per year × period (whole year or one half) × area × service unit × topic × outcome, with the number of
contacts: an aggregate, no person-level data, no free text. Delivered as xlsx (or `;` CSV). The code lists and
their spellings are in seed `observation_code_lists` (each with `verified` V or I).
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.professional_observations import PATIENT_OMBUDSMAN, PATIENT_OMBUDSMAN_PERIODS
from sources.landing import PrepareContext, file_source
from sources.reference import code_list, code_list_lookup

HEADERS = ["Vuosi", "Jakso", "Toimialue", "Toimintayksikkö", "Yhteydenoton aihe", "Toimenpide", "Yhteydenottoja"]
PERIOD_SPELLINGS = {
    "koko vuosi": "year", "vuosi": "year", "1-12": "year",
    "1. puolivuotiskausi": "h1", "tammi-kesäkuu": "h1", "1-6": "h1", "h1": "h1",
    "2. puolivuotiskausi": "h2", "heinä-joulukuu": "h2", "7-12": "h2", "h2": "h2",
}


def period_end(year: pd.Series, period: pd.Series) -> pd.Series:
    """The last day the row covers: 30 June for the first half-year, else 31 December."""
    day = period.map({"h1": "-06-30"}).fillna("-12-31")
    text = year.astype("string") + day.astype("string")
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[s]")


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    year = c.number("Vuosi", "year", required=True, integer=True, minimum=2000, maximum=ctx.today.year)
    period = c.choice("Jakso", PATIENT_OMBUDSMAN_PERIODS, "period", mapping=PERIOD_SPELLINGS, what="period")
    c.out["period_end"] = period_end(year, period)
    c.choice("Toimialue", code_list("patient_ombudsman_area"), "ombudsman_area",
             mapping=code_list_lookup("patient_ombudsman_area"), what="area")
    c.text("Toimintayksikkö", "unit_name", required=True)
    c.choice("Yhteydenoton aihe", code_list("patient_ombudsman_topic"), "topic",
             mapping=code_list_lookup("patient_ombudsman_topic"), what="topic")
    c.choice("Toimenpide", code_list("patient_ombudsman_outcome"), "outcome",
             mapping=code_list_lookup("patient_ombudsman_outcome"), what="outcome")
    c.number("Yhteydenottoja", "contacts", required=True, integer=True, minimum=0)
    return c


SOURCE = file_source(
    __name__, "Patient ombudsman's contacts table: contacts by year or half-year, area, unit, topic and outcome",
    headers=HEADERS, prepare=prepare, schema=PATIENT_OMBUDSMAN, period_column="period_end",
)
