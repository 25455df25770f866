-- Client register: one row per client × service task (THL client group) relationship, deduplicated across
-- overlapping extracts (the same relationship delivered twice counts once). Rename + cast only.
select client_pseudonym, birth_year, gender, municipality_code, client_group, relationship_start, relationship_end,
       extracted_date, _file_name, _load_id
from (
    select
        client_pseudonym,
        cast(birth_year as integer) as birth_year,
        gender,
        municipality_code,
        client_group,
        cast(relationship_start as date) as relationship_start,
        cast(relationship_end as date) as relationship_end,
        cast(extracted_date as date) as extracted_date,
        _file_name,
        _load_id,
        row_number() over (
            partition by client_pseudonym, client_group, relationship_start
            order by extracted_date desc, _file_name desc
        ) as _version
    from {{ source('statistics', 'client_register_clients') }}
) clients
where _version = 1
