{#
  Complaints in the phenomenon marts' shape (true values; the publish layer applies disclosure
  control). One indicator per phenomenon (the marts' key has no phenomenon, so the code carries it):
    complaints_cases_<phenomenon>
                      number of distinct cases (muistutus, kantelu, epäkohtailmoitus; latest version of each)
                      received in the half-year whose SHL §11 need maps to the phenomenon (seed shl11_needs;
                      need 8 counts for both mental_health and substance_use). Unit count; value = numerator.
  Regions: every municipality of the county (true zeros kept, so the grid is complete) and the county itself.
  Periods: every half-year in which the register has cases.
#}
with cases as (
    select * from {{ ref('int_complaints__cases') }}
),

phenomena as (
    select 'homelessness' as phenomenon, 'asunnottomuus' as phenomenon_fi, 'homelessness' as phenomenon_en union all
    select 'mental_health', 'mielenterveys', 'mental health' union all
    select 'substance_use', 'päihteet ja riippuvuudet', 'substances and addictions' union all
    select 'livelihood', 'taloudellinen tilanne ja toimeentulo', 'financial situation and livelihood'
),

tagged as (
    select c.case_id, c.municipality_code, c.wellbeing_county_code, c.period_label, p.phenomenon
    from cases as c
    inner join phenomena as p
        on {{ dbt.concat(["'|'", "c.phenomenon_group", "'|'"]) }} like {{ dbt.concat(["'%|'", "p.phenomenon", "'|%'"]) }}
),

periods as (
    select distinct period_type, period_start, period_end, period_label from cases
),

counties as (
    select distinct wellbeing_county_code as county_code from cases where wellbeing_county_code is not null
),

lineage as (
    select max(modified_at) as source_updated_at, max(loaded_at) as loaded_at from cases
),

regions as (
    select
        'municipality' as region_level,
        m.municipality_code as region_code,
        m.municipality_name_fi as region_name_fi,
        m.wellbeing_county_code as parent_region_code
    from {{ ref('municipalities') }} as m
    inner join counties as c on c.county_code = m.wellbeing_county_code
    union all
    select
        'wellbeing_county' as region_level,
        r.region_code,
        r.region_name_fi,
        'SSS' as parent_region_code
    from {{ ref('regions') }} as r
    inner join counties as c on c.county_code = r.region_code
),

municipal_counts as (
    select municipality_code as region_code, period_label, phenomenon, count(distinct case_id) as cases
    from tagged
    group by municipality_code, period_label, phenomenon
),

county_counts as (
    select wellbeing_county_code as region_code, period_label, phenomenon, count(distinct case_id) as cases
    from tagged
    group by wellbeing_county_code, period_label, phenomenon
),

counts as (
    select * from municipal_counts
    union all
    select * from county_counts
)

select
    ph.phenomenon,
    {{ dbt.concat(["'complaints_cases_'", "ph.phenomenon"]) }} as indicator_code,
    {{ dbt.concat(["'Muistutukset, kantelut ja epäkohtailmoitukset: '", "ph.phenomenon_fi"]) }} as indicator_name_fi,
    {{ dbt.concat(["'Complaints and staff reports of shortcomings: '", "ph.phenomenon_en"]) }} as indicator_name_en,
    'client_data' as source_class,
    'complaints' as source_system,
    'Varha' as source_organisation,
    cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    'count' as unit,
    true as higher_is_worse,
    r.region_level,
    r.region_code,
    r.region_name_fi,
    r.parent_region_code,
    pe.period_type,
    pe.period_start,
    pe.period_end,
    pe.period_label,
    'total' as gender,
    'all' as age_group,
    cast(coalesce(n.cases, 0) as double) as value,
    cast(coalesce(n.cases, 0) as double) as numerator,
    cast(null as double) as denominator,
    cast(li.source_updated_at as timestamp) as source_updated_at,
    cast(li.loaded_at as timestamp) as loaded_at
from regions as r
cross join periods as pe
cross join phenomena as ph
cross join lineage as li
left join counts as n
    on n.region_code = r.region_code and n.period_label = pe.period_label and n.phenomenon = ph.phenomenon
