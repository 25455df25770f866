"""pandera contracts for the client-data source class (asiakastieto).

Each contract checks the typed, pseudonymised frame that a source's cleaner produces, before it is written to
raw. Row-level failures send the row to quarantine with the failed check as its reason.
"""

import pandera.pandas as pa

CASE_TYPES = ("muistutus", "kantelu", "epakohtailmoitus")

COMPLAINTS = pa.DataFrameSchema(
    {
        "case_id": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2,4}-\d{4}-\d+$")),
        "case_type": pa.Column(str, pa.Check.isin(CASE_TYPES)),
        "received_date": pa.Column("datetime64[s]"),
        "event_date": pa.Column("datetime64[s]", nullable=True),
        "client_pseudonym": pa.Column(str, pa.Check.str_length(64, 64), nullable=True),
        "service_area_code": pa.Column(str),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
        "shl11_need_code": pa.Column("Int64", pa.Check.in_range(1, 10), nullable=True),
        "decision_date": pa.Column("datetime64[s]", nullable=True),
        "modified_at": pa.Column("datetime64[s]"),
    },
    checks=[
        pa.Check(lambda df: df["decision_date"].isna() | (df["decision_date"] >= df["received_date"]),
                 name="decision_not_before_receipt"),
        pa.Check(lambda df: df["event_date"].isna() | (df["event_date"] <= df["received_date"]),
                 name="event_not_after_receipt"),
    ],
    strict=False,
    coerce=False,
)
