{#
  Client panel and citizen forum meetings, one row per meeting id (a re-delivered workbook under another name
  repeats meetings: the file name that sorts last wins). Rename + cast otherwise.
#}
select
    {{ staged_columns('client_data', 'client_panels') }},
    {{ lineage_columns() }}
from {{ latest_copy(source('client_data', 'client_panels'), 'meeting_id') }} as meetings
