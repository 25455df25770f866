{#
  Client feedback for the twice-yearly report: volume and ratings by half-year x service area.
    feedback_count     items given in the half-year
    rated_count        items with a 1–5 rating or a 0–10 score
    rating_count, mean_rating           items with a 1–5 rating, their mean
    score_count, mean_score             items with a 0–10 recommendation score, their mean
    low_rating_count, low_rating_share  low items (1–2 of 5; 0–6 of 10 for score-only items), % of rated_count
    text_count         items with free text; swedish_count: items in Swedish
  True values: disclosure control is the publish layer's (disclosure/); is_suppressed is false and
  suppression_reason null in the warehouse. A mean or share is null only where its base count is 0.
#}
with items as (
    select * from {{ ref('int_client_feedback__items') }}
),

cells as (
    select
        period_type,
        period_label,
        period_start,
        period_end,
        service_area_code,
        max(service_area_name_fi) as service_area_name_fi,
        count(*) as feedback_count,
        sum(case when is_rated then 1 else 0 end) as rated_count,
        count(rating_1_5) as rating_count,
        avg(cast(rating_1_5 as double)) as mean_rating,
        count(score_0_10) as score_count,
        avg(cast(score_0_10 as double)) as mean_score,
        sum(case when is_low_rating then 1 else 0 end) as low_rating_count,
        sum(case when has_text then 1 else 0 end) as text_count,
        sum(case when language = 'sv' then 1 else 0 end) as swedish_count
    from items
    group by period_type, period_label, period_start, period_end, service_area_code
)

select
    period_type,
    period_label,
    period_start,
    period_end,
    service_area_code,
    service_area_name_fi,
    cast(feedback_count as bigint) as feedback_count,
    cast(rated_count as bigint) as rated_count,
    cast(rating_count as bigint) as rating_count,
    cast(mean_rating as double) as mean_rating,
    cast(score_count as bigint) as score_count,
    cast(mean_score as double) as mean_score,
    cast(low_rating_count as bigint) as low_rating_count,
    cast(case when rated_count > 0 then 100.0 * low_rating_count / rated_count end as double) as low_rating_share,
    cast(text_count as bigint) as text_count,
    cast(swedish_count as bigint) as swedish_count,
    false as is_suppressed,
    cast(null as {{ dbt.type_string() }}) as suppression_reason
from cells
