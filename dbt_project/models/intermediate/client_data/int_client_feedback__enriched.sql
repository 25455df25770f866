{#
  Client feedback items with the reporting period (half-year of receipt), rating flags and phenomenon.
    is_rated       the item has a 1–5 rating or a 0–10 score
    is_low_rating  rating 1–2 on the 1–5 scale; for a score-only item, score 0–6 on the 0–10 scale (NPS detractor)
    phenomenon     from the topic the client chose: asuminen → homelessness, toimeentulo → livelihood,
                   mielenterveys → mental_health, paihteet → substance_use; null for other topics
#}
with items as (
    {{ with_file_loaded_at(ref('stg_client_feedback__items'), 'client_feedback') }}
),

periods as (
    select
        i.*,
        {{ period_columns('half_year', 'i.received_date') }}
    from items as i
)

select
    p.feedback_id,
    p.received_at,
    p.received_date,
    p.period_type,
    p.period_start,
    p.period_end,
    p.period_label,
    p.service_area_code,
    sa.service_area_name_fi,
    p.unit_name,
    p.municipality_code,
    m.municipality_name_fi,
    m.wellbeing_county_code,
    p.channel,
    p.topic,
    case p.topic
        when 'asuminen' then 'homelessness'
        when 'toimeentulo' then 'livelihood'
        when 'mielenterveys' then 'mental_health'
        when 'paihteet' then 'substance_use'
    end as phenomenon,
    p.rating_1_5,
    p.score_0_10,
    case when p.rating_1_5 is not null or p.score_0_10 is not null then true else false end as is_rated,
    case
        when p.rating_1_5 is not null then p.rating_1_5 <= 2
        when p.score_0_10 is not null then p.score_0_10 <= 6
        else false
    end as is_low_rating,
    case when p.feedback_text is not null then true else false end as has_text,
    p.feedback_text,
    p.language,
    p.loaded_at,
    p.file_name
from periods as p
left join {{ ref('service_areas') }} as sa on sa.service_area_code = p.service_area_code
left join {{ ref('municipalities') }} as m on m.municipality_code = p.municipality_code
