-- The catalogue's resolution against the live Sotkanet /indicators listing, one row per catalogue entry.
-- Rename + cast only.
select {{ staged_columns('statistics', 'sotkanet_indicator_resolution', renamed={'status': 'resolution_status'}) }}
from {{ source('statistics', 'sotkanet_indicator_resolution') }}
