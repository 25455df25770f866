{#
  The statistics models' age groups and breakdowns (the marts' gender × age_group key; seed-free because the
  groups are fixed by the indicator definitions).

  age_group(age)                 '0-17', '18-24', '25-64' or '65+' of an age expression (e.g. 'year - birth_year')
  breakdown_and_level_ctes()     two CTEs for a with-list (followed by a comma): breakdowns (by_gender, by_age: the
                                 four breakdowns gender × age, gender, age, total) and levels (region_level:
                                 municipality, wellbeing_county)
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
