{#
  Every Sotkanet region id → official code and level.
  - The country (MAA, id 658) → 'SSS'; the 21 wellbeing services counties and Helsinki → their 2-digit code,
    for the current ids (956–978) AND the pre-2023 ids (877–898), whose own codes collide with today's codes
    (old '01' was Varsinais-Suomi), so they are mapped by id from the regions seed, never by code.
  - Municipalities (KUNTA) → 3-digit code; Varha's municipalities get parent_region_code '05' from the seed.
  - Ahvenanmaa (HYVINVOINTIALUE code 91) is not a wellbeing services county: level 'autonomous_region',
    left out of county comparisons.
  Other Sotkanet categories (MAAKUNTA, ERVA, ...) are not mapped.
  Grain: one row per Sotkanet region id.
#}
with seed_regions as (
    select region_code, region_name_fi, region_level, parent_code, sotkanet_region_id, sotkanet_old_region_id
    from {{ ref('regions') }}
),

seed_ids as (
    select sotkanet_region_id, region_code, region_level, region_name_fi, parent_code, true as is_current_id
    from seed_regions
    where sotkanet_region_id is not null
    union all
    select sotkanet_old_region_id, region_code, region_level, region_name_fi, parent_code, false
    from seed_regions
    where sotkanet_old_region_id is not null
),

api as (
    select * from {{ ref('stg_sotkanet__regions') }}
    where sotkanet_category in ('KUNTA', 'HYVINVOINTIALUE', 'MAA')
      and sotkanet_region_id not in (select sotkanet_region_id from seed_ids)
),

api_mapped as (
    select
        api.sotkanet_region_id,
        api.sotkanet_category,
        case
            when api.sotkanet_category = 'MAA' then 'country'
            when api.sotkanet_category = 'KUNTA' then 'municipality'
            when county.region_code is not null then 'wellbeing_county'
            else 'autonomous_region'
        end as region_level,
        case
            when api.sotkanet_category = 'MAA' then 'SSS'
            when api.sotkanet_category = 'KUNTA' then lpad(api.sotkanet_code, 3, '0')
            else lpad(api.sotkanet_code, 2, '0')
        end as region_code,
        coalesce(county.region_name_fi, mun.municipality_name_fi, api.title_fi) as region_name_fi,
        case
            when api.sotkanet_category = 'KUNTA' then mun.wellbeing_county_code
            when api.sotkanet_category = 'HYVINVOINTIALUE' and county.region_code is not null then 'SSS'
        end as parent_region_code,
        true as is_current_id
    from api
    left join seed_regions county
        on api.sotkanet_category = 'HYVINVOINTIALUE'
       and county.region_level = 'wellbeing_county'
       and county.region_code = lpad(api.sotkanet_code, 2, '0')
    left join {{ ref('municipalities') }} mun
        on api.sotkanet_category = 'KUNTA'
       and mun.municipality_code = lpad(api.sotkanet_code, 3, '0')
),

from_seed as (
    select
        seed_ids.sotkanet_region_id,
        coalesce(api_all.sotkanet_category, case when seed_ids.region_level = 'country' then 'MAA' else 'HYVINVOINTIALUE' end)
            as sotkanet_category,
        seed_ids.region_level,
        seed_ids.region_code,
        seed_ids.region_name_fi,
        seed_ids.parent_code as parent_region_code,
        seed_ids.is_current_id
    from seed_ids
    left join {{ ref('stg_sotkanet__regions') }} api_all on api_all.sotkanet_region_id = seed_ids.sotkanet_region_id
),

mapped as (
    select * from from_seed
    union all
    select * from api_mapped
)

select
    sotkanet_region_id,
    sotkanet_category,
    region_level,
    region_code,
    region_name_fi,
    parent_region_code,
    is_current_id,
    region_level = 'wellbeing_county' as in_county_comparison
from mapped
