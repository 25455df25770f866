{#
  Social reports by phenomenon: one row per submission × phenomenon it concerns, with the submission's
  attributes. A submission no rule tags gets one row with phenomenon 'other', so every submission appears
  at least once; one that concerns several phenomena appears once per phenomenon.
    tagged_by          the rules that tagged it, e.g. 'keyword:asunnottom, shl11_need_2' (null for 'other')
    tagged_by_need     at least one SHL §11 need rule
    tagged_by_keyword  at least one keyword rule
#}
with submissions as (
    select * from {{ ref('int_social_reports__enriched') }}
),

tags as (
    select
        submission_key,
        phenomenon,
        {{ dbt.listagg('rule', "', '", 'order by rule') }} as tagged_by,
        max(case when rule_type = 'shl11_need' then 1 else 0 end) as by_need,
        max(case when rule_type = 'keyword' then 1 else 0 end) as by_keyword
    from {{ ref('int_social_reports__phenomena_tagged') }}
    group by submission_key, phenomenon
),

classified as (
    select submission_key, phenomenon, tagged_by, by_need, by_keyword from tags
    union all
    select s.submission_key, 'other' as phenomenon, cast(null as {{ dbt.type_string() }}) as tagged_by,
           0 as by_need, 0 as by_keyword
    from submissions as s
    where not exists (select 1 from tags as t where t.submission_key = s.submission_key)
)

select
    c.submission_key,
    c.phenomenon,
    c.tagged_by,
    c.by_need = 1 as tagged_by_need,
    c.by_keyword = 1 as tagged_by_keyword,
    s.language,
    s.period_type,
    s.period_start,
    s.period_end,
    s.period_label,
    s.submitted_date,
    s.valence,
    s.service_area_code,
    s.service_area_name_fi,
    s.area_scope,
    s.municipality_code,
    s.wellbeing_county_code,
    s.sub_region_name,
    s.admin_sector,
    s.handling_status,
    s.is_open,
    s.has_proposal,
    s.proposal_text,
    s.age_days,
    s.as_of_date,
    s.loaded_at
from classified as c
inner join submissions as s on s.submission_key = c.submission_key
