"""Client-register extract: clients' housing status as recorded in adult social work (homeless, at risk of
homelessness, housed), with ARA's homelessness categories and the long-term flag (over a year, or recurrent
within three years). One row per recorded status; a client can have several records in a year.
"""

from __future__ import annotations

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.registers import CLIENT_REGISTER_HOUSING, HOMELESSNESS_FORMS, HOUSING_STATUSES
from sources.landing import PrepareContext, file_source
from sources.statistics.register_common import identity

HEADERS = ["asiakkaan_hetu", "kotikunta", "kirjauspvm", "asumistilanne", "asunnottomuuden_muoto",
           "pitkaaikaisasunnoton"]

STATUS_SPELLINGS = {
    "asunnoton": "homeless", "asunnottomuuden uhka": "at_risk", "asunnottomuusuhka": "at_risk",
    "uhka": "at_risk", "vakinainen asunto": "housed", "asuu vakinaisesti": "housed", "bostadslös": "homeless",
}
FORM_SPELLINGS = {
    "ulkona tai ensisuojassa": "outdoors_or_shelter", "ulkona/ensisuoja": "outdoors_or_shelter",
    "ensisuoja": "outdoors_or_shelter", "asuntola": "hostel", "asuntola tai majoitusliike": "hostel",
    "laitos": "institution", "laitoksessa": "institution",
    "tuttavien tai sukulaisten luona": "with_friends_or_relatives", "tuttavat/sukulaiset": "with_friends_or_relatives",
}
YES_NO = {"k": True, "kyllä": True, "kylla": True, "1": True, "e": False, "ei": False, "0": False}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    identity(c, "asiakkaan_hetu", ctx)
    c.municipality("kotikunta")
    c.date("kirjauspvm", "status_date", not_after=ctx.today)
    status = c.choice("asumistilanne", HOUSING_STATUSES, "housing_status", mapping=STATUS_SPELLINGS,
                      what="housing status")
    form = c.choice("asunnottomuuden_muoto", HOMELESSNESS_FORMS, "homelessness_form", mapping=FORM_SPELLINGS,
                    required=False, what="homelessness category")
    c.reject(form.notna() & (status != "homeless").fillna(False),
             "asunnottomuuden_muoto: given for a client who is not homeless")
    flag = c.raw["pitkaaikaisasunnoton"].astype("string").str.strip().str.lower().replace("", pd.NA)
    parsed = flag.map(YES_NO, na_action="ignore")
    c.reject(flag.notna() & parsed.isna(), "pitkaaikaisasunnoton: expected K or E")
    c.out["is_long_term_homeless"] = parsed.astype("boolean")
    return c


SOURCE = file_source(
    __name__, "Client register: housing status of social welfare clients (homeless / at risk / housed)",
    headers=HEADERS, prepare=prepare, schema=CLIENT_REGISTER_HOUSING, period_column="status_date",
    identity_columns=("asiakkaan_hetu",),
)
