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
{{ client_feedback_mart('half_year') }}
