{#
  disclosure_control(source_system_column): the one home of the rule telling open statistics from the
  county's own data. 'open_statistics' when the value comes unchanged from a publisher's open statistics
  (sotkanet: THL; statfin: Statistics Finland; ara: the Housing Finance and Development Centre;
  kouluterveyskysely: THL's School Health Promotion Study, whose results THL publishes as percentages with their
  respondent counts, final and open, also in Sotkanet; sotekuva: THL's compiled cost and service-use
  indicators; partner_open_statistics: a partner's figure the partner declared already published as open
  statistics, naming where), which the publish layer passes through as published;
  'protected' otherwise (the county's own data).
#}
{% macro disclosure_control(source_system_column) -%}
    case when {{ source_system_column }} in ('sotkanet', 'statfin', 'ara', 'kouluterveyskysely', 'sotekuva',
                                              'partner_open_statistics') then 'open_statistics' else 'protected' end
{%- endmacro %}

{#-
  unprotected_columns(): is_suppressed and suppression_reason as every published mart carries them in the
  warehouse: false and null. The warehouse holds the true values; the publish layer (disclosure/) protects the
  published file and fills them there. In a select list, without its trailing comma.
-#}
{% macro unprotected_columns() -%}
    false as is_suppressed,
    cast(null as {{ dbt.type_string() }}) as suppression_reason
{%- endmacro %}
