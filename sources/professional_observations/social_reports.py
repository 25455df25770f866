"""Social reporting form submissions (sosiaalinen raportointi), SHL 1301/2014 §7.

Social-sector professionals report, all year round and in Finnish or Swedish, an observation from client work:
a shortcoming (epäkohta), a good practice, or a weak signal, with the SHL §11 support needs it concerns (a
multi-select exported as one 0/1 column per option), its perceived causes and a development proposal. The
county's structural social work team records the handling status and the date feedback was given.

The form changes between rounds, so each delivered file's header set is matched against the versioned mapping
in `social_report_forms.py`; an unknown header fails the file with a message naming it. Choice answers are
accepted in Finnish and Swedish. The three free-text answers are redacted (identity codes, phone numbers,
e-mail addresses, names, street addresses) before storage, in raw and quarantine alike.

Each submission also gets `submission_pseudonym`, a keyed HMAC of its form version and submission id computed
here with the pseudonymisation key: the published development proposals are keyed by it, and the key never
reaches dbt.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.professional_observations import (
    ADMIN_SECTORS,
    HANDLING_STATUSES,
    LANGUAGES,
    NEED_COLUMNS,
    REPORTER_ROLES,
    SOCIAL_REPORTS,
    TARGET_GROUPS,
    VALENCES,
)
from sources.landing import PrepareContext, file_source
from sources.professional_observations.redaction import redact_columns
from sources.professional_observations.social_report_forms import column_map, recognise_version
from sources.reference import municipality_lookup, service_area_lookup

COUNTY_WIDE = "county"
LANGUAGE_SPELLINGS = {"suomi": "fi", "finska": "fi", "suomeksi": "fi", "svenska": "sv", "ruotsi": "sv",
                      "på svenska": "sv", "ruotsiksi": "sv"}
VALENCE_SPELLINGS = {
    "epäkohta": "negative", "epäkohta tai ongelma": "negative", "missförhållande": "negative",
    "hyvä käytäntö": "positive", "onnistuminen": "positive", "god praxis": "positive",
    "heikko signaali": "weak_signal", "heikko signaali tai toistuva ilmiö": "weak_signal",
    "svag signal": "weak_signal",
}
ROLE_SPELLINGS = {
    "sosiaalityöntekijä": "social_worker", "socialarbetare": "social_worker",
    "sosiaaliohjaaja": "social_instructor", "socialhandledare": "social_instructor",
    "esihenkilö": "manager", "esimies": "manager", "förman": "manager", "chef": "manager",
    "muu": "other", "muu ammattilainen": "other", "annan": "other", "annan yrkesperson": "other",
}
TARGET_SPELLINGS = {
    "lapsiperheet": "families", "barnfamiljer": "families",
    "nuoret aikuiset": "young_adults", "unga vuxna": "young_adults",
    "työikäiset": "working_age", "personer i arbetsför ålder": "working_age",
    "ikääntyneet": "older_people", "äldre": "older_people",
    "vammaiset henkilöt": "disabled", "personer med funktionsnedsättning": "disabled",
    "maahanmuuttajat": "immigrants", "invandrare": "immigrants",
    "muu": "other", "annan": "other",
}
SECTOR_SPELLINGS = {
    "sosiaali- ja terveyspalvelut": "sote", "social- och hälsovård": "sote",
    "varhaiskasvatus ja opetus": "education", "småbarnspedagogik och utbildning": "education",
    "asuminen": "housing", "boende": "housing",
    "työllisyyspalvelut": "employment", "sysselsättningstjänster": "employment",
    "kela": "kela", "fpa": "kela",
    "poliisi": "police", "polisen": "police",
    "järjestöt": "ngo", "organisationer": "ngo",
    "muu": "other", "annan": "other",
}
STATUS_SPELLINGS = {
    "vastaanotettu": "received", "mottagen": "received", "uusi": "received", "ny": "received",
    "käsittelyssä": "in_progress", "under behandling": "in_progress",
    "välitetty eteenpäin": "forwarded", "vidarebefordrad": "forwarded",
    "palaute annettu": "feedback_given", "respons given": "feedback_given",
    "suljettu": "closed", "avslutad": "closed",
}
AREA_SPELLINGS = {"koko hyvinvointialue": COUNTY_WIDE, "hela välfärdsområdet": COUNTY_WIDE,
                  "koko alue": COUNTY_WIDE, "varha": COUNTY_WIDE}
FLAG_VALUES = {"1": 1, "0": 0, "1.0": 1, "0.0": 0, "x": 1, "kyllä": 1, "ja": 1, "ei": 0, "nej": 0}
FREE_TEXT_FIELDS = ("observation_text", "causes_text", "proposal_text")


def check_headers(headers: list[str], file_name: str) -> None:
    recognise_version(headers)  # raises UnknownFormVersion (a ValueError) naming the unknown headers


def prepare(raw: pd.DataFrame, ctx: PrepareContext) -> Cleaner:
    headers = [h for h in raw.columns if h != "_row_number"]
    version = recognise_version(headers)
    fields, needs = column_map(version, headers)
    redact_columns(raw, [fields[f] for f in FREE_TEXT_FIELDS])
    c = Cleaner(raw)
    c.text(fields["submission_id"], "submission_id", required=True)
    c.out["form_version"] = pd.Series(version.key, index=raw.index, dtype="string")
    if ctx.pseudonymizer is None:
        raise ValueError("social_reports: a pseudonymisation key is required (submission pseudonyms)")
    c.out["submission_pseudonym"] = c.out["submission_id"].map(
        lambda sid: ctx.pseudonymizer.record_pseudonym("social_report", version.key, sid), na_action="ignore"
    ).astype("string")
    if "language" in fields:
        c.choice(fields["language"], LANGUAGES, "language", mapping=LANGUAGE_SPELLINGS, what="language")
    else:
        c.out["language"] = pd.Series(version.language, index=raw.index, dtype="string")
    c.timestamp(fields["submitted_at"], "submitted_at", not_after=dt.datetime.combine(ctx.today, dt.time.max))
    c.choice(fields["reporter_role"], REPORTER_ROLES, "reporter_role", mapping=ROLE_SPELLINGS, required=False,
             what="reporter role")
    c.choice(fields["service_area"], set(service_area_lookup().values()), "service_area_code",
             mapping=service_area_lookup(), what="service area")
    area = c.choice(fields["municipality"], set(municipality_lookup().values()) | {COUNTY_WIDE}, "municipality_code",
                    mapping={**municipality_lookup(), **AREA_SPELLINGS}, what="municipality")
    c.out["area_scope"] = area.map(lambda v: "county" if v == COUNTY_WIDE else "municipality",
                                   na_action="ignore").astype("string")
    c.out["municipality_code"] = area.where(area != COUNTY_WIDE).astype("string")
    c.choice(fields["target_group"], TARGET_GROUPS, "target_group", mapping=TARGET_SPELLINGS, required=False,
             what="target group")
    for code, column in needs.items():
        values = c._text(column).str.lower()
        flags = values.map(FLAG_VALUES, na_action="ignore")
        bad = values.notna() & flags.isna()
        c.reject(bad, f"{column}: expected 0 or 1, got '" + values.fillna("").str.slice(0, 20) + "'")
        c.out[NEED_COLUMNS[code - 1]] = flags.fillna(0).astype("Int64")
    c.choice(fields["valence"], VALENCES, "valence", mapping=VALENCE_SPELLINGS, what="observation type")
    c.free_text(fields["observation_text"], "observation_text")
    c.reject(c.out["observation_text"].isna(), f"{fields['observation_text']}: missing observation text")
    c.free_text(fields["causes_text"], "causes_text")
    c.free_text(fields["proposal_text"], "proposal_text")
    c.choice(fields["admin_sector"], ADMIN_SECTORS, "admin_sector", mapping=SECTOR_SPELLINGS, required=False,
             what="administrative sector")
    status = c.choice(fields["handling_status"], HANDLING_STATUSES, "handling_status", mapping=STATUS_SPELLINGS,
                      required=False, what="handling status")
    c.out["handling_status"] = status.fillna("received").astype("string")
    feedback = c.date(fields["feedback_date"], "feedback_date", required=False, not_after=ctx.today)
    submitted_day = c.out["submitted_at"].dt.floor("D")
    c.reject((feedback < submitted_day).fillna(False), f"{fields['feedback_date']}: feedback date before submission")
    return c


SOURCE = file_source(
    __name__, "Social reporting form submissions (sosiaalinen raportointi), Finnish and Swedish, versioned forms",
    headers=check_headers, prepare=prepare, schema=SOCIAL_REPORTS, period_column="submitted_at",
    needs_pseudonymizer=True,
)
