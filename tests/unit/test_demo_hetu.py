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
