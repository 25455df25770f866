{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'stg_ara__homelessness_survey'}}}) }}
{#
  ARA's survey file reconciles with itself: in every delivered year whose file loaded without quarantined rows,
  the file's own total row ("Koko maa") equals the sum of its municipality rows, count by count. (A year with
  quarantined rows cannot add up; the landing reconciliation check reports those rows.)
  Returns the year and count that differ.
#}
{%- set counts = ['single_homeless', 'long_term_homeless', 'homeless_families', 'under_25', 'women', 'immigrants'] -%}
with clean_files as (
    select file_name from {{ ref('stg_ledger__loads') }}
    where source = 'ara_homelessness' and status = 'current' and rows_quarantined = 0
),

survey as (
    select s.* from {{ ref('stg_ara__homelessness_survey') }} s
    inner join clean_files f on f.file_name = s._file_name
),

sums as (
    select
        survey_year,
        {%- for c in counts %}
        sum(case when is_total_row then {{ c }} end) as total_{{ c }},
        sum(case when not is_total_row then {{ c }} end) as sum_{{ c }}{{ ',' if not loop.last }}
        {%- endfor %}
    from survey
    group by survey_year
    having count(case when is_total_row then 1 end) = 1
)

{% for c in counts %}
select survey_year, '{{ c }}' as count_name, total_{{ c }} as file_total, sum_{{ c }} as municipality_sum
from sums
where total_{{ c }} is not null and total_{{ c }} <> coalesce(sum_{{ c }}, 0)
{% if not loop.last %}union all{% endif %}
{% endfor %}
