select {{ staged_columns('ledger', '_loads') }}
from {{ source('ledger', '_loads') }}
