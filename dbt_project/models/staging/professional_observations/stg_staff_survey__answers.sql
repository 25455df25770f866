-- Staff survey aggregated answers: rename and cast only. One row per survey × role × service task × item.
{% set answers = {'n_1': 'answers_1', 'n_2': 'answers_2', 'n_3': 'answers_3', 'n_4': 'answers_4', 'n_5': 'answers_5',
                  'n_dont_know': 'answers_dont_know'} %}
select
    {{ staged_columns('professional_observations', 'staff_survey', renamed=answers) }},
    cast(_file_name as {{ dbt.type_string() }}) as file_name
from {{ source('professional_observations', 'staff_survey') }}
