{#
  The zero-filled grid of an int_<source>__reshaped_to_phenomena model: every region × period × phenomenon (seed phenomena), with the
  model's counts where there are any and a true 0 where there are none, so that the grid is complete.
#}

{#- The county or counties whose codes `county_codes` (a subquery) selects and each of their municipalities, as
    region_level, region_code, region_name_fi, parent_region_code. -#}
{% macro county_regions(county_codes) -%}
    select
        'municipality' as region_level,
        m.municipality_code as region_code,
        m.municipality_name_fi as region_name_fi,
        m.wellbeing_county_code as parent_region_code
    from {{ ref('municipalities') }} as m
    where m.wellbeing_county_code in ({{ county_codes }})
    union all
    select
        'wellbeing_county' as region_level,
        r.region_code,
        r.region_name_fi,
        'SSS' as parent_region_code
    from {{ ref('regions') }} as r
    where r.region_code in ({{ county_codes }})
{%- endmacro %}

{#- regions: as county_regions gives; periods: period_type, period_start, period_end, period_label; counts: keyed by
    region_code, period_label, phenomenon, holding the `measures` (0 where a cell has no row). -#}
{% macro phenomenon_grid(regions, periods, counts, measures) -%}
    select
        ph.phenomenon,
        ph.phenomenon_fi,
        ph.phenomenon_en,
        r.region_level,
        r.region_code,
        r.region_name_fi,
        r.parent_region_code,
        pe.period_type,
        pe.period_start,
        pe.period_end,
        pe.period_label,
        {%- for measure in measures %}
        coalesce(n.{{ measure }}, 0) as {{ measure }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ regions }} as r
    cross join {{ periods }} as pe
    cross join {{ ref('phenomena') }} as ph
    left join {{ counts }} as n
        on
            n.region_code = r.region_code
            and n.period_label = pe.period_label
            and n.phenomenon = ph.phenomenon
{%- endmacro %}

{#- The grid's inputs from the model's rows `relation` as three CTEs, periods (distinct_periods), lineage
    (source_updated_at = max of `updated_at`, loaded_at) and regions (county_regions of `county_codes`): in a
    with-list, followed by a comma. -#}
{% macro phenomenon_grid_ctes(relation, updated_at, county_codes) -%}
periods as (
    {{ distinct_periods(relation) }}
),

lineage as (
    select max({{ updated_at }}) as source_updated_at, max(loaded_at) as loaded_at from {{ relation }}
),

regions as (
    {{ county_regions(county_codes) }}
)
{%- endmacro %}

{#- The periods a relation has rows in (the grid's periods). -#}
{% macro distinct_periods(relation) -%}
    select distinct period_type, period_start, period_end, period_label from {{ relation }}
{%- endmacro %}

{#- A count-only facts model's columns from a grid row `g`: its region and period, the total gender and all ages, and
    the count as value and numerator (no denominator). -#}
{% macro phenomenon_grid_count_columns(g, measure) -%}
    {{ g }}.region_level,
    {{ g }}.region_code,
    {{ g }}.region_name_fi,
    {{ g }}.parent_region_code,
    {{ g }}.period_type,
    {{ g }}.period_start,
    {{ g }}.period_end,
    {{ g }}.period_label,
    'total' as gender,
    'all' as age_group,
    cast({{ g }}.{{ measure }} as double) as value,
    cast({{ g }}.{{ measure }} as double) as numerator,
    cast(null as double) as denominator
{%- endmacro %}
