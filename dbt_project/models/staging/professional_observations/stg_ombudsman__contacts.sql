-- Social ombudsman annual statistics: rename and cast only. One row per year × municipality × area × reason × measure.
select
    cast(year as integer) as report_year,
    cast(municipality_code as {{ dbt.type_string() }}) as municipality_code,
    cast(ombudsman_area as {{ dbt.type_string() }}) as ombudsman_area,
    cast(reason as {{ dbt.type_string() }}) as reason,
    cast(measure as {{ dbt.type_string() }}) as measure,
    cast(contacts as bigint) as contacts,
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'ombudsman') }}
