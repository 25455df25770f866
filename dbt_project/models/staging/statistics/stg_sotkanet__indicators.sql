-- Sotkanet indicator metadata, one row per indicator id (the latest fetch wins). Rename + cast only.
select
    indicator_id, title_fi, title_sv, title_en, unit_code, decimals, data_updated, range_start, range_end,
    organization_id, organization_title, licence, is_third_party, region_classifications, fetched_at
from (
    select
        cast(indicator_id as integer) as indicator_id,
        title_fi,
        title_sv,
        title_en,
        cast(unit_code as {{ dbt.type_string() }}) as unit_code,
        cast(decimals as integer) as decimals,
        cast(data_updated as date) as data_updated,
        cast(range_start as integer) as range_start,
        cast(range_end as integer) as range_end,
        cast(organization_id as integer) as organization_id,
        organization_title,
        licence,
        cast(is_third_party as boolean) as is_third_party,
        region_classifications,
        cast(fetched_at as timestamp) as fetched_at,
        row_number() over (partition by indicator_id order by fetched_at desc) as _version
    from {{ source('statistics', 'sotkanet_indicators') }}
) indicators
where _version = 1
