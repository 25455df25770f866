{#
  Disclosure control for published counts.

  suppression_status(count_column, partition_by) is an expression giving, per row:
    'primary'        the count is 1 .. threshold-1;
    'complementary'  the partition (cells that add up to a published total) has exactly one primary cell,
                     and this is the smallest other non-zero cell (a zero cell when there is none), so the
                     hidden cell cannot be recovered as total minus the rest;
    null             publishable.
  True zeros are kept: a zero discloses nothing about a person.
  Use it in a CTE, then hide every value built on a suppressed count (suppress_value).
#}
{% macro suppression_status(count_column, partition_by) -%}
    {%- set t = var('suppression_threshold') | int -%}
    {%- set part = partition_by | join(', ') -%}
    case
        when {{ count_column }} >= 1 and {{ count_column }} < {{ t }} then 'primary'
        when {{ count_column }} >= 0
         and sum(case when {{ count_column }} >= 1 and {{ count_column }} < {{ t }} then 1 else 0 end)
             over (partition by {{ part }}) = 1
         and row_number() over (
                partition by {{ part }}
                order by case when {{ count_column }} >= {{ t }} then 0 when {{ count_column }} = 0 then 1 else 2 end,
                         {{ count_column }}
             ) = 1
        then 'complementary'
    end
{%- endmacro %}

{% macro suppress_value(value_expression, status_column='suppression_reason') -%}
    case when {{ status_column }} is null then {{ value_expression }} end
{%- endmacro %}

{#
  One more round of complementary suppression on top of earlier rounds: true for the smallest visible non-zero
  cell (else a zero cell) of a partition that has exactly one hidden cell (`hidden_column`). Chain rounds over different
  partitions until no partition is left with a single hidden cell.
#}
{% macro needs_complement(hidden_column, count_column, partition_by) -%}
    {%- set part = partition_by | join(', ') -%}
    (not {{ hidden_column }}
     and {{ count_column }} >= 0
     and sum(case when {{ hidden_column }} then 1 else 0 end) over (partition by {{ part }}) = 1
     and row_number() over (
            partition by {{ part }}
            order by case when {{ hidden_column }} or {{ count_column }} is null then 2
                          when {{ count_column }} = 0 then 1 else 0 end, {{ count_column }}
         ) = 1)
{%- endmacro %}
