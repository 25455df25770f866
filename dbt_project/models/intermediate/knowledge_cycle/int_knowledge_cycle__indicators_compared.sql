{#
  Before and after: every indicator a handling follows, with the county's value before the meeting and the
  latest value after it, and the country's values for the same periods.

  Method (documented in measures_follow_up's yml; deliberately simple):
    baseline  the latest period of the indicator that ENDED BEFORE the meeting date (the situation the body
              decided on);
    followup  the latest period that ends after the meeting date (it may begin before the meeting: a yearly
              figure of the meeting's year partly precedes the measure).
  The values are the compared county's, total gender, all ages, as phenomenon_indicators publishes them; the country's
  values where the indicator has them (open statistics). A listed code no mart knows gives no row here
  (measures_follow_up keeps the handling, with null indicator columns).
#}
{% set county = var('compared_county') %}

with handlings as (
    select handling_id, indicator_codes, meeting_date
    from {{ ref('int_knowledge_cycle__handlings_linked') }}
    where indicator_codes is not null
),

series as (
    select indicator_code, region_code, indicator_name_fi, direction, period_type, period_label, period_start,
           period_end, value
    from {{ ref('int_phenomenon_facts__finalised') }}
    where region_code in ('{{ county }}', 'SSS') and gender = 'total' and age_group = 'all'
),

county as (
    select * from series where region_code = '{{ county }}'
),

codes as (
    select indicator_code, max(indicator_name_fi) as indicator_name_fi, max(direction) as direction
    from county
    group by indicator_code
),

followed as (
    select h.handling_id, h.meeting_date, c.indicator_code, c.indicator_name_fi, c.direction
    from handlings as h
    inner join codes as c
        on {{ dbt.concat(["';'", 'h.indicator_codes', "';'"]) }} like {{ dbt.concat(["'%;'", 'c.indicator_code', "';%'"]) }}
),

ranked as (
    select
        f.handling_id,
        f.indicator_code,
        s.period_label,
        s.period_start,
        s.period_end,
        s.value,
        case when s.period_end < f.meeting_date then 'baseline' else 'followup' end as side,
        row_number() over (
            partition by f.handling_id, f.indicator_code,
                         case when s.period_end < f.meeting_date then 'baseline' else 'followup' end
            order by s.period_end desc, s.period_label desc
        ) as period_rank
    from followed as f
    inner join county as s on s.indicator_code = f.indicator_code
),

national as (
    select indicator_code, period_label, value from series where region_code = 'SSS'
)

select
    f.handling_id,
    f.indicator_code,
    f.indicator_name_fi,
    f.direction,
    b.period_label as baseline_period_label,
    b.period_end as baseline_period_end,
    b.value as baseline_value,
    a.period_label as followup_period_label,
    a.period_end as followup_period_end,
    a.value as followup_value,
    nb.value as national_baseline_value,
    na.value as national_followup_value
from followed as f
left join ranked as b
    on b.handling_id = f.handling_id and b.indicator_code = f.indicator_code and b.side = 'baseline'
   and b.period_rank = 1
left join ranked as a
    on a.handling_id = f.handling_id and a.indicator_code = f.indicator_code and a.side = 'followup'
   and a.period_rank = 1
left join national as nb on nb.indicator_code = f.indicator_code and nb.period_label = b.period_label
left join national as na on na.indicator_code = f.indicator_code and na.period_label = a.period_label
