{#
  Complaint and supervision cases (latest version of each case) with what the reports need derived:
    handled_as        the procedure: muistutus (also a kantelu AVI/Valvira transferred back, kantelu_muistutuksena),
                      kantelu, epakohtailmoitus
    handling_days     decision_date - received_date, for decided cases
    open_days         as_of_date - received_date, for open cases
    as_of_date        the register export's date: the newest modified_at in the data (never the wall clock,
                      so a rebuild of old data gives the same answer)
    is_overdue        muistutus-type case past the practical 28-day reply deadline: decided after more than
                      28 days, or still open more than 28 days after receipt (municipal practice, no legal limit)
    is_event_over_2y  kantelu (either type) about an event more than 2 years before receipt: AVI does not
                      investigate such a matter without a special reason (Hallintolaki 8 a luku)
    phenomenon_group  the SHL §11 need's phenomena from seed shl11_needs ('substance_use|mental_health' for need 8,
                      which does not tell them apart), 'none' when the need maps to none or is not coded
    period_*          the half-year of receipt (2025H1, 2025H2)
#}
{#- A table, not a view, on DuckDB too: its eleven tests, the phenomenon reshape (and its tests) and both complaint
    marts each read it; as a view each of them would derive every case again. -#}
{{ config(materialized='table') }}
{% set muistutus_deadline_days = 28 %}
{% set kantelu_event_years = 2 %}

with cases as (
    {{ with_file_loaded_at(ref('stg_complaints__cases'), 'complaints') }}
),

as_of as (
    select cast(max(modified_at) as date) as as_of_date from cases
),

dated as (
    select
        c.*,
        a.as_of_date,
        case
            when c.case_type in ('muistutus', 'kantelu_muistutuksena') then 'muistutus'
            else c.case_type
        end as handled_as,
        case when c.decision_date is not null then true else false end as is_decided,
        case when c.decision_date is not null
            then {{ dbt.datediff('c.received_date', 'c.decision_date', 'day') }} end as handling_days,
        case when c.decision_date is null
            then {{ dbt.datediff('c.received_date', 'a.as_of_date', 'day') }} end as open_days,
        case
            when c.case_type in ('kantelu', 'kantelu_muistutuksena') and c.event_date is not null
                 and c.event_date < cast({{ dbt.dateadd('year', -kantelu_event_years, 'c.received_date') }} as date)
            then true else false
        end as is_event_over_2y
    from cases as c
    cross join as_of as a
),

periods as (
    select
        *,
        {{ period_columns('half_year', 'received_date') }}
    from dated
)

select
    p.case_id,
    p.case_type,
    p.handled_as,
    p.received_date,
    p.event_date,
    p.decision_date,
    p.as_of_date,
    p.submitter_type,
    p.client_pseudonym,
    p.service_area_code,
    sa.service_area_name_fi,
    p.unit_name,
    p.municipality_code,
    m.municipality_name_fi,
    m.wellbeing_county_code,
    p.category,
    p.shl11_need_code,
    coalesce(nullif(trim(n.phenomena), ''), 'none') as phenomenon_group,
    p.handling_body,
    p.outcome,
    p.measures_text,
    p.linked_case_id,
    p.is_decided,
    cast(p.handling_days as integer) as handling_days,
    cast(p.open_days as integer) as open_days,
    case when p.handled_as = 'muistutus' then {{ muistutus_deadline_days }} end as deadline_days,
    case
        when p.handled_as <> 'muistutus' then false
        when p.is_decided and p.handling_days > {{ muistutus_deadline_days }} then true
        when not p.is_decided and p.open_days > {{ muistutus_deadline_days }} then true
        else false
    end as is_overdue,
    p.is_event_over_2y,
    p.period_type,
    p.period_start,
    p.period_end,
    p.period_label,
    p.version_count,
    p.modified_at,
    p.loaded_at,
    p.file_name
from periods as p
left join {{ ref('shl11_needs') }} as n on n.need_code = p.shl11_need_code
left join {{ ref('service_areas') }} as sa on sa.service_area_code = p.service_area_code
left join {{ ref('municipalities') }} as m on m.municipality_code = p.municipality_code
