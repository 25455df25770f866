"""pandera contract for the structural social work implementation plan's action table (toimeenpanosuunnitelma
2025–2029), as the social work director's team maintains it.

One row per action per delivered version (snapshot). The cleaner (sources/professional_observations/
plan_actions.py) has already folded the status spellings, derived the snapshot date from the file name and
the stable action key; a row that fails here goes to quarantine with the failed check as its reason.
"""

import pandera.pandas as pa

from sources.contracts import contract

# Status codes and the plan's own Finnish labels, in order of progress.
STATUS_LABELS = {
    "not_settled": "Ei selvillä",
    "in_preparation": "Valmisteilla",
    "in_use": "Käytössä",
}
STATUS_CODES = tuple(STATUS_LABELS)

PLAN_ACTIONS = contract(
    {
        "snapshot_date": pa.Column("datetime64[s]", nullable=False),
        "goal": pa.Column(str, pa.Check.str_length(1, 1000), nullable=False),
        "topic": pa.Column(str, nullable=True),
        "action": pa.Column(str, pa.Check.str_length(1, 2000), nullable=False),
        "target_group": pa.Column(str, nullable=True),
        "status_code": pa.Column(str, pa.Check.isin(STATUS_CODES), nullable=False),
        "status": pa.Column(str, pa.Check.isin(tuple(STATUS_LABELS.values())), nullable=False),
        "status_note": pa.Column(str, nullable=True),
        "responsible": pa.Column(str, nullable=True),
        "updated_date": pa.Column("datetime64[s]", nullable=True),
        "goal_key": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{16}$"), nullable=False),
        "action_key": pa.Column(str, pa.Check.str_matches(r"^[0-9a-f]{16}$"), nullable=False),
        "action_text_norm": pa.Column(str, pa.Check.str_length(1, 2000), nullable=False),
        "topic_text_norm": pa.Column(str, nullable=True),
    },
)
