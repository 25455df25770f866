{#
  knowledge_period(grain, label, start): the period columns of a knowledge mart at its grain, built from the
  half-year columns of its input (`label` like '2025H1', `start` its first day):
    grain 'half_year'  the half-year as it is;
    grain 'year'       the calendar year: '2025', 1 January – 31 December.
  A yearly mart (<mart>_yearly) is built from the same rows as its half-yearly twin, grouped by the year: never
  summed from published halves, and protected at its own grain by the publish layer.
  knowledge_period_columns(...) gives "<expr> as period_type, ..., <expr> as period_end" for a select list;
  knowledge_period_group(...) the same expressions for a group by.
#}
{% macro knowledge_period_exprs(grain, label='period_label', start='period_start') -%}
    {%- if grain == 'half_year' -%}
        {%- set year_start = none -%}
        {{ return({
            'period_type': "'half_year'",
            'period_label': label,
            'period_start': "cast(" ~ start ~ " as date)",
            'period_end': "cast(" ~ dbt.dateadd('day', -1, dbt.dateadd('month', 6, start)) ~ " as date)",
        }) }}
    {%- elif grain == 'year' -%}
        {%- set year_start = "cast(" ~ dbt.date_trunc('year', start) ~ " as date)" -%}
        {{ return({
            'period_type': "'year'",
            'period_label': "substring(" ~ label ~ ", 1, 4)",
            'period_start': year_start,
            'period_end': "cast(" ~ dbt.dateadd('day', -1, dbt.dateadd('year', 1, year_start)) ~ " as date)",
        }) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("knowledge_period: grain must be half_year or year, not " ~ grain) }}
    {%- endif -%}
{%- endmacro %}

{% macro knowledge_period_columns(grain, label='period_label', start='period_start') -%}
    {%- set e = knowledge_period_exprs(grain, label, start) -%}
    {{ e.period_type }} as period_type,
    {{ e.period_label }} as period_label,
    {{ e.period_start }} as period_start,
    {{ e.period_end }} as period_end
{%- endmacro %}

{% macro knowledge_period_group(grain, label='period_label', start='period_start') -%}
    {%- set e = knowledge_period_exprs(grain, label, start) -%}
    {{ e.period_label }}, {{ e.period_start }}, {{ e.period_end }}
{%- endmacro %}
