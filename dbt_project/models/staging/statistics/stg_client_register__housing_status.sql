-- Client register: recorded housing status of social welfare clients, one row per client × date × status
-- (the same record delivered in two extracts counts once: the later file wins). Rename + cast only.
select client_pseudonym, birth_year, gender, municipality_code, status_date, housing_status, homelessness_form,
       is_long_term_homeless, _file_name, _load_id
from (
    select
        client_pseudonym,
        cast(birth_year as integer) as birth_year,
        gender,
        municipality_code,
        cast(status_date as date) as status_date,
        housing_status,
        homelessness_form,
        cast(is_long_term_homeless as boolean) as is_long_term_homeless,
        _file_name,
        _load_id,
        {{ latest_copy_rank('client_pseudonym, status_date, housing_status') }} as _version
    from {{ source('statistics', 'client_register_housing') }}
) housing
where _version = 1
