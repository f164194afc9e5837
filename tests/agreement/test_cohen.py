"""Cohen's kappa against R irr::kappa2 values and an exact identity for quadratic weights."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.agreement import cohen_kappa

# R irr, data(anxiety), raters 2 and 3 (values as in R's DescTools / irr documentation).
# kappa2(anxiety[, 2:3]) = -0.006289308; weight = "equal": 0.1459075; "squared": 0.2520325.
# These R outputs are recorded in statsmodels' test suite (statsmodels/stats/tests/
# test_inter_rater.py, the ck_w1..ck_w3 holders).
RATER2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
RATER3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]


def test_irr_kappa2_anxiety():
    assert cohen_kappa(RATER2, RATER3) == pytest.approx(-0.006289308, abs=1e-9)
    assert cohen_kappa(RATER2, RATER3, weights="linear") == pytest.approx(0.1459075, abs=1e-7)
    assert cohen_kappa(RATER2, RATER3, weights="quadratic") == pytest.approx(0.2520325, abs=1e-7)


def test_two_by_two_textbook_table():
    # 50 units: both "yes" 20, both "no" 15, A yes/B no 5, A no/B yes 10:
    # p_o = .7, p_e = .5 * .6 + .5 * .4 = .5, kappa = .4 (the Wikipedia "Cohen's kappa" example).
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(b, a) == pytest.approx(0.4)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=2, max_size=40))
def test_quadratic_kappa_equals_lins_concordance(pairs):
    # Exact identity for equally spaced categories (Fleiss & Cohen 1973): quadratic-weighted
    # kappa = 2 s_xy / (s_x^2 + s_y^2 + (mean_x - mean_y)^2), moments with 1/n.
    x = np.array([p[0] for p in pairs], float)
    y = np.array([p[1] for p in pairs], float)
    denom = x.var() + y.var() + (x.mean() - y.mean()) ** 2
    if denom == 0:
        return
    ccc = 2 * np.mean((x - x.mean()) * (y - y.mean())) / denom
    k = cohen_kappa(x, y, weights="quadratic", categories=[1, 2, 3, 4, 5])
    assert k == pytest.approx(ccc, abs=1e-12)


def test_missing_and_bad_input():
    assert cohen_kappa([1, 2, None, 2], [1, 2, 1, 2]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="different numbers of units"):
        cohen_kappa([1, 2], [1])
    with pytest.raises(ValueError, match="not in categories"):
        cohen_kappa(["a"], ["b"], categories=["a"])
    with pytest.raises(ValueError, match="weights must be"):
        cohen_kappa([1], [1], weights="cubic")


def test_errors_are_agreement_errors():
    from ikmpolicy.agreement import AgreementError
    from ikmpolicy.errors import InputError

    with pytest.raises(AgreementError, match="no unit labelled by both raters"):
        cohen_kappa([None, None], [None, None])
    assert issubclass(AgreementError, InputError)
