"""sqlfluff's stand-in for dbt's cross-database macros (`dbt.concat`, ...): DuckDB SQL of the same shape, so that the
jinja templater renders the models as dbt would on the duckdb target. Used by make lint-sql only."""


def concat(fields):
    return "(" + " || ".join(fields) + ")"


def type_string():
    return "varchar"


def date_trunc(datepart, date):
    return f"date_trunc('{datepart}', {date})"


def dateadd(datepart, interval, from_date_or_timestamp):
    return f"({from_date_or_timestamp} + ({interval}) * interval 1 {datepart})"


def datediff(first_date, second_date, datepart):
    return f"date_diff('{datepart}', {first_date}, {second_date})"


def hash(field):  # noqa: A001 - dbt's name
    return f"md5(cast({field} as varchar))"


def listagg(measure, delimiter_text="','", order_by_clause=None, limit_num=None):
    order = f" {order_by_clause}" if order_by_clause else ""
    return f"string_agg({measure}, {delimiter_text}{order})"
