-- Sotkanet indicator metadata, one row per indicator id (the latest fetch wins). Rename + cast only.
select {{ staged_columns('statistics', 'sotkanet_indicators') }}
from {{ latest_copy(
    source('statistics', 'sotkanet_indicators'), 'indicator_id', newest_first='fetched_at', by_file=false,
) }} as indicators
