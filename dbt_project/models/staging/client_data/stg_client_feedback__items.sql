{#
  Client feedback items, one row per feedback id. Overlapping exports can repeat an item: the copy in the file
  whose name sorts last wins (then the last row). Rename + cast otherwise.
#}
select
    {{ staged_columns('client_data', 'client_feedback',
                      derived={'received_at': 'cast(received_at as date) as received_date'}) }},
    {{ lineage_columns() }}
from {{ latest_copy(source('client_data', 'client_feedback'), 'feedback_id') }} as items
