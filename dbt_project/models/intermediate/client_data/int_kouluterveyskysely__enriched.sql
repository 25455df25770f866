{#
  Kouluterveyskysely indicator values with their region (level, name, parent) and, for the indicators in seed
  ktk_indicators, their phenomenon and project indicator code ktk_<indicator_key>_<school_level> (KTK figures
  are only comparable within one school level). Indicators not in the seed keep a null phenomenon.
    respondents_with_finding  round(value_percent * respondents / 100): the count behind the share, estimated
                              from the published share and n (THL publishes shares, not counts)
#}
with values_ as (
    {{ with_file_loaded_at(ref('stg_kouluterveyskysely__results'), 'kouluterveyskysely') }}
),

areas as (
    select region_code as area_code, region_name_fi, region_level, parent_code as parent_region_code
    from {{ ref('regions') }}
    union all
    select municipality_code, municipality_name_fi, 'municipality', wellbeing_county_code
    from {{ ref('municipalities') }}
)

select
    v.survey_year,
    {{ year_period_columns('v.survey_year') }},
    v.area_code as region_code,
    a.region_name_fi,
    a.region_level,
    a.parent_region_code,
    v.school_level,
    case v.school_level
        when 'grades_4_5' then 'perusopetuksen 4. ja 5. lk'
        when 'grades_8_9' then 'perusopetuksen 8. ja 9. lk'
        when 'upper_secondary' then 'lukion 1. ja 2. vuosi'
        when 'vocational' then 'ammatillisen oppilaitoksen 1. ja 2. vuosi'
    end as school_level_name_fi,
    case v.school_level
        when 'grades_4_5' then 'basic education grades 4-5'
        when 'grades_8_9' then 'basic education grades 8-9'
        when 'upper_secondary' then 'general upper secondary years 1-2'
        when 'vocational' then 'vocational institution years 1-2'
    end as school_level_name_en,
    v.gender,
    v.indicator_name,
    k.indicator_key,
    case when k.indicator_key is not null
        then {{ dbt.concat(["'ktk_'", "k.indicator_key", "'_'", "v.school_level"]) }} end as indicator_code,
    k.indicator_name_en,
    k.phenomenon,
    k.higher_is_worse,
    v.value_percent,
    v.ci_lower,
    v.ci_upper,
    v.respondents,
    case when v.value_percent is not null and v.respondents is not null
        then round(v.value_percent * v.respondents / 100.0) end as respondents_with_finding,
    v.is_withheld,
    v.loaded_at,
    v.file_name
from values_ as v
left join areas as a on a.area_code = v.area_code
left join {{ ref('ktk_indicators') }} as k on lower(trim(k.indicator_name_fi)) = lower(trim(v.indicator_name))
