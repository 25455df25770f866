{#
  Service events per calendar month × region × THL client group: the number of events and the number of distinct
  clients with at least one event. Two region levels: every municipality with events and its wellbeing services
  county (clients are counted distinct within the county, so they are not the sum of the municipalities).
  Grain: period_start × region_level × region_code × client_group.

  Incremental: the events table grows by a monthly file (a million rows a county-year), so this model does not
  rebuild from scratch. A run recomputes the months of the half-open window [window_start, window_end) that
  covers the data periods (raw._loads) of every client_register_events file loaded since the last build, from
  all events of those months, and replaces exactly those months (delete+insert on period_start; on Spark an
  insert_overwrite of the period_start partitions, which is the same). A full refresh builds every month.
  Limitation: a corrected re-delivery that no longer contains a month it used to contain leaves that month's old
  row in place until a full refresh.
#}
{{ config(
    materialized='incremental',
    incremental_strategy=('insert_overwrite' if target.type == 'spark' else 'delete+insert'),
    unique_key='period_start',
    partition_by=(['period_start'] if target.type == 'spark' else none),
    on_schema_change='fail'
) }}
with loads as (
    select file_name, loaded_at, period_start, period_end
    from {{ source('ledger', '_loads') }}
    where source = 'client_register_events' and status = 'current'
),

{% if is_incremental() %}
new_loads as (
    select * from loads
    where loaded_at > (select max(source_loaded_at) from {{ this }})
),

refresh_window as (
    select
        cast({{ dbt.date_trunc('month', 'min(period_start)') }} as date) as window_start,
        cast({{ dbt.dateadd('month', 1, dbt.date_trunc('month', 'max(period_end)')) }} as date) as window_end
    from new_loads
),
{% endif %}

events as (
    select
        e.client_pseudonym,
        e.municipality_code,
        m.wellbeing_county_code,
        e.client_group,
        cast({{ dbt.date_trunc('month', 'e.event_date') }} as date) as period_start
    from {{ ref('stg_client_register__events') }} e
    inner join {{ ref('municipalities') }} m on m.municipality_code = e.municipality_code
    {% if is_incremental() %}
    inner join refresh_window w
        on e.event_date >= w.window_start and e.event_date < w.window_end
    {% endif %}
),

-- one row per client, month, municipality and group first: the county counts its distinct clients from these
-- (a few million rows), not from every event
per_client as (
    select period_start, municipality_code, wellbeing_county_code, client_group, client_pseudonym,
           count(*) as events
    from events
    group by period_start, municipality_code, wellbeing_county_code, client_group, client_pseudonym
),

counted as (
    select period_start, 'municipality' as region_level, municipality_code as region_code,
           wellbeing_county_code as parent_region_code, client_group,
           sum(events) as events, count(*) as clients
    from per_client
    group by period_start, municipality_code, wellbeing_county_code, client_group
    union all
    select period_start, 'wellbeing_county', wellbeing_county_code, 'SSS', client_group,
           sum(events), count(distinct client_pseudonym)
    from per_client
    group by period_start, wellbeing_county_code, client_group
)

select
    c.period_start,
    cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'c.period_start')) }} as date) as period_end,
    cast(extract(year from c.period_start) as integer) as year,
    cast(extract(month from c.period_start) as integer) as month,
    c.region_level,
    c.region_code,
    c.parent_region_code,
    c.client_group,
    cast(c.events as bigint) as events,
    cast(c.clients as bigint) as clients,
    cast((select max(loaded_at) from loads) as timestamp) as source_loaded_at
from counted c
