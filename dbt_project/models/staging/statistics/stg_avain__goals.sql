{#
  AVAIN client-plan goals, one row per client x plan date x goal area (a re-delivered goal counts once: the
  later file wins, so a later export with the review filled in replaces the unreviewed row). Rename + cast only.
#}
select {{ staged_columns('statistics', 'avain_goals') }}
from {{ latest_copy(source('statistics', 'avain_goals'), 'client_pseudonym, plan_date, goal_area') }} as goals
