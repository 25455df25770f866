{#
  supervision_signals' yearly twin for the welfare report: the same cells by calendar year of receipt
  (period_type 'year', period_label '2025'), built from the cases, not summed from the published halves.
#}
{{ supervision_signals_mart('year') }}
