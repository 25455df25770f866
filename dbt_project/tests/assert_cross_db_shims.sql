{#
  The cross-database shims (macros/cross_db.sql) and the dbt macros the models rely on give the same answers on
  every engine: one row per check that fails. Runs in every DuckDB build and in the Spark equivalence test.
#}
with numbers as (
    select 1 as x, 'b' as s, true as flag union all
    select 2, 'a', false union all
    select 4, 'c', true union all
    select 10, 'd', true
),

aggregates as (
    select
        {{ rsw_median('x') }} as median_x,
        {{ rsw_percentile_cont('x', 0.9) }} as p90_x,
        {{ dbt.listagg('s', "', '", 'order by s') }} as listed,
        {{ rsw_bool_or('flag') }} as any_flag,
        {{ rsw_bool_and('flag') }} as all_flags
    from numbers
),

checks as (
    select 'regexp_like true' as check_name,
           case when {{ rsw_regexp_like("'abc-123'", "'[0-9]+$'") }} then 'true' else 'false' end as got,
           'true' as expected
    union all
    select 'regexp_like false',
           case when {{ rsw_regexp_like("'abc'", "'^[0-9]'") }} then 'true' else 'false' end, 'false'
    union all
    select 'regexp_replace_all', {{ rsw_regexp_replace_all("'a1b22c333'", "'[0-9]+'", "'#'") }}, 'a#b#c#'
    union all
    select 'regexp_extract group', {{ rsw_regexp_extract("'id: AB-12'", "'([A-Z]+)-([0-9]+)'", 2) }}, '12'
    union all
    select 'regexp_extract no match', coalesce({{ rsw_regexp_extract("'none'", "'[0-9]+'") }}, 'NULL'), 'NULL'
    union all
    select 'make_date leap day', cast({{ rsw_make_date(2024, 2, 29) }} as {{ dbt.type_string() }}), '2024-02-29'
    union all
    select 'days_between', cast({{ rsw_days_between("date '2024-12-31'", "date '2025-03-01'") }} as {{ dbt.type_string() }}), '60'
    union all
    select 'days_between null', coalesce(cast({{ rsw_days_between("cast(null as date)", "date '2025-03-01'") }} as {{ dbt.type_string() }}), 'NULL'), 'NULL'
    union all
    select 'strpos found', cast({{ rsw_strpos("'abcabc'", "'ca'") }} as {{ dbt.type_string() }}), '3'
    union all
    select 'strpos absent', cast({{ rsw_strpos("'abc'", "'x'") }} as {{ dbt.type_string() }}), '0'
    union all
    select 'dateadd month end', cast(cast({{ dbt.dateadd('month', 1, "date '2024-01-31'") }} as date) as {{ dbt.type_string() }}), '2024-02-29'
    union all
    select 'dateadd day back', cast(cast({{ dbt.dateadd('day', -1, "date '2025-03-01'") }} as date) as {{ dbt.type_string() }}), '2025-02-28'
    union all
    select 'dateadd null', coalesce(cast(cast({{ dbt.dateadd('day', 1, "cast(null as date)") }} as date) as {{ dbt.type_string() }}), 'NULL'), 'NULL'
    union all
    select 'datediff day', cast({{ dbt.datediff("date '2025-01-01'", "date '2025-12-31'", 'day') }} as {{ dbt.type_string() }}), '364'
    union all
    select 'date_trunc year', cast(cast({{ dbt.date_trunc('year', "date '2025-08-14'") }} as date) as {{ dbt.type_string() }}), '2025-01-01'
    union all
    select 'hash', {{ dbt.hash("'abc'") }}, '900150983cd24fb0d6963f7d28e17f72'
    union all
    select 'concat', {{ dbt.concat(["'a'", "cast(1 as " ~ dbt.type_string() ~ ")", "'b'"]) }}, 'a1b'
    union all
    select 'boolean cast to string', cast(true as {{ dbt.type_string() }}), 'true'
    union all
    select 'integer division is exact', cast(cast(7 / 2 as double) as {{ dbt.type_string() }}), '3.5'
    union all
    select 'division by nullif zero is null', coalesce(cast(1 / nullif(0, 0) as {{ dbt.type_string() }}), 'NULL'), 'NULL'
    union all
    select 'round half away from zero', cast(cast(round(2.5) as integer) as {{ dbt.type_string() }}), '3'
    union all
    select 'median', case when abs(median_x - 3.0) < 1e-9 then 'ok' else cast(median_x as {{ dbt.type_string() }}) end, 'ok'
    from aggregates
    union all
    select 'percentile_cont 0.9', case when abs(p90_x - 8.2) < 1e-9 then 'ok' else cast(p90_x as {{ dbt.type_string() }}) end, 'ok'
    from aggregates
    union all
    select 'listagg ordered', listed, 'a, b, c, d' from aggregates
    union all
    select 'bool_or', case when any_flag then 'true' else 'false' end, 'true' from aggregates
    union all
    select 'bool_and', case when all_flags then 'true' else 'false' end, 'false' from aggregates
)

select check_name, got, expected
from checks
where got is null or got <> expected
