{#
  Sotkanet's contribution to the phenomenon marts: every catalogue indicator (seed indicator_catalogue) with a
  Sotkanet id, given in the catalogue or resolved by its title against the live /indicators listing
  (stg_sotkanet__resolutions; e.g. ARA's series, whose Sotkanet ids are not known beforehand), for the whole country, the 22 areas (21 wellbeing services counties and Helsinki)
  and the municipalities of the counties in the municipalities seed (Varha's 27).
  Yearly values; numerator = Sotkanet absValue; the indicator's names are the API's (/indicators/{id}), the
  catalogue's only when the API gave none; unit, direction, age group and provenance from the catalogue.
  A county delivered under both its pre-2023 and current id keeps the current id's row.
  Grain: indicator_code × region_code × year × gender (age group is part of the indicator).
#}
with catalogue as (
    select c.indicator_code, coalesce(c.sotkanet_id, r.resolved_id) as sotkanet_id, c.phenomenon,
           c.indicator_name_fi, c.indicator_name_en, c.unit, c.higher_is_worse, c.age_group,
           c.source_organisation, c.indicator_definition
    from {{ ref('indicator_catalogue') }} c
    left join {{ ref('stg_sotkanet__resolutions') }} r on r.indicator_code = c.indicator_code
    where coalesce(c.sotkanet_id, r.resolved_id) is not null
),

regions as (
    select * from {{ ref('int_regions__mapped') }}
    where region_level = 'country'
       or in_county_comparison
       or (region_level = 'municipality' and parent_region_code is not null)
),

indicators as (
    select * from {{ ref('stg_sotkanet__indicators') }}
),

data as (
    select
        d.indicator_id, d.year, d.gender, d.value, d.abs_value, d.data_updated,
        r.region_level, r.region_code, r.region_name_fi, r.parent_region_code,
        row_number() over (
            partition by d.indicator_id, r.region_code, d.year, d.gender
            order by case when r.is_current_id then 0 else 1 end, d.data_updated desc, d.sotkanet_region_id
        ) as _pick
    from {{ ref('stg_sotkanet__data') }} d
    inner join regions r on r.sotkanet_region_id = d.sotkanet_region_id
    where d.value is not null
      and d.gender in ('total', 'male', 'female')
)

select
    c.phenomenon,
    c.indicator_code,
    coalesce(i.title_fi, c.indicator_name_fi) as indicator_name_fi,
    coalesce(i.title_en, c.indicator_name_en) as indicator_name_en,
    'statistics' as source_class,
    'sotkanet' as source_system,
    c.source_organisation,
    cast(c.sotkanet_id as {{ dbt.type_string() }}) as source_indicator_id,
    c.indicator_definition,
    c.unit,
    c.higher_is_worse,
    d.region_level,
    d.region_code,
    d.region_name_fi,
    case
        when d.region_level = 'municipality' then d.parent_region_code
        when d.region_level = 'wellbeing_county' then 'SSS'
    end as parent_region_code,
    {{ year_period_columns('d.year') }},
    d.gender,
    coalesce(c.age_group, 'all') as age_group,
    d.value,
    d.abs_value as numerator,
    cast(null as double) as denominator,
    cast(coalesce(d.data_updated, i.data_updated) as timestamp) as source_updated_at,
    cast(i.fetched_at as timestamp) as loaded_at
from data d
inner join catalogue c on c.sotkanet_id = d.indicator_id
left join indicators i on i.indicator_id = d.indicator_id
where d._pick = 1
