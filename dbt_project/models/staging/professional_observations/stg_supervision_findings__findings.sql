-- Self-monitoring follow-up and inspection report findings: rename and cast only. One row per finding per
-- delivered export (a later export repeats a finding with its fix date); the finding text redacted at landing.
select
    {{ staged_columns('professional_observations', 'supervision_findings') }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'supervision_findings') }}
