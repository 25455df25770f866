{#
  Social reports in the phenomenon marts' shape (true values; the publish layer applies
  disclosure control). One indicator per phenomenon (the key has no phenomenon column):
    social_reporting_observations_<phenomenon>
        number of distinct social reporting submissions (all valences: shortcomings, good practices, weak
        signals) submitted in the half-year that concern the phenomenon, by a ticked SHL §11 need (seed
        shl11_needs) or a keyword in the text (seed phenomenon_keywords); see int_social_reports__phenomena_tagged.
        Unit count; value = numerator. direction neutral (higher_is_worse null): more reports mean the reporting practice works, not only more problems seen (most reports are
        shortcomings or weak signals).
  Regions: the county (every submission, county-wide ones included) and each of its municipalities (true zeros
  kept, so the grid is complete; county-wide submissions have no municipality).
  Periods: every half-year in which there are submissions.
#}
with classified as (
    select * from {{ ref('int_social_reports__classified') }}
    where phenomenon in (select phenomenon from {{ ref('phenomena') }})
),

submissions as (
    select * from {{ ref('int_social_reports__enriched') }}
),

{{ phenomenon_grid_ctes('submissions', 'submitted_at', "select distinct wellbeing_county_code from submissions") }},

counts as (
    select municipality_code as region_code, period_label, phenomenon, count(distinct submission_key) as observations
    from classified
    where municipality_code is not null
    group by municipality_code, period_label, phenomenon
    union all
    select wellbeing_county_code as region_code, period_label, phenomenon, count(distinct submission_key) as observations
    from classified
    group by wellbeing_county_code, period_label, phenomenon
),

grid as (
    {{ phenomenon_grid('regions', 'periods', 'counts', ['observations']) }}
)

select
    g.phenomenon,
    {{ dbt.concat(["'social_reporting_observations_'", 'g.phenomenon']) }} as indicator_code,
    {{ dbt.concat(["'Sosiaalisen raportoinnin havainnot: '", 'g.phenomenon_fi']) }} as indicator_name_fi,
    {{ dbt.concat(["'Social reporting observations by professionals: '", "replace(g.phenomenon, '_', ' ')"]) }}
        as indicator_name_en,
    'professional_observations' as source_class,
    'social_reporting' as source_system,
    'Varha' as source_organisation,
    cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    'count' as unit,
    cast(null as boolean) as higher_is_worse,  -- direction neutral: an activity measure (more reporting is the plan working)
    {{ phenomenon_grid_count_columns('g', 'observations') }},
    cast(li.source_updated_at as timestamp) as source_updated_at,
    cast(li.loaded_at as timestamp) as loaded_at
from grid as g
cross join lineage as li
