{#
  The information needs log: one row per need id (the file name that sorts last wins). Rename + cast otherwise.
#}
with copies as (
    select
        cast(need_id as {{ dbt.type_string() }}) as need_id,
        cast(need_text as {{ dbt.type_string() }}) as need_text,
        cast(phenomenon as {{ dbt.type_string() }}) as phenomenon,
        cast(raised_by as {{ dbt.type_string() }}) as raised_by,
        cast(raised_on as date) as raised_on,
        cast(status as {{ dbt.type_string() }}) as status,
        cast(status_date as date) as status_date,
        cast(met_by_source as {{ dbt.type_string() }}) as met_by_source,
        cast(met_by_indicator_code as {{ dbt.type_string() }}) as met_by_indicator_code,
        cast(_file_name as {{ dbt.type_string() }}) as file_name,
        row_number() over (partition by need_id order by _file_name desc, _row_number desc) as copy_rank
    from {{ source('knowledge_cycle', 'information_needs_log') }}
)

select
    need_id, need_text, phenomenon, raised_by, raised_on, status, status_date, met_by_source,
    met_by_indicator_code, file_name
from copies
where copy_rank = 1
