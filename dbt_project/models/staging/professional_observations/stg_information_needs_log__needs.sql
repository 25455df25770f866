{#
  The information needs log: one row per need id (the file name that sorts last wins). Rename + cast otherwise.
#}
select
    {{ staged_columns('professional_observations', 'information_needs_log') }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name
from {{ latest_copy(source('professional_observations', 'information_needs_log'), 'need_id') }} as needs
