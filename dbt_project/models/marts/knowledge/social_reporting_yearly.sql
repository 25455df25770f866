{#
  social_reporting's yearly twin for the welfare report: the same cells and margins by calendar year of
  submission (period_type 'year', period_label '2025'), counted from the submissions (a submission is in one
  year), not summed from the published halves.
#}
{{ social_reporting_mart('year') }}
