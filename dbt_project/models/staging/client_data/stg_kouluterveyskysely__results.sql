{#
  Kouluterveyskysely indicator values, one row per year x area x school level x gender x indicator. THL
  re-publishes a year's table now and then: the file whose name sorts last wins (then the last row).
  Rename + cast otherwise.
#}
select
    {{ staged_columns('client_data', 'kouluterveyskysely', excluded=['period_start']) }},
    {{ lineage_columns() }}
from {{ latest_copy(
    source('client_data', 'kouluterveyskysely'),
    'survey_year, area_code, school_level, gender, lower(trim(indicator_name))',
) }} as results
