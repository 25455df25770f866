{#
  The county's own local survey results, one row per survey x year x area x gender x age group x indicator; a
  re-delivered year replaces the earlier rows (the file whose name sorts last wins, then the last row).
  Rename + cast only.
#}
select
    {{ staged_columns('client_data', 'local_surveys') }},
    _file_name
from {{ latest_copy(
    source('client_data', 'local_surveys'),
    'survey, survey_year, region_code, gender, age_group, indicator_key',
) }} as results
