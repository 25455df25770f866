{#
  National comparison: every county-level indicator, year, gender and age group, for each of the 22 areas
  (21 wellbeing services counties and Helsinki; Ahvenanmaa is not one), against the whole country and the
  compared county (var 'compared_county', default '05' Varsinais-Suomi).
  Grain: indicator_code × period_label × gender × age_group × region_code — 22 rows per indicator-year-gender
  (-age group), one per area, also for an area without a value. A slice is included when at least two areas have
  a row (so county-only sources such as the client register, which cover one county, are not "compared").
  Input: the warehouse phenomenon facts (true values; the publish layer applies disclosure control, and a value it
  hides is null in the published file). disclosure_control: see int_phenomenon_facts__finalised.
  - rank: 1 = best, respecting higher_is_worse (ties share the lower rank; null when the value or the direction
    is missing); areas_ranked = areas with a value.
  - quartile = ceiling(4 × rank / areas_ranked): 4 = worst quartile (with 22 areas: ranks 17–22).
  - trend_slope_5y: least-squares slope of the value per year over the five years ending at the row's year
    (years y-4..y with a value, at least 3 points), from sums: (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), x = year − y.
  - trend_direction (internal): the sign of the slope, 0 (flat) when |slope| ≤ 1e-9 × max(1, mean |value|) of
    its points. Float sums are added in an engine-dependent order, so an exactly flat series can come out as a
    slope of ±1e-15: within this tolerance it is flat, and is_trend_worsening / compared_county_trend_worsening
    (decided on the direction, not on the raw float) never flip on noise.
#}
{%- set compared = var('compared_county') -%}
with facts as (
    select * from {{ ref('int_phenomenon_facts__finalised') }}
    where period_type = 'year' and region_level in ('wellbeing_county', 'country')
      -- the county's own series (local surveys, partners, registers ...) are never compared, whatever areas they cover
      and coalesce(indicator_definition, 'national') <> 'county_own'
),

areas as (
    select region_code, region_name_fi from {{ ref('regions') }}
    where region_level = 'wellbeing_county'
),

area_facts as (
    select f.* from facts f inner join areas a on a.region_code = f.region_code
    where f.region_level = 'wellbeing_county'
),

slices as (
    select
        indicator_code, period_label, gender, age_group,
        max(period_start) as period_start
    from area_facts
    group by indicator_code, period_label, gender, age_group
    having count(distinct region_code) >= 2
),

-- provenance per indicator: from its own source when it also has rows copied from Sotkanet ('ara' < 'sotkanet')
primary_source as (
    select indicator_code, min(source_system) as source_system
    from facts
    group by indicator_code
),

provenance as (
    select
        f.indicator_code,
        max(f.source_organisation) as source_organisation,
        max(f.source_indicator_id) as source_indicator_id,
        max(f.indicator_definition) as indicator_definition
    from facts f
    inner join primary_source p
        on p.indicator_code = f.indicator_code and coalesce(p.source_system, '') = coalesce(f.source_system, '')
    group by f.indicator_code
),

indicators as (
    select
        indicator_code,
        max(phenomenon) as phenomenon,
        max(indicator_name_fi) as indicator_name_fi,
        max(indicator_name_en) as indicator_name_en,
        min(source_system) as source_system,
        max(unit) as unit,
        case
            when max(case when higher_is_worse then 1 else 0 end) = 1 then true
            when max(case when higher_is_worse is not null then 1 else 0 end) = 1 then false
        end as higher_is_worse
    from facts
    group by indicator_code
),

-- five-year least-squares trend per indicator × area (or country) × gender × age group × year
series as (
    select indicator_code, region_code, gender, age_group,
           cast(extract(year from period_start) as integer) as year, value
    from facts
),

-- anchors: every area row of the comparison (also a year without the area's own value) and the country
anchors as (
    select distinct s.indicator_code, a.region_code, s.gender, s.age_group,
           cast(extract(year from s.period_start) as integer) as year
    from slices s
    cross join (select region_code from areas union all select 'SSS') a
),

trend_sums as (
    select
        a.indicator_code, a.region_code, a.gender, a.age_group, a.year,
        count(b.value) as n,
        sum(case when b.value is not null then cast(b.year - a.year as double) end) as sx,
        -- exact decimal sums: a floating-point sum depends on the order rows arrive in, so two builds of the same
        -- data would give slopes differing in the last bits (and flip is_trend_worsening around 0)
        cast(sum(cast(b.value as decimal(38, 12))) as double) as sy,
        sum(abs(b.value)) as sabs,
        sum(case when b.value is not null then cast((b.year - a.year) * (b.year - a.year) as double) end) as sxx,
        cast(sum(cast((b.year - a.year) * b.value as decimal(38, 12))) as double) as sxy
    from anchors a
    left join series b
        on b.indicator_code = a.indicator_code and b.region_code = a.region_code
       and b.gender = a.gender and b.age_group = a.age_group
       and b.year between a.year - 4 and a.year
    group by a.indicator_code, a.region_code, a.gender, a.age_group, a.year
),

trend_slopes as (
    select
        indicator_code, region_code, gender, age_group, year, n as trend_points,
        case
            when n >= 3 and (n * sxx - sx * sx) <> 0 then (n * sxy - sx * sy) / (n * sxx - sx * sx)
        end as trend_slope_5y,
        sabs / nullif(n, 0) as mean_abs_value
    from trend_sums
),

trends as (
    select
        indicator_code, region_code, gender, age_group, year, trend_points, trend_slope_5y,
        case
            when trend_slope_5y is null then null
            when abs(trend_slope_5y) <= 1e-9 * greatest(1.0, mean_abs_value) then 0
            when trend_slope_5y > 0 then 1
            else -1
        end as trend_direction
    from trend_slopes
),

grid as (
    select
        s.indicator_code, s.period_label, s.gender, s.age_group, s.period_start,
        cast(extract(year from s.period_start) as integer) as year,
        a.region_code, a.region_name_fi,
        f.value,
        coalesce(f.is_suppressed, false) as is_suppressed
    from slices s
    cross join areas a
    left join area_facts f
        on f.indicator_code = s.indicator_code and f.period_label = s.period_label
       and f.gender = s.gender and f.age_group = s.age_group and f.region_code = a.region_code
),

ranked as (
    select
        g.*,
        i.higher_is_worse,
        case
            when g.value is not null and i.higher_is_worse is not null then
                rank() over (
                    partition by g.indicator_code, g.period_label, g.gender, g.age_group
                    order by
                        case when g.value is null or i.higher_is_worse is null then 1 else 0 end,
                        case when i.higher_is_worse then g.value else -g.value end
                )
        end as rank_in_country,
        count(g.value) over (partition by g.indicator_code, g.period_label, g.gender, g.age_group) as areas_ranked,
        count(*) over (partition by g.indicator_code, g.period_label, g.gender, g.age_group) as areas_in_comparison
    from grid g
    inner join indicators i on i.indicator_code = g.indicator_code
),

quartiles as (
    select
        r.*,
        case when r.rank_in_country is not null then cast(ceiling(4.0 * r.rank_in_country / r.areas_ranked) as integer) end
            as quartile
    from ranked r
),

country as (
    select indicator_code, period_label, gender, age_group, value as country_value
    from facts
    where region_level = 'country' and region_code = 'SSS'
),

with_trends as (
    select
        q.*,
        t.trend_slope_5y,
        t.trend_direction,
        coalesce(t.trend_points, 0) as trend_points,
        c.country_value,
        ct.trend_slope_5y as country_trend_slope_5y
    from quartiles q
    left join trends t
        on t.indicator_code = q.indicator_code and t.region_code = q.region_code
       and t.gender = q.gender and t.age_group = q.age_group and t.year = q.year
    left join country c
        on c.indicator_code = q.indicator_code and c.period_label = q.period_label
       and c.gender = q.gender and c.age_group = q.age_group
    left join trends ct
        on ct.indicator_code = q.indicator_code and ct.region_code = 'SSS'
       and ct.gender = q.gender and ct.age_group = q.age_group and ct.year = q.year
),

compared as (
    select indicator_code, period_label, gender, age_group,
           value as compared_county_value,
           rank_in_country as compared_county_rank,
           quartile as compared_county_quartile,
           trend_slope_5y as compared_county_trend_slope_5y,
           trend_direction as compared_county_trend_direction
    from with_trends
    where region_code = '{{ compared }}'
)

select
    cast(i.phenomenon as {{ dbt.type_string() }}) as phenomenon,
    cast(w.indicator_code as {{ dbt.type_string() }}) as indicator_code,
    cast(i.indicator_name_fi as {{ dbt.type_string() }}) as indicator_name_fi,
    cast(i.indicator_name_en as {{ dbt.type_string() }}) as indicator_name_en,
    cast(i.source_system as {{ dbt.type_string() }}) as source_system,
    cast(pv.source_organisation as {{ dbt.type_string() }}) as source_organisation,
    cast(pv.source_indicator_id as {{ dbt.type_string() }}) as source_indicator_id,
    cast(pv.indicator_definition as {{ dbt.type_string() }}) as indicator_definition,
    cast(i.unit as {{ dbt.type_string() }}) as unit,
    cast(case when i.higher_is_worse then 'higher_is_worse' when not i.higher_is_worse then 'higher_is_better'
              else 'neutral' end as {{ dbt.type_string() }}) as direction,
    i.higher_is_worse,
    w.year,
    cast(w.period_label as {{ dbt.type_string() }}) as period_label,
    cast(w.gender as {{ dbt.type_string() }}) as gender,
    cast(w.age_group as {{ dbt.type_string() }}) as age_group,
    cast(w.region_code as {{ dbt.type_string() }}) as region_code,
    cast(w.region_name_fi as {{ dbt.type_string() }}) as region_name_fi,
    w.region_code = '{{ compared }}' as is_compared_county,
    cast(w.value as double) as value,
    w.is_suppressed,
    cast({{ disclosure_control('i.source_system') }} as {{ dbt.type_string() }}) as disclosure_control,
    cast(w.rank_in_country as integer) as rank_in_country,
    cast(w.areas_ranked as integer) as areas_ranked,
    cast(w.areas_in_comparison as integer) as areas_in_comparison,
    w.quartile,
    coalesce(w.quartile = 4, false) as is_worst_quartile,
    cast(w.country_value as double) as country_value,
    cast(w.value - w.country_value as double) as difference_to_country,
    cast(case when w.country_value <> 0 then 100.0 * (w.value - w.country_value) / w.country_value end as double)
        as difference_to_country_pct,
    cast(w.trend_slope_5y as double) as trend_slope_5y,
    cast(w.trend_points as integer) as trend_points,
    case
        when w.trend_direction is null or i.higher_is_worse is null then null
        when w.trend_direction = 0 then false
        else (w.trend_direction > 0) = i.higher_is_worse
    end as is_trend_worsening,
    cast(w.country_trend_slope_5y as double) as country_trend_slope_5y,
    cast('{{ compared }}' as {{ dbt.type_string() }}) as compared_county_code,
    cast(cc.compared_county_value as double) as compared_county_value,
    cast(cc.compared_county_value - w.country_value as double) as compared_county_difference_to_country,
    cast(cc.compared_county_rank as integer) as compared_county_rank,
    coalesce(cc.compared_county_quartile = 4, false) as compared_county_in_worst_quartile,
    cast(cc.compared_county_trend_slope_5y as double) as compared_county_trend_slope_5y,
    case
        when cc.compared_county_trend_direction is null or i.higher_is_worse is null then null
        when cc.compared_county_trend_direction = 0 then false
        else (cc.compared_county_trend_direction > 0) = i.higher_is_worse
    end as compared_county_trend_worsening
from with_trends w
inner join indicators i on i.indicator_code = w.indicator_code
left join provenance pv on pv.indicator_code = w.indicator_code
left join compared cc
    on cc.indicator_code = w.indicator_code and cc.period_label = w.period_label
   and cc.gender = w.gender and cc.age_group = w.age_group
