{#
  The status history of every plan action: one row per action_id x plan version, from the version where the
  action first appears to the latest version, also for versions in which the action is missing (so that a
  removed action is flagged, never silently lost).

  change_type, per row:
    initial         present in the first version
    added           first appears in a later version
    unchanged       present now and in the previous version, same status
    status_changed  present now and in the previous version, status differs
    reappeared      present now, missing from the previous version (e.g. its row was quarantined)
    removed         missing now, present in the previous version
    absent          missing now and in the previous version
  previous_status_*: the status in the latest earlier version where the action was present.
  status_since: the date the current status was first recorded: the row's `updated` date when the team gave one
  inside the window where the change must have happened, else the snapshot date of the first version showing
  that status. A status run is not broken by versions where the action is missing.
#}
with versions as (
    select version_number, snapshot_date, previous_snapshot_date, is_latest_version, file_name
    from {{ ref('int_plan_actions__versions_numbered') }}
),

identified as (
    select * from {{ ref('int_plan_actions__identified') }}
),

first_seen as (
    select action_id, min(version_number) as first_version
    from identified
    group by action_id
),

grid as (
    select
        f.action_id, f.first_version,
        v.version_number, v.snapshot_date, v.previous_snapshot_date, v.is_latest_version, v.file_name
    from first_seen as f
    inner join versions as v on v.version_number >= f.first_version
),

cells as (
    select
        g.*,
        r.action_key as present_action_key,
        r.status_code,
        r.status_fi,
        r.status_note,
        r.updated_date,
        case when r.action_key is not null then 1 else 0 end as present_flag
    from grid as g
    left join identified as r
        on r.action_id = g.action_id and r.version_number = g.version_number
),

windowed as (
    select
        c.*,
        lag(present_flag) over (partition by action_id order by version_number) as previous_present_flag,
        max(case when present_flag = 1 then version_number end) over (
            partition by action_id order by version_number rows between unbounded preceding and current row
        ) as last_present_version,
        max(case when present_flag = 1 then version_number end) over (
            partition by action_id order by version_number rows between unbounded preceding and 1 preceding
        ) as previous_present_version
    from cells as c
),

with_previous as (
    select
        w.*,
        p.status_code as previous_status_code,
        p.status_fi as previous_status_fi,
        p.snapshot_date as previous_status_seen_on,
        p.action_key as previous_action_key
    from windowed as w
    left join identified as p
        on p.action_id = w.action_id and p.version_number = w.previous_present_version
),

classified as (
    select
        *,
        case
            when version_number = first_version and version_number = 1 then 'initial'
            when version_number = first_version then 'added'
            when present_flag = 1 and previous_present_flag = 1 and status_code <> previous_status_code
                then 'status_changed'
            when present_flag = 1 and previous_present_flag = 1 then 'unchanged'
            when present_flag = 1 then 'reappeared'
            when previous_present_flag = 1 then 'removed'
            else 'absent'
        end as change_type,
        case
            when present_flag = 1 and previous_status_code is not null and status_code <> previous_status_code
                then 1 else 0
        end as status_changed_flag
    from with_previous
),

runs as (
    select
        *,
        case
            when present_flag = 1 and (version_number = first_version or status_changed_flag = 1) then 1 else 0
        end as run_start_flag,
        case
            when present_flag = 0 then null
            when status_changed_flag = 1 then
                case
                    when updated_date > previous_status_seen_on and updated_date <= snapshot_date then updated_date
                    else snapshot_date
                end
            when version_number = first_version then
                case when updated_date <= snapshot_date then updated_date else snapshot_date end
        end as run_start_date
    from classified
),

numbered as (
    select
        *,
        sum(run_start_flag) over (
            partition by action_id order by version_number rows between unbounded preceding and current row
        ) as run_number
    from runs
),

in_runs as (
    select
        *,
        max(run_start_date) over (partition by action_id, run_number) as run_since,
        sum(present_flag) over (
            partition by action_id, run_number order by version_number
            rows between unbounded preceding and current row
        ) as run_versions
    from numbered
)

select
    h.action_id,
    t.action_key,
    t.goal,
    t.topic,
    t.action,
    t.action_text_norm,
    t.topic_text_norm,
    t.target_group,
    t.responsible,
    h.version_number,
    h.snapshot_date,
    h.previous_snapshot_date,
    h.is_latest_version,
    h.file_name,
    case when h.present_flag = 1 then true else false end as is_present,
    h.change_type,
    h.status_code,
    h.status_fi,
    h.status_note,
    h.updated_date,
    h.previous_status_code,
    h.previous_status_fi,
    h.previous_status_seen_on,
    case when h.status_changed_flag = 1 then true else false end as status_changed,
    case
        when h.present_flag = 1 and h.previous_action_key is not null and h.previous_action_key <> h.present_action_key
            then true else false
    end as wording_changed,
    case when h.present_flag = 1 then h.run_since end as status_since,
    case when h.present_flag = 1 then
        cast({{ dbt.datediff('h.run_since', 'h.snapshot_date', 'day') }} as integer)
    end as days_in_status,
    case when h.present_flag = 1 then cast(h.run_versions as integer) end as versions_in_status
from in_runs as h
inner join identified as t
    on t.action_id = h.action_id and t.version_number = h.last_present_version
