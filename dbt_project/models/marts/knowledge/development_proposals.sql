{#
  Development proposals (kehittämisehdotukset) from social reports, for the twice-yearly content analysis:
  one row per proposal × phenomenon it concerns ('other' when no rule tags it).

  Privacy: the text was redacted before storage (identity codes, phone numbers, e-mail addresses, names, street
  addresses). A row carries only coarse context (half-year, phenomenon, valence, service area, language,
  handling status, age): no municipality, sub-region, reporter role or date, which together with the text could
  point at a person. Publication rule: a proposal is published only for a half-year × phenomenon whose count in
  social_reporting (aggregation_level 'phenomenon') is not suppressed, so no proposal stands for a small cell.
#}
with classified as (
    select * from {{ ref('int_social_reports__classified') }}
    where has_proposal
),

published_cells as (
    select period_label, phenomenon
    from {{ ref('social_reporting') }}
    where aggregation_level = 'phenomenon' and not is_suppressed
)

select
    {{ dbt.hash('c.submission_key') }} as proposal_key,
    c.period_type,
    cast(c.period_start as date) as period_start,
    cast(c.period_end as date) as period_end,
    c.period_label,
    c.phenomenon,
    c.tagged_by,
    c.valence,
    c.service_area_code,
    c.service_area_name_fi,
    c.admin_sector,
    c.language,
    c.handling_status,
    c.is_open,
    cast(c.age_days as integer) as age_days,
    c.proposal_text,
    cast(c.as_of_date as date) as as_of_date
from classified as c
inner join published_cells as p on p.period_label = c.period_label and p.phenomenon = c.phenomenon
