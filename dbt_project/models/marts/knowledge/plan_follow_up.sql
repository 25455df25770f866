{#
  Follow-up of the structural social work implementation plan 2025–2029 (the social work director's team).
  Grain: one row per plan action x plan version (snapshot), from the version where the action first appears to
  the latest one; versions where the action is missing are kept (is_present = false, change_type removed/absent).
  Adds per-version progress of the action's goal and of the whole plan (share of actions in use), and the
  latest evidence figure of the knowledge mart that evidences the action (same figure on every version row).
  Filter is_latest_version for the current state.
#}
with history as (
    select * from {{ ref('int_plan_actions__versions_compared') }}
),

links as (
    select match_on, pattern, evidence_mart, evidence_measure, evidence_name_fi, priority
    from {{ ref('plan_action_evidence') }}
),

latest_wording as (
    select action_id, action_text_norm, topic_text_norm
    from history
    where is_latest_version
),

matches as (
    select
        w.action_id, l.evidence_mart, l.evidence_measure, l.evidence_name_fi,
        row_number() over (
            partition by w.action_id order by l.priority, l.evidence_mart, l.pattern
        ) as match_rank
    from latest_wording as w
    inner join links as l
        on (l.match_on = 'action' and w.action_text_norm like {{ dbt.concat(["'%'", "l.pattern", "'%'"]) }})
        or (l.match_on = 'topic' and w.topic_text_norm like {{ dbt.concat(["'%'", "l.pattern", "'%'"]) }})
),

evidence as (
    select
        m.action_id, m.evidence_mart, m.evidence_measure, m.evidence_name_fi,
        e.evidence_period, e.evidence_value, e.evidence_is_lower_bound
    from matches as m
    left join {{ ref('int_plan_actions__evidence_collected') }} as e
        on e.evidence_mart = m.evidence_mart and e.evidence_measure = m.evidence_measure
    where m.match_rank = 1
),

goal_progress as (
    select
        version_number,
        goal,
        count(*) as goal_actions,
        sum(case when status_code = 'in_use' then 1 else 0 end) as goal_actions_in_use,
        sum(case when status_code = 'in_preparation' then 1 else 0 end) as goal_actions_in_preparation,
        sum(case when status_code = 'not_settled' then 1 else 0 end) as goal_actions_not_settled
    from history
    where is_present
    group by version_number, goal
),

plan_progress as (
    select
        version_number,
        count(*) as plan_actions,
        sum(case when status_code = 'in_use' then 1 else 0 end) as plan_actions_in_use
    from history
    where is_present
    group by version_number
)

select
    h.action_id,
    h.action_key,
    h.goal,
    h.topic,
    h.action,
    h.target_group,
    h.responsible,
    h.version_number,
    h.snapshot_date,
    h.previous_snapshot_date,
    h.is_latest_version,
    h.file_name,
    h.is_present,
    h.change_type,
    h.status_code,
    h.status_fi,
    h.status_note,
    h.updated_date,
    h.previous_status_code,
    h.previous_status_fi,
    h.previous_status_seen_on,
    h.status_changed,
    h.wording_changed,
    h.status_since,
    h.days_in_status,
    h.versions_in_status,
    cast(coalesce(g.goal_actions, 0) as integer) as goal_actions,
    cast(coalesce(g.goal_actions_in_use, 0) as integer) as goal_actions_in_use,
    cast(coalesce(g.goal_actions_in_preparation, 0) as integer) as goal_actions_in_preparation,
    cast(coalesce(g.goal_actions_not_settled, 0) as integer) as goal_actions_not_settled,
    cast(g.goal_actions_in_use as double) / nullif(g.goal_actions, 0) as goal_share_in_use,
    cast(coalesce(p.plan_actions, 0) as integer) as plan_actions,
    cast(coalesce(p.plan_actions_in_use, 0) as integer) as plan_actions_in_use,
    cast(p.plan_actions_in_use as double) / nullif(p.plan_actions, 0) as plan_share_in_use,
    e.evidence_mart,
    e.evidence_measure,
    e.evidence_name_fi,
    e.evidence_period,
    e.evidence_value,
    e.evidence_is_lower_bound
from history as h
left join goal_progress as g
    on g.version_number = h.version_number and g.goal = h.goal
left join plan_progress as p
    on p.version_number = h.version_number
left join evidence as e
    on e.action_id = h.action_id
