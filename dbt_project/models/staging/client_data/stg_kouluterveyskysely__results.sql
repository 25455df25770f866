{#
  Kouluterveyskysely indicator values, one row per year x area x school level x gender x indicator. THL
  re-publishes a year's table now and then: the file whose name sorts last wins (then the last row).
  Rename + cast otherwise.
#}
with copies as (
    select
        cast(survey_year as integer) as survey_year,
        area_code,
        area_name,
        school_level,
        gender,
        indicator_name,
        cast(value_percent as double) as value_percent,
        cast(ci_lower as double) as ci_lower,
        cast(ci_upper as double) as ci_upper,
        cast(respondents as integer) as respondents,
        is_withheld,
        {{ lineage_columns() }},
        {{ latest_copy_rank('survey_year, area_code, school_level, gender, lower(trim(indicator_name))') }} as copy_rank
    from {{ source('client_data', 'kouluterveyskysely') }}
)

select
    survey_year, area_code, area_name, school_level, gender, indicator_name, value_percent, ci_lower, ci_upper,
    respondents, is_withheld, file_name, source_row_number, load_id
from copies
where copy_rank = 1
