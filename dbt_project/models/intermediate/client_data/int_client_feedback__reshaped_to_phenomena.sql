{#
  Client feedback in the phenomenon marts' shape (true values; the publish layer applies
  disclosure control). Only items whose topic maps to a phenomenon (int_client_feedback__enriched) count.
  The codes carry the phenomenon (the marts' key has none): client_feedback_items_<phenomenon>, ...
    client_feedback_items             feedback items on the phenomenon's topic given in the half-year (count;
                                      value = numerator). The county row counts every item, also those whose
                                      municipality the feedback system does not know.
    client_feedback_low_rating_share  % of the rated items on the topic that are low (1–2 of 5, or 0–6 of 10
                                      when only a score was asked): numerator = low items, denominator = rated
                                      items. Produced wherever at least one item was rated (the publish
                                      layer protects a rate on a tiny base).
  Regions: every municipality of the county (true zeros kept for the item count) and the county.
#}
{#- A table, not a view, on DuckDB too: it reads every feedback item; its five tests and the phenomenon facts would each compute it again. -#}
{{ config(materialized='table') }}

with items as (
    select * from {{ ref('int_client_feedback__enriched') }}
),

-- The feedback system is the county's own: every item, also one whose municipality is not recorded, belongs to
-- the county whose municipalities the municipalities seed lists (Varha's 27; the seed holds one county).
county as (
    select r.region_code, r.region_name_fi
    from {{ ref('regions') }} as r
    where r.region_code in (select wellbeing_county_code from {{ ref('municipalities') }})
),

{{ phenomenon_grid_ctes('items', 'received_at', "select region_code from county") }},

tagged as (
    select municipality_code, period_label, phenomenon, is_rated, is_low_rating
    from items
    where phenomenon is not null
),

counts as (
    select municipality_code as region_code, period_label, phenomenon,
           count(*) as items,
           sum(case when is_rated then 1 else 0 end) as rated,
           sum(case when is_low_rating then 1 else 0 end) as low
    from tagged
    where municipality_code is not null
    group by municipality_code, period_label, phenomenon
    union all
    select c.region_code, t.period_label, t.phenomenon,
           count(*) as items,
           sum(case when t.is_rated then 1 else 0 end) as rated,
           sum(case when t.is_low_rating then 1 else 0 end) as low
    from tagged as t
    cross join county as c
    group by c.region_code, t.period_label, t.phenomenon
),

grid as (
    {{ phenomenon_grid('regions', 'periods', 'counts', ['items', 'rated', 'low']) }}
),

facts as (
    select
        phenomenon, {{ dbt.concat(["'client_feedback_items_'", "phenomenon"]) }} as indicator_code,
        {{ dbt.concat(["'Asiakaspalautteet aiheesta: '", "phenomenon_fi"]) }} as indicator_name_fi,
        {{ dbt.concat(["'Client feedback items on the topic: '", "phenomenon_en"]) }} as indicator_name_en,
        'count' as unit, cast(null as boolean) as higher_is_worse,  -- activity: direction neutral
        region_level, region_code, region_name_fi, parent_region_code,
        period_type, period_start, period_end, period_label,
        cast(items as double) as value, cast(items as double) as numerator, cast(null as double) as denominator
    from grid
    union all
    select
        phenomenon, {{ dbt.concat(["'client_feedback_low_rating_share_'", "phenomenon"]) }} as indicator_code,
        {{ dbt.concat(["'Heikkojen arvioiden osuus asiakaspalautteista, %: '", "phenomenon_fi"]) }} as indicator_name_fi,
        {{ dbt.concat(["'Share of low ratings in client feedback, %: '", "phenomenon_en"]) }} as indicator_name_en,
        'percent' as unit, true as higher_is_worse,
        region_level, region_code, region_name_fi, parent_region_code,
        period_type, period_start, period_end, period_label,
        cast(100.0 * low / rated as double) as value, cast(low as double) as numerator, cast(rated as double) as denominator
    from grid
    where rated > 0
)

select
    f.phenomenon, f.indicator_code, f.indicator_name_fi, f.indicator_name_en,
    'client_data' as source_class, 'client_feedback' as source_system,
    'Varha' as source_organisation, cast(null as {{ dbt.type_string() }}) as source_indicator_id,
    'county_own' as indicator_definition,
    f.unit, f.higher_is_worse, f.region_level, f.region_code, f.region_name_fi, f.parent_region_code,
    f.period_type, f.period_start, f.period_end, f.period_label,
    'total' as gender, 'all' as age_group,
    f.value, f.numerator, f.denominator,
    cast(li.source_updated_at as timestamp) as source_updated_at,
    cast(li.loaded_at as timestamp) as loaded_at
from facts as f
cross join lineage as li
