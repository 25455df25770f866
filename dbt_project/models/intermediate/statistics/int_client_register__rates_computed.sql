{#
  Client-register indicators per municipality and wellbeing services county, year, gender and age group, as rates
  per 1,000 residents of the same region, gender and age group (Statistics Finland population; when the year is
  not yet published, the latest earlier year is used and population_year says which).
  The counting rule is part of the indicator code: *_year_distinct = one client counted once a year;
  *_monthly_avg = mean over the year's months (months with data) of the clients counted once a month.
  Also client_register_assistance_eur_per_recipient (unit eur_per_recipient: not a phenomenon-mart unit).
  Every municipality of a county with data is scaffolded, so true zeros are rows too.
  Grain: indicator_code × region_code × year × gender × age_group (age groups per indicator, below).
#}
{#- A table, not a view, on DuckDB too: it reads every client-year of the register; its tests and the reshaped model would each compute it again. -#}
{{ config(materialized='table') }}
with groups as (
    select client_group_code, client_group_name_fi, client_group_name_en, phenomenon
    from {{ ref('client_groups') }}
),

group_ages as (
    select 'ikaantyneet' as client_group_code, '|all|65+|' as age_groups
    union all select 'tyoikaiset', '|all|18-24|25-64|'
    union all select 'lapsiperheet', '|all|'
    union all select 'lastensuojelu', '|all|0-17|18-24|'
    union all select 'vammaispalvelut', '|all|0-17|18-24|25-64|65+|'
    union all select 'paihde_riippuvuus', '|all|18-24|25-64|65+|'
),

definitions as (
    select
        {{ dbt.concat(["'client_register_clients_'", "g.client_group_code", "'_year_distinct'"]) }} as indicator_code,
        'client_register_clients' as source_name,
        g.phenomenon,
        {{ dbt.concat(["'Sosiaalihuollon asiakkaat: '", "g.client_group_name_fi", "' / 1 000 asukasta (asiakas kerran vuodessa)'"]) }}
            as indicator_name_fi,
        {{ dbt.concat(["'Social welfare clients: '", "g.client_group_name_en", "' per 1 000 residents (client counted once a year)'"]) }}
            as indicator_name_en,
        'per_1000' as unit,
        -- direction only where the rate describes a phenomenon (more specialised substance-service clients per
        -- 1 000 = more substance problems, as Sotkanet's outpatient substance-service clients indicator)
        case when g.phenomenon is not null then true end as higher_is_worse,
        a.age_groups
    from groups g
    inner join group_ages a on a.client_group_code = g.client_group_code
    union all
    select 'client_register_assistance_recipients_year_distinct', 'client_register_assistance', 'livelihood',
           'Täydentävän tai ehkäisevän toimeentulotuen saajat / 1 000 asukasta (saaja kerran vuodessa)',
           'Supplementary or preventive social assistance recipients per 1 000 residents (recipient counted once a year)',
           'per_1000', true, '|all|18-24|25-64|65+|'
    union all
    select 'client_register_supplementary_assistance_recipients_year_distinct', 'client_register_assistance', 'livelihood',
           'Täydentävän toimeentulotuen saajat / 1 000 asukasta (saaja kerran vuodessa)',
           'Supplementary social assistance recipients per 1 000 residents (recipient counted once a year)',
           'per_1000', true, '|all|18-24|25-64|65+|'
    union all
    select 'client_register_preventive_assistance_recipients_year_distinct', 'client_register_assistance', 'livelihood',
           'Ehkäisevän toimeentulotuen saajat / 1 000 asukasta (saaja kerran vuodessa)',
           'Preventive social assistance recipients per 1 000 residents (recipient counted once a year)',
           'per_1000', true, '|all|18-24|25-64|65+|'
    union all
    select 'client_register_assistance_recipients_monthly_avg', 'client_register_assistance', 'livelihood',
           'Täydentävän tai ehkäisevän toimeentulotuen saajat / 1 000 asukasta (kuukausikeskiarvo)',
           'Supplementary or preventive social assistance recipients per 1 000 residents (monthly average)',
           'per_1000', true, '|all|18-24|25-64|65+|'
    union all
    select 'client_register_assistance_eur_per_recipient', 'client_register_assistance', cast(null as {{ dbt.type_string() }}),
           'Täydentävä ja ehkäisevä toimeentulotuki, euroa / saaja vuodessa',
           'Supplementary and preventive social assistance, euros per recipient per year',
           'eur_per_recipient', cast(null as boolean), '|all|'
    union all
    select 'client_register_homeless_clients_year_distinct', 'client_register_housing', 'homelessness',
           'Asunnottomat sosiaalihuollon asiakkaat / 1 000 asukasta (asiakas kerran vuodessa)',
           'Homeless social welfare clients per 1 000 residents (client counted once a year)',
           'per_1000', true, '|all|18-24|25-64|65+|'
    union all
    select 'client_register_housing_risk_clients_year_distinct', 'client_register_housing', 'homelessness',
           'Asunnottomuuden uhkaamat sosiaalihuollon asiakkaat / 1 000 asukasta (asiakas kerran vuodessa)',
           'Social welfare clients at risk of homelessness per 1 000 residents (client counted once a year)',
           'per_1000', true, '|all|18-24|25-64|65+|'
    union all
    select 'client_register_long_term_homeless_clients_year_distinct', 'client_register_housing', 'homelessness',
           'Pitkäaikaisasunnottomat sosiaalihuollon asiakkaat / 1 000 asukasta (asiakas kerran vuodessa)',
           'Long-term homeless social welfare clients per 1 000 residents (client counted once a year)',
           'per_1000', true, '|all|18-24|25-64|65+|'
),

-- every count is made at four breakdowns (gender × age, gender, age, total) and two levels (municipality, county)
{{ breakdown_and_level_ctes() }},

year_units as (
    {{ at_breakdowns_and_levels(ref('int_client_register__client_years_deduplicated'),
                                ['indicator_code', 'year', 'amount_eur']) }}
),

year_counts as (
    select indicator_code, year, region_level, region_code, gender, age_group,
           cast(count(*) as double) as numerator, sum(amount_eur) as amount_eur
    from year_units
    group by indicator_code, year, region_level, region_code, gender, age_group
),

month_units as (
    {{ at_breakdowns_and_levels(ref('int_client_register__client_months_deduplicated'),
                                ['indicator_code', 'year', 'month']) }}
),

months_in_year as (
    select year, count(distinct month) as months
    from {{ ref('int_client_register__client_months_deduplicated') }}
    group by year
),

month_counts as (
    select c.indicator_code, c.year, c.region_level, c.region_code, c.gender, c.age_group,
           cast(count(*) as double) / max(m.months) as numerator, cast(null as double) as amount_eur
    from month_units c
    inner join months_in_year m on m.year = c.year
    group by c.indicator_code, c.year, c.region_level, c.region_code, c.gender, c.age_group
),

counts as (
    select * from year_counts
    union all
    select * from month_counts
    union all
    -- euros per recipient, from the all-assistance recipient counts
    select 'client_register_assistance_eur_per_recipient', year, region_level, region_code, gender, age_group,
           numerator, amount_eur
    from year_counts
    where indicator_code = 'client_register_assistance_recipients_year_distinct'
),

-- scaffold: every municipality of each county with data, for each indicator-year with data
areas as (
    {{ county_regions("select region_code from counts where region_level = 'wellbeing_county'") }}
),

genders as (
    select 'total' as gender union all select 'male' union all select 'female'
),

age_groups as (
    select 'all' as age_group union all select '0-17' union all select '18-24' union all select '25-64'
    union all select '65+'
),

indicator_years as (
    select distinct indicator_code, year from counts
),

scaffold as (
    select iy.indicator_code, iy.year, a.region_level, a.region_code, a.region_name_fi, a.parent_region_code,
           g.gender, ag.age_group
    from indicator_years iy
    inner join definitions d on d.indicator_code = iy.indicator_code
    cross join areas a
    cross join genders g
    inner join age_groups ag
        on d.age_groups like {{ dbt.concat(["'%|'", "ag.age_group", "'|%'"]) }}
),

population as (
    select region_code, year, gender, age_group, population from {{ ref('stg_statfin__population') }}
),

with_population as (
    select
        s.*,
        coalesce(c.numerator, 0) as numerator,
        case when c.numerator is null then 0 else c.amount_eur end as amount_eur,
        p.population,
        p.year as population_year,
        row_number() over (
            partition by s.indicator_code, s.region_code, s.year, s.gender, s.age_group
            order by p.year desc
        ) as _pick
    from scaffold s
    left join counts c
        on c.indicator_code = s.indicator_code and c.year = s.year and c.region_code = s.region_code
       and c.region_level = s.region_level and c.gender = s.gender and c.age_group = s.age_group
    left join population p
        on p.region_code = s.region_code and p.gender = s.gender and p.age_group = s.age_group and p.year <= s.year
)

select
    w.indicator_code,
    d.source_name,
    d.phenomenon,
    d.indicator_name_fi,
    d.indicator_name_en,
    d.unit,
    d.higher_is_worse,
    w.region_level,
    w.region_code,
    w.region_name_fi,
    w.parent_region_code,
    w.year,
    w.gender,
    w.age_group,
    w.numerator,
    case when d.unit = 'per_1000' then cast(w.population as double) end as denominator,
    w.population_year,
    case
        when d.unit = 'per_1000' and w.population > 0 then 1000.0 * w.numerator / w.population
        when d.unit = 'eur_per_recipient' and w.numerator > 0 then w.amount_eur / w.numerator
    end as value,
    w.amount_eur
from with_population w
inner join definitions d on d.indicator_code = w.indicator_code
where w._pick = 1
