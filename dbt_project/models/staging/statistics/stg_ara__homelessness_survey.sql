-- ARA's homelessness survey: one row per municipality × survey year (a corrected re-delivery of a year under
-- another file name: the later file wins), plus each file's total row (is_total_row). Rename + cast only.
select
    {{ staged_columns('statistics', 'ara_homelessness') }},
    _file_name,
    _load_id
from {{ latest_copy(source('statistics', 'ara_homelessness'), 'survey_year, municipality_code, is_total_row') }} as survey
