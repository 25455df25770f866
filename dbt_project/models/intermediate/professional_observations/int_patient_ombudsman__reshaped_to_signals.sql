{#
  The patient ombudsman's contacts table in the professional_signals shape (true values; the publish layer applies
  disclosure control). One indicator:
    patient_ombudsman_contacts  contacts to the patient ombudsman in the year, by the ombudsman's own area
                                (seed observation_code_lists, list patient_ombudsman_area; 'all' = every area)
                                × breakdown: total, topic, outcome, or phenomenon.
  Period: the year. A whole-year table wins over the year's half-year tables; without one, the half-years
  delivered so far are added up and period_end says how far the year is covered (30 June after the first half).
  Years only, never halves beside their year: a year next to its halves would give a hidden cell away by
  subtraction across releases.
  Phenomenon: a contact row is tagged with every phenomenon whose seed phenomenon_keywords pattern (either
  language) occurs in its area's Finnish name or its unit's name ('Mielenterveys- ja päihdepalvelut' →
  mental_health and substance_use; 'Psykiatrian poliklinikka' → mental_health), else 'none'. A contact can be
  in two phenomena, so the phenomenon breakdown covers the total (declared 'cover' in disclosure/marts.py).
#}
with contacts as (
    select * from {{ ref('stg_patient_ombudsman__contacts') }}
),

whole_years as (
    select distinct report_year from contacts where report_period = 'year'
),

chosen as (
    select c.*
    from contacts as c
    left join whole_years as w on w.report_year = c.report_year
    where (w.report_year is not null and c.report_period = 'year')
       or (w.report_year is null and c.report_period <> 'year')
),

years as (
    select report_year, max(period_end) as period_end from chosen group by report_year
),

named as (
    select
        c.report_year, c.ombudsman_area, c.unit_name, c.topic, c.outcome, c.contacts,
        lower({{ dbt.concat(["coalesce(a.name_fi, '')", "' '", "c.unit_name"]) }}) as search_text
    from chosen as c
    left join {{ ref('observation_code_lists') }} as a
        on a.list_name = 'patient_ombudsman_area' and a.code = c.ombudsman_area
),

units as (
    select distinct ombudsman_area, unit_name, search_text from named
),

unit_tags as (
    select distinct u.ombudsman_area, u.unit_name, k.phenomenon
    from units as u
    inner join {{ ref('phenomenon_keywords') }} as k
        on u.search_text like {{ dbt.concat(["'%'", "k.pattern", "'%'"]) }}
),

tagged as (
    select n.report_year, n.ombudsman_area, coalesce(t.phenomenon, 'none') as phenomenon, n.contacts
    from named as n
    left join unit_tags as t on t.ombudsman_area = n.ombudsman_area and t.unit_name = n.unit_name
),

areas as (
    {{ own_and_all_areas('named', 'ombudsman_area', ['report_year', 'topic', 'outcome', 'contacts']) }}
),

tagged_areas as (
    {{ own_and_all_areas('tagged', 'ombudsman_area', ['report_year', 'phenomenon', 'contacts']) }}
),

breakdowns as (
    {{ area_breakdowns('areas', ['report_year'], ['topic', 'outcome'], 'sum(contacts) as n') }}
    union all
    {{ area_breakdowns('tagged_areas', ['report_year'], ['phenomenon'], 'sum(contacts) as n', total=false) }}
),

loads as (
    {{ source_loaded_at('patient_ombudsman', ref('stg_ledger__loads')) }}
)

select
    'patient_ombudsman' as source_system,
    'patient_ombudsman_contacts' as indicator_code,
    'Potilasasiavastaavan asiakasyhteydenotot' as indicator_name_fi,
    'count' as unit,
    'year' as period_type,
    cast({{ dbt.concat(["cast(b.report_year as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }} as date) as period_start,
    cast(y.period_end as date) as period_end,
    cast(b.report_year as {{ dbt.type_string() }}) as period_label,
    {{ area_count_columns("coalesce(a.name_fi, 'Kaikki toimialueet')") }},
    cast(l.loaded_at as timestamp) as loaded_at
from breakdowns as b
inner join years as y on y.report_year = b.report_year
cross join loads as l
left join {{ ref('observation_code_lists') }} as a
    on a.list_name = 'patient_ombudsman_area' and a.code = b.service_area_code
