-- Client register: one row per client × service task (THL client group) relationship, deduplicated across
-- overlapping extracts (the same relationship delivered twice counts once: the latest extract wins, then the
-- file name that sorts last). Rename + cast only.
select
    {{ staged_columns('statistics', 'client_register_clients') }},
    _file_name,
    _load_id
from {{ latest_copy(
    source('statistics', 'client_register_clients'),
    'client_pseudonym, client_group, relationship_start',
    newest_first='extracted_date',
) }} as clients
