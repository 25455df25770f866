"""Reading the published snapshot: the reports open `data/published/rsw_marts.duckdb` (marts schema only, protected
by the disclosure layer) and nothing else. A mart that is not there reads as empty, so a section can say it has no
data instead of failing the whole package."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb


class ReportError(ValueError):
    """The marts do not hold what a report needs (e.g. no completed half-year)."""


class Snapshot:
    """The published marts, read through one connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.tables = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
        self._columns: dict[str, set[str]] = {}

    def has(self, table: str) -> bool:
        return table in self.tables

    def columns(self, table: str) -> set[str]:
        if table not in self._columns:
            self._columns[table] = {r[0] for r in self.con.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' "
                "and table_name = ?", [table]).fetchall()} if self.has(table) else set()
        return self._columns[table]

    def rows(self, sql: str, params: Sequence = ()) -> list[dict]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def table(self, table: str, where: str = "true", order: str = "1", params: Sequence = ()) -> list[dict]:
        """Rows of `marts.<table>` (none when the mart is not published)."""
        if not self.has(table):
            return []
        return self.rows(f"select * from marts.{table} where {where} order by {order}", params)

    def direction_sql(self, table: str) -> str:
        """The indicator's direction: the `direction` column, or (older snapshots) derived from higher_is_worse."""
        if "direction" in self.columns(table):
            return "direction"
        return ("case when higher_is_worse then 'higher_is_worse' when not higher_is_worse "
                "then 'higher_is_better' else 'neutral' end")

    def complaints_table(self, yearly: bool = False) -> str | None:
        """The complaints mart (`complaint_cases`) or its yearly twin: the mart with
        complaint case counts by case type."""
        for table in sorted(self.tables):
            if table.endswith("_yearly") == yearly and {"case_count", "case_type"} <= self.columns(table):
                return table
        return None
