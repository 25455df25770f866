{#
  Partner indicator values (municipalities and organisations), one row per organisation (business id) x
  indicator code x area x period x gender x age group; a re-delivery replaces the earlier value (the file whose
  name sorts last wins, then the last row). Rename + cast only.
#}
select organisation_name, business_id, organisation_type, indicator_code, indicator_name, definition, unit,
       phenomenon, higher_is_worse, region_level, region_code, period_type, period_start, period_end, period_label,
       gender, age_group, value, numerator, denominator, is_open_statistics, published_at, _file_name
from (
    select
        organisation_name,
        business_id,
        organisation_type,
        indicator_code,
        indicator_name,
        definition,
        unit,
        phenomenon,
        cast(higher_is_worse as boolean) as higher_is_worse,
        region_level,
        region_code,
        period_type,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        period_label,
        gender,
        age_group,
        cast(value as double) as value,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(is_open_statistics as boolean) as is_open_statistics,
        published_at,
        _file_name,
        row_number() over (
            partition by business_id, indicator_code, region_code, period_label, gender, age_group
            order by _file_name desc, _row_number desc
        ) as _version
    from {{ source('statistics', 'partner_indicators') }}
) delivered
where _version = 1
