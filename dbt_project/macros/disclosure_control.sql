{#
  disclosure_control(source_system_column): the one home of the rule telling open statistics from the
  county's own data. 'open_statistics' when the value comes unchanged from a publisher's open statistics
  (sotkanet: THL; statfin: Statistics Finland; ara: the Housing Finance and Development Centre), which the
  publish layer passes through as published; 'protected' otherwise (the county's own data).
#}
{% macro disclosure_control(source_system_column) -%}
    case when {{ source_system_column }} in ('sotkanet', 'statfin', 'ara') then 'open_statistics' else 'protected' end
{%- endmacro %}
