{#
  Disclosure control for the phenomenon marts.
  Primary: a numerator of 1..threshold-1 hides the row's value, numerator and denominator.
  Complementary, across cells that add up to a published total (the total is in the partition too, so when
  no other cell can hide a lone hidden cell, the total is hidden):
    - male + female = total, per indicator × region × period × age group;
    - the municipalities of a county and the county, per indicator × period × gender × age group.
  Hiding a cell in one direction can leave a lone hidden cell in the other, so the two partitions are
  applied in alternating rounds (gender, area, gender, area); the integration test proves no lone hidden
  cell remains next to a published total.
#}
{%- set t = var('suppression_threshold') | int -%}
{%- set by_gender = ['indicator_code', 'region_code', 'period_label', 'age_group'] -%}
{%- set by_area = ['indicator_code', 'period_label', 'gender', 'age_group', '_area_part'] -%}

with facts as (
    select
        *,
        case
            when region_level = 'municipality' then parent_region_code
            when region_level = 'wellbeing_county' then region_code
            else 'country'
        end as _area_part,
        (numerator >= 1 and numerator < {{ t }}) as _primary
    from {{ ref('int_phenomenon_facts__unioned') }}
),

{%- set rounds = [by_gender, by_area, by_gender, by_area] %}
{%- for partition in rounds %}
round_{{ loop.index }} as (
    select
        *,
        coalesce({{ '_primary' if loop.first else '_hidden_' ~ (loop.index - 1) }}, false)
        or coalesce({{ needs_complement(
                'coalesce(' ~ ('_primary' if loop.first else '_hidden_' ~ (loop.index - 1)) ~ ', false)',
                'numerator', partition) }}, false) as _hidden_{{ loop.index }}
    from {{ 'facts' if loop.first else 'round_' ~ (loop.index - 1) }}
),
{%- endfor %}

statused as (
    select
        *,
        case
            when coalesce(_primary, false) then 'primary'
            when _hidden_{{ rounds | length }} then 'complementary'
        end as suppression_reason
    from round_{{ rounds | length }}
)

select
    phenomenon, indicator_code, indicator_name_fi, indicator_name_en, source_class, source_system,
    source_organisation, source_indicator_id, indicator_definition, unit,
    higher_is_worse, region_level, region_code, region_name_fi, period_type, period_start, period_end,
    period_label, gender, age_group,
    {{ suppress_value('value') }} as value,
    {{ suppress_value('numerator') }} as numerator,
    {{ suppress_value('denominator') }} as denominator,
    suppression_reason is not null as is_suppressed,
    suppression_reason,
    source_updated_at, loaded_at
from statused
