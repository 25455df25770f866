{#
  Which of THL's four phenomena each client panel or citizen forum meeting dealt with: the lowercased theme, or
  the proposals made, contains a Finnish pattern of seed phenomenon_keywords (the rule social reports use).
  One row per meeting × phenomenon touched; a meeting that touches none has no row here.
    in_theme  the theme itself names the phenomenon (not only a proposal)
#}
with meetings as (
    select meeting_id, lower(theme) as theme_text, lower(coalesce(proposals_text, '')) as proposals_text
    from {{ ref('int_client_panels__enriched') }}
),

hits as (
    select
        m.meeting_id,
        k.phenomenon,
        case when m.theme_text like {{ dbt.concat(["'%'", "k.pattern", "'%'"]) }} then 1 else 0 end as in_theme
    from meetings as m
    inner join {{ ref('phenomenon_keywords') }} as k
        on k.language = 'fi'
       and (m.theme_text like {{ dbt.concat(["'%'", "k.pattern", "'%'"]) }}
            or m.proposals_text like {{ dbt.concat(["'%'", "k.pattern", "'%'"]) }})
)

select meeting_id, phenomenon, max(in_theme) = 1 as in_theme
from hits
group by meeting_id, phenomenon
