-- Sotkanet regions, one row per Sotkanet region id (the latest fetch wins). Rename + cast, and the category
-- upper-cased: written out here (its columns are not declared in the sources yml for staged_columns).
select
    cast(region_id as integer) as sotkanet_region_id,
    cast(code as {{ dbt.type_string() }}) as sotkanet_code,
    upper(cast(category as {{ dbt.type_string() }})) as sotkanet_category,
    title_fi,
    title_sv,
    title_en,
    uri,
    cast(fetched_at as timestamp) as fetched_at
from {{ latest_copy(
    source('statistics', 'sotkanet_regions'), 'region_id', newest_first='fetched_at', by_file=false,
) }} as regions
