-- The four phenomenon marts in one table (every phenomenon of seed phenomena), for dashboards that compare phenomena.
select * from {{ ref('int_phenomenon_facts__finalised') }}
where phenomenon in (select phenomenon from {{ ref('phenomena') }})
