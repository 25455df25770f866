-- Patient ombudsman's contacts table: rename and cast only. One row per year × period (year, h1, h2) × area ×
-- unit × topic × outcome.
select
    {{ staged_columns('professional_observations', 'patient_ombudsman',
                      renamed={'year': 'report_year', 'period': 'report_period'}) }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'patient_ombudsman') }}
