"""k-anonymity for development_proposals: descriptive rows, one per proposal × phenomenon.

No combination of the published descriptive columns may be shared by fewer than `threshold` proposals. A row
whose combination is rarer is generalised step by step (language, then service area, then valence and
handling status become null); a row still rarer after the last step is not published. Classes are counted on
the published values, so rows generalised together form classes of their own; the loop runs until no class is
too small. The key is a keyed HMAC made at landing and dates are half-years, so neither points back.
"""

from __future__ import annotations

import duckdb

from disclosure.cells import mart_exists

TABLE = "development_proposals"
QUASI_IDENTIFIERS = ("period_label", "phenomenon", "valence", "service_area_code", "admin_sector", "language",
                     "handling_status")
# Generalisation steps: the columns that become null at each level (names beside codes go with them).
STEPS = (
    (),
    ("language",),
    ("service_area_code", "service_area_name_fi", "admin_sector"),
    ("valence", "handling_status", "is_open"),
)


def anonymise_proposals(con: duckdb.DuckDBPyConnection, threshold: int, schema: str = "marts") -> dict[str, int]:
    """Generalise and drop rows of the candidate's development_proposals until it is k-anonymous."""
    table = f"{schema}.{TABLE}"
    if not mart_exists(con, TABLE, schema):
        return {}
    con.execute(f"alter table {table} add column _level integer default 0")
    cols = ", ".join(QUASI_IDENTIFIERS)
    same = " and ".join(f"t.{c} is not distinct from s.{c}" for c in QUASI_IDENTIFIERS)
    for _ in range(100):
        moved = con.execute(
            f"update {table} as t set _level = t._level + 1 "
            f"from (select {cols} from {table} group by all having count(distinct proposal_key) < {threshold}) as s "
            f"where t._level < {len(STEPS)} and {same}").fetchone()[0]
        if not moved:
            break
        for level, columns in enumerate(STEPS):
            for column in columns:
                con.execute(f'update {table} set "{column}" = null where _level >= {level}')
    dropped = con.execute(f"delete from {table} where _level >= {len(STEPS)}").fetchone()[0]
    levels = dict(con.execute(f"select _level, count(*) from {table} group by 1").fetchall())
    con.execute(f"alter table {table} drop column _level")
    return {"rows_dropped": dropped, **{f"rows_generalised_{k}": int(n) for k, n in sorted(levels.items()) if k}}


def small_classes(con: duckdb.DuckDBPyConnection, threshold: int, schema: str = "marts") -> int:
    """Rows of the published development_proposals in a class of fewer than threshold proposals."""
    table = f"{schema}.{TABLE}"
    cols = ", ".join(QUASI_IDENTIFIERS)
    return con.execute(f"select coalesce(sum(n), 0) from (select count(*) as n from {table} group by {cols} "
                       f"having count(distinct proposal_key) < {threshold})").fetchone()[0]
