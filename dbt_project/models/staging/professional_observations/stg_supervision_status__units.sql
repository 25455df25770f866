-- Supervision status table: rename and cast only. One row per unit per snapshot date.
select
    cast(snapshot_date as date) as snapshot_date,
    cast(unit_id as {{ dbt.type_string() }}) as unit_id,
    cast(unit_name as {{ dbt.type_string() }}) as unit_name,
    cast(service_area_code as {{ dbt.type_string() }}) as service_area_code,
    cast(municipality_code as {{ dbt.type_string() }}) as municipality_code,
    cast(provider_type as {{ dbt.type_string() }}) as provider_type,
    cast(self_monitoring_plan_updated as date) as self_monitoring_plan_updated,
    cast(last_supervision_visit as date) as last_supervision_visit,
    cast(open_findings as bigint) as open_findings,
    cast(open_serious_findings as bigint) as open_serious_findings,
    cast(oldest_open_due_date as date) as oldest_open_due_date,
    cast(supervision_state as {{ dbt.type_string() }}) as supervision_state,
    cast(_file_name as {{ dbt.type_string() }}) as file_name
from {{ source('professional_observations', 'supervision_status') }}
