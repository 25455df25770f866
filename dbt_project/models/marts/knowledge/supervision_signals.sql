{#
  Supervision signals for the twice-yearly report: complaints and supervision cases (muistutus, kantelu,
  kantelu transferred back by AVI/Valvira, epäkohtailmoitus) counted by half-year of receipt x case type x
  service area x category x phenomenon group, with handling times and deadline breaches. Every case is counted
  once (phenomenon is the case's SHL §11 need's phenomenon group), so counts add up over any dimension.

  True values: disclosure control is the publish layer's (disclosure/); is_suppressed is false and
  suppression_reason null in the warehouse. overdue_count and event_over_2y_count are null where the rule does
  not apply to the case type; handling-time statistics are null where no case is decided.
#}
{{ supervision_signals_mart('half_year') }}
