{#
  How systematically each assessment instrument is used, and what it shows.
  Grain: instrument × instrument_version × item × client_group (service task) × region × period × band.
  - Coverage (repeated on every band row of a group): clients_in_service_task = distinct clients of the THL client
    group in the client register during the period; assessed_clients = distinct clients assessed with the
    instrument version in that service task; assessed_share_pct = assessed / clients of the task.
    Both are placed in the municipality of the client's latest record of the period, so municipalities add up to
    the county. Register and instrument municipalities can differ, so a municipality's share can exceed 100 %.
  - Distribution: band_clients = assessed clients whose LATEST assessment in the period falls in the band
    (total score for AUDIT/BDI, each item for 3X10D; Kykyviisari is not banded: one 'not_banded' row).
    Bands of one group add up to assessed_clients.
  - MARAK (highly sensitive): county level only, all service tasks together (client_group 'all'), taken from the
    county aggregate stg_instruments__marak_aggregate; coverage is not computed for it.
  Periods: calendar year and half-year (the twice-yearly report).
  True values: disclosure control is the publish layer's (disclosure/); is_suppressed is false and
  suppression_reason null in the warehouse.
#}
{%- set t_string = dbt.type_string() -%}
{%- set banded_columns = "client_pseudonym, birth_year, gender, assessment_date, client_group, municipality_code, instrument, instrument_version, item, score, band, band_label, band_min, band_max" -%}
-- the instruments file's scores, and RAI's scales and AVAIN's goal attainment (issue 17)
with banded as (
    select {{ banded_columns }} from {{ ref('int_instruments__scores_banded') }}
    union all
    select {{ banded_columns }} from {{ ref('int_instruments__rai_avain_scores_banded') }}
),

assessment_dates as (
    select distinct assessment_date from banded
),

-- each assessment date's year and half-year: assessments join their periods on the date (an equi-join), not on a
-- date range
date_periods as (
    select assessment_date, {{ period_columns('year', 'assessment_date') }} from assessment_dates
    union all
    select assessment_date, {{ period_columns('half_year', 'assessment_date') }} from assessment_dates
),

periods as (
    select distinct period_type, period_start, period_end, period_label from date_periods
),

municipalities as (
    select municipality_code, municipality_name_fi, wellbeing_county_code from {{ ref('municipalities') }}
),

levels as (
    select 'municipality' as region_level
    union all select 'wellbeing_county'
),

-- clients of each service task in the register, once per period, in their latest relationship's municipality
register as (
    select
        c.client_pseudonym, c.client_group, c.municipality_code,
        p.period_type, p.period_label,
        row_number() over (
            partition by c.client_pseudonym, c.client_group, p.period_label
            order by c.relationship_start desc, c.municipality_code desc
        ) as _latest
    from {{ ref('stg_client_register__clients') }} c
    inner join periods p
        on c.relationship_start <= p.period_end
       and (c.relationship_end is null or c.relationship_end >= p.period_start)
),

task_counts as (
    select
        r.client_group, r.period_label, l.region_level,
        case when l.region_level = 'municipality' then r.municipality_code else m.wellbeing_county_code end as region_code,
        case when l.region_level = 'municipality' then m.wellbeing_county_code else 'SSS' end as _county,
        count(*) as clients_in_service_task
    from register r
    inner join municipalities m on m.municipality_code = r.municipality_code
    cross join levels l
    where r._latest = 1
    group by 1, 2, 3, 4, 5
),

-- assessments: each client's latest assessment per instrument version, service task, item and period (only the
-- columns used after it: the window holds five million rows at scale 10)
scored as (
    select
        s.instrument, s.instrument_version, s.item, s.client_group, s.band, s.municipality_code,
        p.period_type, p.period_label, p.period_start, p.period_end,
        count(*) over (
            partition by s.client_pseudonym, s.instrument, s.instrument_version, s.client_group, s.item, p.period_label
        ) as client_assessments,
        row_number() over (
            partition by s.client_pseudonym, s.instrument, s.instrument_version, s.client_group, s.item, p.period_label
            order by s.assessment_date desc, s.score desc, s.municipality_code desc
        ) as _latest
    from banded s
    inner join date_periods p on p.assessment_date = s.assessment_date
),

latest as (
    select
        s.instrument, s.instrument_version, s.item, s.client_group, s.period_type, s.period_label, s.period_start,
        s.period_end, s.band, s.client_assessments, l.region_level,
        case when l.region_level = 'municipality' then s.municipality_code else m.wellbeing_county_code end as region_code,
        case when l.region_level = 'municipality' then m.wellbeing_county_code else 'SSS' end as _county
    from scored s
    inner join municipalities m on m.municipality_code = s.municipality_code
    cross join levels l
    where s._latest = 1
),

assessed as (
    select
        instrument, instrument_version, item, client_group, period_type, period_label, period_start, period_end,
        region_level, region_code, _county,
        count(*) as assessed_clients,
        sum(client_assessments) as assessments
    from latest
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
),

band_counts as (
    select instrument, instrument_version, item, client_group, period_label, region_code, band, count(*) as band_clients
    from latest
    group by 1, 2, 3, 4, 5, 6, 7
),

bands as (
    select instrument, version as instrument_version, item, band, label as band_label, min as band_min, max as band_max
    from {{ ref('instrument_bands') }}
    where instrument <> 'MARAK'
    union all
    select distinct instrument, instrument_version, item, 'not_banded', cast(null as {{ t_string }}),
           cast(null as integer), cast(null as integer)
    from banded
    where band = 'not_banded'
),

band_rows as (
    select
        a.*,
        b.band, b.band_label, b.band_min, b.band_max,
        coalesce(bc.band_clients, 0) as band_clients
    from assessed a
    inner join bands b
        on b.instrument = a.instrument and b.instrument_version = a.instrument_version and b.item = a.item
    left join band_counts bc
        on bc.instrument = a.instrument and bc.instrument_version = a.instrument_version and bc.item = a.item
       and bc.client_group = a.client_group and bc.period_label = a.period_label
       and bc.region_code = a.region_code and bc.band = b.band
),

combined as (
    select
        b.instrument, b.instrument_version, b.item, b.client_group,
        b.region_level, b.region_code, b.period_type, b.period_label, b.period_start, b.period_end,
        tf.clients_in_service_task,
        b.assessed_clients, b.assessments,
        b.band, b.band_label, b.band_min, b.band_max, b.band_clients
    from band_rows b
    left join task_counts tf
        on tf.client_group = b.client_group and tf.period_label = b.period_label and tf.region_code = b.region_code
),

final as (
    select
        instrument, instrument_version, item, client_group, region_level, region_code, period_type, period_label,
        period_start, period_end,
        clients_in_service_task,
        assessed_clients,
        assessments,
        case when clients_in_service_task > 0 then 100.0 * assessed_clients / clients_in_service_task end
            as assessed_share_pct,
        band, band_label, band_min, band_max,
        band_clients,
        case when assessed_clients > 0 then 100.0 * band_clients / assessed_clients end as band_share_pct
    from combined
    union all
    -- MARAK: only the county aggregate exists outside raw
    select
        'MARAK', 'DASH-24', 'total', 'all', 'wellbeing_county', m.region_code, m.period_type, m.period_label,
        m.period_start, m.period_end,
        cast(null as bigint), total.clients, cast(null as bigint), cast(null as double),
        m.band, m.band_label, b.min, b.max, m.clients,
        case when total.clients > 0 then 100.0 * m.clients / total.clients end
    from {{ ref('stg_instruments__marak_aggregate') }} m
    inner join {{ ref('stg_instruments__marak_aggregate') }} total
        on total.region_code = m.region_code and total.period_label = m.period_label and total.band = 'all'
    left join {{ ref('instrument_bands') }} b on b.instrument = 'MARAK' and b.item = 'total' and b.band = m.band
    where m.band <> 'all'
)

select
    cast(f.instrument as {{ t_string }}) as instrument,
    cast(f.instrument_version as {{ t_string }}) as instrument_version,
    cast(f.item as {{ t_string }}) as item,
    cast(f.client_group as {{ t_string }}) as client_group,
    cast(coalesce(g.client_group_name_fi, 'Kaikki palvelutehtävät') as {{ t_string }}) as client_group_name_fi,
    cast(f.region_level as {{ t_string }}) as region_level,
    cast(f.region_code as {{ t_string }}) as region_code,
    cast(coalesce(m.municipality_name_fi, r.region_name_fi) as {{ t_string }}) as region_name_fi,
    cast(f.period_type as {{ t_string }}) as period_type,
    cast(f.period_label as {{ t_string }}) as period_label,
    cast(f.period_start as date) as period_start,
    cast(f.period_end as date) as period_end,
    cast(f.clients_in_service_task as bigint) as clients_in_service_task,
    cast(f.assessed_clients as bigint) as assessed_clients,
    cast(f.assessments as bigint) as assessments,
    cast(f.assessed_share_pct as double) as assessed_share_pct,
    cast(f.band as {{ t_string }}) as band,
    cast(f.band_label as {{ t_string }}) as band_label,
    cast(f.band_min as integer) as band_min,
    cast(f.band_max as integer) as band_max,
    cast(f.band_clients as bigint) as band_clients,
    cast(f.band_share_pct as double) as band_share_pct,
    {{ unprotected_columns() }}
from final f
left join {{ ref('client_groups') }} g on g.client_group_code = f.client_group
left join municipalities m on f.region_level = 'municipality' and m.municipality_code = f.region_code
left join {{ ref('regions') }} r on f.region_level = 'wellbeing_county' and r.region_code = f.region_code
