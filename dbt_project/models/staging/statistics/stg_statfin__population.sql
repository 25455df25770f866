-- Statistics Finland population by official region code, year, gender and project age group. Rename + cast only.
select
    {{ staged_columns('statistics', 'statfin_population') }},
    _load_id
from {{ source('statistics', 'statfin_population') }}
