{# Generic tests written in the project: hub packages (dbt_utils) cannot be downloaded on these machines. #}

{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as n
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}

{#
  A model's row-level rules in one test: one scan and one dbt node (and one Dagster asset check) instead of one per
  rule, which at 300-odd rules cost more in per-node overhead than in scanning (`make bench`, BENCHMARKS.md).
  - not_null: columns that must have a value;
  - accepted_values: column -> the values it may take (null is allowed unless the column is also in not_null);
  - expressions: predicates every row must satisfy (a null result passes, as in dbt_utils' expression_is_true).
  It returns one row per broken rule with the number of rows breaking it (a row is counted under the first rule
  it breaks, in the order above), so the failure names the rule. The rules are also the scan's filter, so on a
  large table the scan skips what the column statistics rule out (no null, no other value), as the separate
  tests did.
#}
{% test row_rules(model, not_null=[], accepted_values={}, expressions=[]) %}
{%- set rules = [] -%}
{%- for column in not_null -%}
    {%- do rules.append((column ~ ' is null', 'not_null: ' ~ column)) -%}
{%- endfor -%}
{%- for column, values in accepted_values.items() -%}
    {%- set literals = [] -%}
    {%- for v in values -%}
        {%- do literals.append("'" ~ (v | replace("'", "''")) ~ "'" if v is string else v | string) -%}
    {%- endfor -%}
    {%- do rules.append((column ~ ' not in (' ~ literals | join(', ') ~ ')', 'accepted_values: ' ~ column)) -%}
{%- endfor -%}
{%- for expression in expressions -%}
    {%- do rules.append(('not (' ~ expression ~ ')', 'expression: ' ~ expression | replace("'", '"'))) -%}
{%- endfor -%}
{%- if not rules -%}
    {{ exceptions.raise_compiler_error("row_rules on " ~ model ~ " declares no rule") }}
{%- endif -%}
select
    case
    {%- for broken, label in rules %}
        when {{ broken }} then '{{ label }}'
    {%- endfor %}
    end as broken_rule,
    count(*) as rows_breaking
from {{ model }}
where {% for broken, _ in rules %}({{ broken }}){% if not loop.last %}
   or {% endif %}{% endfor %}
group by 1
{% endtest %}
