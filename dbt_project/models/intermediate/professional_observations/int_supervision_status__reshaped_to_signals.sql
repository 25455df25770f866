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
{#- the indicators counted over units with no breakdown but the total -#}
{%- set unit_totals = {
    'supervision_units_with_open_findings': 'sum(has_open)',
    'supervision_units_overdue': 'sum(is_overdue)',
    'supervision_open_findings': 'sum(open_findings)',
    'supervision_open_serious_findings': 'sum(open_serious_findings)',
} %}
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
    {%- for indicator_code, measure in unit_totals.items() %}
    union all
    {{ area_breakdowns('areas', ['snapshot_date'], measures=measure ~ ' as n', indicator_code=indicator_code) }}
    {%- endfor %}
),

lineage as (
    select max(loaded_at) as loaded_at from latest
)

{{ count_signals_select('supervision_status', {
    'supervision_units': 'Valvonnan tilannetaulukon yksiköt',
    'supervision_units_with_open_findings': 'Yksiköt, joilla avoimia valvontahavaintoja',
    'supervision_units_overdue': 'Yksiköt, joiden avoin havainto on yli määräajan',
    'supervision_open_findings': 'Avoimet valvontahavainnot',
    'supervision_open_serious_findings': 'Avoimet vakavat valvontahavainnot',
}, "'snapshot' as period_type, b.snapshot_date as period_start, b.snapshot_date as period_end,
    cast(b.snapshot_date as " ~ dbt.type_string() ~ ") as period_label") }}
