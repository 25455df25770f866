{#
  Complaints and supervision cases: one row per case, its LATEST version. The register re-exports a case each
  time it changes, so a case id can appear in several files; the version with the newest modified_at wins
  (ties: the file name that sorts last, then the last row). Rename + cast otherwise.
#}
with versions as (
    select
        case_id,
        case_type,
        cast(received_date as date) as received_date,
        cast(event_date as date) as event_date,
        submitter_type,
        client_pseudonym,
        service_area_code,
        unit_name,
        municipality_code,
        category,
        cast(shl11_need_code as integer) as shl11_need_code,
        handling_body,
        cast(decision_date as date) as decision_date,
        outcome,
        measures_text,
        linked_case_id,
        cast(modified_at as timestamp) as modified_at,
        {{ lineage_columns() }},
        count(*) over (partition by case_id) as version_count,
        {{ latest_copy_rank('case_id', newest_first='modified_at') }} as version_rank
    from {{ source('client_data', 'complaints') }}
)

select
    case_id, case_type, received_date, event_date, submitter_type, client_pseudonym, service_area_code,
    unit_name, municipality_code, category, shl11_need_code, handling_body, decision_date, outcome,
    measures_text, linked_case_id, modified_at, cast(version_count as integer) as version_count,
    file_name, source_row_number, load_id
from versions
where version_rank = 1
