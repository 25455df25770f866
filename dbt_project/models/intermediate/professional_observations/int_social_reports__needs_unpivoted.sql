{#
  The SHL §11 support needs ticked on each submission (the form's multi-select, one 0/1 column per option),
  one row per submission × ticked need. A submission with no need ticked has no row here.
#}
with submissions as (
    select * from {{ ref('int_social_reports__enriched') }}
),

ticked as (
    select submission_key, 1 as need_code from submissions where shl11_need_1 = 1
    union all
    select submission_key, 2 as need_code from submissions where shl11_need_2 = 1
    union all
    select submission_key, 3 as need_code from submissions where shl11_need_3 = 1
    union all
    select submission_key, 4 as need_code from submissions where shl11_need_4 = 1
    union all
    select submission_key, 5 as need_code from submissions where shl11_need_5 = 1
    union all
    select submission_key, 6 as need_code from submissions where shl11_need_6 = 1
    union all
    select submission_key, 7 as need_code from submissions where shl11_need_7 = 1
    union all
    select submission_key, 8 as need_code from submissions where shl11_need_8 = 1
    union all
    select submission_key, 9 as need_code from submissions where shl11_need_9 = 1
    union all
    select submission_key, 10 as need_code from submissions where shl11_need_10 = 1
)

select
    t.submission_key,
    t.need_code,
    n.need_name_fi,
    n.need_name_en,
    n.phenomena as need_phenomena
from ticked as t
left join {{ ref('shl11_needs') }} as n on n.need_code = t.need_code
