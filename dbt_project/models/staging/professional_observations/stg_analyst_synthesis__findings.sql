{#
  The analyst's synthesis: one row per finding. A half-year delivered again (a corrected file) replaces the
  earlier file's findings for that half-year: only the file that sorts last per period_label is kept (a whole
  file wins, not one copy per row: latest_copy does not apply).
#}
with findings as (
    select
        *,
        max(_file_name) over (partition by period_label) as latest_file
    from {{ source('professional_observations', 'analyst_synthesis') }}
)

select
    {{ staged_columns('professional_observations', 'analyst_synthesis') }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as integer) as source_row_number
from findings
where _file_name = latest_file
