"""No model, singular test or macro contains DuckDB-only SQL outside the dispatch macros of the adapters.

The same dbt project builds on DuckDB and on Spark (tests/integration/test_spark_equivalence.py). Where the
two SQL dialects differ, the model calls a dispatched macro (macros/cross_db.sql: a `default__` body for
DuckDB and a `spark__` body for Spark) or one of dbt's cross-database macros. This test reads the SQL the
project writes itself (and the SQL rows of unit-test fixtures, `format: sql` in the ymls), with comments, string literals, Jinja expressions ({{ ... }}: macro calls) and Jinja
statements removed, and the bodies of the adapter-specific macros (default__*, duckdb__*, spark__*) left
out, and fails on each construct below that is DuckDB-only (or means something else on Spark).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project"

# construct: (pattern, what to write instead)
DUCKDB_ONLY: dict[str, tuple[str, str]] = {
    ":: cast": (r"::", "cast(x as type)"),
    "qualify": (r"\bqualify\b", "a row_number() in a subquery and a where"),
    "varchar type": (r"\bvarchar\b", "{{ dbt.type_string() }} or string"),
    "regexp_matches": (r"\bregexp_matches\s*\(", "rsw_regexp_like"),
    "bare regexp_replace": (r"\bregexp_replace\s*\(", "rsw_regexp_replace_all (first-match vs every match)"),
    "strftime/strptime": (r"\bstr[fp]time\s*\(", "cast / dbt.date_trunc / lpad of extract()"),
    "date_diff / datediff": (r"(?<![.\w])date_?diff\s*\(", "rsw_days_between or dbt.datediff"),
    "date_add / dateadd": (r"(?<![.\w])date_?add\s*\(", "dbt.dateadd"),
    "bare date_trunc": (r"(?<![.\w])date_trunc\s*\(", "dbt.date_trunc"),
    "quantile": (r"\bquantile(_cont|_disc)?\s*\(", "rsw_percentile_cont / rsw_median"),
    "strpos": (r"\bstrpos\s*\(", "rsw_strpos"),
    "string_agg / listagg": (r"(?<![.\w])(string_agg|listagg|group_concat)\s*\(", "dbt.listagg"),
    "list / struct functions": (r"\b(list_\w+|struct_\w+|array_length|unnest|list_value)\s*\(", "joins and aggregates"),
    "exclude": (r"\*\s*exclude\b", "name the columns"),
    "iif": (r"\biif\s*\(", "case when"),
    "arg_max / arg_min": (r"\barg_(max|min)\s*\(", "row_number() over (... order by measure, identifying columns)"),
    "generate_series / range table": (r"\bgenerate_series\s*\(", "a seed or a union of values"),
    "epoch functions": (r"\bepoch(_ms|_us)?\s*\(", "rsw_days_between"),
    "DuckDB file readers": (r"\bread_(parquet|csv|csv_auto|json)\s*\(", "a source()"),
    "string_split": (r"\bstring_split\w*\s*\(", "rsw_regexp_extract"),
    "starts_with / ends_with": (r"\b(starts_with|ends_with)\s*\(", "like 'x%'"),
}

ADAPTER_MACRO = re.compile(r"{%-?\s*macro\s+(default|duckdb|spark)__\w+.*?{%-?\s*endmacro\s*-?%}", re.S)
JINJA_COMMENT = re.compile(r"{#.*?#}", re.S)
JINJA_EXPRESSION = re.compile(r"{{.*?}}", re.S)
JINJA_STATEMENT = re.compile(r"{%.*?%}", re.S)
SQL_COMMENT = re.compile(r"--[^\n]*")
STRING = re.compile(r"'(?:[^']|'')*'")


def portable_view(sql: str) -> str:
    """The SQL a file writes itself, for the scan: adapter macro bodies, comments, Jinja and literals removed
    (newlines kept, so that line numbers stay right)."""
    def blank(match: re.Match) -> str:
        return "\n" * match.group(0).count("\n")

    for pattern in (JINJA_COMMENT, ADAPTER_MACRO, JINJA_EXPRESSION, JINJA_STATEMENT, SQL_COMMENT, STRING):
        sql = pattern.sub(blank, sql)
    return sql


def duckdb_only_constructs(sql: str) -> list[tuple[int, str, str]]:
    """(line, construct, what to use instead) for every DuckDB-only construct the scan finds."""
    found = []
    for line_no, line in enumerate(portable_view(sql).splitlines(), start=1):
        for name, (pattern, instead) in DUCKDB_ONLY.items():
            if re.search(pattern, line, re.I):
                found.append((line_no, name, instead))
    return found


def project_sql_files() -> list[Path]:
    files = sorted(p for folder in ("models", "tests", "macros", "seeds", "analyses", "snapshots")
                   for p in (DBT_PROJECT / folder).rglob("*.sql"))
    assert any(p.parent.name == "marts" or "marts" in p.parts for p in files)
    return files


def unit_test_sql_fixtures() -> list[tuple[str, str]]:
    """(where, SQL) of every unit-test input or expectation given as `format: sql` in the model ymls: dbt
    runs them on the target engine too."""
    fixtures = []
    for path in sorted((DBT_PROJECT / "models").rglob("*.yml")):
        for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests") or []:
            for fixture in [*(test.get("given") or []), test.get("expect") or {}]:
                if fixture.get("format") == "sql":
                    where = f"{path.relative_to(DBT_PROJECT)} {test['name']} {fixture.get('input', 'expect')}"
                    fixtures.append((where, fixture["rows"]))
    return fixtures


def test_no_duckdb_only_sql_outside_the_dispatch_macros():
    problems = [f"{path.relative_to(DBT_PROJECT)}:{line}: {name} (use {instead})"
                for path in project_sql_files()
                for line, name, instead in duckdb_only_constructs(path.read_text(encoding="utf-8"))]
    assert not problems, "DuckDB-only SQL outside the dispatch macros:\n" + "\n".join(problems)


def test_no_duckdb_only_sql_in_unit_test_fixtures():
    fixtures = unit_test_sql_fixtures()
    assert fixtures, "no format: sql fixture found (has the yml layout changed?)"
    problems = [f"{where} line {line}: {name} (use {instead})"
                for where, sql in fixtures for line, name, instead in duckdb_only_constructs(sql)]
    assert not problems, "DuckDB-only SQL in unit-test fixtures:\n" + "\n".join(problems)


@pytest.mark.parametrize("sql, construct", [
    ("select x::integer from t", ":: cast"),
    ("select * from t qualify row_number() over (order by x) = 1", "qualify"),
    ("select cast(x as VARCHAR) from t", "varchar type"),
    ("select regexp_matches(x, 'a') from t", "regexp_matches"),
    ("select regexp_replace(x, 'a', 'b') from t", "bare regexp_replace"),
    ("select strftime(d, '%Y') from t", "strftime/strptime"),
    ("select date_diff('day', a, b) from t", "date_diff / datediff"),
    ("select datediff('day', a, b) from t", "date_diff / datediff"),
    ("select date_trunc('year', d) from t", "bare date_trunc"),
    ("select quantile_cont(x, 0.5) from t", "quantile"),
    ("select string_agg(x, ',') from t", "string_agg / listagg"),
    ("select * exclude (x) from t", "exclude"),
    ("select arg_max(a, b) from t", "arg_max / arg_min"),
    ("select list_distinct(x) from t", "list / struct functions"),
    ("select * from read_parquet('x.parquet')", "DuckDB file readers"),
])
def test_the_scan_finds_each_construct(sql, construct):
    assert construct in [name for _, name, _ in duckdb_only_constructs(sql)]


def test_the_scan_ignores_dispatch_bodies_comments_literals_and_macro_calls():
    sql = """
{% macro default__shim(x) -%} regexp_matches({{ x }}, 'a') or x::integer > 0 {%- endmacro %}
{% macro spark__shim(x) -%} ({{ x }} rlike 'a') {%- endmacro %}
{# a note about qualify and x::int #}
-- date_diff('day', a, b) is DuckDB's
select {{ dbt.datediff('a', 'b', 'day') }}, {{ rsw_regexp_like('x', "'^[0-9]+::'") }},
       'text with :: and qualify' as s
from t
"""
    assert duckdb_only_constructs(sql) == []
