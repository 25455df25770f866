{#
  RAI assessments, one row per client x assessment date x RAI tool (the same assessment delivered twice counts
  once: the later file wins). Rename + cast only.
#}
select {{ staged_columns('statistics', 'rai_assessments') }}
from {{ latest_copy(source('statistics', 'rai_assessments'), 'client_pseudonym, assessment_date, rai_tool') }} as assessments
