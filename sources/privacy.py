"""Privacy primitives: henkilötunnus validation, keyed pseudonyms and free-text redaction.

No identity code is ever stored. Identifiers become HMAC-SHA-256 pseudonyms over the full, normalised
11-character code (the century sign included: since 2023 it can be the only difference between two people).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import TYPE_CHECKING

from stdnum.exceptions import ValidationError
from stdnum.fi import hetu as stdnum_hetu

if TYPE_CHECKING:
    import pandas as pd

DEMO_PSEUDONYM_KEY = "DEMO-ONLY-KEY-not-for-production-use"

# Identity codes as people write them: ddmmyy, the century sign (+ - A-F X-U), three digits, a check character,
# in any case, inside other text. With a century sign the shape alone is enough (a mistyped code is still
# personal data); written without it, or with a space or a dot in its place, the code is redacted only when
# its check character is right, so ordinary numbers (case numbers, sums) are not over-redacted.
HETU_LIKE = re.compile(
    r"(?<!\d)(?P<date>\d{6})(?P<sign>\s?[-+ABCDEFYXWVU]\s?|[\s.]?)(?P<individual>\d{3})(?P<check>[0-9A-Z])(?!\d)",
    re.IGNORECASE,
)
CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# Bounded repeats and a left boundary keep matching linear on long runs of word characters.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# Finnish phone numbers: +358 / 0 prefixes, with spaces or dashes between groups.
PHONE = re.compile(r"(?<![\w])(?:\+358|00358|0)[\s-]?\d{1,3}(?:[\s-]?\d){5,8}(?![\w])")

def _hetu_or_number(match: re.Match) -> str:
    if match.group("sign").strip(" .\t"):
        return "[HETU]"
    day, month = int(match.group("date")[:2]), int(match.group("date")[2:4])
    valid = (1 <= day <= 31 and 1 <= month <= 12
             and CHECK_CHARS[int(match.group("date") + match.group("individual")) % 31] == match.group("check").upper())
    return "[HETU]" if valid else match.group(0)


REDACTIONS = (
    (HETU_LIKE, _hetu_or_number),
    (EMAIL, "[EMAIL]"),
    (PHONE, "[PUHELIN]"),
)


class PseudonymKeyMissing(RuntimeError):
    pass


WHITESPACE = r"\s+"  # anywhere in an identity code: dropped before it is validated, hashed or read
# The century each century sign stands for (since 2023 also Y X W V U for the 1900s and B-F for the 2000s).
CENTURIES = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
             "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}


def normalise_hetu(code: str) -> str:
    return re.sub(WHITESPACE, "", str(code)).upper()


def normalise_hetus(codes: pd.Series) -> pd.Series:
    """`normalise_hetu` of a column (NA stays NA), vectorised."""
    return codes.astype("string").str.replace(WHITESPACE, "", regex=True).str.upper()


def is_valid_hetu(code: str | None) -> bool:
    if code is None:
        return False
    try:
        stdnum_hetu.validate(normalise_hetu(code), allow_temporary=True)
    except ValidationError:
        return False
    return True


def hetu_problem(code: str | None) -> str | None:
    """Why a code is not a valid henkilötunnus, or None when it is. Never echoes the code itself."""
    if code is None or str(code).strip() == "":
        return "identity code missing"
    try:
        stdnum_hetu.validate(normalise_hetu(code), allow_temporary=True)
    except ValidationError as exc:
        return f"invalid identity code ({exc.message.lower().rstrip('.')})"
    return None


class Pseudonymizer:
    """Keyed HMAC-SHA-256 over the normalised full identity code."""

    def __init__(self, key: str):
        if not key:
            raise PseudonymKeyMissing(
                "RSW_PSEUDONYM_KEY is not set: client data cannot be extracted without a pseudonymisation key "
                "(set RSW_DEMO_MODE=1 to use the labelled demo key on demo data)."
            )
        self._key = key.encode("utf-8")

    def pseudonyms_of_normalised(self, codes: list[str]) -> list[str]:
        """`pseudonym` of many codes already in normalised form (what `normalise_hetu` leaves unchanged), in bulk."""
        key = self._key
        return [hmac.digest(key, code.encode("ascii"), "sha256").hex() for code in codes]

    def pseudonym(self, code: str) -> str:
        return hmac.new(self._key, normalise_hetu(code).encode("ascii"), hashlib.sha256).hexdigest()

    def record_pseudonym(self, kind: str, *parts: str) -> str:
        """Keyed pseudonym of a record identifier (e.g. a form submission): HMAC-SHA-256 over the kind and the
        identifying parts, unit-separated, so it cannot collide with an identity code's pseudonym and cannot be
        reversed without the key (an unsalted hash of a short id can be)."""
        message = "\x1f".join((kind, *parts))
        return hmac.new(self._key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def redact(text: str | None) -> str | None:
    """Remove identity codes, e-mail addresses and phone numbers from free text."""
    if text is None:
        return None
    out = str(text)
    for pattern, label in REDACTIONS:
        out = pattern.sub(label, out)
    return out
