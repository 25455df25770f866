-- HaiPro incident reports: rename and cast only. One row per report per delivered export.
select
    {{ staged_columns('professional_observations', 'haipro') }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'haipro') }}
