"""Free-text redaction for professionals' observations, stricter than the shared `sources.privacy.redact`.

Social reports and incident reports are written about clients, and the development proposals are published
to management as text. Besides identity codes, phone numbers and e-mail addresses (the shared redaction), this
removes what most often identifies a person in such text:

- personal names: a run of two or more capitalised words ("Matti Virtanen", "Anna-Liisa Mäki"), and single
  capitalised words that are common Finnish or Swedish first names or surnames, also with a case ending
  ("Virtasen", "Mattille"); municipality names are never treated as names;
- street addresses ("Kauppakatu 5 B 12", "Storgatan 3").

It is a heuristic: it over-redacts some organisation names ("Turun Sanomat" → "[NIMI]") rather than let a
name through. Applied before storage, so raw and quarantine hold only the redacted text.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from sources.privacy import redact

UPPER = "A-ZÅÄÖÜÉ"
LOWER = "a-zåäöüéß"
WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
NAME_RUN = re.compile(rf"(?<![\w\[])({WORD})((?:\s+{WORD})+)(?![\w\]])")
CAPITALISED = re.compile(rf"(?<![\w\[])([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)(?![\w\]])")
ADDRESS = re.compile(
    rf"(?<!\w)[{UPPER}][{LOWER}-]*(?:katu|tie|kuja|polku|tori|raitti|väylä|rinne|gatan|vägen|gränd|stigen|torget)"
    r"\s+\d+(?:\s*[A-Z](?:\s*\d+)?|\s*[a-z]\s*\d+)?(?!\w)"
)
# Finnish case endings (and the Swedish genitive s) that may follow a name: "Virtasen", "Matille", "Annas".
CASE_ENDINGS = ("", "n", "lle", "lla", "lta", "ssa", "sta", "a", "ä", "ta", "tä", "ksi", "s", "in", "en", "nen")

# Capitalised words that start sentences in social work text and are not names; they are never redacted
# when they lead a run of capitalised words ("Asiakas Matti Virtanen" → "Asiakas [NIMI]").
LEADING_WORDS = {
    "asiakas", "asiakkaan", "asiakkaalla", "perhe", "perheen", "lapsi", "lapsen", "nuori", "nuoren", "äiti",
    "isä", "mies", "nainen", "henkilö", "hän", "työntekijä", "sosiaalityöntekijä", "sosiaaliohjaaja",
    "klienten", "klient", "familjen", "barnet", "den", "han", "hon", "mamman", "pappan", "eräs", "tämä",
    "kun", "jos", "myös", "lisäksi", "ilmoittaja", "omainen", "läheinen", "naapuri", "en", "ett", "vi", "me",
}
# Place and organisation words that must not be read as names even when they open a run.
NOT_NAMES = {
    "kela", "fpa", "varha", "vasso", "haipro", "avi", "valvira", "suomi", "finland", "turku", "åbo", "salo",
    "sosiaalipäivystys", "socialjouren", "te-palvelut", "y-säätiö",
}


# Common Finnish and Swedish first names and surnames (DVV's name statistics; Skatteverket's and Isof's top 500),
# as Faker ships them; written by `python -m demo.name_list`, which says where each list comes from.
COMMON_NAMES = Path(__file__).with_name("common_names.csv")


@cache
def _name_words() -> frozenset[str]:
    """Common first names and surnames (COMMON_NAMES), minus municipality names."""
    from sources.reference import municipality_lookup

    with COMMON_NAMES.open(encoding="utf-8", newline="") as fh:
        names = {row["name"].lower() for row in csv.DictReader(fh) if len(row["name"]) >= 3}
    return frozenset(names - set(municipality_lookup()) - NOT_NAMES - LEADING_WORDS)


def _is_name(word: str) -> bool:
    lower = word.lower()
    names = _name_words()
    for ending in CASE_ENDINGS:
        if not lower.endswith(ending):
            continue
        base = lower[: len(lower) - len(ending)]
        # -nen surnames inflect through -se-/-s-: Virtanen → Virtasen, Virtaselle, Virtasta.
        if base in names or (base.endswith("se") and base[:-2] + "nen" in names) or (
                base.endswith("s") and base[:-1] + "nen" in names):
            return True
    return False


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:;\n\"'(-–"


def _run(match: re.Match) -> str:
    """A run of capitalised words: a name unless it is only a sentence's first word plus a non-name."""
    words = [match.group(1)] + match.group(2).split()
    kept: list[str] = []
    while words and words[0].lower() in LEADING_WORDS | NOT_NAMES:
        kept.append(words.pop(0))
    if not kept and _sentence_start(match.string, match.start()) and not _is_name(words[0]):
        kept.append(words.pop(0))  # an ordinary word capitalised because it opens the sentence
    if not words:
        return match.group(0)
    if len(words) == 1 and not _is_name(words[0]):
        return match.group(0)
    return " ".join(kept + ["[NIMI]"])


def redact_free_text(text: str | None) -> str | None:
    """Shared redaction (identity codes, e-mail, phone) plus names and street addresses."""
    if text is None:
        return None
    out = redact(text)
    out = ADDRESS.sub("[OSOITE]", out)
    out = NAME_RUN.sub(_run, out)
    out = CAPITALISED.sub(lambda m: "[NIMI]" if _is_name(m.group(1)) else m.group(0), out)
    return out


def redact_columns(raw, columns) -> None:
    """Redact free-text columns of a delivered chunk in place, before anything else reads it.

    The loader builds the quarantine record from this same chunk, so a rejected row's JSON holds the
    redacted text too."""
    for column in columns:
        if column in raw.columns:
            raw[column] = raw[column].astype("string").map(redact_free_text, na_action="ignore").astype("string")
