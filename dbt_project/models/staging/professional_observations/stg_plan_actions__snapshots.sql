{#
  The plan's action table, every delivered version: one row per action per snapshot file.
  Rename + cast only. Choosing one file per snapshot date and linking reworded actions happen in
  int_plan_actions__versions_numbered / int_plan_actions__identified.
#}
select
    {{ staged_columns('plan', 'plan_actions', renamed={'status': 'status_fi'}) }},
    {{ lineage_columns() }}
from {{ source('plan', 'plan_actions') }}
