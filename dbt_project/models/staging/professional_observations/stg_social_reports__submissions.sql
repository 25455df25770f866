-- Social reporting form submissions: rename and cast only. One row per submission per delivered export.
select
    {{ staged_columns('professional_observations', 'social_reports',
                      derived={'submitted_at': 'cast(submitted_at as date) as submitted_date'}) }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file,
    cast(_load_id as {{ dbt.type_string() }}) as load_id
from {{ source('professional_observations', 'social_reports') }}
