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
{#
  The figures of a mart's latest period: `value` aggregates the rows `t` of `rows` (a ref or a CTE below) in the
  latest period_label of `rows`, optionally only those matching `where`; `summed_cell` names the protected column
  whose suppressed (null) cells the sum skips (the figure is then a lower bound). national_comparison's figure
  (every period) is its own CTE.
#}
{% set latest_figures = [
    {'mart': 'social_reporting', 'measure': 'reports_latest_half_year', 'rows': 'social_reporting_totals',
     'value': 'sum(t.observations)'},
    {'mart': 'complaint_cases', 'measure': 'cases_latest_half_year', 'rows': ref('complaint_cases'),
     'value': 'sum(t.case_count)', 'summed_cell': 'case_count'},
    {'mart': 'client_feedback', 'measure': 'feedback_latest_half_year', 'rows': ref('client_feedback'),
     'value': 'sum(t.feedback_count)', 'summed_cell': 'feedback_count'},
    {'mart': 'instrument_use', 'measure': 'assessments_latest_half_year', 'rows': 'instrument_use_groups',
     'value': 'sum(t.assessments)', 'summed_cell': 'assessments'},
    {'mart': 'client_panels', 'measure': 'meetings_latest_half_year', 'rows': ref('client_panels'),
     'value': 'sum(t.meetings)', 'where': "t.panel_type = 'all' and t.phenomenon = 'all'"},
    {'mart': 'measures_follow_up', 'measure': 'handlings_latest_half_year', 'rows': 'handlings',
     'value': 'count(distinct t.handling_id)'},
    {'mart': 'professional_signals', 'measure': 'staff_survey_respondents_latest', 'rows': 'staff_survey_respondents',
     'value': 'max(t.numerator)'},
] %}

with social_reporting_totals as (
    select period_label, observations
    from {{ ref('social_reporting') }}
    where aggregation_level = 'phenomenon' and phenomenon = 'all'
),

instrument_use_groups as (
    select period_label, max(assessments) as assessments
    from {{ ref('instrument_use') }}
    where region_level = 'wellbeing_county'
      and period_type = 'half_year'
      and instrument <> 'MARAK'
      and (item = 'total' or (instrument = '3X10D' and item = 'item_1'))
    group by period_label, instrument, instrument_version, item, client_group
),

handlings as (
    select handling_id, {{ half_year_label('meeting_date') }} as period_label
    from {{ ref('stg_decision_register__handlings') }}
),

staff_survey_respondents as (
    select period_label, numerator
    from {{ ref('professional_signals') }}
    where indicator_code = 'staff_survey_respondents' and breakdown = 'total' and service_area_code = 'all'
),
{% for f in latest_figures %}
{{ f.mart }}_latest as (
    select max(period_label) as latest_period from {{ f.rows }}
),

{{ f.mart }}_figure as (
    select
        '{{ f.mart }}' as evidence_mart,
        '{{ f.measure }}' as evidence_measure,
        l.latest_period as evidence_period,
        cast({{ f.value }} as double) as evidence_value,
        {% if f.summed_cell -%}
        max(case when t.{{ f.summed_cell }} is null then 1 else 0 end) = 1
        {%- else -%} false {%- endif %} as evidence_is_lower_bound
    from {{ f.rows }} as t
    inner join {{ f.mart }}_latest as l on t.period_label = l.latest_period
    {% if f.where %}where {{ f.where }}{% endif %}
    group by l.latest_period
),
{% endfor %}
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

figures as (
    {% for f in latest_figures %}
    select * from {{ f.mart }}_figure
    union all
    {% endfor %}
    select * from national_comparison_figure
),

checked as (
    select
        *,
        evidence_measure not in ({{ unprotected }}) and evidence_value >= 1 and evidence_value < {{ threshold }}
            as is_small
    from figures
)

select
    evidence_mart,
    evidence_measure,
    cast(evidence_period as {{ dbt.type_string() }}) as evidence_period,
    case when is_small then null else evidence_value end as evidence_value,
    case when evidence_value is null or is_small then false else evidence_is_lower_bound end as evidence_is_lower_bound
from checked
