"""Client-register extract: social welfare clients by service task (palvelutehtävä), in THL's six client groups
of the social welfare monitoring register (older people; working-age; families with children; child welfare;
disability services; specialised substance and addiction services).

A Lifecare/Omni360-type export ("asiakkuudet palvelutehtävittäin"): one row per client and service task, with
the client relationship's start and end. One client can be in several groups (thl_model.md §1.3). The identity
code is pseudonymised at extraction; birth year and sex are derived from it first.
"""

from __future__ import annotations

from sources.cleaning import Cleaner
from sources.contracts.registers import CLIENT_REGISTER_CLIENTS, client_group_codes, client_group_lookup
from sources.landing import PrepareContext, file_source
from sources.statistics.register_common import identity

HEADERS = ["asiakkaan_hetu", "kotikunta", "palvelutehtava", "asiakkuus_alkoi", "asiakkuus_paattyi", "poimintapvm"]


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    identity(c, "asiakkaan_hetu", ctx)
    c.municipality("kotikunta")
    c.choice("palvelutehtava", client_group_codes(), "client_group", mapping=client_group_lookup(),
             what="service task")
    start = c.date("asiakkuus_alkoi", "relationship_start", not_after=ctx.today)
    end = c.date("asiakkuus_paattyi", "relationship_end", required=False)
    c.reject(end.notna() & start.notna() & (end < start), "asiakkuus_paattyi: before asiakkuus_alkoi")
    c.date("poimintapvm", "extracted_date", not_after=ctx.today)
    return c


SOURCE = file_source(
    __name__, "Client register: social welfare clients by service task in THL's six client groups (Lifecare/Omni360 export)",
    headers=HEADERS, prepare=prepare, schema=CLIENT_REGISTER_CLIENTS, period_column="relationship_start",
    identity_columns=("asiakkaan_hetu",),
)
