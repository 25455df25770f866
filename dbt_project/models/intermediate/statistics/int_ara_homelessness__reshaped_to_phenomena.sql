{#
  ARA's homelessness survey in the phenomenon marts' shape: the homelessness phenomenon's national series.
  - Municipality rows are rolled up to every wellbeing services county (and Helsinki) through the municipality →
    county seeds (municipalities: Varha's, verified; municipality_counties: the others, [I]) and to the country
    (the sum of every municipality in the file). The file's own total row is not used here; the test
    assert_ara_homelessness_reconciles compares it with this sum.
  - A subgroup (under 25, women, immigrants) that some municipality of an area did not report gives no area total
    (null), rather than a total that is silently short.
  - Counts as ARA published them (numerator = the count); per 1 000 inhabitants = 1 000 × count / Statistics
    Finland population at 31.12. of the survey year (same area, both genders, all ages), where it is known.
  - Municipality rows are kept for the municipalities of the municipalities seed (Varha's), like Sotkanet's.
  Indicators: the catalogue's source_system 'ara' rows; source_indicator_id names the survey's count (the column of
  raw.ara_homelessness), as ARA's spreadsheet has no indicator ids. Yearly; ARA's snapshot is 15 November.
  Grain: indicator_code × region_code × year (gender total, age group all).
#}
{%- set measures = [
    ('ara_single_homeless', 'single_homeless'),
    ('ara_single_homeless_per_1000', 'single_homeless'),
    ('ara_long_term_homeless', 'long_term_homeless'),
    ('ara_long_term_homeless_per_1000', 'long_term_homeless'),
    ('ara_homeless_families', 'homeless_families'),
    ('ara_homeless_under_25', 'under_25'),
    ('ara_homeless_women', 'women'),
    ('ara_homeless_immigrants', 'immigrants'),
] -%}
{%- set counts = ['single_homeless', 'long_term_homeless', 'homeless_families', 'under_25', 'women', 'immigrants'] -%}
with survey as (
    select s.*, l.loaded_at
    from {{ ref('stg_ara__homelessness_survey') }} s
    left join {{ ref('stg_ledger__loads') }} l on l.load_id = s._load_id
    where not s.is_total_row
),

county_of as (
    select municipality_code, municipality_name_fi, wellbeing_county_code, true as is_varha_seed
    from {{ ref('municipalities') }}
    union all
    select municipality_code, municipality_name_fi, wellbeing_county_code, false
    from {{ ref('municipality_counties') }}
),

mapped as (
    select s.*, c.wellbeing_county_code, c.municipality_name_fi, c.is_varha_seed
    from survey s
    inner join county_of c on c.municipality_code = s.municipality_code
),

{%- set sums %}
        {%- for c in counts %}
        case when count({{ c }}) = count(*) then sum({{ c }}) end as {{ c }},
        {%- endfor %}
        max(loaded_at) as loaded_at
{%- endset %}

areas as (
    select 'municipality' as region_level, m.municipality_code as region_code, m.municipality_name_fi as region_name_fi,
           m.wellbeing_county_code as parent_region_code, m.survey_year,
        {%- for c in counts %}
        m.{{ c }},
        {%- endfor %}
        m.loaded_at
    from mapped m
    where m.is_varha_seed
    union all
    select 'wellbeing_county', r.region_code, r.region_name_fi, 'SSS', m.survey_year, {{ sums }}
    from mapped m
    inner join {{ ref('regions') }} r on r.region_code = m.wellbeing_county_code and r.region_level = 'wellbeing_county'
    group by r.region_code, r.region_name_fi, m.survey_year
    union all
    select 'country', 'SSS', 'Koko maa', cast(null as {{ dbt.type_string() }}), m.survey_year, {{ sums }}
    from mapped m
    group by m.survey_year
),

population as (
    select region_code, year, population
    from {{ ref('stg_statfin__population') }}
    where gender = 'total' and age_group = 'all'
),

long_form as (
    {%- for code, column in measures %}
    select
        '{{ code }}' as indicator_code, '{{ column }}' as source_column, a.region_level, a.region_code, a.region_name_fi, a.parent_region_code,
        a.survey_year, a.loaded_at,
        cast(a.{{ column }} as double) as numerator,
        {%- if code.endswith('_per_1000') %}
        cast(p.population as double) as denominator,
        1000.0 * a.{{ column }} / nullif(p.population, 0) as value
    from areas a
    left join population p on p.region_code = a.region_code and p.year = a.survey_year
        {%- else %}
        cast(null as double) as denominator,
        cast(a.{{ column }} as double) as value
    from areas a
        {%- endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select
    c.phenomenon,
    a.indicator_code,
    c.indicator_name_fi,
    c.indicator_name_en,
    'statistics' as source_class,
    'ara' as source_system,
    c.source_organisation,
    cast(a.source_column as {{ dbt.type_string() }}) as source_indicator_id,
    c.indicator_definition,
    c.unit,
    c.higher_is_worse,
    a.region_level,
    a.region_code,
    a.region_name_fi,
    a.parent_region_code,
    {{ year_period_columns('a.survey_year') }},
    'total' as gender,
    c.age_group,
    a.value,
    a.numerator,
    a.denominator,
    cast(a.loaded_at as timestamp) as source_updated_at,
    cast(a.loaded_at as timestamp) as loaded_at
from long_form a
inner join {{ ref('indicator_catalogue') }} c on c.indicator_code = a.indicator_code and c.source_system = 'ara'
where a.value is not null
