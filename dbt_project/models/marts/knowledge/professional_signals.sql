{#
  Signals from professionals beside social reporting, in one long table for dashboards: the social ombudsman's
  statistics, HaiPro incident reports, staff surveys on structural social work and the supervision status
  table. One row per indicator × period × service area × breakdown value (see the int_*__signals models for
  each indicator's counting rule).

  Disclosure control (threshold = var suppression_threshold): a numerator 1..threshold-1 hides the row's value,
  numerator and denominator (a percentage or mean built on few people is hidden with it). Complementary, in two
  partitions whose cells add up to a published row: the values of one breakdown within a service area (they
  add up to its 'total' row), then the service areas of one breakdown value (they add up to 'all'); the
  second pass treats cells the first one hid as hidden. One round, not iterated to a fixed point.
#}
{% set t = var('suppression_threshold') | int %}

with signals as (
    select * from {{ ref('int_ombudsman__signals') }}
    union all
    select * from {{ ref('int_haipro__signals') }}
    union all
    select * from {{ ref('int_staff_survey__signals') }}
    union all
    select * from {{ ref('int_supervision_status__signals') }}
),

by_breakdown as (
    select
        *,
        case when breakdown <> 'total' then
            {{ suppression_status('numerator', ['indicator_code', 'period_label', 'service_area_code', 'breakdown']) }}
        end as _by_breakdown
    from signals
),

by_area as (
    select
        *,
        case when service_area_code <> 'all' then
            {{ suppression_status('(case when _by_breakdown is not null then 1 else numerator end)',
                                  ['indicator_code', 'period_label', 'breakdown', 'breakdown_value',
                                   "case when service_area_code = 'all' then 1 else 0 end"]) }}
        end as _by_area
    from by_breakdown
),

statused as (
    select
        *,
        case
            when numerator >= 1 and numerator < {{ t }} then 'primary'
            else coalesce(_by_breakdown, _by_area)
        end as suppression_reason
    from by_area
)

select
    source_system,
    indicator_code,
    indicator_name_fi,
    unit,
    period_type,
    cast(period_start as date) as period_start,
    cast(period_end as date) as period_end,
    period_label,
    service_area_code,
    service_area_name_fi,
    breakdown,
    breakdown_value,
    cast({{ suppress_value('value') }} as double) as value,
    cast({{ suppress_value('numerator') }} as double) as numerator,
    cast({{ suppress_value('denominator') }} as double) as denominator,
    suppression_reason is not null as is_suppressed,
    suppression_reason,
    cast(loaded_at as timestamp) as loaded_at
from statused
