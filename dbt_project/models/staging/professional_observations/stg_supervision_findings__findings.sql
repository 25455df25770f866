-- Self-monitoring follow-up and inspection report findings: rename and cast only. One row per finding per
-- delivered export (a later export repeats a finding with its fix date); the finding text redacted at landing.
select
    cast(finding_id as {{ dbt.type_string() }}) as finding_id,
    cast(report_type as {{ dbt.type_string() }}) as report_type,
    cast(report_date as date) as report_date,
    cast(unit_id as {{ dbt.type_string() }}) as unit_id,
    cast(unit_name as {{ dbt.type_string() }}) as unit_name,
    cast(service_area_code as {{ dbt.type_string() }}) as service_area_code,
    cast(municipality_code as {{ dbt.type_string() }}) as municipality_code,
    cast(provider_type as {{ dbt.type_string() }}) as provider_type,
    cast(topic as {{ dbt.type_string() }}) as topic,
    cast(severity as {{ dbt.type_string() }}) as severity,
    cast(finding_text as {{ dbt.type_string() }}) as finding_text,
    cast(fix_due_date as date) as fix_due_date,
    cast(fixed_date as date) as fixed_date,
    cast(_file_name as {{ dbt.type_string() }}) as file_name,
    cast(_row_number as bigint) as row_number_in_file
from {{ source('professional_observations', 'supervision_findings') }}
