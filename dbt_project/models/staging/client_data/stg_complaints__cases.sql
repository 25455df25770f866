{#
  Complaints and supervision cases: one row per case, its LATEST version. The register re-exports a case each
  time it changes, so a case id can appear in several files; the version with the newest modified_at wins
  (ties: the file name that sorts last, then the last row). Rename + cast otherwise.
#}
with versions as (
    select
        *,
        count(*) over (partition by case_id) as version_count
    from {{ source('client_data', 'complaints') }}
)

select
    {{ staged_columns('client_data', 'complaints') }},
    cast(version_count as integer) as version_count,
    {{ lineage_columns() }}
from {{ latest_copy('versions', 'case_id', newest_first='modified_at') }} as cases
