{# The client_panels mart's SQL at a grain ('half_year' or 'year'): models client_panels and client_panels_yearly. #}
{% macro client_panels_mart(grain) %}
with meetings as (
    select * from {{ ref('int_client_panels__enriched') }}
),

tags as (
    select * from {{ ref('int_client_panels__phenomena_tagged') }}
),

theme_named as (
    select meeting_id, max(case when in_theme then 1 else 0 end) as theme_mention from tags group by meeting_id
),

-- every meeting once under 'all', and once under each phenomenon it touched
units as (
    select m.meeting_id, m.panel_type, 'all' as phenomenon, m.participant_count, m.period_label, m.period_start,
           coalesce(n.theme_mention, 0) as theme_mention
    from meetings as m
    left join theme_named as n on n.meeting_id = m.meeting_id
    union all
    select m.meeting_id, m.panel_type, t.phenomenon, m.participant_count, m.period_label, m.period_start,
           case when t.in_theme then 1 else 0 end
    from meetings as m
    inner join tags as t on t.meeting_id = m.meeting_id
),

both_types as (
    select meeting_id, panel_type, phenomenon, participant_count, period_label, period_start, theme_mention from units
    union all
    select meeting_id, 'all', phenomenon, participant_count, period_label, period_start, theme_mention from units
),

cells as (
    select
        {{ knowledge_period_columns(grain) }},
        panel_type,
        phenomenon,
        count(distinct meeting_id) as meetings,
        sum(participant_count) as participants,
        sum(theme_mention) as theme_mentions
    from both_types
    group by {{ knowledge_period_group(grain) }}, panel_type, phenomenon
)

select
    cast(period_type as {{ dbt.type_string() }}) as period_type,
    cast(period_label as {{ dbt.type_string() }}) as period_label,
    cast(period_start as date) as period_start,
    cast(period_end as date) as period_end,
    cast(panel_type as {{ dbt.type_string() }}) as panel_type,
    case panel_type
        when 'asiakasraati' then 'Asiakasraati'
        when 'kansalaisfoorumi' then 'Kansalaisfoorumi'
        when 'all' then 'Kaikki raadit ja foorumit'
    end as panel_type_name_fi,
    cast(phenomenon as {{ dbt.type_string() }}) as phenomenon,
    cast(meetings as bigint) as meetings,
    cast(participants as bigint) as participants,
    cast(theme_mentions as bigint) as theme_mentions,
    {{ unprotected_columns() }}
from cells
{% endmacro %}
