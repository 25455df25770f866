"""The implementation plan's action table (rakenteellisen sosiaalityön toimeenpanosuunnitelma 2025–2029), as
the social work director's team maintains it: one row per action with its goal, topic, target group and
status (Ei selvillä / Valmisteilla / Käytössä).

Every delivered version is kept as its own snapshot (one landing batch per file). The snapshot date comes from
the file name, `plan_actions_YYYY-MM-DD.csv|xlsx` (the last `_YYYY-MM-DD` in the name); a file without it
fails with a message that says so. The version adopted on 17.12.2025 has the columns

    goal;topic;action;target_group;status;status_note

and later versions may add `responsible` and `updated` (the date the row was last edited). Finnish header
names (tavoite, teema, toimenpide, kohderyhmä, tila, lisätieto, vastuutaho, päivitetty) are accepted too;
header case, spaces and diacritics do not matter.

Action identity: the real table has no id column, so each row gets a stable key derived from its text:
`action_key` = first 16 hex digits of SHA-256 over `normalise_text(goal) + "|" + normalise_text(action)`,
where `normalise_text` lowercases, folds diacritics (ä → a) and turns every run of punctuation and white space
into one space. So case, punctuation and spacing edits keep the key; any other change of the goal or action
wording gives a new key. dbt (int_plan_actions__identified) then links a new key to the key that disappeared
in the same version when the wording edit is small; see that model for the rule.

`action_text_norm` / `topic_text_norm` keep the normalised texts: the seed plan_action_evidence matches its
patterns against them.

Validation: a status outside the three known values (case and white space tolerated, ä/a folded) and a second
row with the same action key in one delivery (the first usable row stands) go to quarantine with their reason;
so do a missing goal or action and an impossible `updated` date. All text columns are redacted free text
(identity codes, phone numbers, e-mail addresses). Duplicates are found within a read chunk (100,000 rows),
far above any plan's size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.plan import PLAN_ACTIONS, STATUS_LABELS
from sources.landing import PrepareContext, file_source
from sources.readers import ROW_NUMBER

# The first version's header set (all required) and the columns later versions add.
REQUIRED_COLUMNS = ("goal", "topic", "action", "target_group", "status", "status_note")
OPTIONAL_COLUMNS = ("responsible", "updated")
HEADER_ALIASES = {
    "tavoite": "goal",
    "teema": "topic",
    "aihe": "topic",
    "aihealue": "topic",
    "toimenpide": "action",
    "kohderyhma": "target_group",
    "tila": "status",
    "tilanne": "status",
    "tilan_lisatieto": "status_note",
    "lisatieto": "status_note",
    "huomio": "status_note",
    "vastuutaho": "responsible",
    "vastuuhenkilo": "responsible",
    "vastuu": "responsible",
    "paivitetty": "updated",
    "paivityspvm": "updated",
    "updated_date": "updated",
    "last_updated": "updated",
}
STATUS_SPELLINGS = {
    "ei selvillä": "not_settled",
    "ei selvilla": "not_settled",
    "valmisteilla": "in_preparation",
    "käytössä": "in_use",
    "kaytossa": "in_use",
    "not settled": "not_settled",
    "in preparation": "in_preparation",
    "in use": "in_use",
    **{code: code for code in STATUS_LABELS},
}
SNAPSHOT_DATE = re.compile(r"_(\d{4})-(\d{2})-(\d{2})(?!\d)")


def fold(text: str) -> str:
    """Lowercase without diacritics: 'Käytössä' -> 'kaytossa'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def normalise_text(text: str) -> str:
    """The action-identity form of a text: folded, every run of punctuation/white space one space."""
    return re.sub(r"[\W_]+", " ", fold(text)).strip()


def text_key(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


def action_key(goal: str, action: str) -> str:
    """The stable key of one action: its goal and action text, normalised (see module doc)."""
    return text_key(normalise_text(goal), normalise_text(action))


def canonical_header(header: str) -> str:
    name = re.sub(r"[\s\-]+", "_", fold(str(header)).strip())
    return HEADER_ALIASES.get(name, name)


def snapshot_date_from_name(file_name: str) -> dt.date:
    """The snapshot (delivery) date in the file name: the last `_YYYY-MM-DD`. Raises ValueError otherwise."""
    found = SNAPSHOT_DATE.findall(file_name)
    if not found:
        raise ValueError(
            "file name has no snapshot date: name plan version files like plan_actions_YYYY-MM-DD.csv "
            "(or .xlsx), e.g. plan_actions_2026-03-02.xlsx"
        )
    year, month, day = (int(p) for p in found[-1])
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(
            f"file name has an impossible snapshot date {year:04d}-{month:02d}-{day:02d} ({exc})") from exc


def check_headers(headers: list[str], file_name: str) -> None:
    snapshot_date_from_name(file_name)
    canonical = [canonical_header(h) for h in headers]
    problems = []
    doubled = sorted({c for c in canonical if canonical.count(c) > 1})
    if doubled:
        problems.append("columns given twice: " + ", ".join(repr(d) for d in doubled))
    missing = [c for c in REQUIRED_COLUMNS if c not in canonical]
    if missing:
        problems.append("missing columns " + ", ".join(repr(m) for m in missing))
    extra = [h for h, c in zip(headers, canonical) if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if extra:
        problems.append("unexpected columns " + ", ".join(repr(e) for e in extra))
    if problems:
        raise ValueError(
            "; ".join(problems)
            + f" (expected {';'.join(REQUIRED_COLUMNS)}, optionally also {';'.join(OPTIONAL_COLUMNS)})"
        )


def prepare(raw: pd.DataFrame, ctx: PrepareContext) -> Cleaner:
    snapshot = snapshot_date_from_name(ctx.file_name)
    frame = raw.rename(columns={c: canonical_header(c) for c in raw.columns if c != ROW_NUMBER})
    for column in OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
    # Tolerate case and white space in the status ('  käytössä', 'Ei  selvillä').
    frame["status"] = frame["status"].astype("string").str.replace(r"[\s\u00a0]+", " ", regex=True)

    c = Cleaner(frame)
    c.out["snapshot_date"] = pd.Series(pd.Timestamp(snapshot), index=frame.index).astype("datetime64[s]")
    # Plan text is not client text, but it is free text typed by people: redacted like every free text.
    goal = c.free_text("goal")
    c.reject(goal.isna(), "goal: missing value")
    topic = c.free_text("topic")
    action = c.free_text("action")
    c.reject(action.isna(), "action: missing value")
    c.free_text("target_group")
    status_code = c.choice("status", STATUS_LABELS, "status_code", mapping=STATUS_SPELLINGS, what="status")
    c.out["status"] = status_code.map(STATUS_LABELS, na_action="ignore").astype("string")
    c.free_text("status_note")
    c.free_text("responsible")
    c.date("updated", "updated_date", required=False)

    goal_norm = goal.map(normalise_text, na_action="ignore").astype("string")
    action_norm = action.map(normalise_text, na_action="ignore").astype("string")
    c.reject(goal.notna() & (goal_norm == "").fillna(False), "goal: no letters or digits")
    c.reject(action.notna() & (action_norm == "").fillna(False), "action: no letters or digits")
    c.out["goal_key"] = goal_norm.map(text_key, na_action="ignore").astype("string")
    c.out["action_key"] = pd.Series(
        [text_key(g, a) if isinstance(g, str) and isinstance(a, str) else None
         for g, a in zip(goal_norm.astype(object), action_norm.astype(object))],
        index=frame.index, dtype="string")
    c.out["action_text_norm"] = action_norm
    c.out["topic_text_norm"] = topic.map(normalise_text, na_action="ignore").astype("string")

    c.reject_repeats(c.out["action_key"], "action", " (same goal and action)")
    return c


SOURCE = file_source(
    __name__, "Implementation plan 2025–2029 action table (goal, action, status), one snapshot per "
              "delivered version plan_actions_YYYY-MM-DD.csv|xlsx",
    headers=check_headers, prepare=prepare, schema=PLAN_ACTIONS, period_column="snapshot_date",
)
