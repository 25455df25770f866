"""The demo's one generator of FICTITIOUS personal identity codes (henkilötunnus).

Every code it makes has an individual number from 900 to 999: the range the Digital and Population Data
Services Agency (DVV) keeps for temporary and test codes, which no person is ever given. The check character is
right (the nine digits modulo 31, DVV's alphabet), so the loaders see a valid code; `python-stdnum` accepts
them with `allow_temporary=True` and, like the real register, refuses them without it.

Century signs: `+` for the 1800s, `-` for the 1900s and `A` for the 2000s by default; any of the signs the 2023
reform added (`Y X W V U` for the 1900s, `B C D E F` for the 2000s) can be asked for, and the bulk generator
gives a few people the new signs, as the registers now hold.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from sources.privacy import CENTURIES

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"  # DVV's 31 characters (no G, I, O, Q, Z)
# each century's signs, the pre-2023 one first (sources.privacy.CENTURIES: "+", "-YXWVU", "ABCDEF")
CENTURY_SIGNS = {year // 100: "".join(s for s, y in CENTURIES.items() if y == year) for year in set(CENTURIES.values())}
DEFAULT_SIGN = {century: signs[0] for century, signs in CENTURY_SIGNS.items()}
CENTURY_OF_SIGN = {sign: century for century, signs in CENTURY_SIGNS.items() for sign in signs}
TEST_RANGE = range(900, 1000)


def check_character(digits: str) -> str:
    """The check character of the nine digits ddmmyy + individual number."""
    return CHECK_CHARACTERS[int(digits) % 31]


def fictitious_hetu(born: dt.date, individual: int, sign: str | None = None, valid: bool = True) -> str:
    """One fictitious code for a person born on `born` with individual number `individual` (900–999).
    `sign` picks a century sign other than the default (one of another century makes a code for the same day
    and month of that century, as the validation tests want); `valid=False` gives a wrong check character."""
    if individual not in TEST_RANGE:
        raise ValueError("demo identity codes use individual numbers 900-999 only")
    sign = sign or DEFAULT_SIGN[born.year // 100]
    if sign not in CENTURY_OF_SIGN:
        raise ValueError(f"{sign!r} is not a century sign")
    digits = f"{born:%d%m}{born.year % 100:02d}{individual:03d}"
    code = f"{digits[:6]}{sign}{digits[6:]}{check_character(digits)}"
    return code if valid else spoil_hetu(code)


def random_fictitious_hetu(rng: np.random.Generator) -> str:
    """A fictitious code of someone born 1950–2009, for an identity code planted in free text."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365 * 60)))
    return fictitious_hetu(born, int(rng.integers(900, 1000)))


def spoil_hetu(codes: str | pd.Series) -> str | pd.Series:
    """The same code(s) with a wrong check character (still an individual number from the test range)."""
    def spoil(ch: str) -> str:
        return CHECK_CHARACTERS[(CHECK_CHARACTERS.index(ch) + 7) % 31]

    if isinstance(codes, str):
        return codes[:-1] + spoil(codes[-1])
    return codes.str[:-1] + codes.str[-1].map(spoil)


def fictitious_hetus(birth: pd.Series, rng: np.random.Generator) -> pd.Series:
    """Fictitious codes for many people at once (vectorised), unique per person.

    Within one birth date the individual numbers 900-999 are taken in turn from a random start drawn for that
    date. When a date has more than 100 people, the next hundred take the century's next sign (the 2023 reform
    added the signs for exactly this: `-YXWVU` for the 1900s, `ABCDEF` for the 2000s), so up to 600 people can
    share a birthday (100 in the 1800s, which has `+` only). On the other dates about one in twenty gets the
    reform's first new sign (Y for the 1900s, B for the 2000s)."""
    birth = pd.to_datetime(birth)
    by_date = birth.groupby(birth)
    rank = by_date.cumcount().to_numpy()
    start = pd.Series(rng.integers(0, 100, len(birth)), index=birth.index).groupby(birth).transform("first")
    nnn = 900 + (start.to_numpy() + rank) % 100
    crowded = by_date.transform("size").to_numpy() > 100
    new_sign = rng.random(len(birth)) < 0.05
    signs = birth.dt.year.floordiv(100).map(CENTURY_SIGNS).to_numpy()
    slot = np.where(crowded, rank // 100, new_sign.astype(int) * (signs != "+"))
    if (slot >= np.array([len(s) for s in signs])).any():
        raise ValueError("more demo people share a birth date than the test range and the century signs allow")
    ddmmyy = (birth.dt.day.astype(str).str.zfill(2) + birth.dt.month.astype(str).str.zfill(2)
              + (birth.dt.year % 100).astype(str).str.zfill(2))
    individual = pd.Series(nnn, index=birth.index).astype(str)
    check = (ddmmyy + individual).astype("int64") % 31
    sign = pd.Series([s[i] for s, i in zip(signs, slot)], index=birth.index)
    return ddmmyy + sign + individual + pd.Series([CHECK_CHARACTERS[i] for i in check], index=birth.index)
