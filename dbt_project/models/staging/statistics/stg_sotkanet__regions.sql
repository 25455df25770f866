-- Sotkanet regions, one row per Sotkanet region id (the latest fetch wins). Rename + cast only.
select sotkanet_region_id, sotkanet_code, sotkanet_category, title_fi, title_sv, title_en, uri, fetched_at
from (
    select
        cast(region_id as integer) as sotkanet_region_id,
        cast(code as {{ dbt.type_string() }}) as sotkanet_code,
        upper(cast(category as {{ dbt.type_string() }})) as sotkanet_category,
        title_fi,
        title_sv,
        title_en,
        uri,
        cast(fetched_at as timestamp) as fetched_at,
        row_number() over (partition by region_id order by fetched_at desc) as _version
    from {{ source('statistics', 'sotkanet_regions') }}
) regions
where _version = 1
