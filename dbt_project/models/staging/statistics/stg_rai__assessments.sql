{#
  RAI assessments, one row per client x assessment date x RAI tool (the same assessment delivered twice counts
  once: the later file wins). Rename + cast only.
#}
select client_pseudonym, birth_year, gender, assessment_date, rai_tool, client_group, municipality_code,
       cps, adlh, drs, maple, chess
from (
    select
        client_pseudonym,
        cast(birth_year as integer) as birth_year,
        gender,
        cast(assessment_date as date) as assessment_date,
        rai_tool,
        client_group,
        municipality_code,
        cast(cps as integer) as cps,
        cast(adlh as integer) as adlh,
        cast(drs as integer) as drs,
        cast(maple as integer) as maple,
        cast(chess as integer) as chess,
        row_number() over (
            partition by client_pseudonym, assessment_date, rai_tool
            order by _file_name desc, _row_number desc
        ) as _version
    from {{ source('statistics', 'rai_assessments') }}
) assessments
where _version = 1
