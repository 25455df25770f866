{#
  Client panel and citizen forum meetings with the half-year of the meeting, the number of proposals (one per
  line in the record) and region and service-area names. Feeds reporting; no phenomenon mapping (a meeting's
  theme is free text).
#}
with meetings as (
    select * from {{ ref('stg_client_panels__meetings') }}
),

periods as (
    select
        *,
        {{ period_columns('half_year', 'meeting_date') }}
    from meetings
)

select
    p.meeting_id,
    p.meeting_date,
    p.period_type,
    p.period_start,
    p.period_end,
    p.period_label,
    p.panel_type,
    p.panel_name,
    p.service_area_code,
    sa.service_area_name_fi,
    p.municipality_code,
    m.municipality_name_fi,
    p.theme,
    p.participant_count,
    case
        when p.proposals_text is null or trim(p.proposals_text) = '' then 0
        else length(trim(p.proposals_text)) - length(replace(trim(p.proposals_text), chr(10), '')) + 1
    end as proposal_count,
    p.proposals_text,
    p.file_name
from periods as p
left join {{ ref('service_areas') }} as sa on sa.service_area_code = p.service_area_code
left join {{ ref('municipalities') }} as m on m.municipality_code = p.municipality_code
