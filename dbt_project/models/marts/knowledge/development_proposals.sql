{#
  Development proposals (kehittämisehdotukset) from social reports, for the twice-yearly content analysis:
  one row per proposal × phenomenon it concerns ('other' when no rule tags it).

  Privacy: the text was redacted before storage (identity codes, phone numbers, e-mail addresses, names, street
  addresses). A row carries only coarse context (half-year, phenomenon, valence, service area, language,
  handling status): no municipality, sub-region, reporter role or submission date, which together with the text
  could point at a person.
    proposal_key  the submission's keyed HMAC pseudonym, computed at landing with the pseudonymisation key
                  (sources/privacy.py); the key never reaches dbt, so the key cannot be reversed from here
    age_days      coarse: days from the END of the submission's half-year to as_of_date (0 in the current
                  half-year), so it says no more than period_label does; never the exact age
  True rows: the k-anonymity rule on the published descriptive columns is the publish layer's (disclosure/).
#}
with classified as (
    select * from {{ ref('int_social_reports__classified') }}
    where has_proposal
),

submissions as (
    select submission_key, submission_pseudonym from {{ ref('int_social_reports__enriched') }}
)

select
    s.submission_pseudonym as proposal_key,
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
    cast(case when c.as_of_date > c.period_end then {{ dbt.datediff('c.period_end', 'c.as_of_date', 'day') }} else 0 end
         as integer) as age_days,
    c.proposal_text,
    cast(c.as_of_date as date) as as_of_date
from classified as c
inner join submissions as s on s.submission_key = c.submission_key
