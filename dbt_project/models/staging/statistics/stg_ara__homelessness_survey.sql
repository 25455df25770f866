-- ARA's homelessness survey: one row per municipality × survey year (a corrected re-delivery of a year under
-- another file name: the later file wins), plus each file's total row (is_total_row). Rename + cast only.
select survey_year, snapshot_date, municipality_code, municipality_name, is_total_row, single_homeless,
       long_term_homeless, homeless_families, under_25, women, immigrants, _file_name, _load_id
from (
    select
        cast(survey_year as integer) as survey_year,
        cast(snapshot_date as date) as snapshot_date,
        cast(municipality_code as {{ dbt.type_string() }}) as municipality_code,
        municipality_name,
        cast(is_total_row as boolean) as is_total_row,
        cast(single_homeless as bigint) as single_homeless,
        cast(long_term_homeless as bigint) as long_term_homeless,
        cast(homeless_families as bigint) as homeless_families,
        cast(under_25 as bigint) as under_25,
        cast(women as bigint) as women,
        cast(immigrants as bigint) as immigrants,
        _file_name,
        _load_id,
        {{ latest_copy_rank('survey_year, municipality_code, is_total_row') }} as _version
    from {{ source('statistics', 'ara_homelessness') }}
) survey
where _version = 1
