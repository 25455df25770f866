{#
  Social reporting observations for the twice-yearly report to management and the annual welfare report:
  counts of distinct submissions by half-year × phenomenon × SHL §11 need × valence × service area ×
  sub-region ('detail'), plus the margins management reads ('phenomenon', 'phenomenon_valence',
  'phenomenon_service_area', 'phenomenon_sub_region', 'phenomenon_need'; 'all' in the rolled-up dimensions).
  A submission about several phenomena or needs counts once in each, so cells do not add up across phenomena
  or needs; phenomenon 'all' counts every submission once, 'other' those no rule tags.

  True values: disclosure control is the publish layer's (disclosure/); is_suppressed is false and
  suppression_reason null in the warehouse. suppression_threshold is the threshold the publish layer applies.
#}
{{ social_reporting_mart('half_year') }}
