{#
  Instrument-based shares for the phenomenon marts (true values; disclosure control is the publish layer's), one
  indicator per row of `definitions` (an instrument's scored item and the bands that count):
  - substance_use: share of clients assessed with AUDIT whose latest AUDIT of the year is in zone III or IV;
  - mental_health: share of clients assessed with BDI (any version, each banded by its own cut-offs) whose latest
    BDI of the year is moderate or severe;
  - mental_health: share of RAI-assessed clients whose latest assessment of the year has DRS >= 3 (possible
    depression), from the RAI assessments (source_system rai_assessments). DRS >= 3 as the cut-off of possible
    depression is interRAI's [I]; THL's RAI benchmarking publishes a comparison measure on depressive symptoms,
    whose exact definition was not verified, so this is the county's own indicator (county_own), not THL's.
    Cognition (CPS) stays in instrument_use only: memory disorders are not part of THL's mental-health
    phenomenon [I].
  Counting rule (in the code): each client counted once a year by their latest assessment (for RAI: of any RAI
  tool), in its municipality, so municipalities add up to the county. numerator = clients in the bands,
  denominator = clients assessed.
  Every cell with at least one assessed client is produced, also on a tiny denominator: the publish layer
  protects a share whose denominator (or complement) is 1..threshold-1.
  Grain: indicator_code × region_code × period_label × gender × age_group.
#}
{#- A table, not a view: it reads every assessment, and its tests and the phenomenon facts would each compute it
    again. -#}
{{ config(materialized='table') }}
with definitions as (
    select 'instruments_audit_zone_iii_iv_pct_latest_per_year' as indicator_code, 'instruments' as source_system,
           'AUDIT' as instrument, 'total' as item, 'substance_use' as phenomenon,
           'AUDIT-vyöhykkeellä III–IV olevien osuus arvioiduista asiakkaista, % (viimeisin arvio vuodessa)' as indicator_name_fi,
           'Share of AUDIT-assessed clients in zone III–IV, % (latest assessment of the year)' as indicator_name_en
    union all
    select 'instruments_bdi_moderate_severe_pct_latest_per_year', 'instruments', 'BDI', 'total', 'mental_health',
           'Keskivaikeasti tai vaikeasti masentuneiden osuus BDI-arvioiduista asiakkaista, % (viimeisin arvio vuodessa)',
           'Share of BDI-assessed clients with moderate or severe depression, % (latest assessment of the year)'
    union all
    select 'rai_drs_3_or_more_pct_latest_per_year', 'rai_assessments', 'RAI', 'DRS', 'mental_health',
           'Masennusmittarin (RAI DRS) mukaan mahdollisesti masentuneiden osuus RAI-arvioiduista asiakkaista, % (DRS ≥ 3, viimeisin arvio vuodessa)',
           'Share of RAI-assessed clients with possible depression (DRS >= 3), % (latest assessment of the year)'
),

{%- set score_columns -%}
    client_pseudonym, birth_year, gender, assessment_date, client_group, municipality_code, instrument,
    instrument_version, item, score, band
{%- endset %}
scores as (
    select {{ score_columns }} from {{ ref('int_instruments__scores_banded') }}
    union all
    select {{ score_columns }} from {{ ref('int_instruments__rai_avain_scores_banded') }}
),

scored as (
    select
        d.indicator_code,
        s.client_pseudonym,
        s.gender,
        s.municipality_code,
        cast(extract(year from s.assessment_date) as integer) as year,
        s.birth_year,
        case
            when s.instrument = 'AUDIT' then s.band in ('III', 'IV')
            when s.instrument = 'BDI' then s.band in ('moderate', 'severe')
            when s.instrument = 'RAI' then s.band = 'possible_depression'
        end as in_bands,
        row_number() over (
            partition by d.indicator_code, s.client_pseudonym, extract(year from s.assessment_date)
            order by s.assessment_date desc, s.score desc, s.instrument desc, s.instrument_version desc, s.municipality_code desc,
                     s.client_group desc
        ) as _latest
    from scores s
    inner join definitions d on d.instrument = s.instrument and d.item = s.item
    where s.band <> 'not_banded'
),

latest as (
    select
        indicator_code, client_pseudonym, gender, municipality_code, year, in_bands,
        {{ age_group('year - birth_year') }} as age_group
    from scored
    where _latest = 1
),

{{ breakdown_and_level_ctes() }},

{{ banded_counts_cte(['indicator_code']) }},

lineage as (
    select 'instruments' as source_system, lo.loaded_at, u.updated_on
    from ({{ source_loaded_at('instruments', source('ledger', '_loads')) }}) as lo
    cross join (select max(assessment_date) as updated_on from {{ ref('stg_instruments__assessments') }}) as u
    union all
    select 'rai_assessments', lo.loaded_at, u.updated_on
    from ({{ source_loaded_at('rai_assessments', source('ledger', '_loads')) }}) as lo
    cross join (select max(assessment_date) as updated_on from {{ ref('stg_rai__assessments') }}) as u
)

select
    d.phenomenon,
    c.indicator_code,
    d.indicator_name_fi,
    d.indicator_name_en,
    'statistics' as source_class,
    d.source_system,
    'Varha' as source_organisation,
    cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    'percent' as unit,
    true as higher_is_worse,
    c.region_level,
    c.region_code,
    coalesce(c.municipality_name_fi, r.region_name_fi) as region_name_fi,
    c.parent_region_code,
    {{ year_period_columns('c.year') }},
    c.gender,
    c.age_group,
    100.0 * c.in_bands / c.assessed as value,
    cast(c.in_bands as double) as numerator,
    cast(c.assessed as double) as denominator,
    cast(li.updated_on as timestamp) as source_updated_at,
    cast(li.loaded_at as timestamp) as loaded_at
from counts c
inner join definitions d on d.indicator_code = c.indicator_code
left join {{ ref('regions') }} r on r.region_code = c.region_code and c.region_level = 'wellbeing_county'
inner join lineage li on li.source_system = d.source_system
