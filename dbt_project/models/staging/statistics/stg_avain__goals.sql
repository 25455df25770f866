{#
  AVAIN client-plan goals, one row per client x plan date x goal area (a re-delivered goal counts once: the
  later file wins, so a later export with the review filled in replaces the unreviewed row). Rename + cast only.
#}
select client_pseudonym, birth_year, gender, plan_date, review_date, client_group, municipality_code, goal_area,
       attainment_score
from (
    select
        client_pseudonym,
        cast(birth_year as integer) as birth_year,
        gender,
        cast(plan_date as date) as plan_date,
        cast(review_date as date) as review_date,
        client_group,
        municipality_code,
        goal_area,
        cast(attainment_score as integer) as attainment_score,
        row_number() over (
            partition by client_pseudonym, plan_date, goal_area
            order by _file_name desc, _row_number desc
        ) as _version
    from {{ source('statistics', 'avain_goals') }}
) goals
where _version = 1
