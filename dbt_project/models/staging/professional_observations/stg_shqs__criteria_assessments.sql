-- SHQS quality criteria assessments: rename and cast only. One row per assessment × unit × criterion.
select
    {{ staged_columns('professional_observations', 'shqs_criteria') }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'shqs_criteria') }}
