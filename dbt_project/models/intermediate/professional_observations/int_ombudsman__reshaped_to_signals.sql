{#
  Social ombudsman statistics in the professional_signals shape (true values; the publish layer applies disclosure
  control). One indicator:
    ombudsman_contacts  client contacts to the social ombudsman in the year (sum of the report's table),
                        by the ombudsman's own service area (toimeentulotuki, lastensuojelu,
                        ikaantyneet_vammaiset, muut; 'all' = every area) × breakdown: total, reason, measure
                        taken, or sub-region (seutukunta) of the client's municipality.
  A re-delivered year (corrected report) replaces its file's batch in raw; two files for one year would be added up.
#}
{#- the ombudsman's own service areas (not seed service_areas) -#}
{%- set area_name_fi -%}
    case b.service_area_code
        when 'toimeentulotuki' then 'Toimeentulotuki'
        when 'lastensuojelu' then 'Lastensuojelu'
        when 'ikaantyneet_vammaiset' then 'Iäkkäiden ja vammaisten palvelut'
        when 'muut' then 'Muut sosiaalipalvelut'
        else 'Kaikki palvelualueet'
    end
{%- endset %}
with contacts as (
    select c.*, m.sub_region_name
    from {{ ref('stg_ombudsman__contacts') }} as c
    left join {{ ref('municipalities') }} as m on m.municipality_code = c.municipality_code
),

loads as (
    {{ source_loaded_at('ombudsman', ref('stg_ledger__loads')) }}
),

areas as (
    {{ own_and_all_areas('contacts', 'ombudsman_area',
                         ['report_year', 'reason', 'measure', 'sub_region_name as sub_region', 'contacts']) }}
),

breakdowns as (
    {{ area_breakdowns('areas', ['report_year'], ['reason', 'measure', 'sub_region'], 'sum(contacts) as n') }}
)

select
    'ombudsman' as source_system,
    'ombudsman_contacts' as indicator_code,
    'Sosiaaliasiavastaavan asiakasyhteydenotot' as indicator_name_fi,
    'count' as unit,
    {{ year_period_columns('b.report_year') }},
    {{ area_count_columns(area_name_fi) }},
    cast(l.loaded_at as timestamp) as loaded_at
from breakdowns as b
cross join loads as l
