"""Client-register extract: service events (palvelutapahtumat), one row per contact of a social welfare client
with the service: a visit, a home visit, a phone call, e-service, a network meeting or a decision.

A Lifecare/Omni360-type monthly export ("asiakastapahtumat"), `;`-separated UTF-8, `d.m.yyyy` dates: the client's
identity code, the event date, the service task (THL client group), the municipality, the event type and the
staff member's professional group. About a million events a county-year, so the largest file source: each month
arrives as its own file, the loader reads, cleans and validates it inside DuckDB (sources/engine_load.py), and dbt aggregates it incrementally by month
(int_client_register__events_counted_by_month).

The identity code is pseudonymised at extraction (Cleaner.identity_code); unlike the other register extracts no
birth year or sex is derived: the event counts are by month, municipality and client group only.
"""

from __future__ import annotations

from sources.contracts.registers import (
    CLIENT_REGISTER_EVENTS,
    EVENT_TYPE_SPELLINGS,
    EVENT_TYPES,
    STAFF_ROLE_SPELLINGS,
    STAFF_ROLES,
    client_group_codes,
    client_group_lookup,
)
from sources.engine_load import ColumnRule, per_column_prepare
from sources.landing import PrepareContext, file_source

HEADERS = ["asiakkaan_hetu", "tapahtumapvm", "palvelutehtava", "kunta", "tapahtumatyyppi", "ammattiryhma"]


def _key(ctx: PrepareContext):
    if ctx.pseudonymizer is None:
        raise ValueError("a pseudonymisation key is required to extract client-register data")
    return ctx.pseudonymizer


# One rule per delivered column: the pandas path (small, cp1252 files) and the DuckDB path (the monthly UTF-8
# exports, up to a million rows) both run exactly these.
RULES = (
    ColumnRule("asiakkaan_hetu", lambda c, ctx: c.identity_code("asiakkaan_hetu", _key(ctx), "client_pseudonym")),
    ColumnRule("tapahtumapvm", lambda c, ctx: c.date("tapahtumapvm", "event_date", not_after=ctx.today)),
    ColumnRule("palvelutehtava", lambda c, ctx: c.choice("palvelutehtava", client_group_codes(), "client_group",
                                                         mapping=client_group_lookup(), what="service task")),
    ColumnRule("kunta", lambda c, ctx: c.municipality("kunta")),
    ColumnRule("tapahtumatyyppi", lambda c, ctx: c.choice("tapahtumatyyppi", EVENT_TYPES, "event_type",
                                                          mapping=EVENT_TYPE_SPELLINGS, what="event type")),
    ColumnRule("ammattiryhma", lambda c, ctx: c.choice("ammattiryhma", STAFF_ROLES, "staff_role",
                                                       mapping=STAFF_ROLE_SPELLINGS, required=False,
                                                       what="professional group")),
)
prepare = per_column_prepare(RULES)


SOURCE = file_source(
    __name__, "Client register: service events (visits, phone calls, decisions ...) of social welfare clients, "
              "monthly Lifecare/Omni360 export",
    headers=HEADERS, prepare=prepare, schema=CLIENT_REGISTER_EVENTS, period_column="event_date",
    identity_columns=("asiakkaan_hetu",), column_rules=RULES,
)
