{#
  The reporting periods of a date, in one spelling: the calendar year ('2025', 1.1.–31.12.) and the half-year
  ('2025H1' = January–June, '2025H2' = July–December). Portable: dbt's cross-database concat, and type_string
  (DuckDB and Spark).
#}

{% macro year_label(date_expr) -%}
    cast(extract(year from {{ date_expr }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro half_year_label(date_expr) -%}
    {{ dbt.concat([year_label(date_expr), "case when extract(month from " ~ date_expr ~ ") <= 6 then 'H1' else 'H2' end"]) }}
{%- endmacro %}

{% macro half_year_start(date_expr) -%}
    cast({{ dbt.concat([year_label(date_expr), "case when extract(month from " ~ date_expr ~ ") <= 6 then '-01-01' else '-07-01' end"]) }} as date)
{%- endmacro %}

{% macro half_year_end(date_expr) -%}
    cast({{ dbt.concat([year_label(date_expr), "case when extract(month from " ~ date_expr ~ ") <= 6 then '-06-30' else '-12-31' end"]) }} as date)
{%- endmacro %}

{#- period_type, period_start, period_end and period_label of the period (grain 'year' or 'half_year') holding the
    date, as the select-list columns every period-keyed model carries. -#}
{% macro period_columns(grain, date_expr) -%}
    {%- if grain == 'half_year' -%}
    'half_year' as period_type,
    {{ half_year_start(date_expr) }} as period_start,
    {{ half_year_end(date_expr) }} as period_end,
    {{ half_year_label(date_expr) }} as period_label
    {%- elif grain == 'year' -%}
    {{ year_period_columns('extract(year from ' ~ date_expr ~ ')') }}
    {%- else -%}
    {{ exceptions.raise_compiler_error("period_columns: grain is 'year' or 'half_year', not " ~ grain) }}
    {%- endif -%}
{%- endmacro %}

{#- The same columns of the calendar year `year_expr` (an integer expression such as 'r.year'). -#}
{% macro year_period_columns(year_expr) -%}
    {%- set label = "cast(" ~ year_expr ~ " as " ~ dbt.type_string() ~ ")" -%}
    'year' as period_type,
    cast({{ dbt.concat([label, "'-01-01'"]) }} as date) as period_start,
    cast({{ dbt.concat([label, "'-12-31'"]) }} as date) as period_end,
    {{ label }} as period_label
{%- endmacro %}
