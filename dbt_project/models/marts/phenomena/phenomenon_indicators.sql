-- The four phenomenon marts in one table, for dashboards that compare phenomena.
{% for p in ['homelessness', 'mental_health', 'substance_use', 'livelihood'] %}
select * from {{ ref(p) }}
{% if not loop.last %}union all{% endif %}
{% endfor %}
