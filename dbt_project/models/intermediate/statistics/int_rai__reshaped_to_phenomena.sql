{#
  RAI's mood scale in the mental_health phenomenon (true values; disclosure control is the publish layer's):
  share of RAI-assessed clients whose latest assessment of the year has DRS >= 3 (possible depression).
  DRS >= 3 as the cut-off of possible depression is interRAI's [I]; THL's RAI benchmarking publishes a
  comparison measure on depressive symptoms, whose exact definition was not verified, so this is the county's
  own indicator (county_own), not THL's. Cognition (CPS) stays in instrument_use only: memory disorders are not
  part of THL's mental-health phenomenon [I].
  Counting rule as in int_instruments__reshaped_to_phenomena: each client once a year by their latest assessment
  (any RAI tool), in its municipality, so municipalities add up to the county; numerator = clients with
  DRS >= 3, denominator = clients assessed with a DRS. Grain: indicator_code x region x year x gender x age group.
#}
with scored as (
    select
        client_pseudonym, gender, municipality_code, birth_year,
        cast(extract(year from assessment_date) as integer) as year,
        band = 'possible_depression' as in_bands,
        row_number() over (
            partition by client_pseudonym, extract(year from assessment_date)
            order by assessment_date desc, score desc, instrument_version desc, municipality_code desc, client_group desc
        ) as _latest
    from {{ ref('int_instruments__rai_avain_scores_banded') }}
    where instrument = 'RAI' and item = 'DRS' and band <> 'not_banded'
),

latest as (
    select
        client_pseudonym, gender, municipality_code, year, in_bands,
        {{ age_group('year - birth_year') }} as age_group
    from scored
    where _latest = 1
),

{{ breakdown_and_level_ctes() }},

{{ banded_counts_cte() }},

loads as (
    {{ source_loaded_at('rai_assessments', source('ledger', '_loads')) }}
),

updated as (
    select max(assessment_date) as updated_on from {{ ref('stg_rai__assessments') }}
)

select
    'mental_health' as phenomenon,
    'rai_drs_3_or_more_pct_latest_per_year' as indicator_code,
    'Masennusmittarin (RAI DRS) mukaan mahdollisesti masentuneiden osuus RAI-arvioiduista asiakkaista, % (DRS ≥ 3, viimeisin arvio vuodessa)' as indicator_name_fi,
    'Share of RAI-assessed clients with possible depression (DRS >= 3), % (latest assessment of the year)' as indicator_name_en,
    'statistics' as source_class,
    'rai_assessments' as source_system,
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
left join {{ ref('regions') }} r on r.region_code = c.region_code and c.region_level = 'wellbeing_county'
cross join loads lo
cross join updated u
