{#
  RAI scales and AVAIN goal attainment as instrument scores with their band, in the columns of
  int_instruments__scores_banded (instrument_use reads both):
  - RAI: one row per assessment x scale (item = CPS, ADLH, DRS, MAPLE, CHESS), instrument_version = the RAI tool;
  - AVAIN: one row per REVIEWED goal (item = goal area, score = attainment 0-3, assessment_date = the plan's
    review date), instrument_version THL-2022 (THL OHJAUS 3/2022). Unreviewed goals have no score yet.
  Bands from the seed instrument_bands (rows marked [I] where the cut-off is not verified).
  Grain: client_pseudonym x assessment_date x instrument x instrument_version x client_group x item.
#}
with scores as (
    {% for scale in ['cps', 'adlh', 'drs', 'maple', 'chess'] %}
    select client_pseudonym, birth_year, gender, assessment_date, client_group, municipality_code,
           'RAI' as instrument, rai_tool as instrument_version, '{{ scale | upper }}' as item, {{ scale }} as score
    from {{ ref('stg_rai__assessments') }}
    where {{ scale }} is not null
    union all
    {% endfor %}
    select client_pseudonym, birth_year, gender, review_date, client_group, municipality_code,
           'AVAIN', 'THL-2022', goal_area, attainment_score
    from {{ ref('stg_avain__goals') }}
    where review_date is not null and attainment_score is not null
)

{{ banded_scores(ref('instrument_bands')) }}
