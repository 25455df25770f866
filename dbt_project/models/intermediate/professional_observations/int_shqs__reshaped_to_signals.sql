{#
  SHQS quality criteria status in the professional_signals shape (true values; the publish layer applies
  disclosure control), per year of assessment. Per unit × criterion the year's latest assessment counts (on one
  day an external audit over an internal one over a self-assessment); each unit counts in the service area of
  its latest assessment of the year, so areas partition the county.
    shqs_criteria        unit × criterion assessments, by service area ('all' = every area) × breakdown: total,
                         status (taytyy, osittain, ei_tayty), criteria_group, assessment_type
    shqs_units_assessed  units with at least one assessed criterion, by service area
  No phenomenon breakdown: quality-management criteria do not speak of the phenomena.
#}
with assessments as (
    select * from {{ ref('stg_shqs__criteria_assessments') }}
),

ranked as (
    select
        *,
        extract(year from assessment_date) as assessment_year,
        row_number() over (
            partition by extract(year from assessment_date), unit_id, criterion_code
            order by assessment_date desc,
                     case assessment_type when 'ulkoinen_auditointi' then 1 when 'sisainen_auditointi' then 2
                                          else 3 end,
                     file_name desc, row_number_in_file desc) as assessment_rank,
        row_number() over (
            partition by extract(year from assessment_date), unit_id
            order by assessment_date desc, file_name desc, row_number_in_file desc) as unit_rank
    from assessments
),

unit_areas as (
    select assessment_year, unit_id, service_area_code from ranked where unit_rank = 1
),

latest as (
    select r.assessment_year, r.unit_id, r.criterion_code, r.criteria_group, r.status, r.assessment_type,
           u.service_area_code
    from ranked as r
    inner join unit_areas as u on u.assessment_year = r.assessment_year and u.unit_id = r.unit_id
    where r.assessment_rank = 1
),

areas as (
    {{ own_and_all_areas('latest', 'service_area_code',
                         ['assessment_year', 'unit_id', 'criteria_group', 'status', 'assessment_type']) }}
),

breakdowns as (
    {{ area_breakdowns('areas', ['assessment_year'], ['status', 'criteria_group', 'assessment_type'],
                       indicator_code='shqs_criteria') }}
    union all
    {{ area_breakdowns('areas', ['assessment_year'], measures='count(distinct unit_id) as n',
                       indicator_code='shqs_units_assessed') }}
),

lineage as (
    {{ source_loaded_at('shqs_criteria', ref('stg_ledger__loads')) }}
)

{{ count_signals_select('shqs', {
    'shqs_criteria': 'SHQS-laatukriteerien arviot',
    'shqs_units_assessed': 'SHQS-arvioidut yksiköt',
}, year_period_columns('b.assessment_year')) }}
