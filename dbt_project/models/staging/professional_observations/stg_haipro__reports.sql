-- HaiPro incident reports: rename and cast only. One row per report per delivered export.
select
    cast(report_id as {{ dbt.type_string() }}) as report_id,
    cast(reported_date as date) as reported_date,
    cast(event_date as date) as event_date,
    cast(event_type as {{ dbt.type_string() }}) as event_type,
    cast(severity as {{ dbt.type_string() }}) as severity,
    cast(service_area_code as {{ dbt.type_string() }}) as service_area_code,
    cast(municipality_code as {{ dbt.type_string() }}) as municipality_code,
    cast(handling_status as {{ dbt.type_string() }}) as handling_status,
    cast(description_text as {{ dbt.type_string() }}) as description_text,
    cast(measures_text as {{ dbt.type_string() }}) as measures_text,
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'haipro') }}
