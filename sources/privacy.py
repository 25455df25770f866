"""Privacy primitives: henkilötunnus validation, keyed pseudonyms and free-text redaction.

No identity code is ever stored. Identifiers become HMAC-SHA-256 pseudonyms over the full, normalised
11-character code (the century sign included: since 2023 it can be the only difference between two people).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from stdnum.exceptions import ValidationError
from stdnum.fi import hetu as stdnum_hetu

DEMO_PSEUDONYM_KEY = "DEMO-ONLY-KEY-not-for-production-use"

# Anything shaped like an identity code, valid checksum or not: a mistyped code is still personal data.
HETU_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{6}\s?[-+ABCDEFYXWVU]\s?\d{3}[0-9A-Z](?![0-9A-Za-z])", re.IGNORECASE)
# Bounded repeats and a left boundary keep matching linear on long runs of word characters.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# Finnish phone numbers: +358 / 0 prefixes, with spaces or dashes between groups.
PHONE = re.compile(r"(?<![\w])(?:\+358|00358|0)[\s-]?\d{1,3}(?:[\s-]?\d){5,8}(?![\w])")

REDACTIONS = (
    (HETU_LIKE, "[HETU]"),
    (EMAIL, "[EMAIL]"),
    (PHONE, "[PUHELIN]"),
)


class PseudonymKeyMissing(RuntimeError):
    pass


def normalise_hetu(code: str) -> str:
    return re.sub(r"\s+", "", str(code)).upper()


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


def redact(text: str | None) -> str | None:
    """Remove identity codes, e-mail addresses and phone numbers from free text."""
    if text is None:
        return None
    out = str(text)
    for pattern, label in REDACTIONS:
        out = pattern.sub(label, out)
    return out
