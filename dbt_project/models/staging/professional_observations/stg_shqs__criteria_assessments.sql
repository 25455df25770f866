-- SHQS quality criteria assessments: rename and cast only. One row per assessment × unit × criterion.
select
    cast(assessment_date as date) as assessment_date,
    cast(assessment_type as {{ dbt.type_string() }}) as assessment_type,
    cast(unit_id as {{ dbt.type_string() }}) as unit_id,
    cast(unit_name as {{ dbt.type_string() }}) as unit_name,
    cast(service_area_code as {{ dbt.type_string() }}) as service_area_code,
    cast(criteria_group as {{ dbt.type_string() }}) as criteria_group,
    cast(criterion_code as {{ dbt.type_string() }}) as criterion_code,
    cast(status as {{ dbt.type_string() }}) as status,
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'shqs_criteria') }}
