{#
  The plan's action table, every delivered version: one row per action per snapshot file.
  Rename + cast only. Choosing one file per snapshot date and linking reworded actions happen in
  int_plan_actions__versions_numbered / int_plan_actions__identified.
#}
select
    cast(snapshot_date as date) as snapshot_date,
    action_key,
    goal_key,
    action_text_norm,
    topic_text_norm,
    goal,
    topic,
    action,
    target_group,
    status_code,
    status as status_fi,
    status_note,
    responsible,
    cast(updated_date as date) as updated_date,
    {{ lineage_columns() }}
from {{ source('plan', 'plan_actions') }}
