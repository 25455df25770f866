"""pandera contracts for the professional-observations source class (ammattilaisten havainnot ja asiantuntijatieto).

Each contract checks the typed frame that a source's cleaner produces, before it is written to raw. Row-level
failures send the row to quarantine with the failed check as its reason. The code lists below are the one home
of the canonical values; the cleaners map the Finnish and Swedish labels of the exports onto them.
"""

import pandera.pandas as pa

from sources.contracts import contract

# -- social reporting (sosiaalinen raportointi) ------------------------------------------------------------
LANGUAGES = ("fi", "sv")
VALENCES = ("negative", "positive", "weak_signal")  # epäkohta, hyvä käytäntö, heikko signaali
REPORTER_ROLES = ("social_worker", "social_instructor", "manager", "other")
TARGET_GROUPS = ("families", "young_adults", "working_age", "older_people", "disabled", "immigrants", "other")
ADMIN_SECTORS = ("sote", "education", "housing", "employment", "kela", "police", "ngo", "other")
HANDLING_STATUSES = ("received", "in_progress", "forwarded", "feedback_given", "closed")
OPEN_STATUSES = ("received", "in_progress", "forwarded")
AREA_SCOPES = ("municipality", "county")
SHL11_NEED_CODES = tuple(range(1, 11))
NEED_COLUMNS = tuple(f"shl11_need_{n}" for n in SHL11_NEED_CODES)

_flag = pa.Check.isin([0, 1])

SOCIAL_REPORTS = contract(
    {
        "submission_id": pa.Column(str, pa.Check.str_length(1, 64)),
        "form_version": pa.Column(str),
        "submission_pseudonym": pa.Column(str, pa.Check.str_length(64, 64)),
        "language": pa.Column(str, pa.Check.isin(LANGUAGES)),
        "submitted_at": pa.Column("datetime64[s]"),
        "reporter_role": pa.Column(str, pa.Check.isin(REPORTER_ROLES), nullable=True),
        "service_area_code": pa.Column(str),
        "area_scope": pa.Column(str, pa.Check.isin(AREA_SCOPES)),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3), nullable=True),
        "target_group": pa.Column(str, pa.Check.isin(TARGET_GROUPS), nullable=True),
        **{c: pa.Column("Int64", _flag) for c in NEED_COLUMNS},
        "valence": pa.Column(str, pa.Check.isin(VALENCES)),
        "observation_text": pa.Column(str, pa.Check.str_length(1, 20000)),
        "causes_text": pa.Column(str, nullable=True),
        "proposal_text": pa.Column(str, nullable=True),
        "admin_sector": pa.Column(str, pa.Check.isin(ADMIN_SECTORS), nullable=True),
        "handling_status": pa.Column(str, pa.Check.isin(HANDLING_STATUSES)),
        "feedback_date": pa.Column("datetime64[s]", nullable=True),
    },
    checks=[
        pa.Check(lambda df: df["feedback_date"].isna() | (df["feedback_date"] >= df["submitted_at"].dt.floor("D")),
                 name="feedback_not_before_submission"),
        pa.Check(lambda df: (df["area_scope"] == "county") == df["municipality_code"].isna(),
                 name="municipality_given_unless_county_wide"),
    ],
)

# -- social ombudsman (sosiaaliasiavastaava) annual statistics ----------------------------------------------
# The ombudsman's own four service areas (VASSO report layout), not the county's service-area list.
OMBUDSMAN_AREAS = ("toimeentulotuki", "lastensuojelu", "ikaantyneet_vammaiset", "muut")
OMBUDSMAN_REASONS = ("kohtelu", "palvelun_laatu", "paatos", "viivastys", "tiedonsaanti", "tietosuoja", "muu")
OMBUDSMAN_MEASURES = ("neuvonta", "muistutus_avustettu", "yhteys_yksikkoon", "ohjaus_muualle", "muu")

OMBUDSMAN = contract(
    {
        "year": pa.Column("Int64", pa.Check.in_range(2000, 2100)),
        "year_end": pa.Column("datetime64[s]"),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
        "ombudsman_area": pa.Column(str, pa.Check.isin(OMBUDSMAN_AREAS)),
        "reason": pa.Column(str, pa.Check.isin(OMBUDSMAN_REASONS)),
        "measure": pa.Column(str, pa.Check.isin(OMBUDSMAN_MEASURES)),
        "contacts": pa.Column("Int64", pa.Check.ge(0)),
    },
    unique=["year", "municipality_code", "ombudsman_area", "reason", "measure"],
)

# -- HaiPro risk and incident reports ------------------------------------------------------------------------
HAIPRO_EVENT_TYPES = ("vaaratapahtuma", "laheltapiti", "tietosuoja", "tyoturvallisuus", "muu")
HAIPRO_SEVERITIES = ("ei_haittaa", "lieva", "kohtalainen", "vakava", "ei_tiedossa")
HAIPRO_STATUSES = ("uusi", "kasittelyssa", "kasitelty", "suljettu")

HAIPRO = contract(
    {
        "report_id": pa.Column(str, pa.Check.str_matches(r"^HP-\d{4}-\d+$")),
        "reported_date": pa.Column("datetime64[s]"),
        "event_date": pa.Column("datetime64[s]", nullable=True),
        "event_type": pa.Column(str, pa.Check.isin(HAIPRO_EVENT_TYPES)),
        "severity": pa.Column(str, pa.Check.isin(HAIPRO_SEVERITIES)),
        "service_area_code": pa.Column(str),
        "municipality_code": pa.Column(str, pa.Check.str_length(3, 3), nullable=True),
        "handling_status": pa.Column(str, pa.Check.isin(HAIPRO_STATUSES)),
        "description_text": pa.Column(str, nullable=True),
        "measures_text": pa.Column(str, nullable=True),
    },
    checks=[
        pa.Check(lambda df: df["event_date"].isna() | (df["event_date"] <= df["reported_date"]),
                 name="event_not_after_report"),
    ],
)

# -- staff surveys (aggregated answers: role × service task × Likert item) ----------------------------------
STAFF_ROLES = ("social_worker", "social_instructor", "manager", "other")
LIKERT_COLUMNS = ("n_1", "n_2", "n_3", "n_4", "n_5", "n_dont_know")

STAFF_SURVEY = contract(
    {
        "survey_id": pa.Column(str, pa.Check.str_length(1, 64)),
        "survey_year": pa.Column("Int64", pa.Check.in_range(2000, 2100)),
        "year_end": pa.Column("datetime64[s]"),
        "role": pa.Column(str, pa.Check.isin(STAFF_ROLES)),
        "service_area_code": pa.Column(str),
        "item_number": pa.Column("Int64", pa.Check.in_range(1, 99)),
        "item_text": pa.Column(str, pa.Check.str_length(1, 500)),
        **{c: pa.Column("Int64", pa.Check.ge(0)) for c in LIKERT_COLUMNS},
        "respondents": pa.Column("Int64", pa.Check.ge(0)),
    },
    checks=[
        pa.Check(lambda df: df[list(LIKERT_COLUMNS)].sum(axis=1) == df["respondents"],
                 name="answers_add_up_to_respondents"),
    ],
    unique=["survey_id", "role", "service_area_code", "item_number"],
)

# -- self-monitoring and supervision status (valvontayksikön tilannetaulukko) ---------------------------
SUPERVISION_STATES = ("kunnossa", "korjaus_kesken", "tehostettu_valvonta")
PROVIDER_TYPES = ("oma", "ostopalvelu", "palveluseteli")
# A unit as the supervision unit's tables name it (status table, findings, SHQS criteria), and with where it is
# and who provides it (status table, findings).
UNIT = {
    "unit_id": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2,4}-\d{3,6}$")),
    "unit_name": pa.Column(str),
    "service_area_code": pa.Column(str),
}
SUPERVISED_UNIT = {
    **UNIT,
    "municipality_code": pa.Column(str, pa.Check.str_length(3, 3)),
    "provider_type": pa.Column(str, pa.Check.isin(PROVIDER_TYPES)),
}

SUPERVISION_STATUS = contract(
    {
        "snapshot_date": pa.Column("datetime64[s]"),
        **SUPERVISED_UNIT,
        "self_monitoring_plan_updated": pa.Column("datetime64[s]", nullable=True),
        "last_supervision_visit": pa.Column("datetime64[s]", nullable=True),
        "open_findings": pa.Column("Int64", pa.Check.ge(0)),
        "open_serious_findings": pa.Column("Int64", pa.Check.ge(0)),
        "oldest_open_due_date": pa.Column("datetime64[s]", nullable=True),
        "supervision_state": pa.Column(str, pa.Check.isin(SUPERVISION_STATES)),
    },
    checks=[
        pa.Check(lambda df: df["open_serious_findings"] <= df["open_findings"], name="serious_within_open"),
        pa.Check(lambda df: (df["open_findings"] == 0) | df["oldest_open_due_date"].notna(),
                 name="open_findings_have_due_date"),
    ],
    unique=["snapshot_date", "unit_id"],
)

# -- the sources issue 17 adds: code lists live in seed observation_code_lists (with a `verified` column) -------
from sources.reference import code_list  # noqa: E402  (the seeds are the one home of these lists)

# -- patient ombudsman (potilasasiavastaava) contacts table ------------------------------------------------
PATIENT_OMBUDSMAN_PERIODS = ("year", "h1", "h2")

PATIENT_OMBUDSMAN = contract(
    {
        "year": pa.Column("Int64", pa.Check.in_range(2000, 2100)),
        "period": pa.Column(str, pa.Check.isin(PATIENT_OMBUDSMAN_PERIODS)),
        "period_end": pa.Column("datetime64[s]"),
        "ombudsman_area": pa.Column(str, pa.Check.isin(code_list("patient_ombudsman_area"))),
        "unit_name": pa.Column(str),
        "topic": pa.Column(str, pa.Check.isin(code_list("patient_ombudsman_topic"))),
        "outcome": pa.Column(str, pa.Check.isin(code_list("patient_ombudsman_outcome"))),
        "contacts": pa.Column("Int64", pa.Check.ge(0)),
    },
    unique=["year", "period", "ombudsman_area", "unit_name", "topic", "outcome"],
)

# -- self-monitoring and inspection findings (omavalvonnan seuranta, valvontakäynnit, tarkastuskertomukset) --
SUPERVISION_FINDINGS = contract(
    {
        "finding_id": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2,4}-\d{4}-\d{1,6}$")),
        "report_type": pa.Column(str, pa.Check.isin(code_list("finding_report_type"))),
        "report_date": pa.Column("datetime64[s]"),
        **SUPERVISED_UNIT,
        "topic": pa.Column(str, pa.Check.isin(code_list("finding_topic"))),
        "severity": pa.Column(str, pa.Check.isin(code_list("finding_severity"))),
        "finding_text": pa.Column(str, nullable=True),
        "fix_due_date": pa.Column("datetime64[s]"),
        "fixed_date": pa.Column("datetime64[s]", nullable=True),
    },
    checks=[
        pa.Check(lambda df: df["fix_due_date"] >= df["report_date"], name="fix_due_not_before_report"),
        pa.Check(lambda df: df["fixed_date"].isna() | (df["fixed_date"] >= df["report_date"]),
                 name="fixed_not_before_report"),
    ],
    unique=["finding_id"],
)

# -- SHQS quality criteria status (Labquality's Social and Health Quality Standard) ---------------------------
SHQS_CRITERIA = contract(
    {
        "assessment_date": pa.Column("datetime64[s]"),
        "assessment_type": pa.Column(str, pa.Check.isin(code_list("shqs_assessment_type"))),
        **UNIT,
        "criteria_group": pa.Column(str, pa.Check.isin(code_list("shqs_criteria_group"))),
        "criterion_code": pa.Column(str, pa.Check.str_matches(r"^\d{1,2}(\.\d{1,2}){1,3}$")),
        "status": pa.Column(str, pa.Check.isin(code_list("shqs_status"))),
    },
    unique=["assessment_date", "assessment_type", "unit_id", "criterion_code"],
)
