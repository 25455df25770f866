{#
  Partner indicators (municipalities and organisations, docs/partner_indicator_template.md) in the phenomenon
  marts' shape, for the rows whose partner named a phenomenon. indicator_code partner_<business id digits>_<code>
  (two partners' codes never collide); source_organisation = the partner's name; indicator_definition county_own
  (the partner's own definition, never a national series).
  Disclosure: source_system 'partner_indicators' = the county's own data, protected; 'partner_open_statistics'
  = the partner declared the figure already published as open statistics (the row names where), passed through
  as published. For a count the value is the count: numerator = value when the partner left it empty, so the
  disclosure layer sees it.
#}
with loads as (
    {{ source_loaded_at('partner_indicators', source('ledger', '_loads')) }}
)

select
    p.phenomenon,
    {{ dbt.concat(["'partner_'", "replace(p.business_id, '-', '')", "'_'", "p.indicator_code"]) }} as indicator_code,
    p.indicator_name as indicator_name_fi,
    cast(null as {{ dbt.type_string() }}) as indicator_name_en,
    'statistics' as source_class,
    case when p.is_open_statistics then 'partner_open_statistics' else 'partner_indicators' end as source_system,
    p.organisation_name as source_organisation,
    p.indicator_code as source_indicator_id,
    'county_own' as indicator_definition,
    p.unit,
    p.higher_is_worse,
    p.region_level,
    p.region_code,
    coalesce(m.municipality_name_fi, r.region_name_fi) as region_name_fi,
    case when p.region_level = 'municipality' then m.wellbeing_county_code else 'SSS' end as parent_region_code,
    p.period_type,
    p.period_start,
    p.period_end,
    p.period_label,
    p.gender,
    p.age_group,
    p.value,
    coalesce(p.numerator, case when p.unit = 'count' then p.value end) as numerator,
    p.denominator,
    cast(p.period_end as timestamp) as source_updated_at,
    cast(lo.loaded_at as timestamp) as loaded_at
from {{ ref('stg_partner_indicators__values') }} p
left join {{ ref('municipalities') }} m on p.region_level = 'municipality' and m.municipality_code = p.region_code
left join {{ ref('regions') }} r on p.region_level = 'wellbeing_county' and r.region_code = p.region_code
cross join loads lo
where p.phenomenon is not null
