{#
  The statistics models' age groups and breakdowns (the marts' gender × age_group key; seed-free because the
  groups are fixed by the indicator definitions).

  age_group(age)                 '0-17', '18-24', '25-64' or '65+' of an age expression (e.g. 'year - birth_year')
  banded_counts_cte(keys=[])     CTE counts (followed by a comma) over a CTE `latest` (one row per client: year,
                                 municipality_code, gender, age_group, in_bands, and the `keys`): in_bands and
                                 assessed per keys × year × region level × region × gender × age group
  breakdown_and_level_ctes()     two CTEs for a with-list (followed by a comma): breakdowns (by_gender, by_age: the
                                 four breakdowns gender × age, gender, age, total) and levels (region_level:
                                 municipality, wellbeing_county)
  at_breakdowns_and_levels(relation, columns)
                                 select of the rows of `relation` (one per counting unit: municipality_code, gender,
                                 age_group and the `columns`) once per breakdown and level (those two CTEs): the
                                 `columns`, gender, age_group, region_level, region_code (the municipality or its
                                 county)
#}
{% macro age_group(age) -%}
    case
        when {{ age }} < 18 then '0-17'
        when {{ age }} < 25 then '18-24'
        when {{ age }} < 65 then '25-64'
        else '65+'
    end
{%- endmacro %}

{% macro breakdown_and_level_ctes() -%}
breakdowns as (
    select true as by_gender, true as by_age
    union all select false, true
    union all select true, false
    union all select false, false
),

levels as (
    select 'municipality' as region_level
    union all select 'wellbeing_county'
)
{%- endmacro %}

{% macro at_breakdowns_and_levels(relation, columns) -%}
    select
{%- for c in columns %}
        u.{{ c }},
{%- endfor %}
        case when b.by_gender then u.gender else 'total' end as gender,
        case when b.by_age then u.age_group else 'all' end as age_group,
        lv.region_level,
        case when lv.region_level = 'municipality' then u.municipality_code else m.wellbeing_county_code end as region_code
    from {{ relation }} as u
    inner join {{ ref('municipalities') }} as m on m.municipality_code = u.municipality_code
    cross join breakdowns as b
    cross join levels as lv
{%- endmacro %}

{% macro banded_counts_cte(keys=[]) -%}
counts as (
    select
{%- for k in keys %}
        l.{{ k }},
{%- endfor %}
        l.year,
        lv.region_level,
        case when lv.region_level = 'municipality' then l.municipality_code else m.wellbeing_county_code end as region_code,
        case when lv.region_level = 'municipality' then m.municipality_name_fi end as municipality_name_fi,
        case when lv.region_level = 'municipality' then m.wellbeing_county_code else 'SSS' end as parent_region_code,
        case when b.by_gender then l.gender else 'total' end as gender,
        case when b.by_age then l.age_group else 'all' end as age_group,
        sum(case when l.in_bands then 1 else 0 end) as in_bands,
        count(*) as assessed
    from latest l
    inner join {{ ref('municipalities') }} m on m.municipality_code = l.municipality_code
    cross join breakdowns b
    cross join levels lv
    group by {% for i in range(keys | length + 7) %}{{ i + 1 }}{{ ", " if not loop.last }}{% endfor %}
)
{%- endmacro %}
