{#
  The county's own local survey results, one row per survey x year x area x gender x age group x indicator; a
  re-delivered year replaces the earlier rows (the file whose name sorts last wins, then the last row).
  Rename + cast only.
#}
select survey, survey_year, region_level, region_code, gender, age_group, indicator_key, respondents,
       respondents_with_finding, _file_name
from (
    select
        survey,
        cast(survey_year as integer) as survey_year,
        region_level,
        region_code,
        gender,
        age_group,
        indicator_key,
        cast(respondents as integer) as respondents,
        cast(respondents_with_finding as integer) as respondents_with_finding,
        _file_name,
        row_number() over (
            partition by survey, survey_year, region_code, gender, age_group, indicator_key
            order by _file_name desc, _row_number desc
        ) as _version
    from {{ source('client_data', 'local_surveys') }}
) delivered
where _version = 1
