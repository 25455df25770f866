{#
  The client register's contribution to the phenomenon marts (true values; the publish layer applies disclosure control):
  - homelessness: homeless, at-risk and long-term homeless clients per 1 000 residents;
  - livelihood: supplementary / preventive social assistance recipients per 1 000 (once a year, monthly average);
  - substance_use: clients of specialised substance and addiction services per 1 000.
  Euros per recipient stay in int_client_register__rates (its unit is not a mart unit). The register has no
  mental-health client group, so it feeds no mental-health indicator.
  Rates without a population (no Statistics Finland data for the region) are left out.
  Grain: indicator_code × region_code × period_label × gender × age_group.
#}
{%- set ystr = "cast(r.year as " ~ dbt.type_string() ~ ")" -%}
with loads as (
    select source, max(loaded_at) as loaded_at
    from {{ source('ledger', '_loads') }}
    where status = 'current'
    group by source
),

updated as (
    select 'client_register_clients' as source_name, max(extracted_date) as updated_on
    from {{ ref('stg_client_register__clients') }}
    union all
    select 'client_register_assistance', max(decision_date) from {{ ref('stg_client_register__assistance_decisions') }}
    union all
    select 'client_register_housing', max(status_date) from {{ ref('stg_client_register__housing_status') }}
)

select
    r.phenomenon,
    r.indicator_code,
    r.indicator_name_fi,
    r.indicator_name_en,
    'statistics' as source_class,
    'client_register' as source_system,
    'Varha' as source_organisation,
    cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    r.unit,
    r.higher_is_worse,
    r.region_level,
    r.region_code,
    r.region_name_fi,
    r.parent_region_code,
    'year' as period_type,
    cast({{ dbt.concat([ystr, "'-01-01'"]) }} as date) as period_start,
    cast({{ dbt.concat([ystr, "'-12-31'"]) }} as date) as period_end,
    {{ ystr }} as period_label,
    r.gender,
    r.age_group,
    r.value,
    r.numerator,
    r.denominator,
    cast(u.updated_on as timestamp) as source_updated_at,
    cast(l.loaded_at as timestamp) as loaded_at
from {{ ref('int_client_register__rates') }} r
left join updated u on u.source_name = r.source_name
left join loads l on l.source = r.source_name
where r.phenomenon is not null
  and r.unit in ('percent', 'per_1000', 'per_100000', 'count', 'score')
  and r.value is not null
