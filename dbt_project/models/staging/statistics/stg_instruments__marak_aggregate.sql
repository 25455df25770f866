{#
  MARAK risk assessments (highly sensitive): the ONLY relation outside raw that reads MARAK rows, and it exposes
  nothing but county-level counts of distinct clients. Grain: wellbeing county × period (year and half-year) × band, plus band 'all': distinct clients
  assessed (no assessment counts, which would add up across half-years).
  True counts: disclosure control is the publish layer's (disclosure/), which protects the bands and the 'all' row
  of instrument_use; is_suppressed is false and suppression_reason null here.
  This is aggregation in staging on purpose: no row-level MARAK view may exist.
#}
with marak as (
    select
        m.client_pseudonym,
        cast(m.assessment_date as date) as assessment_date,
        cast(m.total_score as integer) as total_score,
        mu.wellbeing_county_code as region_code
    from {{ source('statistics', 'instruments') }} m
    inner join {{ ref('municipalities') }} mu on mu.municipality_code = m.municipality_code
    where m.instrument = 'MARAK'
),

banded as (
    select marak.*, b.band, b.label as band_label
    from marak
    inner join {{ ref('instrument_bands') }} b
        on b.instrument = 'MARAK' and b.item = 'total'
       and marak.total_score between b.min and b.max
),

periods as (
    select
        region_code, band, band_label, client_pseudonym, assessment_date, total_score,
        {{ period_columns('year', 'assessment_date') }}
    from banded
    union all
    select
        region_code, band, band_label, client_pseudonym, assessment_date, total_score,
        {{ period_columns('half_year', 'assessment_date') }}
    from banded
),

-- a client counts once per period, in the band of their latest assessment (bands add up to 'all')
latest as (
    select * from (
        select
            periods.*,
            row_number() over (
                partition by client_pseudonym, period_label
                order by assessment_date desc, total_score desc, region_code desc, band desc
            ) as _latest
        from periods
    ) ranked
    where _latest = 1
),

counts as (
    select region_code, period_type, period_label, period_start, period_end, band, band_label,
           count(*) as clients
    from latest
    group by region_code, period_type, period_label, period_start, period_end, band, band_label
    union all
    select region_code, period_type, period_label, period_start, period_end, 'all', 'Kaikki',
           count(*)
    from latest
    group by region_code, period_type, period_label, period_start, period_end
)

select
    region_code, period_type, period_label, period_start, period_end, band, band_label,
    clients,
    false as is_suppressed,
    cast(null as {{ dbt.type_string() }}) as suppression_reason
from counts
