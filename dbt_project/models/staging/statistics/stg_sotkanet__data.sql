-- Sotkanet data rows: indicator × Sotkanet region id × year × gender. Rename + cast only.
select
    {{ staged_columns('statistics', 'sotkanet_data', renamed={'region_id': 'sotkanet_region_id'}) }},
    _load_id
from {{ source('statistics', 'sotkanet_data') }}
