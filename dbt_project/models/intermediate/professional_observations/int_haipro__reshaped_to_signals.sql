{#
  HaiPro incident reports in the professional_signals shape (true values; the publish layer applies disclosure control).
  The latest delivery of each report counts (a later monthly export may repeat a report with a new status).
    haipro_reports       reports made in the half-year, by service area ('all' = every area) × breakdown:
                         total, event_type, severity
    haipro_open_reports  of those, reports still new or in handling at the latest export, by service area
#}
with latest as (
    select
        *,
        case when handling_status in ('uusi', 'kasittelyssa') then 1 else 0 end as is_open
    from ({{ latest_deliveries(ref('stg_haipro__reports'), 'haipro', 'report_id') }}) as r
),

periods as (
    select
        *,
        {{ period_columns('half_year', 'reported_date') }}
    from latest
),

areas as (
    {{ own_and_all_areas('periods', 'service_area_code',
                         ['report_id', 'period_type', 'period_start', 'period_end', 'period_label', 'event_type',
                          'severity', 'is_open']) }}
),

breakdowns as (
    {{ area_breakdowns('areas', ['period_type', 'period_start', 'period_end', 'period_label'], ['event_type', 'severity'],
                       'count(distinct report_id) as n', 'haipro_reports') }}
    union all
    {{ area_breakdowns('areas', ['period_type', 'period_start', 'period_end', 'period_label'],
                       measures='count(distinct case when is_open = 1 then report_id end) as n',
                       indicator_code='haipro_open_reports') }}
),

lineage as (
    select max(loaded_at) as loaded_at from latest
)

{{ count_signals_select('haipro', {
    'haipro_reports': 'HaiPro-vaaratapahtumailmoitukset',
    'haipro_open_reports': 'Käsittelemättömät HaiPro-ilmoitukset',
}) }}
