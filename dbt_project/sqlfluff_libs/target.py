"""sqlfluff's stand-in for dbt's `target` (make lint-sql lints as the duckdb target renders)."""
type = "duckdb"  # noqa: A001 - dbt's name
name = "duckdb"
schema = "main"
