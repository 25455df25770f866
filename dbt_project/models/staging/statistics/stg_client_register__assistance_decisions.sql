-- Client register: supplementary and preventive social assistance decisions, one row per decision number
-- (a corrected re-export of a decision supersedes the earlier one: the later file wins). Rename + cast only.
select decision_id, client_pseudonym, birth_year, gender, municipality_code, assistance_type, decision_date,
       decision, amount_eur, _file_name, _load_id
from (
    select
        decision_id,
        client_pseudonym,
        cast(birth_year as integer) as birth_year,
        gender,
        municipality_code,
        assistance_type,
        cast(decision_date as date) as decision_date,
        decision,
        cast(amount_eur as double) as amount_eur,
        _file_name,
        _load_id,
        {{ latest_copy_rank('decision_id') }} as _version
    from {{ source('statistics', 'client_register_assistance') }}
) decisions
where _version = 1
