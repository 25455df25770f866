{#
  The phenomenon facts as the four phenomenon marts and phenomenon_indicators publish them in the warehouse.
  No disclosure control here: the warehouse is internal and holds the true values. The publish layer
  (disclosure/, at publish time on the candidate snapshot) protects the county's own cells and fills
  is_suppressed and suppression_reason; in the warehouse they are always false and null.
  direction says how to read a higher value: higher_is_worse, higher_is_better, or neutral (activity measures
  such as the number of social reports or feedback items: more is the plan working, not the phenomenon
  worsening). The facts carry it as higher_is_worse true / false / null; this is its one reading.
  disclosure_control says which rows the publish layer may protect:
    open_statistics  the value comes unchanged from a publisher's open statistics (Sotkanet: THL; StatFin:
                     Statistics Finland; ARA; THL's school survey), already published by them;
    protected        the county's own data (client data, professional observations, client register,
                     instruments): always protected in the published file.
#}
{#- A table, not a view: the four phenomenon marts, phenomenon_indicators, national_comparison and the knowledge
    cycle each read it; as a view each of them would compute the union of every source's facts again. -#}
{{ config(materialized='table') }}
select
    phenomenon, indicator_code, indicator_name_fi, indicator_name_en, source_class, source_system,
    source_organisation, source_indicator_id, indicator_definition, unit,
    case when higher_is_worse then 'higher_is_worse' when not higher_is_worse then 'higher_is_better'
         else 'neutral' end as direction,
    higher_is_worse, region_level, region_code, region_name_fi, period_type, period_start, period_end,
    period_label, gender, age_group,
    value,
    numerator,
    denominator,
    {{ unprotected_columns() }},
    {{ disclosure_control('source_system') }} as disclosure_control,
    source_updated_at, loaded_at
from {{ ref('int_phenomenon_facts__unioned') }}
