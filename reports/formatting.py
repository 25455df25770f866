"""Finnish and Swedish number and date formatting for the reports.

Both languages write numbers the same way (a non-breaking space between thousands, a decimal comma, a space
before %). A value the published snapshot hides (null, or `is_suppressed`) is always shown as "–": never a
number, never "<5", so the mark says nothing about the hidden value.
"""

from __future__ import annotations

import datetime as dt
import math

SUPPRESSED = "–"
NBSP = "\u00a0"
HALF = {"fi": {"1": "tammi–kesäkuu", "2": "heinä–joulukuu"},
        "sv": {"1": "januari–juni", "2": "juli–december"}}


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, decimals: int | None = None, suppressed: bool = False) -> str:
    """1234.5 → '1 234,5' (non-breaking space); integers without decimals; None or suppressed → '–'."""
    if suppressed or is_missing(value):
        return SUPPRESSED
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",").replace("-", "−")


def count(value, suppressed: bool = False) -> str:
    return number(value, 0, suppressed)


def percent(value, decimals: int = 1, suppressed: bool = False) -> str:
    """A value already in percent (12.3 → '12,3 %')."""
    text = number(value, decimals, suppressed)
    return text if text == SUPPRESSED else f"{text}{NBSP}%"


def share(value, suppressed: bool = False) -> str:
    """A share 0..1 as a whole percent (0.5 → '50 %')."""
    return SUPPRESSED if suppressed or is_missing(value) else percent(value * 100, 0)


def _decimals(value) -> int:
    """One decimal; two for a small rate (0,32 per 1 000 rather than 0,3)."""
    return 2 if not is_missing(value) and 0 < abs(value) < 1 else 1


def by_unit(value, unit: str | None, suppressed: bool = False) -> str:
    """A value in its unit: percent with '%', counts as integers, rates with one decimal (two below 1)."""
    if unit == "percent":
        return percent(value, 1, suppressed)
    if unit == "count":
        return count(value, suppressed)
    return number(value, _decimals(value), suppressed)


def signed(value, decimals: int | None = None) -> str:
    """A change with its sign: +1,5 / −0,03 / ±0."""
    if is_missing(value):
        return SUPPRESSED
    text = number(abs(value), decimals if decimals is not None else _decimals(value))
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def date(value: dt.date | None) -> str:
    """1.7.2025 in both languages (d.m.yyyy is Finnish and Finland-Swedish usage)."""
    return SUPPRESSED if value is None else f"{value.day}.{value.month}.{value.year}"


def half_year(label: str, lang: str) -> str:
    """'2025H2' → 'heinä–joulukuu 2025' / 'juli–december 2025'; other labels as they are."""
    if "H" not in label:
        return label
    year, half = label.split("H", 1)
    return f"{HALF[lang].get(half, label)} {year}"
