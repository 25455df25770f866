{#
  Every source's contribution to the four phenomenon marts, in the marts' shape, before disclosure control.
  A source joins by adding an int_<source>__phenomenon_facts model (columns: see _intermediate.yml) to this list.
#}
{% set fact_models = [
    'int_sotkanet__phenomenon_facts',
    'int_client_register__phenomenon_facts',
    'int_instruments__phenomenon_facts',
    'int_complaints__phenomenon_facts',
    'int_client_feedback__phenomenon_facts',
    'int_kouluterveyskysely__phenomenon_facts',
    'int_social_reports__phenomenon_facts',
] %}

{% for model in fact_models %}
select
    phenomenon, indicator_code, indicator_name_fi, indicator_name_en, source_class, source_system, unit,
    higher_is_worse, region_level, region_code, region_name_fi, parent_region_code,
    period_type, period_start, period_end, period_label, gender, age_group,
    value, numerator, denominator, source_updated_at, loaded_at
from {{ ref(model) }}
{% if not loop.last %}union all{% endif %}
{% endfor %}
