{#
  Staff surveys in the professional_signals shape (true values; the publish layer applies disclosure control), by
  service task ('all' = every task) × breakdown: total or respondent role. Per Likert statement nn:
    staff_survey_qNN_agree_share  percent agreeing (4 jokseenkin or 5 täysin samaa mieltä) of those with an
                                  opinion (en osaa sanoa excluded); numerator = agreeing, denominator = opinions
    staff_survey_qNN_mean         mean on the 1–5 scale of those with an opinion; numerator = opinions
  and staff_survey_respondents, respondents per cell (the first statement's count).
  Period: the survey year. Indicator names carry the statement text.
#}
{%- set cell_measures -%}
    max(item_text) as item_text,
    sum(answers_4 + answers_5) as agreeing,
    sum(answers_1 + 2 * answers_2 + 3 * answers_3 + 4 * answers_4 + 5 * answers_5) as score_sum,
    sum(opinions) as opinions,
    sum(respondents) as respondents
{%- endset %}
with answers as (
    select *, answers_1 + answers_2 + answers_3 + answers_4 + answers_5 as opinions
    from {{ ref('stg_staff_survey__answers') }}
),

loads as (
    {{ source_loaded_at('staff_survey', ref('stg_ledger__loads')) }}
),

areas as (
    {{ own_and_all_areas('answers', 'service_area_code',
                         ['survey_year', 'role', 'item_number', 'item_text', 'answers_1', 'answers_2', 'answers_3',
                          'answers_4', 'answers_5', 'opinions', 'respondents']) }}
),

cells as (
    {{ area_breakdowns('areas', ['survey_year', 'item_number'], ['role'], measures=cell_measures) }}
),

first_item as (
    select survey_year, min(item_number) as item_number from answers group by survey_year
),

indicators as (
    select
        {{ dbt.concat(["'staff_survey_q'", "lpad(cast(item_number as " ~ dbt.type_string() ~ "), 2, '0')", "'_agree_share'"]) }}
            as indicator_code,
        {{ dbt.concat(["'Samaa mieltä (%): '", "item_text"]) }} as indicator_name_fi,
        'percent' as unit,
        survey_year, service_area_code, breakdown, breakdown_value,
        case when opinions > 0 then 100.0 * agreeing / opinions end as value,
        agreeing as numerator,
        opinions as denominator
    from cells
    union all
    select
        {{ dbt.concat(["'staff_survey_q'", "lpad(cast(item_number as " ~ dbt.type_string() ~ "), 2, '0')", "'_mean'"]) }},
        {{ dbt.concat(["'Keskiarvo (1–5): '", "item_text"]) }},
        'score',
        survey_year, service_area_code, breakdown, breakdown_value,
        case when opinions > 0 then 1.0 * score_sum / opinions end,
        opinions,
        cast(null as bigint)
    from cells
    union all
    select
        'staff_survey_respondents', 'Kyselyyn vastanneet', 'count',
        c.survey_year, c.service_area_code, c.breakdown, c.breakdown_value,
        c.respondents, c.respondents, cast(null as bigint)
    from cells as c
    inner join first_item as f on f.survey_year = c.survey_year and f.item_number = c.item_number
)

select
    'staff_survey' as source_system,
    i.indicator_code,
    i.indicator_name_fi,
    i.unit,
    {{ year_period_columns('i.survey_year') }},
    i.service_area_code,
    coalesce(sa.service_area_name_fi, 'Kaikki palvelutehtävät') as service_area_name_fi,
    i.breakdown,
    i.breakdown_value,
    cast(i.value as double) as value,
    cast(i.numerator as double) as numerator,
    cast(i.denominator as double) as denominator,
    cast(l.loaded_at as timestamp) as loaded_at
from indicators as i
cross join loads as l
left join {{ ref('service_areas') }} as sa on sa.service_area_code = i.service_area_code
