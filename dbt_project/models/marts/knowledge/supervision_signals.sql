{#
  Supervision signals for the twice-yearly report: complaints and supervision cases (muistutus, kantelu,
  kantelu transferred back by AVI/Valvira, epäkohtailmoitus) counted by half-year of receipt x case type x
  service area x category x phenomenon group, with handling times and deadline breaches. Every case is counted
  once (phenomenon is the case's SHL §11 need's phenomenon group), so counts add up over any dimension.

  Disclosure control (threshold = var suppression_threshold):
    case_count               primary when 1..threshold-1; complementary: the smallest other non-zero cell of the
                             same half-year x phenomenon group (these cells add up to the complaints_cases_<phenomenon> count
                             the phenomenon marts publish for the county)
    decided_count/open_count hidden when the cell is suppressed, or either is 1..threshold-1 (they add up to
                             case_count, so one would give the other away)
    overdue_count, event_over_2y_count
                             hidden when the cell is suppressed or the count is 1..threshold-1; null also where the
                             rule does not apply to the case type
    handling-time statistics hidden when the cell is suppressed or fewer than threshold cases are decided
#}
{% set t = var('suppression_threshold') | int %}

with cases as (
    select * from {{ ref('int_complaints__cases') }}
),

cells as (
    select
        period_type,
        period_label,
        period_start,
        period_end,
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
    group by period_type, period_label, period_start, period_end, case_type, service_area_code, category,
             phenomenon_group
),

flagged as (
    select
        *,
        {{ suppression_status('case_count', ['period_label', 'phenomenon']) }} as suppression_reason
    from cells
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
    cast({{ suppress_value('case_count') }} as bigint) as case_count,
    cast(case
        when suppression_reason is not null then null
        when (decided_count >= 1 and decided_count < {{ t }}) or (open_count >= 1 and open_count < {{ t }}) then null
        else decided_count
    end as bigint) as decided_count,
    cast(case
        when suppression_reason is not null then null
        when (decided_count >= 1 and decided_count < {{ t }}) or (open_count >= 1 and open_count < {{ t }}) then null
        else open_count
    end as bigint) as open_count,
    cast(case when suppression_reason is null and decided_count >= {{ t }} then median_handling_days end as double)
        as median_handling_days,
    cast(case when suppression_reason is null and decided_count >= {{ t }} then p90_handling_days end as double)
        as p90_handling_days,
    cast(case when suppression_reason is null and decided_count >= {{ t }} then mean_handling_days end as double)
        as mean_handling_days,
    cast(case
        when case_type not in ('muistutus', 'kantelu_muistutuksena') then null
        when suppression_reason is not null then null
        when overdue_count >= 1 and overdue_count < {{ t }} then null
        else overdue_count
    end as bigint) as overdue_count,
    cast(case
        when case_type not in ('kantelu', 'kantelu_muistutuksena') then null
        when suppression_reason is not null then null
        when event_over_2y_count >= 1 and event_over_2y_count < {{ t }} then null
        else event_over_2y_count
    end as bigint) as event_over_2y_count,
    as_of_date,
    suppression_reason is not null as is_suppressed,
    suppression_reason
from flagged
