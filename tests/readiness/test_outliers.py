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


# --- published worked examples of the sample moments --------------------------------------------
# The docstring claims Excel's SKEW/KURT (= e1071 type 2 = COINr skew()/kurt()). Microsoft's own
# examples, as printed in the Office help pages: "SKEW function" (support.office.com,
# article d6bbb873-7f85-4b5c-bd9a-231a75073ccb; Office 97 help the same): SKEW(3,4,5,2,3,4,5,6,
# 4,7) = 0.359543; "KURT function" (article 636ee7c1-5db9-43d7-a046-6f90118d97ce; Office 97
# help): KURT(3,4,5,2,3,4,5,6,4,7) = -0.1518. Further published spreadsheet examples of the
# same two functions: KURT(10,20,30,-20) = 1.5 (bettersolutions.com, "KURT function");
# KURT(35,31,47,51,37,31,58,39) = -0.7496238078 (ComponentOne Spread.NET 8 help, "KURT");
# SKEW(16,17,19,12,11,10,9) = 0.367654 (Ability Office 2004 help, "SKEW"); SKEW of
# (4,9,11,10,5) = -0.4369344921493, (1,2,3,5,6,11) = 1.16584702768 and (0,29,41,18,4,38) =
# -0.21921252920 (ZCubes Calci manual, "SKEW"; the last agrees to 8 decimals only: -0.2192125262
# here and in scipy.stats.skew(bias=False), which match the manual's other two to every digit).
EXCEL = [3, 4, 5, 2, 3, 4, 5, 6, 4, 7]


def test_skew_and_kurt_reproduce_the_published_spreadsheet_examples():
    assert skew(EXCEL) == pytest.approx(0.359543, abs=5e-7)
    assert kurt(EXCEL) == pytest.approx(-0.1518, abs=5e-5)
    assert kurt([10, 20, 30, -20]) == pytest.approx(1.5, abs=1e-12)
    assert kurt([35, 31, 47, 51, 37, 31, 58, 39]) == pytest.approx(-0.7496238078, abs=5e-11)
    assert skew([16, 17, 19, 12, 11, 10, 9]) == pytest.approx(0.367654, abs=5e-7)
    assert skew([4, 9, 11, 10, 5]) == pytest.approx(-0.4369344921493, abs=5e-13)
    assert skew([0, 29, 41, 18, 4, 38]) == pytest.approx(-0.21921252920, abs=5e-9)
    assert skew([1, 2, 3, 5, 6, 11]) == pytest.approx(1.16584702768, abs=5e-11)
    # the population (biased) moments would not do: scipy's bias=True gives other numbers
    assert stats.skew(EXCEL, bias=True) != pytest.approx(0.359543, abs=1e-3)


def test_coinr_treat_test_suite_cases():
    # COINr's own test suite, tests/testthat/test-treat.R, "treat_num": x = c(1:10, 100) fails
    # check_SkewKurt; winsorising (winmax = 5) turns 100 into 10, leaves 1..10 alone and
    # passes. x = c(1:20, 100, 200) with winmax = 1 still fails after winsorising.
    x = np.r_[1:11, 100].astype(float)
    assert bool(check_outliers(pd.DataFrame({"x": x})).loc["x", "failed"])
    w, flags, n = winsorise(x, winmax=5)
    assert w.tolist() == list(range(1, 11)) + [10]
    assert n == 1 and flags[-1] == 1
    assert not bool(check_outliers(pd.DataFrame({"x": w})).loc["x", "failed"])
    x2 = np.r_[1:21, 100, 200].astype(float)
    w2, _, n2 = winsorise(x2, winmax=1)
    assert n2 == 1 and bool(check_outliers(pd.DataFrame({"x": w2})).loc["x", "failed"])
    # with the second stage allowed (COINr Treat(f2 = ...)), "auto" applies the log instead
    t = treat_outliers(pd.DataFrame({"x": x2}), "auto", winmax=1)
    assert t.details.loc["x", "treatment"] == "log"
