{#
  Instrument scores with their band: one row per assessment × scored item. Banded items are the total for AUDIT
  (zones I–IV) and BDI (per version), and each of 3X10D's ten items (no headline sum); Kykyviisari's total (work
  ability 0–10) has no bands (band 'not_banded'). Bands come from the seed instrument_bands (versioned data).
  MARAK is not here (see stg_instruments__marak_aggregate).
  bdi_item_9 = BDI-I/BDI-II item 9 (suicidal ideation), to be reviewed whatever the total.
  Grain: client_pseudonym × assessment_date × instrument × instrument_version × client_group × item.
#}
with assessments as (
    select * from {{ ref('stg_instruments__assessments') }}
),

scores as (
    select client_pseudonym, birth_year, gender, assessment_date, client_group, municipality_code, instrument,
           instrument_version, 'total' as item, total_score as score,
           case when instrument = 'BDI' and instrument_version in ('BDI-I', 'BDI-II') then item_9 end as bdi_item_9
    from assessments
    where instrument in ('AUDIT', 'BDI', 'KYKYVIISARI') and total_score is not null
    {% for i in range(1, 11) %}
    union all
    select client_pseudonym, birth_year, gender, assessment_date, client_group, municipality_code, instrument,
           instrument_version, 'item_{{ i }}', item_{{ i }}, cast(null as integer)
    from assessments
    where instrument = '3X10D' and item_{{ i }} is not null
    {% endfor %}
)

{{ banded_scores(ref('instrument_bands'), 's.bdi_item_9') }}
