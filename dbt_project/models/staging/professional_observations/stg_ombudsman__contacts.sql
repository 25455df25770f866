-- Social ombudsman annual statistics: rename and cast only. One row per year × municipality × area × reason × measure.
select
    {{ staged_columns('professional_observations', 'ombudsman', renamed={'year': 'report_year'}) }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'ombudsman') }}
