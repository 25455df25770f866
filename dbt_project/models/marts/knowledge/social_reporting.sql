{#
  Social reporting observations for the twice-yearly report to management and the annual welfare report:
  counts of distinct submissions by half-year × phenomenon × SHL §11 need × valence × service area ×
  sub-region ('detail'), plus the margins management reads ('phenomenon', 'phenomenon_valence',
  'phenomenon_service_area', 'phenomenon_sub_region', 'phenomenon_need'; 'all' in the rolled-up dimensions).
  A submission about several phenomena or needs counts once in each, so cells do not add up across phenomena
  or needs; phenomenon 'all' counts every submission once, 'other' those no rule tags.

  Disclosure control (threshold = var suppression_threshold):
    1. primary: a count 1..threshold-1 is hidden;
    2. margins: a sub-region cell of one of the four phenomena is hidden when the municipalities' counts that
       the phenomenon marts publish (social_reporting_observations_<phenomenon>) would let a reader recover a hidden
       municipal count from it (exactly one hidden municipality in the sub-region, hidden ones all ones, or the
       county's complementary municipality in it); then, per half-year × phenomenon, when exactly one cell of a
       breakdown is hidden, the smallest other non-zero cell is hidden too (the breakdown adds up to the
       published 'phenomenon' total);
    3. detail: a cell under a hidden margin is hidden; then, per margin it adds up to, when exactly one cell is
       hidden the smallest other is hidden too.
  One round of each step, not iterated to a fixed point (as in int_phenomenon_facts__suppressed).
#}
{% set t = var('suppression_threshold') | int %}
{% set phenomena4 = "('homelessness', 'mental_health', 'substance_use', 'livelihood')" %}

with classified as (
    select * from {{ ref('int_social_reports__classified') }}
),

submissions as (
    select * from {{ ref('int_social_reports__submissions') }}
),

needs as (
    select submission_key, cast(need_code as {{ dbt.type_string() }}) as need_code, need_name_fi
    from {{ ref('int_social_reports__needs') }}
    union all
    select s.submission_key, 'none' as need_code, 'Ei valittua tuen tarvetta' as need_name_fi
    from submissions as s
    where not exists (
        select 1 from {{ ref('int_social_reports__needs') }} as n where n.submission_key = s.submission_key
    )
),

units as (
    select submission_key, phenomenon, period_label, period_start, period_end, valence, service_area_code,
           service_area_name_fi, sub_region_name
    from classified
    union all
    select submission_key, 'all' as phenomenon, period_label, period_start, period_end, valence, service_area_code,
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

-- Municipal counts as int_social_reports__phenomenon_facts publishes them, and which of them the phenomenon
-- marts hide (primary, or a possible complementary pick: the smallest publishable municipality of a county
-- half-year with exactly one primary; ties all count as possible picks).
municipal as (
    select c.period_label, c.phenomenon, c.municipality_code, m.sub_region_name,
           count(distinct c.submission_key) as observations
    from classified as c
    inner join {{ ref('municipalities') }} as m on m.municipality_code = c.municipality_code
    where c.phenomenon in {{ phenomena4 }}
    group by c.period_label, c.phenomenon, c.municipality_code, m.sub_region_name
),

municipal_status as (
    select
        *,
        case when observations >= 1 and observations < {{ t }} then 1 else 0 end as is_primary,
        sum(case when observations >= 1 and observations < {{ t }} then 1 else 0 end)
            over (partition by period_label, phenomenon) as county_primaries,
        min(case when observations >= {{ t }} then observations end)
            over (partition by period_label, phenomenon) as smallest_publishable
    from municipal
),

sub_region_risk as (
    select
        period_label,
        phenomenon,
        sub_region_name,
        sum(is_primary) as hidden_primaries,
        sum(case when is_primary = 1 then observations else 0 end) as hidden_sum,
        max(case when county_primaries = 1 and observations = smallest_publishable then 1 else 0 end)
            as has_complementary
    from municipal_status
    group by period_label, phenomenon, sub_region_name
),

risky_sub_regions as (
    select period_label, phenomenon, sub_region_name
    from sub_region_risk
    where hidden_primaries = 1
       or (hidden_primaries >= 2 and hidden_sum = hidden_primaries)
       or (hidden_primaries = 0 and has_complementary = 1)
),

margins as (
    select
        c.*,
        case when r.sub_region_name is not null then 1 else 0 end as is_cross_risk
    from cells as c
    left join risky_sub_regions as r
        on c.aggregation_level = 'phenomenon_sub_region'
       and r.period_label = c.period_label and r.phenomenon = c.phenomenon
       and r.sub_region_name = c.sub_region_name
    where c.aggregation_level <> 'detail'
),

margin_flagged as (
    select
        *,
        case when is_cross_risk = 1 then 'complementary'
             else {{ suppression_status('(case when is_cross_risk = 1 then 1 else observations end)',
                                        ['aggregation_level', 'period_label', 'phenomenon']) }}
        end as suppression_reason
    from margins
),

details as (
    select
        d.*,
        case when mv.suppression_reason is not null or ms.suppression_reason is not null
                  or mr.suppression_reason is not null or mn.suppression_reason is not null
             then 1 else 0 end as is_inherited
    from cells as d
    left join margin_flagged as mv
        on mv.aggregation_level = 'phenomenon_valence' and mv.period_label = d.period_label
       and mv.phenomenon = d.phenomenon and mv.valence = d.valence
    left join margin_flagged as ms
        on ms.aggregation_level = 'phenomenon_service_area' and ms.period_label = d.period_label
       and ms.phenomenon = d.phenomenon and ms.service_area_code = d.service_area_code
    left join margin_flagged as mr
        on mr.aggregation_level = 'phenomenon_sub_region' and mr.period_label = d.period_label
       and mr.phenomenon = d.phenomenon and mr.sub_region_name = d.sub_region_name
    left join margin_flagged as mn
        on mn.aggregation_level = 'phenomenon_need' and mn.period_label = d.period_label
       and mn.phenomenon = d.phenomenon and mn.need_code = d.need_code
    where d.aggregation_level = 'detail'
),

{% set hidden_count = '(case when is_inherited = 1 then 1 else observations end)' %}
detail_flagged as (
    select
        *,
        case
            when observations >= 1 and observations < {{ t }} then 'primary'
            when is_inherited = 1 then 'complementary'
            else coalesce(
                {{ suppression_status(hidden_count, ['period_label', 'phenomenon', 'valence']) }},
                {{ suppression_status(hidden_count, ['period_label', 'phenomenon', 'service_area_code']) }},
                {{ suppression_status(hidden_count, ['period_label', 'phenomenon', 'sub_region_name']) }},
                {{ suppression_status(hidden_count, ['period_label', 'phenomenon', 'need_code']) }}
            )
        end as suppression_reason
    from details
),

lineage as (
    select max(as_of_date) as as_of_date, max(loaded_at) as loaded_at from submissions
),

statused as (
    select aggregation_level, period_label, period_start, period_end, phenomenon, need_code, need_name_fi,
           valence, service_area_code, service_area_name_fi, sub_region_name, observations, suppression_reason
    from margin_flagged
    union all
    select aggregation_level, period_label, period_start, period_end, phenomenon, need_code, need_name_fi,
           valence, service_area_code, service_area_name_fi, sub_region_name, observations, suppression_reason
    from detail_flagged
)

select
    s.aggregation_level,
    'half_year' as period_type,
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
    cast({{ suppress_value('s.observations', 's.suppression_reason') }} as bigint) as observations,
    s.suppression_reason is not null as is_suppressed,
    s.suppression_reason,
    cast({{ t }} as integer) as suppression_threshold,
    cast(l.as_of_date as date) as as_of_date,
    cast(l.loaded_at as timestamp) as loaded_at
from statused as s
cross join lineage as l
