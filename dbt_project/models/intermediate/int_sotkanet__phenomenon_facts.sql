{#
  Sotkanet's contribution to the phenomenon marts: every catalogue indicator (seed indicator_catalogue,
  source_system 'sotkanet') for the whole country, the 22 areas (21 wellbeing services counties and Helsinki)
  and the municipalities of the counties in the municipalities seed (Varha's 27).
  Yearly values; numerator = Sotkanet absValue; unit, direction and age group from the catalogue.
  A county delivered under both its pre-2023 and current id keeps the current id's row.
  Grain: indicator_code × region_code × year × gender (age group is part of the indicator).
#}
{%- set ystr = "cast(d.year as " ~ dbt.type_string() ~ ")" -%}
with catalogue as (
    select indicator_code, sotkanet_id, phenomenon, indicator_name_fi, indicator_name_en, unit, higher_is_worse,
           age_group
    from {{ ref('indicator_catalogue') }}
    where source_system = 'sotkanet' and sotkanet_id is not null
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
    coalesce(c.indicator_name_fi, i.title_fi) as indicator_name_fi,
    coalesce(c.indicator_name_en, i.title_en) as indicator_name_en,
    'statistics' as source_class,
    'sotkanet' as source_system,
    c.unit,
    c.higher_is_worse,
    d.region_level,
    d.region_code,
    d.region_name_fi,
    case
        when d.region_level = 'municipality' then d.parent_region_code
        when d.region_level = 'wellbeing_county' then 'SSS'
    end as parent_region_code,
    'year' as period_type,
    cast({{ dbt.concat([ystr, "'-01-01'"]) }} as date) as period_start,
    cast({{ dbt.concat([ystr, "'-12-31'"]) }} as date) as period_end,
    {{ ystr }} as period_label,
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
