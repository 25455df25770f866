{#
  Cross-database shims: the same models build on DuckDB (default) and on Apache Spark (dbt-spark).

  Write models with dbt's cross-database macros (dbt.dateadd, dbt.datediff, dbt.date_trunc, dbt.concat,
  dbt.listagg, dbt.hash, dbt.type_string, ...) and, where DuckDB and Spark SQL differ and dbt has no macro,
  with the rsw_* macros below. Each dispatches on the adapter: default__ is DuckDB, spark__ is Spark.

  Portable as written (the models or tests/assert_cross_db_shims.sql run them on both engines): cast(x as type)
  with string, integer, bigint, double, boolean, date, timestamp; extract(year|month|day from d);
  make_date(y, m, d); lpad; chr; trim; replace; length; levenshtein; md5; like; round;
  percentile_cont(p) within group (order by x); bool_or; bool_and; greatest/least; ceiling/floor;
  row_number/rank/lag/sum/max/count over windows; `||`.
  NOT portable: `::` casts, qualify, `varchar` as a type (Spark needs a length: use dbt.type_string() or
  `string`, which DuckDB also accepts), regexp_matches / a bare regexp_replace (first match only in DuckDB,
  every match in Spark), date - date (an integer in DuckDB, an interval in Spark), list/struct functions,
  strftime/strptime, `exclude`, if()/iif, and a bare `a / b` that can meet b = 0 (inf or NaN in DuckDB 2,
  null in Spark): write `a / nullif(b, 0)`.
  tests/assert_cross_db_shims.sql checks the shims on every build (DuckDB) and in the Spark equivalence test.
#}


{# ---------------------------------------------------------------------------------------------------------
   Raw tables on Spark. The extractors write DuckDB raw.*; sources/parquet_export.py copies each table to
   <RSW_PARQUET_RAW_DIR>/raw.<table>.parquet (not <table>.parquet: Spark ignores files named _* or .*) and
   lists them in <RSW_PARQUET_RAW_DIR>/export_manifest.parquet. This on-run-start hook (dbt_project.yml)
   creates the `raw` database and one view per exported table over its file, so the sources ymls and every
   {{ source() }} stay as they are, and Spark sees the raw tables DuckDB has: a source that was never
   extracted is missing on both, and fails only the models that read it.
   Views, not external tables: a view re-lists its file at query time (a re-export needs no REFRESH TABLE),
   `create or replace view` is idempotent for every file format (a plain parquet table cannot be replaced),
   and nothing is copied. With method: session all models run in the one SparkSession of the dbt process;
   on a cluster (thrift/http) the views live in the metastore, so every session sees them (the directory
   must then be one the cluster can read, e.g. s3a://, abfss://, hdfs://).
   On DuckDB the hook does nothing: raw.* is in the warehouse file.
   --------------------------------------------------------------------------------------------------------- #}
{% macro register_raw_parquet() -%}
    {{ return(adapter.dispatch('register_raw_parquet')()) }}
{%- endmacro %}

{% macro default__register_raw_parquet() -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__register_raw_parquet() -%}
    {%- if execute -%}
        {%- set parquet_dir = env_var('RSW_PARQUET_RAW_DIR').rstrip('/') | replace('`', '``') -%}
        {%- set manifest = run_query('select table_name, file_name from parquet.`' ~ parquet_dir
                                     ~ '/export_manifest.parquet` order by table_name') -%}
        {%- do run_query('create database if not exists raw') -%}
        {%- set exported = manifest.columns[0].values() | list -%}
        {%- for view in run_query('show views in raw').rows -%}
            {%- if not view[2] and view[1] not in exported -%}
                {%- do run_query('drop view if exists raw.`' ~ view[1] ~ '`') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for row in manifest.rows -%}
            {%- do run_query('create or replace view raw.`' ~ row[0] ~ '` as select * from parquet.`'
                             ~ parquet_dir ~ '/' ~ row[1] ~ '`') -%}
        {%- endfor -%}
        {%- do log('Spark: ' ~ manifest.rows | length ~ ' raw views over the Parquet export in ' ~ parquet_dir,
                   info=true) -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}


{# ---------------------------------------------------------------------------------------------------------
   Overrides of dbt-spark's implementations of dbt's own cross-database macros (dbt_project.yml `dispatch`
   searches this project first for the `dbt` namespace).
   --------------------------------------------------------------------------------------------------------- #}

{# Seeds on Spark. dbt-spark's `method: session` pastes each value into the SQL as '<value>' without escaping:
   a quote in a seed (ombudsman's) breaks the insert, and an empty cell becomes the text 'None' instead of
   null. Here every value is written as a proper Spark literal (backslash escapes; null; true/false;
   numbers and dates as such), with no bindings. #}
{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set batch_size = get_batch_size() -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ rsw_spark_literal(value) }} as {{ types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}){%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{%- endmacro %}

{% macro rsw_spark_literal(value) -%}
    {%- if value is none -%}null
    {%- elif value is sameas true -%}true
    {%- elif value is sameas false -%}false
    {%- elif value is number -%}{{ value }}
    {%- elif value.isoformat is defined -%}'{{ value.isoformat() }}'
    {%- else -%}'{{ value | string | replace('\\', '\\\\') | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}

{# dbt-spark ignores the order by (collect_list order is not defined); Spark 4 has listagg ... within group. #}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        {{ exceptions.raise_compiler_error('listagg with limit_num is not supported by the spark shim') }}
    {%- endif -%}
    listagg({{ measure }}, {{ delimiter_text }})
    {%- if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endmacro %}

{# dbt-spark's dateadd goes through unix seconds in the session time zone (a DST day is 23 or 25 hours) and
   cannot return TIMESTAMP_NTZ; timestampadd keeps the calendar arithmetic and the type, like DuckDB's
   `d + interval`. #}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    timestampadd({{ datepart }}, cast({{ interval }} as bigint), cast({{ from_date_or_timestamp }} as timestamp))
{%- endmacro %}


{# ---------------------------------------------------------------------------------------------------------
   Project shims where DuckDB and Spark SQL differ.
   --------------------------------------------------------------------------------------------------------- #}

{# true when `string` matches the regular expression `pattern` anywhere (RE2 / Java regex: keep to the
   common subset: classes, alternation, anchors, quantifiers). #}
{% macro rsw_regexp_like(string, pattern) -%}
    {{ return(adapter.dispatch('rsw_regexp_like')(string, pattern)) }}
{%- endmacro %}
{% macro default__rsw_regexp_like(string, pattern) -%}
    regexp_matches({{ string }}, {{ pattern }})
{%- endmacro %}
{% macro spark__rsw_regexp_like(string, pattern) -%}
    ({{ string }} rlike {{ pattern }})
{%- endmacro %}

{# every match replaced (DuckDB's regexp_replace replaces the first match unless given 'g') #}
{% macro rsw_regexp_replace_all(string, pattern, replacement) -%}
    {{ return(adapter.dispatch('rsw_regexp_replace_all')(string, pattern, replacement)) }}
{%- endmacro %}
{% macro default__rsw_regexp_replace_all(string, pattern, replacement) -%}
    regexp_replace({{ string }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}
{% macro spark__rsw_regexp_replace_all(string, pattern, replacement) -%}
    regexp_replace({{ string }}, {{ pattern }}, {{ replacement }})
{%- endmacro %}

{# the first match of capture group `group` (0 = whole match), null when there is no match (DuckDB returns
   '' and Spark '' too: both are made null here so that the result does not depend on the engine) #}
{% macro rsw_regexp_extract(string, pattern, group=0) -%}
    nullif(regexp_extract({{ string }}, {{ pattern }}, {{ group }}), '')
{%- endmacro %}

{# continuous percentile (linear interpolation), as an aggregate: p in 0..1 #}
{% macro rsw_percentile_cont(expression, p) -%}
    {{ return(adapter.dispatch('rsw_percentile_cont')(expression, p)) }}
{%- endmacro %}
{% macro default__rsw_percentile_cont(expression, p) -%}
    quantile_cont({{ expression }}, {{ p }})
{%- endmacro %}
{% macro spark__rsw_percentile_cont(expression, p) -%}
    percentile(cast({{ expression }} as double), {{ p }})
{%- endmacro %}

{% macro rsw_median(expression) -%}
    {{ rsw_percentile_cont(expression, 0.5) }}
{%- endmacro %}

{# a date from integer year, month, day #}
{% macro rsw_make_date(year, month, day) -%}
    make_date(cast({{ year }} as integer), cast({{ month }} as integer), cast({{ day }} as integer))
{%- endmacro %}

{# whole days from `start` to `end` (dates), null when either is null #}
{% macro rsw_days_between(start, end) -%}
    {{ return(adapter.dispatch('rsw_days_between')(start, end)) }}
{%- endmacro %}
{% macro default__rsw_days_between(start, end) -%}
    date_diff('day', cast({{ start }} as date), cast({{ end }} as date))
{%- endmacro %}
{% macro spark__rsw_days_between(start, end) -%}
    datediff(cast({{ end }} as date), cast({{ start }} as date))
{%- endmacro %}

{# position (1-based) of `needle` in `haystack`, 0 when absent #}
{% macro rsw_strpos(haystack, needle) -%}
    {{ return(adapter.dispatch('rsw_strpos')(haystack, needle)) }}
{%- endmacro %}
{% macro default__rsw_strpos(haystack, needle) -%}
    strpos({{ haystack }}, {{ needle }})
{%- endmacro %}
{% macro spark__rsw_strpos(haystack, needle) -%}
    instr({{ haystack }}, {{ needle }})
{%- endmacro %}

{# true when any / every value of the group is true (nulls ignored) #}
{% macro rsw_bool_or(expression) -%}
    bool_or({{ expression }})
{%- endmacro %}
{% macro rsw_bool_and(expression) -%}
    bool_and({{ expression }})
{%- endmacro %}
