{#
  THL Sotekuva values, one row per area x year x client group x measure; THL re-publishes a year now and then:
  the file whose name sorts last wins (then the last row). Rename + cast only.
#}
select region_code, region_level, year, client_group_name, measure_name, unit, value, is_withheld, _file_name
from (
    select
        region_code,
        region_level,
        cast(year as integer) as year,
        client_group_name,
        measure_name,
        unit,
        cast(value as double) as value,
        cast(is_withheld as boolean) as is_withheld,
        _file_name,
        row_number() over (
            partition by region_code, year, lower(trim(client_group_name)), lower(trim(measure_name))
            order by _file_name desc, _row_number desc
        ) as _version
    from {{ source('statistics', 'sotekuva') }}
) copies
where _version = 1
