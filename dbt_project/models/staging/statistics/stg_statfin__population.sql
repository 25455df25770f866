-- Statistics Finland population by official region code, year, gender and project age group. Rename + cast only.
select
    cast(region_code as {{ dbt.type_string() }}) as region_code,
    cast(region_level as {{ dbt.type_string() }}) as region_level,
    cast(year as integer) as year,
    cast(gender as {{ dbt.type_string() }}) as gender,
    cast(age_group as {{ dbt.type_string() }}) as age_group,
    cast(population as bigint) as population,
    _load_id
from {{ source('statistics', 'statfin_population') }}
