{#
  The supervision unit's status table in the professional_signals shape (true values; the publish layer applies
  disclosure control), per snapshot date (period_type 'snapshot'), by service area ('all' = every area):
    supervision_units                      units in the table, by breakdown total, provider_type, supervision_state
    supervision_units_with_open_findings   units with at least one open finding
    supervision_units_overdue              units whose oldest open finding is past its due date on the snapshot
    supervision_open_findings              open findings (sum over units)
    supervision_open_serious_findings      of which serious
  The latest delivery of a snapshot date wins.
#}
with units as (
    {{ with_file_loaded_at(ref('stg_supervision_status__units'), 'supervision_status') }}
),

ranked as (
    select
        u.*,
        row_number() over (partition by u.snapshot_date, u.unit_id order by u.loaded_at desc, u.file_name desc)
            as delivery_rank
    from units as u
),

latest as (
    select
        *,
        case when open_findings > 0 then 1 else 0 end as has_open,
        case when open_findings > 0 and oldest_open_due_date < snapshot_date then 1 else 0 end as is_overdue
    from ranked
    where delivery_rank = 1
),

areas as (
    {{ own_and_all_areas('latest', 'service_area_code',
                         ['snapshot_date', 'unit_id', 'provider_type', 'supervision_state', 'has_open', 'is_overdue',
                          'open_findings', 'open_serious_findings']) }}
),

breakdowns as (
    {{ area_breakdowns('areas', ['snapshot_date'], ['provider_type', 'supervision_state'],
                       'count(distinct unit_id) as n', 'supervision_units') }}
    union all
    {{ area_breakdowns('areas', ['snapshot_date'], measures='sum(has_open) as n',
                       indicator_code='supervision_units_with_open_findings') }}
    union all
    {{ area_breakdowns('areas', ['snapshot_date'], measures='sum(is_overdue) as n',
                       indicator_code='supervision_units_overdue') }}
    union all
    {{ area_breakdowns('areas', ['snapshot_date'], measures='sum(open_findings) as n',
                       indicator_code='supervision_open_findings') }}
    union all
    {{ area_breakdowns('areas', ['snapshot_date'], measures='sum(open_serious_findings) as n',
                       indicator_code='supervision_open_serious_findings') }}
),

lineage as (
    select max(loaded_at) as loaded_at from latest
)

select
    'supervision_status' as source_system,
    b.indicator_code,
    case b.indicator_code
        when 'supervision_units' then 'Valvonnan tilannetaulukon yksiköt'
        when 'supervision_units_with_open_findings' then 'Yksiköt, joilla avoimia valvontahavaintoja'
        when 'supervision_units_overdue' then 'Yksiköt, joiden avoin havainto on yli määräajan'
        when 'supervision_open_findings' then 'Avoimet valvontahavainnot'
        else 'Avoimet vakavat valvontahavainnot'
    end as indicator_name_fi,
    'count' as unit,
    'snapshot' as period_type,
    b.snapshot_date as period_start,
    b.snapshot_date as period_end,
    cast(b.snapshot_date as {{ dbt.type_string() }}) as period_label,
    {{ area_count_columns() }},
    cast(li.loaded_at as timestamp) as loaded_at
from breakdowns as b
cross join lineage as li
left join {{ ref('service_areas') }} as sa on sa.service_area_code = b.service_area_code
