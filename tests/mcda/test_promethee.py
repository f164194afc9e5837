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
