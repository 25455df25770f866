{#
  The information needs log: one row per need raised by a body or a team, with its status and the source or
  indicator that now meets it. Holds no counts of people; the text was redacted at landing like proposals.
#}
select
    cast(need_id as {{ dbt.type_string() }}) as need_id,
    cast(need_text as {{ dbt.type_string() }}) as need_fi,
    cast(phenomenon as {{ dbt.type_string() }}) as phenomenon,
    cast(raised_by as {{ dbt.type_string() }}) as raised_by,
    cast(raised_on as date) as raised_on,
    cast(status as {{ dbt.type_string() }}) as status,
    cast(status_date as date) as status_date,
    cast(met_by_source as {{ dbt.type_string() }}) as met_by_source,
    cast(met_by_indicator_code as {{ dbt.type_string() }}) as met_by_indicator_code
from {{ ref('stg_information_needs_log__needs') }}
