{#
  Social reporting submissions: one row per submission (the latest delivery of each), with what the marts need:
    submission_key   form version + the form tool's submission id (ids restart between form rounds); internal only
    submission_pseudonym  keyed HMAC of the same pair, computed at landing (sources/privacy.py): the only key
                     that may leave the warehouse
    period_*         the half-year of submission (2025H1 = January–June)
    sub_region_name  the municipality's sub-region (seutukunta); 'Koko hyvinvointialue' for county-wide reports
    as_of_date       the export's date: the newest submission or feedback date in the data (never the wall
                     clock, so a rebuild of old data gives the same answer)
    age_days         days from submission to as_of_date
    is_open          handling not finished: received, in_progress or forwarded
  A re-delivered export repeats submissions with their current handling status: the row from the most recently
  loaded file wins.
#}
{% set county_code = '05' %}
{% set county_wide_label = 'Koko hyvinvointialue' %}

with submissions as (
    {{ with_file_loaded_at(ref('stg_social_reports__submissions'), 'social_reports') }}
),

ranked as (
    select
        s.*,
        {{ dbt.concat(['s.form_version', "':'", 's.submission_id']) }} as submission_key,
        {{ latest_delivery_rank('s.form_version, s.submission_id') }} as delivery_rank,
        count(*) over (partition by s.form_version, s.submission_id) as delivery_count
    from submissions as s
),

latest as (
    select * from ranked where delivery_rank = 1
),

as_of as (
    select
        case
            when max(feedback_date) is not null and max(feedback_date) > max(submitted_date) then max(feedback_date)
            else max(submitted_date)
        end as as_of_date
    from latest
),

periods as (
    select
        l.*,
        a.as_of_date,
        {{ period_columns('half_year', 'l.submitted_date') }}
    from latest as l
    cross join as_of as a
)

select
    p.submission_key,
    p.submission_id,
    p.form_version,
    p.submission_pseudonym,
    p.language,
    p.submitted_at,
    p.submitted_date,
    p.period_type,
    p.period_start,
    p.period_end,
    p.period_label,
    p.reporter_role,
    p.service_area_code,
    sa.service_area_name_fi,
    p.area_scope,
    p.municipality_code,
    m.municipality_name_fi,
    '{{ county_code }}' as wellbeing_county_code,
    case when p.area_scope = 'county' then '{{ county_wide_label }}' else m.sub_region_name end as sub_region_name,
    p.target_group,
    p.shl11_need_1, p.shl11_need_2, p.shl11_need_3, p.shl11_need_4, p.shl11_need_5,
    p.shl11_need_6, p.shl11_need_7, p.shl11_need_8, p.shl11_need_9, p.shl11_need_10,
    p.valence,
    p.observation_text,
    p.causes_text,
    p.proposal_text,
    case when p.proposal_text is not null and trim(p.proposal_text) <> '' then true else false end as has_proposal,
    p.admin_sector,
    p.handling_status,
    case when p.handling_status in ('received', 'in_progress', 'forwarded') then true else false end as is_open,
    p.feedback_date,
    p.as_of_date,
    cast({{ dbt.datediff('p.submitted_date', 'p.as_of_date', 'day') }} as integer) as age_days,
    p.delivery_count,
    p.loaded_at,
    p.file_name
from periods as p
left join {{ ref('service_areas') }} as sa on sa.service_area_code = p.service_area_code
left join {{ ref('municipalities') }} as m on m.municipality_code = p.municipality_code
