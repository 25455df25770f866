{# The social_reporting mart's SQL at a grain ('half_year' or 'year'): models social_reporting and
   social_reporting_yearly. #}
{% macro social_reporting_mart(grain) %}
{% set t = var('suppression_threshold') | int %}
with classified as (
    select * from {{ ref('int_social_reports__classified') }}
),

submissions as (
    select * from {{ ref('int_social_reports__enriched') }}
),

needs as (
    select submission_key, cast(need_code as {{ dbt.type_string() }}) as need_code, need_name_fi
    from {{ ref('int_social_reports__needs_unpivoted') }}
    union all
    select s.submission_key, 'none' as need_code, 'Ei valittua tuen tarvetta' as need_name_fi
    from submissions as s
    where not exists (
        select 1 from {{ ref('int_social_reports__needs_unpivoted') }} as n where n.submission_key = s.submission_key
    )
),

units as (
    select submission_key, phenomenon, {{ knowledge_period_columns(grain) }}, valence, service_area_code,
           service_area_name_fi, sub_region_name
    from classified
    union all
    select submission_key, 'all' as phenomenon, {{ knowledge_period_columns(grain) }}, valence, service_area_code,
           service_area_name_fi, sub_region_name
    from submissions
),

unit_needs as (
    select u.*, n.need_code, n.need_name_fi
    from units as u
    inner join needs as n on n.submission_key = u.submission_key
),

cells as (
    select 'detail' as aggregation_level, period_label, period_start, period_end, phenomenon,
           need_code, need_name_fi, valence, service_area_code, service_area_name_fi, sub_region_name,
           count(distinct submission_key) as observations
    from unit_needs
    where phenomenon <> 'all'
    group by period_label, period_start, period_end, phenomenon, need_code, need_name_fi, valence,
             service_area_code, service_area_name_fi, sub_region_name
    union all
    select 'phenomenon', period_label, period_start, period_end, phenomenon,
           'all', 'Kaikki tuen tarpeet', 'all', 'all', 'Kaikki palvelualueet', 'Kaikki alueet',
           count(distinct submission_key)
    from units
    group by period_label, period_start, period_end, phenomenon
    union all
    select 'phenomenon_valence', period_label, period_start, period_end, phenomenon,
           'all', 'Kaikki tuen tarpeet', valence, 'all', 'Kaikki palvelualueet', 'Kaikki alueet',
           count(distinct submission_key)
    from units
    group by period_label, period_start, period_end, phenomenon, valence
    union all
    select 'phenomenon_service_area', period_label, period_start, period_end, phenomenon,
           'all', 'Kaikki tuen tarpeet', 'all', service_area_code, service_area_name_fi, 'Kaikki alueet',
           count(distinct submission_key)
    from units
    group by period_label, period_start, period_end, phenomenon, service_area_code, service_area_name_fi
    union all
    select 'phenomenon_sub_region', period_label, period_start, period_end, phenomenon,
           'all', 'Kaikki tuen tarpeet', 'all', 'all', 'Kaikki palvelualueet', sub_region_name,
           count(distinct submission_key)
    from units
    group by period_label, period_start, period_end, phenomenon, sub_region_name
    union all
    select 'phenomenon_need', period_label, period_start, period_end, phenomenon,
           need_code, need_name_fi, 'all', 'all', 'Kaikki palvelualueet', 'Kaikki alueet',
           count(distinct submission_key)
    from unit_needs
    group by period_label, period_start, period_end, phenomenon, need_code, need_name_fi
),

lineage as (
    select max(as_of_date) as as_of_date, max(loaded_at) as loaded_at from submissions
)

select
    s.aggregation_level,
    '{{ grain }}' as period_type,
    cast(s.period_start as date) as period_start,
    cast(s.period_end as date) as period_end,
    s.period_label,
    s.phenomenon,
    s.need_code as shl11_need_code,
    s.need_name_fi as shl11_need_name_fi,
    s.valence,
    s.service_area_code,
    s.service_area_name_fi,
    s.sub_region_name,
    cast(s.observations as bigint) as observations,
    {{ unprotected_columns() }},
    cast({{ t }} as integer) as suppression_threshold,
    cast(l.as_of_date as date) as as_of_date,
    cast(l.loaded_at as timestamp) as loaded_at
from cells as s
cross join lineage as l
{% endmacro %}
