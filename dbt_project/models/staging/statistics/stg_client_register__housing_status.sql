-- Client register: recorded housing status of social welfare clients, one row per client × date × status
-- (the same record delivered in two extracts counts once: the later file wins). Rename + cast only.
select
    {{ staged_columns('statistics', 'client_register_housing') }},
    _file_name,
    _load_id
from {{ latest_copy(
    source('statistics', 'client_register_housing'), 'client_pseudonym, status_date, housing_status',
) }} as housing
