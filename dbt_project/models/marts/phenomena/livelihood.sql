-- The livelihood phenomenon: every indicator, region and period, in the columns shared by all four phenomenon marts.
select * from {{ ref('int_phenomenon_facts__finalised') }}
where phenomenon = '{{ this.name }}'  -- the mart is named for its phenomenon (seed phenomena)
