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
    select * from {{ ref('int_complaints__enriched') }}
),

tagged as (
    select c.case_id, c.municipality_code, c.wellbeing_county_code, c.period_label, p.phenomenon
    from cases as c
    inner join {{ ref('phenomena') }} as p
        on {{ dbt.concat(["'|'", "c.phenomenon_group", "'|'"]) }} like {{ dbt.concat(["'%|'", "p.phenomenon", "'|%'"]) }}
),

{{ phenomenon_grid_ctes(
    'cases', 'modified_at', "select wellbeing_county_code from cases where wellbeing_county_code is not null"
) }},

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
),

grid as (
    {{ phenomenon_grid('regions', 'periods', 'counts', ['cases']) }}
)

select
    g.phenomenon,
    {{ dbt.concat(["'complaints_cases_'", "g.phenomenon"]) }} as indicator_code,
    {{ dbt.concat(["'Muistutukset, kantelut ja epäkohtailmoitukset: '", "g.phenomenon_fi"]) }} as indicator_name_fi,
    {{ dbt.concat(["'Complaints and staff reports of shortcomings: '", "g.phenomenon_en"]) }} as indicator_name_en,
    'client_data' as source_class,
    'complaints' as source_system,
    'Varha' as source_organisation,
    cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    'count' as unit,
    true as higher_is_worse,
    {{ phenomenon_grid_count_columns('g', 'cases') }},
    cast(li.source_updated_at as timestamp) as source_updated_at,
    cast(li.loaded_at as timestamp) as loaded_at
from grid as g
cross join lineage as li
