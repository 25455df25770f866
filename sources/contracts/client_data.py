"""pandera contracts for the client-data source class (asiakastieto).

Each contract checks the typed, pseudonymised frame that a source's cleaner produces, before it is written to
raw. Row-level failures send the row to quarantine with the failed check as its reason.

Rules that compare two fields of a row (a decision before its receipt, a confidence interval that does not
contain its value, ...) live in the sources' `prepare`, where they get one clear reason each: a pandera
DataFrame-wide check would report its failure once per column.
"""

import pandera.pandas as pa

from sources.contracts import contract

# Complaints and supervision cases. `kantelu_muistutuksena` is a kantelu that AVI/Valvira transferred back to
# the county to be handled as a muistutus (possible since 2015): handled under the muistutus deadline, but it
# stays a kantelu by origin, so the 2-year event rule applies to it too.
CASE_TYPES = ("muistutus", "kantelu", "kantelu_muistutuksena", "epakohtailmoitus")
SUBMITTER_TYPES = ("asiakas", "edustaja", "omainen", "henkilosto", "anonyymi")
HANDLING_BODIES = ("yksikko", "viranhaltija", "avi", "valvira", "eoa")
# Outcome codes: muistutus replies, AVI/Valvira kantelu decisions, epäkohtailmoitus handling (source_classes §4.1).
OUTCOMES = (
    "aiheellinen",
    "osittain_aiheellinen",
    "aiheeton",  # muistutus
    "huomautus",
    "huomion_kiinnittaminen",
    "kasitys",
    "ei_toimenpiteita",
    "ei_tutkittu",
    "siirretty_muistutukseksi",
    "korjattu",
    "ilmoitettu_aville",  # epäkohtailmoitus
    "kesken",
)
COMPLAINT_CATEGORIES = (
    "kohtelu",
    "viivastys",
    "saatavuus",
    "tiedonsaanti",
    "tietosuoja",
    "turvallisuus",
    "palvelun_laatu",
    "maksut",
    "muu",
)
CASE_ID = r"^[A-Z]{2,4}-\d{4}-\d+$"
# A linked case is an earlier county case, or the AVI/Valvira diary number of the kantelu it came from.
LINKED_CASE_ID = r"^(?:[A-Z]{2,4}-\d{4}-\d+|[A-Z]{2,8}/\d+/\d{4})$"
PSEUDONYM = pa.Check.str_length(64, 64)

COMPLAINTS = contract(
    {
        "case_id": pa.Column(str, pa.Check.str_matches(CASE_ID)),
        "case_type": pa.Column(str, pa.Check.isin(CASE_TYPES)),
        "received_date": pa.Column("datetime64[s]"),
        "event_date": pa.Column("datetime64[s]", nullable=True),
        "submitter_type": pa.Column(str, pa.Check.isin(SUBMITTER_TYPES)),
        "client_pseudonym": pa.Column(str, PSEUDONYM, nullable=True),
        "service_area_code": pa.Column(str),
        "unit_name": pa.Column(str, nullable=True),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
        "category": pa.Column(str, pa.Check.isin(COMPLAINT_CATEGORIES)),
        "shl11_need_code": pa.Column("Int64", pa.Check.in_range(1, 10), nullable=True),
        "handling_body": pa.Column(str, pa.Check.isin(HANDLING_BODIES), nullable=True),
        "decision_date": pa.Column("datetime64[s]", nullable=True),
        "outcome": pa.Column(str, pa.Check.isin(OUTCOMES), nullable=True),
        "measures_text": pa.Column(str, nullable=True),
        "linked_case_id": pa.Column(str, pa.Check.str_matches(LINKED_CASE_ID), nullable=True),
        "modified_at": pa.Column("datetime64[s]"),
    },
    strict=True,
)

# Client feedback (asiakaspalaute) from the feedback system.
FEEDBACK_CHANNELS = (
    "verkkolomake",
    "paperilomake",
    "puhelin",
    "tekstiviesti",
    "palautepaate",
    "sahkoposti",
    "kasvokkain",
)
FEEDBACK_TOPICS = (
    "kohtelu",
    "odotusaika",
    "saatavuus",
    "tiedonsaanti",
    "asiointi",
    "asuminen",
    "toimeentulo",
    "mielenterveys",
    "paihteet",
    "kiitos",
    "muu",
)
LANGUAGES = ("fi", "sv")

CLIENT_FEEDBACK = contract(
    {
        "feedback_id": pa.Column(str, pa.Check.str_matches(r"^[A-Za-z0-9_-]{1,40}$")),
        "received_at": pa.Column("datetime64[s]"),
        "service_area_code": pa.Column(str),
        "unit_name": pa.Column(str, nullable=True),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3), nullable=True),
        "channel": pa.Column(str, pa.Check.isin(FEEDBACK_CHANNELS)),
        "topic": pa.Column(str, pa.Check.isin(FEEDBACK_TOPICS), nullable=True),
        "rating_1_5": pa.Column("Int64", pa.Check.in_range(1, 5), nullable=True),
        "score_0_10": pa.Column("Int64", pa.Check.in_range(0, 10), nullable=True),
        "feedback_text": pa.Column(str, nullable=True),
        "language": pa.Column(str, pa.Check.isin(LANGUAGES), nullable=True),
    },
    strict=True,
)

# Client panels and citizen forums (asiakasraadit, kansalaisfoorumit): one row per meeting.
PANEL_TYPES = ("asiakasraati", "kansalaisfoorumi")

CLIENT_PANELS = contract(
    {
        "meeting_id": pa.Column(str, pa.Check.str_matches(r"^[A-Za-z0-9_-]{1,40}$")),
        "meeting_date": pa.Column("datetime64[s]"),
        "panel_type": pa.Column(str, pa.Check.isin(PANEL_TYPES)),
        "panel_name": pa.Column(str),
        "service_area_code": pa.Column(str, nullable=True),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3), nullable=True),
        "theme": pa.Column(str),
        "participant_count": pa.Column("Int64", pa.Check.in_range(0, 5000)),
        "proposals_text": pa.Column(str, nullable=True),
    },
    strict=True,
)

# Kouluterveyskysely (THL School Health Promotion study): aggregate indicator table rows.
SCHOOL_LEVELS = ("grades_4_5", "grades_8_9", "upper_secondary", "vocational")
GENDERS = ("total", "male", "female")

KOULUTERVEYSKYSELY = contract(
    {
        "survey_year": pa.Column(
            "Int64",
            [
                pa.Check.in_range(2006, 2100),
                pa.Check(lambda s: s % 2 == 1, element_wise=False, name="odd_year"),
            ],
        ),
        "period_start": pa.Column("datetime64[s]"),
        "area_name": pa.Column(str),
        "area_code": pa.Column(str),
        "school_level": pa.Column(str, pa.Check.isin(SCHOOL_LEVELS)),
        "gender": pa.Column(str, pa.Check.isin(GENDERS)),
        "indicator_name": pa.Column(str),
        "value_percent": pa.Column("Float64", pa.Check.in_range(0, 100), nullable=True),
        "ci_lower": pa.Column("Float64", pa.Check.in_range(0, 100), nullable=True),
        "ci_upper": pa.Column("Float64", pa.Check.in_range(0, 100), nullable=True),
        "respondents": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "is_withheld": pa.Column("boolean"),
    },
    strict=True,
)
