{# The complaint_cases mart's SQL at a grain ('half_year' or 'year'): models complaint_cases and
   complaint_cases_yearly. #}
{% macro complaint_cases_mart(grain) %}
with cases as (
    select * from {{ ref('int_complaints__enriched') }}
),

cells as (
    select
        {{ knowledge_period_columns(grain) }},
        case_type,
        service_area_code,
        max(service_area_name_fi) as service_area_name_fi,
        category,
        phenomenon_group as phenomenon,
        max(as_of_date) as as_of_date,
        count(*) as case_count,
        sum(case when is_decided then 1 else 0 end) as decided_count,
        sum(case when is_decided then 0 else 1 end) as open_count,
        percentile_cont(0.5) within group (order by handling_days) as median_handling_days,
        percentile_cont(0.9) within group (order by handling_days) as p90_handling_days,
        avg(handling_days) as mean_handling_days,
        sum(case when is_overdue then 1 else 0 end) as overdue_count,
        sum(case when is_event_over_2y then 1 else 0 end) as event_over_2y_count
    from cases
    group by {{ knowledge_period_group(grain) }}, case_type, service_area_code, category,
             phenomenon_group
)

select
    period_type,
    period_label,
    period_start,
    period_end,
    case_type,
    case case_type
        when 'muistutus' then 'Muistutus'
        when 'kantelu' then 'Kantelu'
        when 'kantelu_muistutuksena' then 'Muistutuksena käsiteltävä kantelu'
        when 'epakohtailmoitus' then 'Epäkohtailmoitus'
    end as case_type_name_fi,
    service_area_code,
    service_area_name_fi,
    category,
    case category
        when 'kohtelu' then 'Kohtelu'
        when 'viivastys' then 'Päätöksen viivästyminen'
        when 'saatavuus' then 'Palvelun saatavuus'
        when 'tiedonsaanti' then 'Tiedonsaanti'
        when 'tietosuoja' then 'Tietosuoja'
        when 'turvallisuus' then 'Turvallisuus'
        when 'palvelun_laatu' then 'Palvelun laatu'
        when 'maksut' then 'Asiakasmaksut'
        when 'muu' then 'Muu'
    end as category_name_fi,
    phenomenon,
    cast(case_count as bigint) as case_count,
    cast(decided_count as bigint) as decided_count,
    cast(open_count as bigint) as open_count,
    cast(median_handling_days as double) as median_handling_days,
    cast(p90_handling_days as double) as p90_handling_days,
    cast(mean_handling_days as double) as mean_handling_days,
    cast(case when case_type in ('muistutus', 'kantelu_muistutuksena') then overdue_count end as bigint) as overdue_count,
    cast(case when case_type in ('kantelu', 'kantelu_muistutuksena') then event_over_2y_count end as bigint)
        as event_over_2y_count,
    as_of_date,
    {{ unprotected_columns() }}
from cells
{% endmacro %}
