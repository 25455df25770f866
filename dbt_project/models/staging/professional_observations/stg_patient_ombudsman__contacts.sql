-- Patient ombudsman's contacts table: rename and cast only. One row per year × period (year, h1, h2) × area ×
-- unit × topic × outcome.
select
    cast(year as integer) as report_year,
    cast(period as {{ dbt.type_string() }}) as report_period,
    cast(period_end as date) as period_end,
    cast(ombudsman_area as {{ dbt.type_string() }}) as ombudsman_area,
    cast(unit_name as {{ dbt.type_string() }}) as unit_name,
    cast(topic as {{ dbt.type_string() }}) as topic,
    cast(outcome as {{ dbt.type_string() }}) as outcome,
    cast(contacts as bigint) as contacts,
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'patient_ombudsman') }}
