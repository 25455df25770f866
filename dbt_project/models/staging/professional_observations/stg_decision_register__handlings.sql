{#
  The decision register: one row per handling id (a re-delivered register under another name repeats
  handlings: the file name that sorts last wins). Rename + cast otherwise.
#}
select
    {{ staged_columns('professional_observations', 'decision_register') }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name
from {{ latest_copy(source('professional_observations', 'decision_register'), 'handling_id') }} as handlings
