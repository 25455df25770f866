{#
  THL Sotekuva's compiled indicators on the cost side of the phenomena: the measures of the seed
  sotekuva_indicators (matched on measure and client group names, case-insensitive), for the country and every
  wellbeing services county, yearly. THL's open statistics (disclosure_control open_statistics) with THL's
  definition (national), so they enter national_comparison. higher_is_worse is null for costs and service use:
  more spending or more clients is neither better nor worse by itself, so they are compared but not ranked.
  Values THL withheld are left out.
#}
{%- set ystr = "cast(s.year as " ~ dbt.type_string() ~ ")" -%}
with loads as (
    {{ source_loaded_at('sotekuva', source('ledger', '_loads')) }}
)

select
    i.phenomenon,
    {{ dbt.concat(["'sotekuva_'", "i.indicator_key"]) }} as indicator_code,
    {{ dbt.concat(["i.client_group_fi", "': '", "i.measure_name_fi"]) }} as indicator_name_fi,
    i.indicator_name_en,
    'statistics' as source_class,
    'sotekuva' as source_system,
    'THL' as source_organisation,
    {{ dbt.concat(["s.client_group_name", "' / '", "s.measure_name"]) }} as source_indicator_id,
    'national' as indicator_definition,
    i.unit,
    cast(i.higher_is_worse as boolean) as higher_is_worse,
    s.region_level,
    s.region_code,
    r.region_name_fi,
    case when s.region_level = 'wellbeing_county' then 'SSS' end as parent_region_code,
    {{ year_period_columns('s.year') }},
    'total' as gender,
    'all' as age_group,
    s.value,
    cast(null as double) as numerator,
    cast(null as double) as denominator,
    cast(cast({{ dbt.concat([ystr, "'-12-31'"]) }} as date) as timestamp) as source_updated_at,
    cast(lo.loaded_at as timestamp) as loaded_at
from {{ ref('stg_sotekuva__indicators') }} s
inner join {{ ref('sotekuva_indicators') }} i
    on lower(trim(i.measure_name_fi)) = lower(trim(s.measure_name))
   and lower(trim(i.client_group_fi)) = lower(trim(s.client_group_name))
   and i.unit = s.unit
left join {{ ref('regions') }} r on r.region_code = s.region_code
cross join loads lo
where not s.is_withheld and s.value is not null
