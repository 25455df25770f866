{#
  banded_scores(bands, bdi_item_9)   the final select of an *_scores_banded model: every row of a CTE `scores` (client,
                              birth year, gender, assessment date, client group, municipality, instrument, version,
                              item, score) with its band from `bands` (seed instrument_bands) (or 'not_banded'), and the
                              column bdi_item_9 (an expression; null where the instrument has no BDI item 9)
#}
{% macro banded_scores(bands, bdi_item_9='cast(null as integer)') -%}
select
    s.client_pseudonym,
    s.birth_year,
    s.gender,
    s.assessment_date,
    s.client_group,
    s.municipality_code,
    s.instrument,
    s.instrument_version,
    s.item,
    s.score,
    coalesce(b.band, 'not_banded') as band,
    b.label as band_label,
    b.min as band_min,
    b.max as band_max,
    {{ bdi_item_9 }} as bdi_item_9
from scores s
left join {{ bands }} b
    on b.instrument = s.instrument
   and b.version = s.instrument_version
   and b.item = s.item
   and s.score between b.min and b.max
{%- endmacro %}
