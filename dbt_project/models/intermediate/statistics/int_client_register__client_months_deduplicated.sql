{#
  The counting unit of client_register_assistance_recipients_monthly_avg: one row per client × month with at
  least one granted supplementary or preventive assistance decision (positive amount) dated in that month, in the
  municipality of the client's latest decision of the month. The yearly value is the mean of the monthly counts.
#}
with granted as (
    select
        *,
        cast(extract(year from decision_date) as integer) as year,
        cast(extract(month from decision_date) as integer) as month
    from {{ ref('stg_client_register__assistance_decisions') }}
    where decision in ('granted', 'partly_granted') and coalesce(amount_eur, 0) > 0
),

ranked as (
    select
        granted.*,
        row_number() over (
            partition by year, month, client_pseudonym order by decision_date desc, municipality_code desc, decision_id desc
        ) as _latest
    from granted
)

select
    'client_register_assistance_recipients_monthly_avg' as indicator_code,
    year,
    month,
    client_pseudonym,
    municipality_code,
    gender,
    {{ age_group('year - birth_year') }} as age_group
from ranked
where _latest = 1
