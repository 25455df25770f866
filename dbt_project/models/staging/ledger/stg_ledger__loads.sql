select
    load_id,
    source,
    file_name,
    file_hash,
    cast(loaded_at as timestamp) as loaded_at,
    rows_in,
    rows_accepted,
    rows_quarantined,
    cast(period_start as date) as period_start,
    cast(period_end as date) as period_end,
    status
from {{ source('ledger', '_loads') }}
