"""Tests for SAW: a published Indonesian worked example, zeros where they are defined, refusals
where they are not, the constant-criterion convention, properties and pymcdm as an oracle."""

from fractions import Fraction as Fr

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm import normalizations
from pymcdm.methods import WSM

from ikmpolicy.mcda import DecisionMatrixError, saw

from .strategies import decision_problems

# Kusumadewi, S., Hartati, S., Harjoko, A. & Wardoyo, R. (2006). Fuzzy Multi-Attribute Decision
# Making (Fuzzy MADM). Graha Ilmu, Yogyakarta: SAW example of the snack-food company XYZ choosing
# an investment. C1 price (cost), C2 value of the investment in 10 years (benefit), C3 support to
# productivity (benefit), C4 priority of need (cost), C5 availability (benefit); W = (25, 15, 30,
# 25, 5) %. Data as reproduced in "Cara perhitungan dan contoh kasus metode SAW"
# (informasi-anakutm.blogspot.com, 2016) and in the Troodon library's SAW example.
XYZ = pd.DataFrame(
    [[150, 15, 2, 2, 3], [500, 200, 2, 3, 2], [200, 10, 3, 1, 3], [350, 100, 3, 1, 2]],
    index=["A1", "A2", "A3", "A4"],
    columns=["C1", "C2", "C3", "C4", "C5"],
)
XYZ_W = [25, 15, 30, 25, 5]
XYZ_BENEFIT = [False, True, True, False, True]


def test_kusumadewi_2006_investment_example():
    # The example's steps in exact fractions: R = x / max (benefit), min / x (cost), V = R w.
    x = XYZ.to_numpy()
    w = [Fr(v, 100) for v in XYZ_W]
    expected = []
    for row in x:
        r = [
            Fr(int(row[j]), int(x[:, j].max()))
            if XYZ_BENEFIT[j]
            else Fr(int(x[:, j].min()), int(row[j]))
            for j in range(5)
        ]
        expected.append(float(sum(wj * rj for wj, rj in zip(w, r, strict=True))))
    res = saw(XYZ, XYZ_W, XYZ_BENEFIT)
    np.testing.assert_allclose(res["score"], expected, rtol=1e-12)
    # V = 0.6363, 0.5417, 0.7950, 0.7655: the book chooses A3, then A4, A1, A2
    np.testing.assert_allclose(res["score"], [0.63625, 0.541667, 0.795, 0.765476], atol=5e-7)
    assert res["rank"].tolist() == [3, 4, 1, 2]


def test_hand_computed_scores():
    # r = x / max for benefit, min / x for cost (Hwang & Yoon 1981, pp. 99-103).
    x = pd.DataFrame({"quality": [80, 60, 70], "price": [200, 100, 150]}, index=list("abc"))
    res = saw(x, [0.5, 0.5], [True, False])
    expected = [0.5 * 1 + 0.5 * 0.5, 0.5 * 0.75 + 0.5 * 1, 0.5 * 0.875 + 0.5 * 100 / 150]
    np.testing.assert_allclose(res["score"], expected)
    assert res["rank"].tolist() == [3, 1, 2]
    mm = saw(x, [0.5, 0.5], [True, False], normalisation="minmax")
    np.testing.assert_allclose(mm["score"], [0.5, 0.5, 0.5])
    assert mm["rank"].tolist() == [1, 1, 1]


def test_benefit_scores_from_zero_are_accepted():
    # Indonesian SAW studies score criteria on 0..4 or 0..100 ("tidak ada" = 0): x / max is
    # defined for a 0 on a benefit criterion and gives r = 0.
    x = pd.DataFrame(
        {"certificates": [0, 1, 2], "training": [4, 0, 2], "price": [10, 20, 40]},
        index=["p", "q", "r"],
    )
    res = saw(x, [0.4, 0.3, 0.3], [True, True, False])
    expected = [
        0.4 * 0 + 0.3 * 1 + 0.3 * 1,
        0.4 * 0.5 + 0.3 * 0 + 0.3 * 0.5,
        0.4 * 1 + 0.3 * 0.5 + 0.3 * 0.25,
    ]
    np.testing.assert_allclose(res["score"], expected)
    # a negative value on a benefit criterion with a positive maximum is defined too
    neg = saw(pd.DataFrame({"margin": [-2.0, 4.0]}), [1], [True])
    np.testing.assert_allclose(neg["score"], [-0.5, 1.0])


def test_undefined_values_are_refused_with_the_reason():
    with pytest.raises(
        DecisionMatrixError,
        match=r"value 0 for alternative 1 on cost criterion 1.*min / x.*undefined",
    ):
        saw([[1, 2], [2, 0]], [1, 1], [True, False])
    with pytest.raises(DecisionMatrixError, match=r"cost criterion 0.*negative"):
        saw([[-1.0], [2.0]], [1], [False])
    with pytest.raises(
        DecisionMatrixError, match=r"benefit criterion 'x' has largest value 0.*x / max.*undefined"
    ):
        saw(pd.DataFrame({"x": [0, 0], "y": [1, 2]}), [1, 1], [True, True])
    with pytest.raises(DecisionMatrixError, match=r"largest value -1.*reverses"):
        saw(pd.DataFrame({"x": [-3, -1]}), [1], [True])
    with pytest.raises(DecisionMatrixError, match="unknown normalisation 'l2'"):
        saw([[1, 2]], [1, 1], [True, True], normalisation="l2")
    # min-max takes all of these
    assert saw([[1, 2], [2, 0]], [1, 1], [True, False], normalisation="minmax")[
        "rank"
    ].tolist() == [2, 1]


def test_minmax_constant_criterion_gives_everyone_one():
    x = pd.DataFrame({"a": [1.0, 3.0, 2.0], "same": [5.0, 5.0, 5.0]})
    res = saw(x, [0.5, 0.5], [True, False], normalisation="minmax")
    np.testing.assert_allclose(res["score"], [0.5 * 0 + 0.5, 0.5 * 1 + 0.5, 0.5 * 0.5 + 0.5])
    # the same value max normalisation gives a constant positive criterion (x / max = 1)
    np.testing.assert_allclose(saw(x[["same"]], [1], [True])["score"], [1.0, 1.0, 1.0])


problems = decision_problems((2, 10), (1, 5))


@settings(max_examples=100, deadline=None)
@given(problems, st.data())
def test_scores_invariant_to_scaling_a_criterion(p, data):
    x, w, b = p
    j = data.draw(st.integers(0, x.shape[1] - 1))
    y = x.copy()
    y[:, j] *= data.draw(st.floats(1e-3, 1e3))
    np.testing.assert_allclose(saw(x, w, b)["score"], saw(y, w, b)["score"], rtol=1e-9)


@settings(max_examples=100, deadline=None)
@given(problems, st.floats(-50, 50))
def test_minmax_adding_a_constant_criterion_keeps_the_ranks(p, c):
    x, w, b = p
    base = saw(x, w, b, normalisation="minmax")
    more = saw(
        np.column_stack([x, np.full(len(x), c)]),
        np.r_[w, 0.3],
        np.r_[b, True],
        normalisation="minmax",
    )
    # the extra column adds the same 1 to every score, then all are rescaled: an affine map,
    # so the order of any two scores is kept (ties compared with a float tolerance)
    a, m = base["score"].to_numpy(), more["score"].to_numpy()
    da, dm = a[:, None] - a[None, :], m[:, None] - m[None, :]
    assert not ((da > 1e-9) & (dm < -1e-9)).any()
    assert not ((np.abs(da) <= 1e-12) & (np.abs(dm) > 1e-9)).any()


# pymcdm (Kizielewicz, Shekhovtsov & Sałabun 2023, SoftwareX 22, 101368) as an oracle: its WSM is
# SAW with a per-criterion normalisation. Conventions: pymcdm's linear_normalization is x / max
# and min / x but refuses any zero, even on benefit criteria (as this package used to); its
# max_normalization is the same x / max for benefit criteria. So the oracle normalises benefit
# columns with max_normalization and cost columns with linear_normalization. Its
# minmax_normalization gives a constant column all ones, the convention used here.
def _pymcdm_saw(x, w, b, minmax=False):
    if minmax:
        fns = [normalizations.minmax_normalization] * x.shape[1]
    else:
        fns = [
            normalizations.max_normalization if bj else normalizations.linear_normalization
            for bj in b
        ]
    # validation=False: pymcdm only warns there (dominated alternatives), which is noise here
    return WSM(fns)(x, np.asarray(w) / np.sum(w), np.where(b, 1, -1), validation=False)


with_zeros = decision_problems((2, 9), (1, 5), values=st.integers(0, 10).map(float))


@settings(max_examples=150, deadline=None)
@given(with_zeros)
def test_matches_pymcdm_with_benefit_zeros(p):
    x, w, b = p
    # undefined cases are refused here and by construction not sent to the oracle
    x[:, ~b] += 1  # costs positive
    x[:, b & (x.max(axis=0) == 0)] += 1  # every benefit criterion has a positive maximum
    np.testing.assert_allclose(saw(x, w, b)["score"], _pymcdm_saw(x, w, b), rtol=1e-12)


@settings(max_examples=150, deadline=None)
@given(decision_problems((2, 9), (1, 5), values=st.integers(-5, 5).map(float)))
def test_minmax_matches_pymcdm(p):
    x, w, b = p
    np.testing.assert_allclose(
        saw(x, w, b, normalisation="minmax")["score"],
        _pymcdm_saw(x, w, b, minmax=True),
        rtol=1e-12,
        atol=1e-14,
    )
