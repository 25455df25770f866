{#
  Social reports in the phenomenon marts' shape (true values; the publish layer applies
  disclosure control). One indicator per phenomenon (the key has no phenomenon column):
    social_reporting_observations_<phenomenon>
        number of distinct social reporting submissions (all valences: shortcomings, good practices, weak
        signals) submitted in the half-year that concern the phenomenon, by a ticked SHL §11 need (seed
        shl11_needs) or a keyword in the text (seed phenomenon_keywords); see int_social_reports__phenomenon_tags.
        Unit count; value = numerator. direction neutral (higher_is_worse null): more reports mean the reporting practice works, not only more problems seen (most reports are
        shortcomings or weak signals).
  Regions: the county (every submission, county-wide ones included) and each of its municipalities (true zeros
  kept, so the grid is complete; county-wide submissions have no municipality).
  Periods: every half-year in which there are submissions.
#}
with classified as (
    select * from {{ ref('int_social_reports__classified') }}
    where phenomenon in ('homelessness', 'mental_health', 'substance_use', 'livelihood')
),

submissions as (
    select * from {{ ref('int_social_reports__submissions') }}
),

phenomena as (
    select 'homelessness' as phenomenon, 'asunnottomuus' as phenomenon_fi union all
    select 'mental_health', 'mielenterveys' union all
    select 'substance_use', 'päihteet ja riippuvuudet' union all
    select 'livelihood', 'taloudellinen tilanne ja toimeentulo'
),

periods as (
    select distinct period_type, period_start, period_end, period_label from submissions
),

lineage as (
    select max(submitted_at) as source_updated_at, max(loaded_at) as loaded_at from submissions
),

regions as (
    select
        'municipality' as region_level,
        m.municipality_code as region_code,
        m.municipality_name_fi as region_name_fi,
        m.wellbeing_county_code as parent_region_code
    from {{ ref('municipalities') }} as m
    where m.wellbeing_county_code in (select distinct wellbeing_county_code from submissions)
    union all
    select
        'wellbeing_county' as region_level,
        r.region_code,
        r.region_name_fi,
        'SSS' as parent_region_code
    from {{ ref('regions') }} as r
    where r.region_code in (select distinct wellbeing_county_code from submissions)
),

counts as (
    select municipality_code as region_code, period_label, phenomenon, count(distinct submission_key) as observations
    from classified
    where municipality_code is not null
    group by municipality_code, period_label, phenomenon
    union all
    select wellbeing_county_code as region_code, period_label, phenomenon, count(distinct submission_key) as observations
    from classified
    group by wellbeing_county_code, period_label, phenomenon
)

select
    ph.phenomenon,
    {{ dbt.concat(["'social_reporting_observations_'", 'ph.phenomenon']) }} as indicator_code,
    {{ dbt.concat(["'Sosiaalisen raportoinnin havainnot: '", 'ph.phenomenon_fi']) }} as indicator_name_fi,
    {{ dbt.concat(["'Social reporting observations by professionals: '", "replace(ph.phenomenon, '_', ' ')"]) }}
        as indicator_name_en,
    'professional_observations' as source_class,
    'social_reporting' as source_system,
    'Varha' as source_organisation,
    cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    'count' as unit,
    cast(null as boolean) as higher_is_worse,  -- direction neutral: an activity measure (more reporting is the plan working)
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
    cast(coalesce(n.observations, 0) as double) as value,
    cast(coalesce(n.observations, 0) as double) as numerator,
    cast(null as double) as denominator,
    cast(li.source_updated_at as timestamp) as source_updated_at,
    cast(li.loaded_at as timestamp) as loaded_at
from regions as r
cross join periods as pe
cross join phenomena as ph
cross join lineage as li
left join counts as n
    on n.region_code = r.region_code and n.period_label = pe.period_label and n.phenomenon = ph.phenomenon
