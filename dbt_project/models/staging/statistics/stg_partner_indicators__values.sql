{#
  Partner indicator values (municipalities and organisations), one row per organisation (business id) x
  indicator code x area x period x gender x age group; a re-delivery replaces the earlier value (the file whose
  name sorts last wins, then the last row). Rename + cast only.
#}
select
    {{ staged_columns('statistics', 'partner_indicators') }},
    _file_name
from {{ latest_copy(
    source('statistics', 'partner_indicators'),
    'business_id, indicator_code, region_code, period_label, gender, age_group',
) }} as indicator_values
