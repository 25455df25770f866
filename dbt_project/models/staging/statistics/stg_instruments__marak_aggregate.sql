{#
  MARAK risk assessments (highly sensitive): the ONLY relation outside raw that reads MARAK rows, and it exposes
  nothing but suppressed counts. Grain: wellbeing county × period (year and half-year) × band, plus band 'all': distinct clients
  assessed (no assessment counts, which would add up across half-years).
  Counts 1..threshold-1 are suppressed (primary) and, when a single band of a county-period is hidden, the
  smallest other band too (complementary), so a hidden band cannot be recovered from the 'all' row.
  This is aggregation in staging on purpose: no row-level MARAK view may exist.
#}
{%- set t = var('suppression_threshold') | int -%}
{%- set ystr = "cast(extract(year from assessment_date) as " ~ dbt.type_string() ~ ")" -%}
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
    select region_code, band, band_label, client_pseudonym, assessment_date, 'year' as period_type,
           {{ ystr }} as period_label,
           cast({{ dbt.concat([ystr, "'-01-01'"]) }} as date) as period_start,
           cast({{ dbt.concat([ystr, "'-12-31'"]) }} as date) as period_end
    from banded
    union all
    select region_code, band, band_label, client_pseudonym, assessment_date, 'half_year' as period_type,
           {{ dbt.concat([ystr, "case when extract(month from assessment_date) <= 6 then 'H1' else 'H2' end"]) }},
           cast({{ dbt.concat([ystr, "case when extract(month from assessment_date) <= 6 then '-01-01' else '-07-01' end"]) }} as date),
           cast({{ dbt.concat([ystr, "case when extract(month from assessment_date) <= 6 then '-06-30' else '-12-31' end"]) }} as date)
    from banded
),

-- a client counts once per period, in the band of their latest assessment (bands add up to 'all')
latest as (
    select * from (
        select
            periods.*,
            row_number() over (
                partition by client_pseudonym, period_label order by assessment_date desc, band desc, region_code desc
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
),

flagged as (
    select
        counts.*,
        case when band = 'all' then
            case when clients >= 1 and clients < {{ t }} then 'primary' end
        else
            {{ suppression_status('clients', ['region_code', 'period_label', "case when band = 'all' then 'all' else 'band' end"]) }}
        end as suppression_reason
    from counts
)

select
    region_code, period_type, period_label, period_start, period_end, band, band_label,
    {{ suppress_value('clients') }} as clients,
    suppression_reason is not null as is_suppressed,
    suppression_reason
from flagged
