"""The privacy tests' own idea of an identity code, written apart from `sources.privacy` on purpose: a test that
scanned with the redactor's pattern could never find what the redactor misses.

A henkilötunnus is ddmmyy, a century sign, a three-digit individual number and a check character: the
remainder of the nine digits divided by 31, picked from the alphabet below (DVV's rule). People also write it
without the sign, with a space or a dot in its place, in lower case, and glued to other words.
"""

from __future__ import annotations

import re

ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY"  # 31 characters: G, I, O, Q and Z are never used
CENTURY_SIGNS = "+-ABCDEFXYWVU"
# Any six digits, at most one separator character, three digits, one character; overlapping matches allowed.
CANDIDATE = re.compile(r"(?=((\d{6})\s?([^\w\s]|[A-Za-z])?\s?(\d{3})([0-9A-Za-z])))")


def check_character(birth: str, individual: str) -> str:
    return ALPHABET[int(birth + individual) % 31]


# Pseudonyms, content hashes and load ids: long runs of hexadecimal digits, or a UUID's dashed groups (whose last
# twelve can be all digits: '…-3102451557ab'), which are not text a person wrote.
HEX_DIGEST = re.compile(r"(?<![0-9a-fA-F])(?:[0-9a-fA-F]{32,}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})"
                        r"(?![0-9a-fA-F])")


def codes_in(text: str) -> list[str]:
    """Every identity code in the text, in any of the written forms, whose check character is right."""
    found = []
    for m in CANDIDATE.finditer(HEX_DIGEST.sub(" ", text)):
        written, birth, sign, individual, check = m.groups()
        if sign not in (None, ".") and sign.upper() not in CENTURY_SIGNS:
            continue
        day, month = int(birth[:2]), int(birth[2:4])
        if 1 <= day <= 31 and 1 <= month <= 12 and check.upper() == check_character(birth, individual):
            found.append(written)
    return found


def written_forms(birth: str, individual: str) -> list[str]:
    """One fictitious code (individual number 900-999) in every way people write it, inside other text."""
    check = check_character(birth, individual)
    forms = [f"{birth}{sign}{individual}{check}" for sign in CENTURY_SIGNS]
    forms += [f"{birth}{individual}{check}", f"{birth} {individual}{check}", f"{birth}.{individual}{check}",
              f"{birth}-{individual}{check}".lower(), f"{birth}a{individual}{check}".lower()]
    return [f"hetu:{forms[0]}.", f"asiakas{forms[1]}soitti", *forms[2:]]
