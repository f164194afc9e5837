"""Tests for PROMETHEE II: hand example, a naive implementation, preference functions."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm.methods import PROMETHEE_II

from ikmpolicy.mcda import DecisionMatrixError, promethee_ii

from .strategies import decision_problems


def test_hand_computed_flows():
    # Usual criterion (Brans & Vincke 1985, type I). Pairs: a-b quality a (.6) vs price b (.4);
    # a-c both to a (1); b-c quality c (.6) vs price b (.4). phi+(a) = (0.6 + 1) / 2 = 0.8 ...
    x = pd.DataFrame({"quality": [8, 6, 7], "price": [120, 100, 150]}, index=["a", "b", "c"])
    res = promethee_ii(x, [0.6, 0.4], [True, False])
    np.testing.assert_allclose(res["phi_plus"], [0.8, 0.4, 0.3])
    np.testing.assert_allclose(res["phi_minus"], [0.2, 0.6, 0.7])
    np.testing.assert_allclose(res["phi"], [0.6, -0.2, -0.4])
    assert res["rank"].tolist() == [1, 2, 3]


# Brans, J.-P., Vincke, Ph. & Mareschal, B. (1986). "How to select and how to rank projects: the
# PROMETHEE method". EJOR 24, 228-238: six alternatives, six equally weighted criteria, one of
# each generalised criterion: g1 (min) U-shape q = 10, g2 (max) V-shape p = 30, g3 (min) linear
# q = .5 p = 5, g4 (min) level q = 1 p = 6, g5 (min) usual, g6 (max) Gaussian s = 5. The
# preference indices pi(a, b) to 3 decimals as in the test suite of
# WAndraszyk/Construct-your-own-PROMETHEE-with-Python-for-MCDA
# (unit_tests/preference/test_PrometheePreference.py, compared there with atol .006). The
# published indices were summed from per-criterion values rounded to 2 decimals, so a few differ
# from the exact ones in the third decimal: tolerance .0015.
BVM_X = np.array(
    [
        [80, 90, 6, 5.4, 8, 5],
        [65, 58, 2, 9.7, 1, 1],
        [83, 60, 4, 7.2, 4, 7],
        [40, 80, 10, 7.5, 7, 10],
        [52, 72, 6, 2.0, 3, 8],
        [94, 96, 7, 3.6, 5, 6],
    ]
)
BVM_PI = np.array(
    [
        [0.000, 0.296, 0.250, 0.268, 0.100, 0.185],
        [0.462, 0.000, 0.389, 0.333, 0.296, 0.500],
        [0.236, 0.180, 0.000, 0.333, 0.056, 0.429],
        [0.399, 0.505, 0.305, 0.000, 0.223, 0.212],
        [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
        [0.286, 0.399, 0.250, 0.432, 0.133, 0.000],
    ]
)


def test_brans_vincke_mareschal_1986_all_six_preference_functions():
    pref = ["u-shape", "v-shape", "linear", "level", "usual", "gaussian"]
    benefit = [False, True, False, False, False, True]
    q = [10, None, 0.5, 1, None, None]
    p = [None, 30, 5, 6, None, None]
    s = [None, None, None, None, None, 5]
    res = promethee_ii(BVM_X, [1] * 6, benefit, preference=pref, q=q, p=p, s=s)
    # flows implied by the published preference indices
    np.testing.assert_allclose(res["phi_plus"], BVM_PI.sum(axis=1) / 5, atol=1.5e-3)
    np.testing.assert_allclose(res["phi_minus"], BVM_PI.sum(axis=0) / 5, atol=1.5e-3)
    phi = (BVM_PI.sum(axis=1) - BVM_PI.sum(axis=0)) / 5
    np.testing.assert_allclose(res["phi"], phi, atol=1.5e-3)
    assert res["rank"].tolist() == list(np.argsort(np.argsort(-phi)) + 1)
    # the same problem with every per-criterion setting given by label, in another order
    labels = [f"g{j}" for j in range(1, 7)]
    x = pd.DataFrame(BVM_X, columns=labels)
    by_label = promethee_ii(
        x,
        dict(zip(labels, [1] * 6, strict=True)),
        dict(zip(labels, benefit, strict=True)),
        preference=dict(reversed(list(zip(labels, pref, strict=True)))),
        q={"g4": 1, "g3": 0.5, "g1": 10},
        p=pd.Series({"g4": 6, "g3": 5, "g2": 30}),
        s={"g6": 5},
    )
    np.testing.assert_allclose(by_label["phi"], res["phi"], atol=1e-12)


def test_per_criterion_mappings_are_matched_by_label():
    # A dict of preference functions or thresholds used to be read in its own order, so a
    # mapping not in column order silently gave a threshold to the wrong criterion.
    x = pd.DataFrame({"quality": [8, 6, 7], "price": [120, 100, 150]}, index=["a", "b", "c"])
    res = promethee_ii(
        x,
        [0.5, 0.5],
        [True, False],
        preference={"price": "v-shape", "quality": "usual"},
        p={"price": 100},
    )
    # by hand: pi(a,b) = .5, pi(b,a) = .5 * 20/100, pi(a,c) = .5 + .5 * 30/100, pi(c,a) = 0,
    # pi(b,c) = .5 * 50/100, pi(c,b) = .5
    np.testing.assert_allclose(res["phi_plus"], [0.575, 0.175, 0.25])
    np.testing.assert_allclose(res["phi_minus"], [0.05, 0.5, 0.45])
    with pytest.raises(DecisionMatrixError, match=r"functions labels.*missing \['price'\]"):
        promethee_ii(x, [1, 1], [True, False], preference={"quality": "usual"})
    with pytest.raises(DecisionMatrixError, match=r"q thresholds labels.*unknown \['cost'\]"):
        promethee_ii(x, [1, 1], [True, False], preference="u-shape", q={"cost": 1})
    with pytest.raises(DecisionMatrixError, match=r"criterion 'quality' \(u-shape\) needs"):
        promethee_ii(x, [1, 1], [True, False], preference="u-shape", q={"price": 1})


def _naive(x, w, b, fn):
    m, n = x.shape
    w = np.asarray(w) / np.sum(w)
    pi = np.zeros((m, m))
    for a in range(m):
        for c in range(m):
            if a != c:
                for j in range(n):
                    d = x[a, j] - x[c, j] if b[j] else x[c, j] - x[a, j]
                    pi[a, c] += w[j] * fn(d)
    return (pi.sum(1) - pi.sum(0)) / (m - 1)


PREFS = {
    # Brans & Vincke (1985), Table 1: the six generalised criteria, here with q = 1, p = 3, s = 2.
    "usual": lambda d: float(d > 0),
    "u-shape": lambda d: float(d > 1),
    "v-shape": lambda d: 0.0 if d <= 0 else min(d / 3, 1.0),
    "level": lambda d: 0.0 if d <= 1 else (0.5 if d <= 3 else 1.0),
    "linear": lambda d: 0.0 if d <= 1 else min((d - 1) / 2, 1.0),
    "gaussian": lambda d: 0.0 if d <= 0 else 1 - np.exp(-d * d / 8),
}

problems = decision_problems(
    (2, 7), (1, 4), values=st.integers(0, 10).map(float), weights=st.floats(0.05, 1)
)


@settings(max_examples=60, deadline=None)
@given(problems, st.sampled_from(sorted(PREFS)))
def test_matches_naive_double_loop(p, pref):
    x, w, b = p
    res = promethee_ii(x, w, b, preference=pref, q=1.0, p=3.0, s=2.0)
    np.testing.assert_allclose(res["phi"], _naive(x, w, b, PREFS[pref]), atol=1e-12)
    assert res["phi"].sum() == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(problems, st.data())
def test_usual_criterion_ranking_invariant_to_scaling(p, data):
    x, w, b = p
    j = data.draw(st.integers(0, x.shape[1] - 1))
    y = x.copy()
    y[:, j] *= data.draw(st.floats(1e-3, 1e3))
    np.testing.assert_allclose(
        promethee_ii(x, w, b)["phi"], promethee_ii(y, w, b)["phi"], atol=1e-12
    )


def test_missing_threshold_is_refused():
    with pytest.raises(DecisionMatrixError, match=r"needs a non-negative threshold p"):
        promethee_ii([[1, 2], [3, 4]], [1, 1], [True, True], preference="v-shape")
    with pytest.raises(DecisionMatrixError, match="below the indifference threshold"):
        promethee_ii([[1, 2], [3, 4]], [1, 1], [True, True], preference="linear", q=2, p=1)
    with pytest.raises(DecisionMatrixError, match="unknown preference function"):
        promethee_ii([[1, 2], [3, 4]], [1, 1], [True, True], preference="step")


# pymcdm (Kizielewicz, Shekhovtsov & Sałabun 2023, SoftwareX 22, 101368) as an oracle for the net
# flow. Its preference functions are named 'usual', 'ushape' (our "u-shape"), 'vshape'
# ("v-shape"), 'level' and 'vshape_2' (our "linear", Brans & Vincke's type V); it has no Gaussian
# criterion (type VI), which is compared with the naive double loop above instead. Thresholds
# are given per criterion in both.
PYMCDM_NAMES = {
    "usual": "usual",
    "u-shape": "ushape",
    "v-shape": "vshape",
    "level": "level",
    "linear": "vshape_2",
}


@settings(max_examples=100, deadline=None)
@given(problems, st.sampled_from(sorted(PYMCDM_NAMES)))
def test_net_flow_matches_pymcdm(p, pref):
    x, w, b = p
    n = x.shape[1]
    q, pp = [1.0] * n, [3.0] * n
    ours = promethee_ii(x, w, b, preference=pref, q=q, p=pp)
    oracle = PROMETHEE_II(PYMCDM_NAMES[pref], p=pp, q=q)(
        x, w / w.sum(), np.where(b, 1, -1), validation=False
    )
    np.testing.assert_allclose(ours["phi"], oracle, atol=1e-12)
