{#
  client_panels' yearly twin for the welfare report: the same cells by calendar year of the meeting
  (period_type 'year', period_label '2025'), built from the meetings, not summed from the published halves.
#}
{{ client_panels_mart('year') }}
