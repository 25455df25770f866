{# The client_feedback mart's SQL at a grain ('half_year' or 'year'): models client_feedback and
   client_feedback_yearly (their doc comments say what the columns are). #}
{% macro client_feedback_mart(grain) %}
with items as (
    select * from {{ ref('int_client_feedback__enriched') }}
),

cells as (
    select
        {{ knowledge_period_columns(grain) }},
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
    group by {{ knowledge_period_group(grain) }}, service_area_code
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
    {{ unprotected_columns() }}
from cells
{% endmacro %}
