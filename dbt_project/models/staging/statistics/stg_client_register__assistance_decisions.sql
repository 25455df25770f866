-- Client register: supplementary and preventive social assistance decisions, one row per decision number
-- (a corrected re-export of a decision supersedes the earlier one: the later file wins). Rename + cast only.
select
    {{ staged_columns('statistics', 'client_register_assistance') }},
    _file_name,
    _load_id
from {{ latest_copy(source('statistics', 'client_register_assistance'), 'decision_id') }} as decisions
