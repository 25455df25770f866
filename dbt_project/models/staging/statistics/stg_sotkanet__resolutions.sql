-- The catalogue's resolution against the live Sotkanet /indicators listing, one row per catalogue entry.
-- Rename + cast only.
select
    cast(indicator_code as {{ dbt.type_string() }}) as indicator_code,
    cast(catalogue_id as integer) as catalogue_id,
    catalogue_title_fi,
    cast(resolved_id as integer) as resolved_id,
    live_title_fi,
    cast(status as {{ dbt.type_string() }}) as resolution_status,
    cast(resolved_on as date) as resolved_on,
    cast(resolved_at as timestamp) as resolved_at
from {{ source('statistics', 'sotkanet_indicator_resolution') }}
