"""sqlfluff's stand-in for dbt's `exceptions` (make lint-sql)."""


def raise_compiler_error(message):
    raise RuntimeError(message)
