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


def _expand(table):
    """Rater A's and rater B's labels (1..k) from a k x k table of counts (rows: A)."""
    a, b = [], []
    for i, row in enumerate(table, start=1):
        for j, count in enumerate(row, start=1):
            a += [i] * count
            b += [j] * count
    return a, b


def test_sas_printout_recorded_by_statsmodels():
    # SAS PROC FREQ printout for the 3 x 3 table [[0, 4, 1], [0, 8, 0], [0, 1, 5]], recorded in
    # statsmodels' statsmodels/stats/tests/test_inter_rater.py (table10): simple kappa 0.4842,
    # weighted kappa 0.4701 with weights [0, 1, 2] (linear, Cicchetti-Allison). Rater B never
    # uses category 1, rater A does.
    a, b = _expand([[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    assert round(cohen_kappa(a, b), 4) == 0.4842
    assert round(cohen_kappa(a, b, weights="linear"), 4) == 0.4701


def test_cohen_1968_table():
    # Cohen (1968), proportions [[.44, .07, .09], [.05, .20, .05], [.01, .03, .06]] with
    # n = 200, as in the examples of R psych::cohen.kappa ("cohen reports .492"; Cohen's .348 is
    # for his own weight matrix, which this function does not take).
    props = [[0.44, 0.07, 0.09], [0.05, 0.20, 0.05], [0.01, 0.03, 0.06]]
    a, b = _expand([[round(200 * p) for p in row] for row in props])
    assert round(cohen_kappa(a, b), 3) == 0.492


def test_undefined_kappa_raises_instead_of_nan():
    from ikmpolicy.agreement import AgreementError

    # both raters used one and the same category for every unit: kappa = 0/0
    for weights in (None, "linear", "quadratic"):
        with pytest.raises(AgreementError, match="no variation"):
            cohen_kappa([2, 2, 2], [2, 2, 2], weights=weights, categories=[1, 2, 3])
    with pytest.raises(AgreementError, match="must not repeat"):
        cohen_kappa([1, 2], [1, 2], categories=[1, 2, 2])
