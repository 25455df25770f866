{#
  The professional-signal models' count columns (int_haipro__reshaped_to_signals, int_supervision_status__reshaped_to_signals,
  int_supervision_findings__reshaped_to_signals, int_shqs__reshaped_to_signals): a breakdown row `b` (service_area_code, breakdown,
  breakdown_value, n) with its service area's name from `sa` (seed service_areas, left-joined; null area = the
  county's all-areas total), as a count: value = numerator = n, no denominator. Followed by a comma.
#}
{% macro area_count_columns() -%}
    b.service_area_code,
    coalesce(sa.service_area_name_fi, 'Kaikki palvelualueet') as service_area_name_fi,
    b.breakdown,
    b.breakdown_value,
    cast(b.n as double) as value,
    cast(b.n as double) as numerator,
    cast(null as double) as denominator
{%- endmacro %}
