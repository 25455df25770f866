{#
  The county's own local surveys in the phenomenon marts' shape (true values; the publish layer protects the
  respondent counts and the shares built on them). One indicator per seed row of local_survey_indicators with a
  phenomenon: local_survey_<key>, source_system local_surveys, indicator_definition county_own (never a national
  series: it has its own code and only Varha's areas, so it never enters national_comparison).
  Unit percent: value = 100 x respondents with the finding / respondents; numerator and denominator are those
  counts. Areas: the county and its municipalities as delivered; the county's totals also count respondents who
  gave no municipality, gender or age (the disclosure layer's 'other' family: totals contain their parts).
#}
{%- set ystr = "cast(s.survey_year as " ~ dbt.type_string() ~ ")" -%}
with loads as (
    {{ source_loaded_at('local_surveys', source('ledger', '_loads')) }}
)

select
    i.phenomenon,
    {{ dbt.concat(["'local_survey_'", "s.indicator_key"]) }} as indicator_code,
    i.indicator_name_fi,
    i.indicator_name_en,
    'client_data' as source_class,
    'local_surveys' as source_system,
    'Varha' as source_organisation,
    cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    'percent' as unit,
    cast(i.higher_is_worse as boolean) as higher_is_worse,
    s.region_level,
    s.region_code,
    coalesce(m.municipality_name_fi, r.region_name_fi) as region_name_fi,
    case when s.region_level = 'municipality' then m.wellbeing_county_code else 'SSS' end as parent_region_code,
    {{ year_period_columns('s.survey_year') }},
    s.gender,
    s.age_group,
    100.0 * s.respondents_with_finding / s.respondents as value,
    cast(s.respondents_with_finding as double) as numerator,
    cast(s.respondents as double) as denominator,
    cast(cast({{ dbt.concat([ystr, "'-12-31'"]) }} as date) as timestamp) as source_updated_at,
    cast(lo.loaded_at as timestamp) as loaded_at
from {{ ref('stg_local_surveys__results') }} s
inner join {{ ref('local_survey_indicators') }} i on i.indicator_key = s.indicator_key
left join {{ ref('municipalities') }} m on s.region_level = 'municipality' and m.municipality_code = s.region_code
left join {{ ref('regions') }} r on s.region_level = 'wellbeing_county' and r.region_code = s.region_code
cross join loads lo
where i.phenomenon is not null
