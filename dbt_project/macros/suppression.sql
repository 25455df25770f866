{#
  Disclosure control for published counts.

  suppression_status(count_column, partition_by) is an expression giving, per row:
    'primary'        the count is 1 .. threshold-1;
    'complementary'  the partition (cells that add up to a published total) has exactly one primary cell,
                     and this is the smallest other non-zero cell, so the hidden cell cannot be recovered
                     as total minus the rest;
    null             publishable.
  True zeros are kept: a zero discloses nothing about a person.
  Use it in a CTE, then hide every value built on a suppressed count (suppress_value).
#}
{% macro suppression_status(count_column, partition_by) -%}
    {%- set t = var('suppression_threshold') | int -%}
    {%- set part = partition_by | join(', ') -%}
    case
        when {{ count_column }} >= 1 and {{ count_column }} < {{ t }} then 'primary'
        when {{ count_column }} > 0
         and sum(case when {{ count_column }} >= 1 and {{ count_column }} < {{ t }} then 1 else 0 end)
             over (partition by {{ part }}) = 1
         and row_number() over (
                partition by {{ part }}
                order by case when {{ count_column }} >= {{ t }} then 0 else 1 end, {{ count_column }}
             ) = 1
        then 'complementary'
    end
{%- endmacro %}

{% macro suppress_value(value_expression, status_column='suppression_reason') -%}
    case when {{ status_column }} is null then {{ value_expression }} end
{%- endmacro %}
