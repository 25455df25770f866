{#
  The counting unit of the client-register "year_distinct" indicators: one row per indicator × client × year.
  A client is counted once a year, in the municipality (and at the age) of their latest record that year, so the
  municipalities of a county add up to the county.
  - clients_<group>_year_distinct: a client relationship in the THL client group overlapping the year. The
    extract's years are its extraction year and var('client_register_years_back', 1) years before it.
  - assistance recipients: at least one granted (or partly granted) decision with a positive amount in the year;
    all assistance, supplementary only, preventive only. amount_eur = the client's granted euros that year.
  - housing: at least one record of homelessness / of risk of homelessness / of long-term homelessness.
  Age group = year − birth year (age reached during the year).
#}
{#- A table, not a view, on DuckDB too: it reads one row per indicator, client and year; the rates and its tests would each compute it again. -#}
{{ config(materialized='table') }}
{%- set years_back = var('client_register_years_back', 1) | int -%}
{%- set t_string = dbt.type_string() -%}
with offsets as (
    {% for n in range(0, years_back + 1) %}select {{ n }} as n{% if not loop.last %} union all {% endif %}{% endfor %}
),

clients as (
    select * from {{ ref('stg_client_register__clients') }}
),

extract_years as (
    select distinct cast(extract(year from clients.extracted_date) as integer) - offsets.n as year
    from clients cross join offsets
),

years as (
    select
        year,
        cast({{ dbt.concat(["cast(year as " ~ t_string ~ ")", "'-01-01'"]) }} as date) as year_start,
        cast({{ dbt.concat(["cast(year as " ~ t_string ~ ")", "'-12-31'"]) }} as date) as year_end
    from extract_years
),

granted as (
    select *, cast(extract(year from decision_date) as integer) as year
    from {{ ref('stg_client_register__assistance_decisions') }}
    where decision in ('granted', 'partly_granted') and coalesce(amount_eur, 0) > 0
),

housing as (
    select *, cast(extract(year from status_date) as integer) as year
    from {{ ref('stg_client_register__housing_status') }}
),

events as (
    select
        {{ dbt.concat(["'client_register_clients_'", "c.client_group", "'_year_distinct'"]) }} as indicator_code,
        y.year, c.client_pseudonym, c.birth_year, c.gender, c.municipality_code,
        c.relationship_start as event_date, cast(null as double) as amount_eur
    from clients c
    inner join years y
        on c.relationship_start <= y.year_end
       and (c.relationship_end is null or c.relationship_end >= y.year_start)
    union all
    select 'client_register_assistance_recipients_year_distinct', year, client_pseudonym, birth_year, gender,
           municipality_code, decision_date, amount_eur
    from granted
    union all
    select 'client_register_supplementary_assistance_recipients_year_distinct', year, client_pseudonym, birth_year,
           gender, municipality_code, decision_date, amount_eur
    from granted where assistance_type = 'supplementary'
    union all
    select 'client_register_preventive_assistance_recipients_year_distinct', year, client_pseudonym, birth_year,
           gender, municipality_code, decision_date, amount_eur
    from granted where assistance_type = 'preventive'
    union all
    select 'client_register_homeless_clients_year_distinct', year, client_pseudonym, birth_year, gender,
           municipality_code, status_date, cast(null as double)
    from housing where housing_status = 'homeless'
    union all
    select 'client_register_housing_risk_clients_year_distinct', year, client_pseudonym, birth_year, gender,
           municipality_code, status_date, cast(null as double)
    from housing where housing_status = 'at_risk'
    union all
    select 'client_register_long_term_homeless_clients_year_distinct', year, client_pseudonym, birth_year, gender,
           municipality_code, status_date, cast(null as double)
    from housing where housing_status = 'homeless' and is_long_term_homeless
),

ranked as (
    select
        events.*,
        row_number() over (
            partition by indicator_code, year, client_pseudonym
            order by event_date desc, municipality_code desc, birth_year desc, gender desc
        ) as _latest,
        sum(amount_eur) over (partition by indicator_code, year, client_pseudonym) as client_amount_eur
    from events
)

select
    indicator_code,
    year,
    client_pseudonym,
    municipality_code,
    gender,
    {{ age_group('year - birth_year') }} as age_group,
    client_amount_eur as amount_eur
from ranked
where _latest = 1
