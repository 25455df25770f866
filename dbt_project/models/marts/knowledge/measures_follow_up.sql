{#
  The knowledge cycle's evaluation: development proposal (or topic) → handling by a body → decision → measure →
  the followed indicators before and after the measure, beside the country's values, and an evaluation status.
  One row per handling × followed indicator; a handling with no measure or no known indicator keeps one row
  with null indicator columns; a handling with no decision yet is 'no_decision'.

  evaluation_status (per row):
    no_decision  the handling has no decision yet (pending, tabled);
    too_early    no period after the meeting yet, or the data (the follow-up period's end) does not reach the
                 review date;
    no_change    |follow-up − baseline| ≤ 5 % of |baseline|;
    worse / on_track  a larger change against / in the indicator's direction;
    null         no indicator followed, no baseline before the meeting, or a neutral indicator that changed
                 (an activity measure has no better or worse).
  evaluated_on: the end of the follow-up period the status rests on (what the data reaches), never the run date.

  True values: the county's values are copied from phenomenon_indicators; the publish layer hides here exactly
  what it hides there (disclosure/marts.py COPIES), with the change and the status built on a hidden value.
#}
{% set county = var('compared_county') %}
{% set tolerance = 0.05 %}

with handlings as (
    select * from {{ ref('int_knowledge_cycle__handlings_linked') }}
),

compared as (
    select * from {{ ref('int_knowledge_cycle__indicators_compared') }}
),

-- the five-year trends of national indicators (open statistics) at the follow-up year, county and country
trends as (
    select indicator_code, period_label, trend_slope_5y, country_trend_slope_5y
    from {{ ref('national_comparison') }}
    where region_code = '{{ county }}' and gender = 'total' and age_group = 'all'
),

rows_ as (
    select
        h.*,
        c.indicator_code,
        c.indicator_name_fi,
        c.direction,
        c.baseline_period_label,
        c.baseline_value,
        c.followup_period_label,
        c.followup_period_end,
        c.followup_value,
        c.national_baseline_value,
        c.national_followup_value,
        t.trend_slope_5y as county_trend_slope_5y,
        t.country_trend_slope_5y as national_trend_slope_5y
    from handlings as h
    left join compared as c on c.handling_id = h.handling_id
    left join trends as t on t.indicator_code = c.indicator_code and t.period_label = c.followup_period_label
)

select
    cast(handling_id as {{ dbt.type_string() }}) as handling_id,
    cast(proposal_key as {{ dbt.type_string() }}) as proposal_key,
    cast(topic as {{ dbt.type_string() }}) as topic,
    cast(phenomenon as {{ dbt.type_string() }}) as phenomenon,
    cast(body_code as {{ dbt.type_string() }}) as body_code,
    cast(body_name as {{ dbt.type_string() }}) as body_name,
    cast(meeting_date as date) as meeting_date,
    cast(decision as {{ dbt.type_string() }}) as decision,
    cast(measure as {{ dbt.type_string() }}) as measure,
    cast(responsible_unit as {{ dbt.type_string() }}) as responsible_unit,
    cast(review_date as date) as review_date,
    cast(indicator_codes as {{ dbt.type_string() }}) as followed_indicator_codes,
    cast(indicator_code as {{ dbt.type_string() }}) as indicator_code,
    cast(indicator_name_fi as {{ dbt.type_string() }}) as indicator_name_fi,
    cast(direction as {{ dbt.type_string() }}) as direction,
    cast(case when indicator_code is not null then '{{ county }}' end as {{ dbt.type_string() }}) as region_code,
    cast(baseline_period_label as {{ dbt.type_string() }}) as baseline_period_label,
    cast(baseline_value as double) as baseline_value,
    cast(followup_period_label as {{ dbt.type_string() }}) as followup_period_label,
    cast(followup_value as double) as followup_value,
    cast(followup_value - baseline_value as double) as county_change,
    cast(national_baseline_value as double) as national_baseline_value,
    cast(national_followup_value as double) as national_followup_value,
    cast(national_followup_value - national_baseline_value as double) as national_change,
    cast(county_trend_slope_5y as double) as county_trend_slope_5y,
    cast(national_trend_slope_5y as double) as national_trend_slope_5y,
    cast(case
        when decision is null then 'no_decision'
        when indicator_code is null or baseline_period_label is null then null
        when followup_period_label is null then 'too_early'
        when review_date is not null and followup_period_end < review_date then 'too_early'
        when baseline_value is null or followup_value is null then null
        when abs(followup_value - baseline_value) <= {{ tolerance }} * abs(baseline_value) then 'no_change'
        when direction = 'neutral' then null
        when (followup_value > baseline_value) = (direction = 'higher_is_worse') then 'worse'
        else 'on_track'
    end as {{ dbt.type_string() }}) as evaluation_status,
    cast(case when decision is not null and followup_period_label is not null then followup_period_end end as date)
        as evaluated_on,
    {{ unprotected_columns() }}
from rows_
