{#
  client_feedback's yearly twin for the welfare report: the same cells by calendar year (period_type 'year',
  period_label '2025'), built from the feedback items, not summed from the published halves.
#}
{{ client_feedback_mart('year') }}
