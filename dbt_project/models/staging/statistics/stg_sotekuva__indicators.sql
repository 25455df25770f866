{#
  THL Sotekuva values, one row per area x year x client group x measure; THL re-publishes a year now and then:
  the file whose name sorts last wins (then the last row). Rename + cast only.
#}
select
    {{ staged_columns('statistics', 'sotekuva') }},
    _file_name
from {{ latest_copy(
    source('statistics', 'sotekuva'),
    'region_code, year, lower(trim(client_group_name)), lower(trim(measure_name))',
) }} as indicator_values
