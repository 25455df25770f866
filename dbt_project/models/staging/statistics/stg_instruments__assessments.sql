{#
  Assessment instruments, one row per assessment (client × date × instrument × version × service task; the same
  assessment delivered twice counts once, the later file wins). Rename + cast only.
  MARAK is NOT here: its rows never leave raw except as the county aggregate stg_instruments__marak_aggregate.
#}
with instruments as (
    select * from {{ source('statistics', 'instruments') }}
    where instrument <> 'MARAK'
)

select
    {{ staged_columns('statistics', 'instruments') }},
    _file_name,
    _load_id
from {{ latest_copy(
    'instruments', 'client_pseudonym, assessment_date, instrument, instrument_version, client_group',
) }} as assessments
