{#
  Every source: its last load, the newest data period in the data, and whether that period is as recent as
  the source's real cadence says it should be by today. A source can be loaded today and still be a year
  behind: the status follows the data period, not the load time.
#}
with current_loads as (
    select * from {{ ref('stg_ledger__loads') }} where status = 'current'
),

per_source as (
    select
        source,
        max(loaded_at) as last_loaded_at,
        min(period_start) as oldest_period_start,
        max(period_end) as newest_period_end,
        count(*) as loads,
        sum(rows_accepted) as rows_accepted,
        sum(rows_quarantined) as rows_quarantined
    from current_loads
    group by source
),

-- Sotkanet loads one ledger row per indicator response; its cadence is the source's as a whole.
rolled as (
    select
        case when source like 'sotkanet%' then 'sotkanet' else source end as source,
        max(last_loaded_at) as last_loaded_at,
        min(oldest_period_start) as oldest_period_start,
        max(newest_period_end) as newest_period_end,
        sum(loads) as loads,
        sum(rows_accepted) as rows_accepted,
        sum(rows_quarantined) as rows_quarantined
    from per_source
    group by 1
)

select
    c.source,
    c.source_class,
    c.cadence,
    c.expectation,
    r.last_loaded_at,
    r.oldest_period_start,
    r.newest_period_end,
    cast(coalesce(r.loads, 0) as bigint) as loads,
    cast(coalesce(r.rows_accepted, 0) as bigint) as rows_accepted,
    cast(coalesce(r.rows_quarantined, 0) as bigint) as rows_quarantined,
    cast({{ dbt.datediff('r.newest_period_end', 'current_date', 'day') }} as integer) as data_lag_days,
    c.warn_after_days,
    c.error_after_days,
    case
        when r.newest_period_end is null then 'error'
        when {{ dbt.datediff('r.newest_period_end', 'current_date', 'day') }} > c.error_after_days then 'error'
        when {{ dbt.datediff('r.newest_period_end', 'current_date', 'day') }} > c.warn_after_days then 'warn'
        else 'ok'
    end as status
from {{ ref('source_cadence') }} as c
left join rolled as r on r.source = c.source
