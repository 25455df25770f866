{#
  The knowledge cycle's evidence: one latest figure per knowledge mart, for plan_follow_up to show next to the
  plan actions that the mart evidences (mapping: seed plan_action_evidence).

  Output: evidence_mart, evidence_measure, evidence_period, evidence_value (one row per mart that has data),
  and evidence_is_lower_bound: true when a summed cell of the period was suppressed in its mart (null), so the
  figure counts only the published cells.
  Deliberately simple and robust: each mart contributes one figure read from as few columns as possible; every
  column read is named in its CTE below (the place to reconcile with the marts' owners).

    social_reporting     reports_latest_half_year: `observations` of the row aggregation_level 'phenomenon',
                         phenomenon 'all' (every submission once) in the latest period_label.
    complaint_cases  cases_latest_half_year: sum of case_count over the latest period_label (each case is
                         in one cell; suppressed cells drop out).
    client_feedback      feedback_latest_half_year: sum of feedback_count over the latest period_label.
    instrument_use       assessments_latest_half_year: county level (region_level wellbeing_county), latest
                         half-year; `assessments` repeats on the band rows of a group, so one value per
                         instrument x version x item x client group (max), summed over item 'total' and, for
                         3X10D, item_1 (one assessment covers all ten items). MARAK has no assessment counts
                         and is left out.
    national_comparison  indicators_compared: distinct indicator_code; period = the newest period_label.
    client_panels        meetings_latest_half_year: meetings of client councils and citizens' forums (panel type
                         'all', phenomenon 'all') in the latest half-year: meetings, not people.
    measures_follow_up   handlings_latest_half_year: handlings by the bodies (distinct handling_id) with a
                         meeting in the latest half-year that has any: handlings, not people.
    professional_signals staff_survey_respondents_latest: respondents of the latest structural social work
                         staff survey (service area 'all', breakdown 'total'): a protected count.

  The marts publish disclosure-controlled counts (suppressed cells are null and drop out of a sum). A summed
  count of 1..threshold-1 is suppressed here as well (null).
#}
{% set threshold = var('suppression_threshold') | int %}
{# figures that count no people: never suppressed #}
{% set unprotected = "'indicators_compared', 'meetings_latest_half_year', 'handlings_latest_half_year'" %}

with social_reporting_totals as (
    select period_label, observations
    from {{ ref('social_reporting') }}
    where aggregation_level = 'phenomenon' and phenomenon = 'all'
),

social_reporting_latest as (
    select max(period_label) as latest_period from social_reporting_totals
),

social_reporting_figure as (
    select
        'social_reporting' as evidence_mart,
        'reports_latest_half_year' as evidence_measure,
        l.latest_period as evidence_period,
        cast(sum(t.observations) as double) as evidence_value,
        false as evidence_is_lower_bound
    from social_reporting_totals as t
    inner join social_reporting_latest as l on t.period_label = l.latest_period
    group by l.latest_period
),

complaint_cases_latest as (
    select max(period_label) as latest_period from {{ ref('complaint_cases') }}
),

complaint_cases_figure as (
    select
        'complaint_cases' as evidence_mart,
        'cases_latest_half_year' as evidence_measure,
        l.latest_period as evidence_period,
        cast(sum(t.case_count) as double) as evidence_value,
        max(case when t.case_count is null then 1 else 0 end) = 1 as evidence_is_lower_bound
    from {{ ref('complaint_cases') }} as t
    inner join complaint_cases_latest as l on t.period_label = l.latest_period
    group by l.latest_period
),

client_feedback_latest as (
    select max(period_label) as latest_period from {{ ref('client_feedback') }}
),

client_feedback_figure as (
    select
        'client_feedback' as evidence_mart,
        'feedback_latest_half_year' as evidence_measure,
        l.latest_period as evidence_period,
        cast(sum(t.feedback_count) as double) as evidence_value,
        max(case when t.feedback_count is null then 1 else 0 end) = 1 as evidence_is_lower_bound
    from {{ ref('client_feedback') }} as t
    inner join client_feedback_latest as l on t.period_label = l.latest_period
    group by l.latest_period
),

instrument_use_county as (
    select instrument, instrument_version, item, client_group, period_label, assessments
    from {{ ref('instrument_use') }}
    where region_level = 'wellbeing_county'
      and period_type = 'half_year'
      and instrument <> 'MARAK'
      and (item = 'total' or (instrument = '3X10D' and item = 'item_1'))
),

instrument_use_latest as (
    select max(period_label) as latest_period from instrument_use_county
),

instrument_use_groups as (
    select t.period_label, max(t.assessments) as assessments
    from instrument_use_county as t
    inner join instrument_use_latest as l on t.period_label = l.latest_period
    group by t.period_label, t.instrument, t.instrument_version, t.item, t.client_group
),

instrument_use_figure as (
    select
        'instrument_use' as evidence_mart,
        'assessments_latest_half_year' as evidence_measure,
        period_label as evidence_period,
        cast(sum(assessments) as double) as evidence_value,
        max(case when assessments is null then 1 else 0 end) = 1 as evidence_is_lower_bound
    from instrument_use_groups
    group by period_label
),

national_comparison_figure as (
    select
        'national_comparison' as evidence_mart,
        'indicators_compared' as evidence_measure,
        max(period_label) as evidence_period,
        cast(count(distinct indicator_code) as double) as evidence_value,
        false as evidence_is_lower_bound
    from {{ ref('national_comparison') }}
    having count(*) > 0
),

client_panels_latest as (
    select max(period_label) as latest_period from {{ ref('client_panels') }}
),

client_panels_figure as (
    select
        'client_panels' as evidence_mart,
        'meetings_latest_half_year' as evidence_measure,
        l.latest_period as evidence_period,
        cast(sum(t.meetings) as double) as evidence_value,
        false as evidence_is_lower_bound
    from {{ ref('client_panels') }} as t
    inner join client_panels_latest as l on t.period_label = l.latest_period
    where t.panel_type = 'all' and t.phenomenon = 'all'
    group by l.latest_period
),

handlings as (
    select
        handling_id,
        {{ dbt.concat([
            "cast(extract(year from meeting_date) as " ~ dbt.type_string() ~ ")",
            "'H'",
            "case when extract(month from meeting_date) <= 6 then '1' else '2' end"]) }} as period_label
    from {{ ref('stg_decision_register__handlings') }}
),

handlings_latest as (
    select max(period_label) as latest_period from handlings
),

measures_follow_up_figure as (
    select
        'measures_follow_up' as evidence_mart,
        'handlings_latest_half_year' as evidence_measure,
        l.latest_period as evidence_period,
        cast(count(distinct h.handling_id) as double) as evidence_value,
        false as evidence_is_lower_bound
    from handlings as h
    inner join handlings_latest as l on h.period_label = l.latest_period
    group by l.latest_period
),

staff_survey_respondents as (
    select period_label, numerator
    from {{ ref('professional_signals') }}
    where indicator_code = 'staff_survey_respondents' and breakdown = 'total' and service_area_code = 'all'
),

staff_survey_latest as (
    select max(period_label) as latest_period from staff_survey_respondents
),

professional_signals_figure as (
    select
        'professional_signals' as evidence_mart,
        'staff_survey_respondents_latest' as evidence_measure,
        l.latest_period as evidence_period,
        cast(max(r.numerator) as double) as evidence_value,
        false as evidence_is_lower_bound
    from staff_survey_respondents as r
    inner join staff_survey_latest as l on r.period_label = l.latest_period
    group by l.latest_period
),

figures as (
    select * from social_reporting_figure
    union all
    select * from complaint_cases_figure
    union all
    select * from client_feedback_figure
    union all
    select * from instrument_use_figure
    union all
    select * from national_comparison_figure
    union all
    select * from client_panels_figure
    union all
    select * from measures_follow_up_figure
    union all
    select * from professional_signals_figure
)

select
    evidence_mart,
    evidence_measure,
    cast(evidence_period as {{ dbt.type_string() }}) as evidence_period,
    case
        when evidence_measure not in ({{ unprotected }}) and evidence_value >= 1 and evidence_value < {{ threshold }}
            then null
        else evidence_value
    end as evidence_value,
    case
        when evidence_value is null then false
        when evidence_measure not in ({{ unprotected }}) and evidence_value >= 1 and evidence_value < {{ threshold }}
            then false
        else evidence_is_lower_bound
    end as evidence_is_lower_bound
from figures
