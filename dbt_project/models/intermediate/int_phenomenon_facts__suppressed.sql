{#
  Disclosure control for the phenomenon marts.
  Primary: a numerator of 1..threshold-1 hides the row's value, numerator and denominator.
  Complementary, in two partitions whose cells add up to a published total:
    - male + female = total, per indicator × region × period × age group;
    - municipalities of one county, per indicator × period × gender × age group.
  The two passes are not iterated to a fixed point; see README, "Disclosure control".
#}
with facts as (
    select
        *,
        case when gender = 'total' then 'total' else 'split' end as _gender_part,
        case when region_level = 'municipality' then parent_region_code else region_code end as _area_part
    from {{ ref('int_phenomenon_facts__unioned') }}
),

flagged as (
    select
        *,
        {{ suppression_status('numerator', ['indicator_code', 'region_code', 'period_label', 'age_group', '_gender_part']) }}
            as _by_gender,
        case when region_level = 'municipality' then
            {{ suppression_status('numerator', ['indicator_code', 'period_label', 'gender', 'age_group', '_area_part', 'region_level']) }}
        end as _by_area
    from facts
),

statused as (
    select *, coalesce(_by_gender, _by_area) as suppression_reason from flagged
)

select
    phenomenon, indicator_code, indicator_name_fi, indicator_name_en, source_class, source_system, unit,
    higher_is_worse, region_level, region_code, region_name_fi, period_type, period_start, period_end,
    period_label, gender, age_group,
    {{ suppress_value('value') }} as value,
    {{ suppress_value('numerator') }} as numerator,
    {{ suppress_value('denominator') }} as denominator,
    suppression_reason is not null as is_suppressed,
    suppression_reason,
    source_updated_at, loaded_at
from statused
