{#
  Assessment instruments, one row per assessment (client × date × instrument × version × service task; the same
  assessment delivered twice counts once, the later file wins). Rename + cast only.
  MARAK is NOT here: its rows never leave raw except as the county aggregate stg_instruments__marak_aggregate.
#}
select client_pseudonym, birth_year, gender, assessment_date, client_group, municipality_code, instrument,
       instrument_version,
       {% for i in range(1, 22) %}item_{{ i }}, {% endfor %}
       total_score, _file_name, _load_id
from (
    select
        client_pseudonym,
        cast(birth_year as integer) as birth_year,
        gender,
        cast(assessment_date as date) as assessment_date,
        client_group,
        municipality_code,
        instrument,
        instrument_version,
        {% for i in range(1, 22) %}cast(item_{{ i }} as integer) as item_{{ i }},
        {% endfor %}
        cast(total_score as integer) as total_score,
        _file_name,
        _load_id,
        {{ latest_copy_rank('client_pseudonym, assessment_date, instrument, instrument_version, client_group') }} as _version
    from {{ source('statistics', 'instruments') }}
    where instrument <> 'MARAK'
) assessments
where _version = 1
