{#
  Client panel and citizen forum meetings, one row per meeting id (a re-delivered workbook under another name
  repeats meetings: the file name that sorts last wins). Rename + cast otherwise.
#}
with copies as (
    select
        meeting_id,
        cast(meeting_date as date) as meeting_date,
        panel_type,
        panel_name,
        service_area_code,
        municipality_code,
        theme,
        cast(participant_count as integer) as participant_count,
        proposals_text,
        {{ lineage_columns() }},
        {{ latest_copy_rank('meeting_id') }} as copy_rank
    from {{ source('client_data', 'client_panels') }}
)

select
    meeting_id, meeting_date, panel_type, panel_name, service_area_code, municipality_code, theme,
    participant_count, proposals_text, file_name, source_row_number, load_id
from copies
where copy_rank = 1
