{#
  Which of THL's four phenomena each social report concerns, and which rule said so. One row per
  submission × phenomenon × rule:
    rule 'shl11_need_<n>'    a ticked SHL §11 need whose seed row (shl11_needs.phenomena) lists the phenomenon:
                             need 2 → homelessness, 3 → livelihood, 8 → substance_use and/or mental_health;
    rule 'keyword:<pattern>' the lowercased observation, causes or proposal text contains a pattern of seed
                             phenomenon_keywords in the report's own language (fi or sv).
  "And/or" for a need that maps to several phenomena (need 8 also covers illness, disability and ageing): when
  the text matches keywords of some of them, the need tags only those; when it matches none of them, the
  need tags all of them, as the seed says.
#}
with submissions as (
    select
        submission_key,
        language,
        lower({{ dbt.concat([
            "coalesce(observation_text, '')", "' '", "coalesce(causes_text, '')", "' '",
            "coalesce(proposal_text, '')"]) }}) as search_text
    from {{ ref('int_social_reports__enriched') }}
),

phenomena as (
    select 'homelessness' as phenomenon union all
    select 'mental_health' union all
    select 'substance_use' union all
    select 'livelihood'
),

need_phenomena as (
    select n.need_code, p.phenomenon, count(*) over (partition by n.need_code) as phenomena_of_need
    from {{ ref('shl11_needs') }} as n
    inner join phenomena as p
        on {{ dbt.concat(["'|'", "n.phenomena", "'|'"]) }} like {{ dbt.concat(["'%|'", "p.phenomenon", "'|%'"]) }}
),

keyword_tags as (
    select s.submission_key, k.phenomenon, k.pattern
    from submissions as s
    inner join {{ ref('phenomenon_keywords') }} as k
        on k.language = s.language
       and s.search_text like {{ dbt.concat(["'%'", "k.pattern", "'%'"]) }}
),

keyword_phenomena as (
    select distinct submission_key, phenomenon from keyword_tags
),

need_candidates as (
    select t.submission_key, t.need_code, np.phenomenon, np.phenomena_of_need
    from {{ ref('int_social_reports__needs_unpivoted') }} as t
    inner join need_phenomena as np on np.need_code = t.need_code
),

-- For a need with several phenomena: how many of them the text's keywords pick out.
need_keyword_hits as (
    select c.submission_key, c.need_code, count(k.phenomenon) as phenomena_with_keywords
    from need_candidates as c
    left join keyword_phenomena as k
        on k.submission_key = c.submission_key and k.phenomenon = c.phenomenon
    group by c.submission_key, c.need_code
),

need_tags as (
    select c.submission_key, c.phenomenon, c.need_code
    from need_candidates as c
    inner join need_keyword_hits as h on h.submission_key = c.submission_key and h.need_code = c.need_code
    left join keyword_phenomena as k on k.submission_key = c.submission_key and k.phenomenon = c.phenomenon
    where c.phenomena_of_need = 1
       or h.phenomena_with_keywords = 0
       or k.phenomenon is not null
)

select
    submission_key,
    phenomenon,
    {{ dbt.concat(["'shl11_need_'", "cast(need_code as " ~ dbt.type_string() ~ ")"]) }} as rule,
    'shl11_need' as rule_type,
    need_code,
    cast(null as {{ dbt.type_string() }}) as pattern
from need_tags
union all
select
    submission_key,
    phenomenon,
    {{ dbt.concat(["'keyword:'", "pattern"]) }} as rule,
    'keyword' as rule_type,
    cast(null as integer) as need_code,
    pattern
from keyword_tags
