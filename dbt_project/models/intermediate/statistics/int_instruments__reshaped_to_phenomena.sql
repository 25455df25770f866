{#
  Instrument-based shares for the phenomenon marts (true values; disclosure control is the publish layer's):
  - substance_use: share of clients assessed with AUDIT whose latest AUDIT of the year is in zone III or IV;
  - mental_health: share of clients assessed with BDI (any version, each banded by its own cut-offs) whose latest
    BDI of the year is moderate or severe.
  Counting rule (in the code): each client counted once a year by their latest assessment, in its municipality,
  so municipalities add up to the county. numerator = clients in the bands, denominator = clients assessed.
  Every cell with at least one assessed client is produced, also on a tiny denominator: the publish layer
  protects a share whose denominator (or complement) is 1..threshold-1.
  Grain: indicator_code × region_code × period_label × gender × age_group.
#}
with definitions as (
    select 'instruments_audit_zone_iii_iv_pct_latest_per_year' as indicator_code, 'AUDIT' as instrument,
           'substance_use' as phenomenon,
           'AUDIT-vyöhykkeellä III–IV olevien osuus arvioiduista asiakkaista, % (viimeisin arvio vuodessa)' as indicator_name_fi,
           'Share of AUDIT-assessed clients in zone III–IV, % (latest assessment of the year)' as indicator_name_en
    union all
    select 'instruments_bdi_moderate_severe_pct_latest_per_year', 'BDI', 'mental_health',
           'Keskivaikeasti tai vaikeasti masentuneiden osuus BDI-arvioiduista asiakkaista, % (viimeisin arvio vuodessa)',
           'Share of BDI-assessed clients with moderate or severe depression, % (latest assessment of the year)'
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
        end as in_bands,
        row_number() over (
            partition by d.indicator_code, s.client_pseudonym, extract(year from s.assessment_date)
            order by s.assessment_date desc, s.score desc, s.instrument desc, s.instrument_version desc, s.municipality_code desc,
                     s.client_group desc
        ) as _latest
    from {{ ref('int_instruments__scores_banded') }} s
    inner join definitions d on d.instrument = s.instrument
    where s.item = 'total' and s.band <> 'not_banded'
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

loads as (
    {{ source_loaded_at('instruments', source('ledger', '_loads')) }}
),

updated as (
    select max(assessment_date) as updated_on from {{ ref('stg_instruments__assessments') }}
)

select
    d.phenomenon,
    c.indicator_code,
    d.indicator_name_fi,
    d.indicator_name_en,
    'statistics' as source_class,
    'instruments' as source_system,
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
    cast(u.updated_on as timestamp) as source_updated_at,
    cast(lo.loaded_at as timestamp) as loaded_at
from counts c
inner join definitions d on d.indicator_code = c.indicator_code
left join {{ ref('regions') }} r on r.region_code = c.region_code and c.region_level = 'wellbeing_county'
cross join loads lo
cross join updated u
