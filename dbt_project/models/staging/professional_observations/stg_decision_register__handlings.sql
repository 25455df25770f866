{#
  The decision register: one row per handling id (a re-delivered register under another name repeats
  handlings: the file name that sorts last wins). Rename + cast otherwise.
#}
with copies as (
    select
        cast(handling_id as {{ dbt.type_string() }}) as handling_id,
        cast(proposal_ref as {{ dbt.type_string() }}) as proposal_ref,
        cast(topic as {{ dbt.type_string() }}) as topic,
        cast(phenomenon as {{ dbt.type_string() }}) as phenomenon,
        cast(body_name as {{ dbt.type_string() }}) as body_name,
        cast(body_code as {{ dbt.type_string() }}) as body_code,
        cast(meeting_date as date) as meeting_date,
        cast(decision as {{ dbt.type_string() }}) as decision,
        cast(measure as {{ dbt.type_string() }}) as measure,
        cast(responsible_unit as {{ dbt.type_string() }}) as responsible_unit,
        cast(indicator_codes as {{ dbt.type_string() }}) as indicator_codes,
        cast(review_date as date) as review_date,
        cast(_file_name as {{ dbt.type_string() }}) as file_name,
        row_number() over (partition by handling_id order by _file_name desc, _row_number desc) as copy_rank
    from {{ source('knowledge_cycle', 'decision_register') }}
)

select
    handling_id, proposal_ref, topic, phenomenon, body_name, body_code, meeting_date, decision, measure,
    responsible_unit, indicator_codes, review_date, file_name
from copies
where copy_rank = 1
