{#
  Findings of self-monitoring follow-up reports and inspection reports in the professional_signals shape (true
  values; the publish layer applies disclosure control). The latest delivery of each finding counts (a later
  export repeats it with its fix date). One indicator:
    supervision_findings  findings reported in the half-year, by service area ('all' = every area) × breakdown:
                          total, report_type (omavalvonta, valvontakaynti, viranomaistarkastus), severity, topic
                          (the self-monitoring plan's sections), fix_status, or phenomenon.
  fix_status, as of the newest report date in the data (so the same data gives the same status on every run):
    fixed_on_time  fixed by the deadline        fixed_late    fixed after it
    open           not fixed, deadline ahead    open_overdue  not fixed, deadline passed
  Phenomenon: a finding is tagged with every phenomenon whose seed phenomenon_keywords pattern (either language)
  occurs in its redacted text or its unit's name (a 'Tukiasumisyksikkö' → homelessness), else 'none'; a finding
  can be in two phenomena, so that breakdown covers the total (declared 'cover' in disclosure/marts.py).
#}
with latest as (
    {{ latest_deliveries(ref('stg_supervision_findings__findings'), 'supervision_findings', 'finding_id') }}
),

as_of as (
    select max(report_date) as as_of_date from latest
),

periods as (
    select
        l.finding_id, l.service_area_code, l.report_type, l.severity, l.topic,
        case when l.fixed_date is not null and l.fixed_date <= l.fix_due_date then 'fixed_on_time'
             when l.fixed_date is not null then 'fixed_late'
             when l.fix_due_date < a.as_of_date then 'open_overdue'
             else 'open' end as fix_status,
        {{ period_columns('half_year', 'l.report_date') }},
        lower({{ dbt.concat(["coalesce(l.finding_text, '')", "' '", "l.unit_name"]) }}) as search_text
    from latest as l
    cross join as_of as a
),

finding_tags as (
    select distinct p.finding_id, k.phenomenon
    from periods as p
    inner join {{ ref('phenomenon_keywords') }} as k
        on p.search_text like {{ dbt.concat(["'%'", "k.pattern", "'%'"]) }}
),

tagged as (
    select p.*, coalesce(t.phenomenon, 'none') as phenomenon
    from periods as p
    left join finding_tags as t on t.finding_id = p.finding_id
),

areas as (
    {{ own_and_all_areas('tagged', 'service_area_code',
                         ['finding_id', 'period_type', 'period_start', 'period_end', 'period_label', 'report_type',
                          'severity', 'topic', 'fix_status', 'phenomenon']) }}
),

breakdowns as (
    {{ area_breakdowns('areas', ['period_type', 'period_start', 'period_end', 'period_label'],
                       ['report_type', 'severity', 'topic', 'fix_status', 'phenomenon'],
                       'count(distinct finding_id) as n', 'supervision_findings') }}
),

lineage as (
    select max(loaded_at) as loaded_at from latest
)

{{ count_signals_select('supervision_findings', {
    'supervision_findings': 'Omavalvonnan ja valvonnan havainnot',
}) }}
