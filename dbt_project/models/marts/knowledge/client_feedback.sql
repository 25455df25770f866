{#
  Client feedback for the twice-yearly report: volume and ratings by half-year x service area.
    feedback_count     items given in the half-year
    rated_count        items with a 1–5 rating or a 0–10 score
    rating_count, mean_rating           items with a 1–5 rating, their mean
    score_count, mean_score             items with a 0–10 recommendation score, their mean
    low_rating_count, low_rating_share  low items (1–2 of 5; 0–6 of 10 for score-only items), % of rated_count
    text_count         items with free text; swedish_count: items in Swedish
  Disclosure control (threshold = var suppression_threshold):
    feedback_count is primary-suppressed when 1..threshold-1 and complementary-suppressed (smallest other
    non-zero service area of the half-year) when exactly one area of the half-year is; a suppressed cell hides
    every figure. Any other count of 1..threshold-1 is hidden, and so is a mean or share whose base count is
    under the threshold or hidden.
#}
{% set t = var('suppression_threshold') | int %}

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
),

flagged as (
    select
        *,
        {{ suppression_status('feedback_count', ['period_label']) }} as suppression_reason
    from cells
)

select
    period_type,
    period_label,
    period_start,
    period_end,
    service_area_code,
    service_area_name_fi,
    cast({{ suppress_value('feedback_count') }} as bigint) as feedback_count,
    cast(case when suppression_reason is null and not (rated_count >= 1 and rated_count < {{ t }}) then rated_count end as bigint)
        as rated_count,
    cast(case when suppression_reason is null and not (rating_count >= 1 and rating_count < {{ t }}) then rating_count end as bigint)
        as rating_count,
    cast(case when suppression_reason is null and rating_count >= {{ t }} then mean_rating end as double)
        as mean_rating,
    cast(case when suppression_reason is null and not (score_count >= 1 and score_count < {{ t }}) then score_count end as bigint)
        as score_count,
    cast(case when suppression_reason is null and score_count >= {{ t }} then mean_score end as double)
        as mean_score,
    cast(case when suppression_reason is null and not (low_rating_count >= 1 and low_rating_count < {{ t }}) then low_rating_count end as bigint)
        as low_rating_count,
    cast(case
        when suppression_reason is null and rated_count >= {{ t }} and not (low_rating_count >= 1 and low_rating_count < {{ t }})
        then 100.0 * low_rating_count / rated_count
    end as double) as low_rating_share,
    cast(case when suppression_reason is null and not (text_count >= 1 and text_count < {{ t }}) then text_count end as bigint)
        as text_count,
    cast(case when suppression_reason is null and not (swedish_count >= 1 and swedish_count < {{ t }}) then swedish_count end as bigint)
        as swedish_count,
    suppression_reason is not null as is_suppressed,
    suppression_reason
from flagged
