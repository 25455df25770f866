-- Client register: one row per service event (visit, home visit, phone call, e-service, network meeting,
-- decision). Events have no id in the export: two calls on one day are two rows. A corrected monthly file replaces
-- its batch in raw (the loader), so nothing is deduplicated here. Rename + cast only.
select
    {{ staged_columns('statistics', 'client_register_events') }},
    _file_name,
    _load_id
from {{ source('statistics', 'client_register_events') }}
