-- Supervision status table: rename and cast only. One row per unit per snapshot date.
select
    {{ staged_columns('professional_observations', 'supervision_status') }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name
from {{ source('professional_observations', 'supervision_status') }}
