{#
  Kouluterveyskysely in the phenomenon marts' shape (true values; the publish layer applies
  disclosure control). One indicator per mapped KTK indicator and school level: ktk_<key>_<school_level>,
  e.g. ktk_anxiety_grades_8_9. Unit percent (share of respondents); denominator = respondents (n),
  numerator = round(share * n / 100). Country, every wellbeing services county and the municipalities THL
  publishes; by gender. Values THL withheld (too few respondents) are left out. Age group 0-17: KTK's
  respondent groups are school pupils (grades 4–5 and 8–9, years 1–2 of upper secondary and vocational
  school, nearly all under 18) [I]. Provenance: THL's survey and definition; source_indicator_id is THL's
  indicator name as exported (the survey's results have no numeric ids).
#}
select
    phenomenon,
    indicator_code,
    {{ dbt.concat(["indicator_name", "' ('", "school_level_name_fi", "')'"]) }} as indicator_name_fi,
    {{ dbt.concat(["indicator_name_en", "' ('", "school_level_name_en", "')'"]) }} as indicator_name_en,
    'client_data' as source_class,
    'kouluterveyskysely' as source_system,
    'THL' as source_organisation,
    cast(indicator_name as {{ dbt.type_string() }}) as source_indicator_id,
    'national' as indicator_definition,
    'percent' as unit,
    higher_is_worse,
    region_level,
    region_code,
    region_name_fi,
    parent_region_code,
    period_type,
    period_start,
    period_end,
    period_label,
    gender,
    '0-17' as age_group,
    cast(value_percent as double) as value,
    cast(respondents_with_finding as double) as numerator,
    cast(respondents as double) as denominator,
    cast(period_end as timestamp) as source_updated_at,
    cast(loaded_at as timestamp) as loaded_at
from {{ ref('int_kouluterveyskysely__enriched') }}
where phenomenon is not null
  and value_percent is not null
  and region_level is not null
