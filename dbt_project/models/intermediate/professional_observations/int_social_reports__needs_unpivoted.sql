{#
  The SHL §11 support needs ticked on each submission (the form's multi-select, one 0/1 column per option),
  one row per submission × ticked need. A submission with no need ticked has no row here.
#}
with submissions as (
    select * from {{ ref('int_social_reports__enriched') }}
),

ticked as (
    {% for need_code in range(1, 11) %}
    select submission_key, {{ need_code }} as need_code from submissions where shl11_need_{{ need_code }} = 1
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select
    t.submission_key,
    t.need_code,
    n.need_name_fi,
    n.need_name_en,
    n.phenomena as need_phenomena
from ticked as t
left join {{ ref('shl11_needs') }} as n on n.need_code = t.need_code
