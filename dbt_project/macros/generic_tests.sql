{# Generic tests written in the project: hub packages (dbt_utils) cannot be downloaded on these machines. #}

{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}

{% test no_small_counts(model, column_name=none, count_columns=['numerator']) %}
{# Disclosure: no published count may lie in 1 .. threshold-1. #}
{%- set t = var('suppression_threshold') | int -%}
select *
from {{ model }}
where {% for c in count_columns %}({{ c }} >= 1 and {{ c }} < {{ t }}){% if not loop.last %} or {% endif %}{% endfor %}
{% endtest %}

{% test expression_is_true(model, expression, column_name=none) %}
select * from {{ model }} where not ({{ expression }})
{% endtest %}
