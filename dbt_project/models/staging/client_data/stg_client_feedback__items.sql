{#
  Client feedback items, one row per feedback id. Overlapping exports can repeat an item: the copy in the file
  whose name sorts last wins (then the last row). Rename + cast otherwise.
#}
with copies as (
    select
        feedback_id,
        cast(received_at as timestamp) as received_at,
        cast(received_at as date) as received_date,
        service_area_code,
        unit_name,
        municipality_code,
        channel,
        topic,
        cast(rating_1_5 as integer) as rating_1_5,
        cast(score_0_10 as integer) as score_0_10,
        feedback_text,
        language,
        {{ lineage_columns() }},
        {{ latest_copy_rank('feedback_id') }} as copy_rank
    from {{ source('client_data', 'client_feedback') }}
)

select
    feedback_id, received_at, received_date, service_area_code, unit_name, municipality_code, channel, topic,
    rating_1_5, score_0_10, feedback_text, language, file_name, source_row_number, load_id
from copies
where copy_rank = 1
