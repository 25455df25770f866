-- Staff survey aggregated answers: rename and cast only. One row per survey × role × service task × item.
select
    cast(survey_id as {{ dbt.type_string() }}) as survey_id,
    cast(survey_year as integer) as survey_year,
    cast(role as {{ dbt.type_string() }}) as role,
    cast(service_area_code as {{ dbt.type_string() }}) as service_area_code,
    cast(item_number as integer) as item_number,
    cast(item_text as {{ dbt.type_string() }}) as item_text,
    cast(n_1 as bigint) as answers_1,
    cast(n_2 as bigint) as answers_2,
    cast(n_3 as bigint) as answers_3,
    cast(n_4 as bigint) as answers_4,
    cast(n_5 as bigint) as answers_5,
    cast(n_dont_know as bigint) as answers_dont_know,
    cast(respondents as bigint) as respondents,
    cast(_file_name as {{ dbt.type_string() }}) as file_name
from {{ source('professional_observations', 'staff_survey') }}
