"""Outlier rule against an independent computation (scipy's bias-corrected moments) and COINr's
documented defaults (Treat(): skew_thresh = 2, kurt_thresh = 3.5, winmax = 5, f2 = log_CT)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from ikmpolicy.readiness import IndexSpecError, check_outliers, kurt, skew, treat_outliers
from ikmpolicy.readiness.outliers import KURT_THRESH, SKEW_THRESH, WINMAX, log_ct, winsorise

COINR_EXAMPLE = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100], dtype=float)


def test_coinr_defaults():
    assert (SKEW_THRESH, KURT_THRESH, WINMAX) == (2.0, 3.5, 5)


@given(st.lists(st.floats(-1e3, 1e3), min_size=4, max_size=40))
@settings(max_examples=60, deadline=None)
def test_moments_match_scipy(values):
    x = np.array(values)
    if np.ptp(x) < 1e-6:
        return
    assert skew(x) == pytest.approx(stats.skew(x, bias=False), rel=1e-6, abs=1e-6)
    assert kurt(x) == pytest.approx(stats.kurtosis(x, bias=False), rel=1e-6, abs=1e-6)


def test_flag_rule_matches_independent_computation():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {
            "normal": rng.normal(size=200),
            "lognormal": rng.lognormal(0, 1.5, 200),
            "coinr": np.resize(COINR_EXAMPLE, 200),
        }
    )
    got = check_outliers(frame)
    for col in frame:
        s = stats.skew(frame[col], bias=False)
        k = stats.kurtosis(frame[col], bias=False)
        assert got.loc[col, "failed"] == (abs(s) >= 2 and k >= 3.5)
    assert not got.loc["normal", "failed"] and got.loc["lognormal", "failed"]


def test_winsorise_coinr_example():
    x, flags, n = winsorise(COINR_EXAMPLE)
    # the largest value takes the next largest, then the rule passes
    assert x.tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]
    assert n == 1 and flags.tolist() == [0] * 11 + [1]
    s, k = stats.skew(x, bias=False), stats.kurtosis(x, bias=False)
    assert abs(s) < 2 or k < 3.5


def test_log_ct_formula_and_order():
    x = np.array([0.0, 1.0, 2.0, 100.0])
    a = 0.01 * 100
    assert np.allclose(log_ct(x), np.log(x - 0 + a))
    assert np.all(np.diff(log_ct(-x[::-1], skew_sign=-1)) > 0)  # order kept for low tails


def test_auto_falls_back_to_log_and_records():
    x = np.r_[np.ones(40), 2, 3, 1000, 2000, 5000]
    t = treat_outliers(pd.DataFrame({"v": x}), "auto", winmax=1)
    assert t.details.loc["v", "treatment"] == "log"
    assert (t.flag_labels()["v"] == "log").all()
    assert np.allclose(t.data["v"], log_ct(x))
    w = treat_outliers(pd.DataFrame({"v": x}), "winsorise", winmax=2)
    assert w.details.loc["v", "n_winsorised"] == (w.flags["v"] > 0).sum() == 2
    assert (w.flag_labels()["v"] == "winhi").sum() == 2
    none = treat_outliers(pd.DataFrame({"v": x}), "none")
    assert none.details.loc["v", "failed_before"] and (none.data["v"] == x).all()
    with pytest.raises(IndexSpecError, match="unknown"):
        treat_outliers(pd.DataFrame({"v": x}), "trim")
