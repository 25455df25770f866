{#
  Signals from professionals beside social reporting, in one long table for dashboards: the social ombudsman's
  statistics, HaiPro incident reports, staff surveys on structural social work, the supervision status
  table, the patient ombudsman's contacts, self-monitoring and inspection findings and SHQS criteria status. One row per indicator × period × service area × breakdown value (see the int_*__reshaped_to_signals models for
  each indicator's counting rule).

  True values: disclosure control is the publish layer's (disclosure/); is_suppressed is false and
  suppression_reason null in the warehouse.
#}
{% set signal_models = [
    'int_ombudsman__reshaped_to_signals',
    'int_haipro__reshaped_to_signals',
    'int_staff_survey__reshaped_to_signals',
    'int_supervision_status__reshaped_to_signals',
    'int_patient_ombudsman__reshaped_to_signals',
    'int_supervision_findings__reshaped_to_signals',
    'int_shqs__reshaped_to_signals',
] %}
with signals as (
    {%- for model in signal_models %}
    select * from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select
    source_system,
    indicator_code,
    indicator_name_fi,
    unit,
    period_type,
    cast(period_start as date) as period_start,
    cast(period_end as date) as period_end,
    period_label,
    service_area_code,
    service_area_name_fi,
    breakdown,
    breakdown_value,
    cast(value as double) as value,
    cast(numerator as double) as numerator,
    cast(denominator as double) as denominator,
    {{ unprotected_columns() }},
    cast(loaded_at as timestamp) as loaded_at
from signals
