{#
  The delivered versions of the plan's action table, one row per snapshot date, numbered in date order.
  Two files with the same snapshot date (e.g. a .csv and an .xlsx of 2026-03-02): the file whose name sorts
  last is the version; the other is ignored here (its rows stay in raw/staging).
  A delivery whose every row was quarantined has no accepted rows and so is not a version.
#}
with files as (
    select snapshot_date, file_name, count(*) as accepted_rows
    from {{ ref('stg_plan_actions__snapshots') }}
    group by snapshot_date, file_name
),

ranked as (
    select
        snapshot_date, file_name, accepted_rows,
        row_number() over (partition by snapshot_date order by file_name desc) as file_rank
    from files
),

chosen as (
    select snapshot_date, file_name, accepted_rows from ranked where file_rank = 1
)

select
    snapshot_date,
    file_name,
    accepted_rows,
    cast(row_number() over (order by snapshot_date) as integer) as version_number,
    lag(snapshot_date) over (order by snapshot_date) as previous_snapshot_date,
    case when snapshot_date = max(snapshot_date) over () then true else false end as is_latest_version
from chosen
