{#
  The professional-signal models (int_<source>__reshaped_to_signals): a count per period × service area ('all' =
  every area) × breakdown value. Their `areas` CTE repeats each row under 'all', their `breakdowns` CTE counts the
  rows per breakdown, and they select the counts with area_count_columns (inside count_signals_select where the
  area names are seed service_areas').
#}

{#- The rows of `relation` once in their own service area (the column `area`) and once in 'all', as
    service_area_code followed by `columns` (a list): the body of an `areas` CTE. -#}
{% macro own_and_all_areas(relation, area, columns) -%}
    select {{ area }} as service_area_code, {{ columns | join(', ') }} from {{ relation }}
    union all
    select 'all', {{ columns | join(', ') }} from {{ relation }}
{%- endmacro %}

{#- The breakdown rows of an `areas` CTE: per `keys` (a list, e.g. ['period_start', 'period_label']) ×
    service_area_code, the aggregates `measures` (select expressions with aliases; default a row count as n)
    of the 'total' breakdown (breakdown_value 'all', left out when total=false) and of each value of every
    column in `breakdowns` (a list; the column's name is the breakdown's). `indicator_code`, when given, is
    the rows' first column. Selects joined by union all, no trailing keyword. -#}
{% macro area_breakdowns(relation, keys, breakdowns=[], measures='count(*) as n', indicator_code=none, total=true) -%}
    {%- set group_by = (keys + ['service_area_code']) | join(', ') -%}
    {%- set columns = (['total'] if total else []) + breakdowns -%}
    {%- for column in columns %}
    select
        {% if indicator_code %}'{{ indicator_code }}' as indicator_code, {% endif -%}
        {{ group_by }},
        '{{ column }}' as breakdown,
        {{ "'all'" if column == 'total' else column }} as breakdown_value,
        {{ measures }}
    from {{ relation }}
    group by {{ group_by }}{% if column != 'total' %}, {{ column }}{% endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- A breakdown row `b` (service_area_code, breakdown, breakdown_value, n) as a count: its service area with the name
    `area_name_fi` (an expression), its breakdown, value = numerator = n, no denominator. In a select list, without
    its trailing comma. -#}
{% macro area_count_columns(area_name_fi) -%}
    b.service_area_code,
    {{ area_name_fi }} as service_area_name_fi,
    b.breakdown,
    b.breakdown_value,
    cast(b.n as double) as value,
    cast(b.n as double) as numerator,
    cast(null as double) as denominator
{%- endmacro %}

{#- The select of a count-only signal model (HaiPro, supervision findings and status, SHQS): every row `b` of its
    CTE breakdowns (indicator_code, period keys, service_area_code, breakdown, breakdown_value, n) as a count (value
    = numerator = n, no denominator), named by `indicator_names` (indicator_code: Finnish name), with
    `period_columns` (period_type, period_start, period_end, period_label from b's keys), its service area's name
    (seed service_areas; the 'all' row is every area) and the loaded_at of the model's CTE lineage. -#}
{% macro count_signals_select(source_system, indicator_names,
                              period_columns='b.period_type, b.period_start, b.period_end, b.period_label') -%}
select
    '{{ source_system }}' as source_system,
    b.indicator_code,
    case b.indicator_code
        {%- for code, name in indicator_names.items() %}
        when '{{ code }}' then '{{ name }}'
        {%- endfor %}
    end as indicator_name_fi,
    'count' as unit,
    {{ period_columns }},
    {{ area_count_columns("coalesce(sa.service_area_name_fi, 'Kaikki palvelualueet')") }},
    cast(li.loaded_at as timestamp) as loaded_at
from breakdowns as b
cross join lineage as li
left join {{ ref('service_areas') }} as sa on sa.service_area_code = b.service_area_code
{%- endmacro %}
