"""The demo's one identity-code generator makes only codes from DVV's test range (individual number 900-999),
with a right check character and every century sign, as `python-stdnum` (an independent implementation) sees
them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from stdnum.fi import hetu

from demo import fictitious_hetu, fictitious_hetus, random_fictitious_hetu, spoil_hetu

SIGNS = {1899: "+", 1950: "-YXWVU", 2023: "ABCDEF"}


def test_every_code_is_valid_and_temporary():
    rng = np.random.default_rng(3)
    births = pd.Series(pd.to_datetime("1920-01-01") + pd.to_timedelta(rng.integers(0, 365 * 100, 3000), unit="D"))
    codes = list(fictitious_hetus(births, rng)) + [random_fictitious_hetu(rng) for _ in range(200)]
    codes += [fictitious_hetu(dt.date(year, 2, 28), 900 + i, sign=sign)
              for year, signs in SIGNS.items() for i, sign in enumerate(signs)]
    assert len(set(codes[:3000])) == 3000  # unique per person
    for code in codes:
        assert hetu.is_valid(code, allow_temporary=True), code
        assert not hetu.is_valid(code), code  # a real person's code is never in the test range
        assert 900 <= int(code[7:10]) <= 999
    assert {c[6] for c in codes} >= {"-", "A", "Y", "B", "+"}


def test_people_sharing_a_birthday_never_share_a_code():
    """A county-scale register puts hundreds of people on one birth date: past the test range's hundred
    individual numbers the next hundred take the century's next sign (the 2023 reform's reason), and the codes
    stay unique, valid and temporary. (The generator once drew each person's start apart, so two people born
    on the same day could get the same code: 9 % of the people at scale 10.)"""
    rng = np.random.default_rng(5)
    crowded = {"1961-05-04": 600, "2004-11-30": 250, "1990-02-01": 100}
    births = pd.Series(pd.to_datetime([d for d, n in crowded.items() for _ in range(n)]
                                      + list(pd.to_datetime("1960-01-01")
                                             + pd.to_timedelta(rng.integers(0, 400, 20_000), unit="D"))))
    codes = fictitious_hetus(births, rng)
    assert codes.is_unique
    assert all(hetu.is_valid(c, allow_temporary=True) and not hetu.is_valid(c) for c in codes)
    on = {d: codes[births == pd.Timestamp(d)] for d in crowded}
    assert sorted(on["1961-05-04"].str[6].unique()) == sorted("-YXWVU")  # six hundreds, six signs
    assert set(on["2004-11-30"].str[6]) == set("ABC")
    assert on["1990-02-01"].str[7:10].astype(int).nunique() == 100  # a hundred fit in the test range
    with pytest.raises(ValueError, match="share a birth date"):
        fictitious_hetus(pd.Series(pd.to_datetime(["1961-05-04"] * 601)), rng)
    with pytest.raises(ValueError, match="share a birth date"):
        fictitious_hetus(pd.Series(pd.to_datetime(["1899-05-04"] * 101)), rng)  # the 1800s have `+` only


def test_spoiled_codes_fail_the_checksum_only():
    good = fictitious_hetu(dt.date(1975, 6, 3), 962)
    bad = spoil_hetu(good)
    assert bad[:-1] == good[:-1] and not hetu.is_valid(bad, allow_temporary=True)
    assert fictitious_hetu(dt.date(1975, 6, 3), 962, valid=False) == bad
    assert list(spoil_hetu(pd.Series([good]))) == [bad]


@pytest.mark.parametrize("individual, sign", [(123, None), (899, None), (1000, None), (950, "G")])
def test_refuses_codes_outside_the_test_range_or_without_a_century_sign(individual, sign):
    with pytest.raises(ValueError):
        fictitious_hetu(dt.date(1980, 1, 1), individual, sign=sign)
