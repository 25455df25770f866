{#
  Every source's contribution to the four phenomenon marts, in the marts' shape, before disclosure control.
  A source joins by adding an int_<source>__reshaped_to_phenomena model (columns: see _phenomena__models.yml) to this list.
  When two sources deliver the same indicator code, region, period, gender and age group (ARA's survey file and
  its copy in Sotkanet, found there by title), the source's own file wins over its Sotkanet copy.
#}
{% set fact_models = [
    'int_sotkanet__reshaped_to_phenomena',
    'int_ara_homelessness__reshaped_to_phenomena',
    'int_client_register__reshaped_to_phenomena',
    'int_instruments__reshaped_to_phenomena',
    'int_complaints__reshaped_to_phenomena',
    'int_client_feedback__reshaped_to_phenomena',
    'int_kouluterveyskysely__reshaped_to_phenomena',
    'int_social_reports__reshaped_to_phenomena',
    'int_local_surveys__reshaped_to_phenomena',
    'int_partner_indicators__reshaped_to_phenomena',
    'int_sotekuva__reshaped_to_phenomena',
] %}

{%- set columns -%}
    phenomenon, indicator_code, indicator_name_fi, indicator_name_en, source_class, source_system,
    source_organisation, source_indicator_id, indicator_definition, unit,
    higher_is_worse, region_level, region_code, region_name_fi, parent_region_code,
    period_type, period_start, period_end, period_label, gender, age_group,
    value, numerator, denominator, source_updated_at, loaded_at
{%- endset %}
with facts as (
{% for model in fact_models %}
    select {{ columns }}
    from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
),

picked as (
    select
        *,
        row_number() over (
            partition by indicator_code, region_code, period_label, gender, age_group
            order by case when source_system = 'sotkanet' then 1 else 0 end
        ) as _pick
    from facts
)

select {{ columns }}
from picked
where _pick = 1
