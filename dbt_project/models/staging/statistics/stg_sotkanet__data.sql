-- Sotkanet data rows: indicator × Sotkanet region id × year × gender. Rename + cast only.
select
    cast(indicator_id as integer) as indicator_id,
    cast(region_id as integer) as sotkanet_region_id,
    cast(year as integer) as year,
    cast(gender as {{ dbt.type_string() }}) as gender,
    cast(value as double) as value,
    cast(abs_value as double) as abs_value,
    cast(data_updated as date) as data_updated,
    _load_id
from {{ source('statistics', 'sotkanet_data') }}
