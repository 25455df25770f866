{#
  Each action row of each plan version, with a stable action_id that survives small wording edits.

  action_key (computed by the loader) is the key of one wording: normalised goal + action text. When the
  director's team rewords an action, the new wording gets a new key. It is linked to the old key when, in the
  version where the new key first appears:
    - the old key was present in the previous version and is absent from this version and every later one, and
    - either the action text is identical (only the goal was reworded), or the goal is the same and the action
      texts differ by a Levenshtein distance of at most max(3, 20 % of the longer text),
    - and the pairing is unambiguous: exactly one candidate on each side.
  action_id is then the key of the earliest wording (chains followed up to {{ max_hops }} rewordings).
  Not linked (they show as one removed and one added action): a goal and action reworded in the same version,
  a bigger rewrite, or a reworded action whose old wording comes back later.

  `levenshtein` exists in both DuckDB and Spark SQL.
#}
{% set max_hops = 10 %}
{% set max_distance_ratio = 0.2 %}

with versions as (
    select snapshot_date, file_name, version_number from {{ ref('int_plan_actions__versions_numbered') }}
),

plan_rows as (
    select s.*, v.version_number
    from {{ ref('stg_plan_actions__snapshots') }} as s
    inner join versions as v
        on s.snapshot_date = v.snapshot_date and s.file_name = v.file_name
),

latest as (
    select max(version_number) as last_version_number from versions
),

key_span as (
    select action_key, min(version_number) as first_version, max(version_number) as last_version
    from plan_rows
    group by action_key
),

disappeared as (
    select r.version_number + 1 as version_number, r.action_key, r.goal_key, r.action_text_norm
    from plan_rows as r
    inner join key_span as k on k.action_key = r.action_key and r.version_number = k.last_version
    cross join latest
    where r.version_number < latest.last_version_number
),

appeared as (
    select r.version_number, r.action_key, r.goal_key, r.action_text_norm
    from plan_rows as r
    inner join key_span as k on k.action_key = r.action_key and r.version_number = k.first_version
    where r.version_number > 1
),

candidates as (
    select a.version_number, a.action_key as new_key, d.action_key as old_key
    from appeared as a
    inner join disappeared as d on d.version_number = a.version_number
    where a.action_text_norm = d.action_text_norm
       or (
            a.goal_key = d.goal_key
            and levenshtein(a.action_text_norm, d.action_text_norm)
                <= greatest(3, floor({{ max_distance_ratio }} * greatest(length(a.action_text_norm), length(d.action_text_norm))))
       )
),

counted as (
    select
        new_key, old_key,
        count(*) over (partition by version_number, new_key) as candidates_for_new,
        count(*) over (partition by version_number, old_key) as candidates_for_old
    from candidates
),

rewordings as (
    select new_key, old_key from counted where candidates_for_new = 1 and candidates_for_old = 1
),

keys as (
    select distinct action_key from plan_rows
),

resolved as (
    select
        k.action_key,
        coalesce({% for i in range(max_hops, 0, -1) %}e{{ i }}.old_key, {% endfor %}k.action_key) as action_id
    from keys as k
    {% for i in range(1, max_hops + 1) %}
    left join rewordings as e{{ i }} on e{{ i }}.new_key = {{ 'k.action_key' if i == 1 else 'e' ~ (i - 1) ~ '.old_key' }}
    {% endfor %}
)

select
    r.action_id,
    p.action_key,
    p.goal_key,
    p.action_text_norm,
    p.topic_text_norm,
    p.version_number,
    p.snapshot_date,
    p.goal,
    p.topic,
    p.action,
    p.target_group,
    p.status_code,
    p.status_fi,
    p.status_note,
    p.responsible,
    p.updated_date,
    p.file_name,
    p.source_row_number
from plan_rows as p
inner join resolved as r on r.action_key = p.action_key
