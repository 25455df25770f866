{#
  The client register's contribution to the phenomenon marts (true values; the publish layer applies disclosure control):
  - homelessness: homeless, at-risk and long-term homeless clients per 1 000 residents;
  - livelihood: supplementary / preventive social assistance recipients per 1 000 (once a year, monthly average);
  - substance_use: clients of specialised substance and addiction services per 1 000, and their service events
    (visits, calls, decisions ...) per 1 000 residents a year, from int_client_register__events_counted_by_month (the
    client groups with a phenomenon in the client_groups seed; total gender, all ages, as events carry neither).
  Euros per recipient stay in int_client_register__rates_computed (its unit is not a mart unit). The register has no
  mental-health client group, so it feeds no mental-health indicator.
  Rates without a population (no Statistics Finland data for the region) are left out.
  Grain: indicator_code × region_code × period_label × gender × age_group.
#}
{#- A table, not a view: the rates behind it read every register row (millions at county scale), and its tests and
    every phenomenon mart (through int_phenomenon_facts__unioned) would otherwise recompute them each time. -#}
{{ config(materialized='table') }}
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
    union all
    select 'client_register_events', max(period_end) from {{ ref('int_client_register__events_counted_by_month') }}
),

-- service events a year in the client groups that describe a phenomenon, per municipality and county; every
-- municipality of a county with events is a row (zero events included)
event_groups as (
    select client_group_code, client_group_name_fi, client_group_name_en, phenomenon
    from {{ ref('client_groups') }}
    where phenomenon is not null
),

event_years as (
    select m.year, m.region_level, m.region_code, m.client_group, sum(m.events) as events
    from {{ ref('int_client_register__events_counted_by_month') }} m
    inner join event_groups g on g.client_group_code = m.client_group
    group by m.year, m.region_level, m.region_code, m.client_group
),

event_areas as (
    {{ county_regions("select region_code from event_years where region_level = 'wellbeing_county'") }}
),

event_scaffold as (
    select y.year, g.client_group_code, g.client_group_name_fi, g.client_group_name_en, g.phenomenon,
           a.region_level, a.region_code, a.region_name_fi, a.parent_region_code
    from (select distinct year from event_years) y
    cross join event_groups g
    cross join event_areas a
),

event_rates as (
    select
        s.*,
        cast(coalesce(e.events, 0) as double) as numerator,
        cast(p.population as double) as population,
        row_number() over (
            partition by s.year, s.client_group_code, s.region_level, s.region_code order by p.year desc
        ) as _pick
    from event_scaffold s
    left join event_years e
        on e.year = s.year and e.region_level = s.region_level and e.region_code = s.region_code
       and e.client_group = s.client_group_code
    left join {{ ref('stg_statfin__population') }} p
        on p.region_code = s.region_code and p.gender = 'total' and p.age_group = 'all' and p.year <= s.year
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
    {{ year_period_columns('r.year') }},
    r.gender,
    r.age_group,
    r.value,
    r.numerator,
    r.denominator,
    cast(u.updated_on as timestamp) as source_updated_at,
    cast(l.loaded_at as timestamp) as loaded_at
from {{ ref('int_client_register__rates_computed') }} r
left join updated u on u.source_name = r.source_name
left join loads l on l.source = r.source_name
where r.phenomenon is not null
  and r.unit in ('percent', 'per_1000', 'per_100000', 'count', 'score')
  and r.value is not null

union all

select
    e.phenomenon,
    {{ dbt.concat(["'client_register_events_'", "e.client_group_code", "'_year_sum'"]) }} as indicator_code,
    {{ dbt.concat(["'Sosiaalihuollon asiakastapahtumat: '", "e.client_group_name_fi", "' / 1 000 asukasta vuodessa'"]) }}
        as indicator_name_fi,
    {{ dbt.concat(["'Social welfare service events: '", "e.client_group_name_en", "' per 1 000 residents a year'"]) }}
        as indicator_name_en,
    'statistics' as source_class,
    'client_register' as source_system,
    'Varha' as source_organisation,
    cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    'per_1000' as unit,
    true as higher_is_worse,
    e.region_level,
    e.region_code,
    e.region_name_fi,
    e.parent_region_code,
    {{ year_period_columns('e.year') }},
    'total' as gender,
    'all' as age_group,
    1000.0 * e.numerator / e.population as value,
    e.numerator,
    e.population as denominator,
    cast(u.updated_on as timestamp) as source_updated_at,
    cast(l.loaded_at as timestamp) as loaded_at
from event_rates e
left join updated u on u.source_name = 'client_register_events'
left join loads l on l.source = 'client_register_events'
where e._pick = 1 and e.population > 0
