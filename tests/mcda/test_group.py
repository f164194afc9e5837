"""Tests for group AHP: AIJ / AIP aggregation, respondent weights, consensus, helices."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ikmpolicy.mcda import (
    JudgementError,
    aggregate_judgements,
    ahp,
    balance_weights,
    consensus,
    priorities_by_group,
)


def _m(w):
    w = np.asarray(w, float)
    return w[:, None] / w[None, :]


def test_aij_is_the_weighted_geometric_mean_of_judgements():
    a = pd.DataFrame(
        [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]], index=list("xyz"), columns=list("xyz")
    )
    b = pd.DataFrame(
        [[1, 1 / 3, 7], [3, 1, 1], [1 / 7, 1, 1]], index=list("xyz"), columns=list("xyz")
    )
    b = b.loc[list("zyx"), list("zyx")]  # other label order: aligned by label
    g = aggregate_judgements({"r1": a, "r2": b}, weights={"r1": 2, "r2": 1})
    assert list(g.index) == list("xyz")
    assert g.loc["x", "y"] == pytest.approx(3 ** (2 / 3) * (1 / 3) ** (1 / 3))
    assert g.loc["x", "z"] == pytest.approx(5 ** (2 / 3) * 7 ** (1 / 3))
    np.testing.assert_allclose(g.to_numpy() * g.to_numpy().T, 1.0)
    res = ahp(g, scale=None)
    assert res.weights.sum() == pytest.approx(1.0)


weights_list = st.integers(3, 7).flatmap(
    lambda n: st.lists(arrays(np.float64, n, elements=st.floats(0.05, 1.0)), min_size=2, max_size=6)
)


@settings(max_examples=80, deadline=None)
@given(weights_list, st.data())
def test_aij_and_aip_agree_under_geometric_prioritisation(ws, data):
    # Row geometric means commute with element-wise geometric means, so AIJ + geometric method
    # equals AIP with geometric means (Forman & Peniwati 1998), whatever the judgements.
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    mats = []
    for w in ws:
        m = _m(w) * np.exp(rng.normal(0, 0.3, (len(w), len(w))))
        iu = np.triu_indices(len(w), 1)
        m[(iu[1], iu[0])] = 1 / m[iu]
        np.fill_diagonal(m, 1)
        mats.append(m)
    rw = rng.uniform(0.1, 1, len(mats))
    aij = ahp(aggregate_judgements(mats, weights=rw), method="geometric", scale=None).weights
    aip = aggregate_judgements(mats, method="aip", weights=rw, ahp_method="geometric")
    np.testing.assert_allclose(aij.to_numpy(), aip.to_numpy(), rtol=1e-10)


def test_aip_arithmetic_mean_of_consistent_priorities():
    pri = aggregate_judgements(
        [_m([0.5, 0.5]), _m([0.9, 0.1])], method="aip", aip_mean="arithmetic"
    )
    np.testing.assert_allclose(pri.to_numpy(), [0.7, 0.3])


def test_mismatched_or_incomplete_matrices_are_refused():
    a = pd.DataFrame(_m([1, 2]), index=list("ab"), columns=list("ab"))
    b = pd.DataFrame(_m([1, 2]), index=list("ac"), columns=list("ac"))
    with pytest.raises(JudgementError, match="differ from the first matrix"):
        aggregate_judgements({"r1": a, "r2": b})
    with pytest.raises(JudgementError, match="finite positive"):
        aggregate_judgements([_m([1, 2]), np.array([[1, np.nan], [np.nan, 1]])])
    with pytest.raises(ValueError, match="respondent weights missing"):
        aggregate_judgements({"r1": a, "r2": a}, weights={"r1": 1})


def test_balance_weights_give_each_helix_the_same_say():
    groups = {
        "g1": "government",
        "g2": "government",
        "g3": "government",
        "a1": "academia",
        "b1": "business",
        "b2": "business",
    }
    w = balance_weights(groups)
    assert w.sum() == pytest.approx(1.0)
    by_helix = w.groupby(pd.Series(groups)).sum()
    np.testing.assert_allclose(by_helix.to_numpy(), 1 / 3)
    assert w["g1"] == pytest.approx(1 / 9) and w["a1"] == pytest.approx(1 / 3)


def test_priorities_by_group_side_by_side():
    mats = {"g1": _m([0.6, 0.3, 0.1]), "g2": _m([0.6, 0.3, 0.1]), "b1": _m([0.1, 0.3, 0.6])}
    for k in mats:
        mats[k] = pd.DataFrame(
            mats[k], index=["cost", "skill", "access"], columns=["cost", "skill", "access"]
        )
    out = priorities_by_group(mats, {"g1": "gov", "g2": "gov", "b1": "business"})
    assert list(out.columns) == ["gov", "business", "all"]
    np.testing.assert_allclose(out["gov"], [0.6, 0.3, 0.1])
    np.testing.assert_allclose(out["business"], [0.1, 0.3, 0.6])
    # Balanced: gov and business count equally, so cost and access come out equal.
    assert out.loc["cost", "all"] == pytest.approx(out.loc["access", "all"])


def test_consensus_is_kendall_w_of_priority_rankings():
    same = [_m([0.5, 0.3, 0.2]), _m([0.7, 0.2, 0.1])]
    assert consensus(same)["W"] == pytest.approx(1.0)
    opposite = [_m([0.5, 0.3, 0.2]), _m([0.2, 0.3, 0.5])]
    assert consensus(opposite)["W"] == pytest.approx(0.0)
    # Three respondents, rankings (1,2,3), (1,3,2), (2,1,3): rank sums 4, 6, 8 -> S = 8,
    # W = 12 S / (m^2 (n^3 - n)) = 96 / 216.
    three = [_m([0.5, 0.3, 0.2]), _m([0.5, 0.2, 0.3]), _m([0.3, 0.5, 0.2])]
    assert consensus(three)["W"] == pytest.approx(96 / 216)


def test_consensus_p_value_is_exact_for_few_criteria():
    # two respondents ranking three criteria the same way: Friedman's (1937) exact P = 1/6
    # (chi-square would say exp(-2) = 0.135)
    same = [_m([0.5, 0.3, 0.2]), _m([0.7, 0.2, 0.1])]
    res = consensus(same)
    assert res["test"] == "exact"
    assert res["pval"] == pytest.approx(1 / 6)


@pytest.mark.parametrize("seed", range(4))
def test_aij_is_scipy_weighted_gmean_and_aip_the_mean_of_ahp_priorities(seed):
    # independent computation: scipy.stats.gmean with the respondents' weights, element by
    # element (Aczel & Saaty 1983; Forman & Peniwati 1998, eq. for AIJ), and for AIP the
    # weighted geometric / arithmetic mean of each respondent's own AHP priorities, normalised
    from scipy.stats import gmean

    rng = np.random.default_rng(seed)
    scale = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])
    mats = []
    for _ in range(5):
        m = np.ones((4, 4))
        iu = np.triu_indices(4, 1)
        m[iu] = rng.choice(scale, size=len(iu[0]))
        m[(iu[1], iu[0])] = 1 / m[iu]
        mats.append(m)
    w = rng.uniform(0.5, 2.0, 5)
    group = aggregate_judgements(mats, "aij", weights=w)
    stack = np.stack(mats)
    each = np.broadcast_to(w[:, None, None], stack.shape)
    np.testing.assert_allclose(group, gmean(stack, axis=0, weights=each), rtol=1e-12)
    pri = np.stack([ahp(m, scale=None).weights.to_numpy() for m in mats])
    geo = gmean(pri, axis=0, weights=np.broadcast_to(w[:, None], pri.shape))
    aip = aggregate_judgements(mats, "aip", weights=w)
    np.testing.assert_allclose(aip.to_numpy(), geo / geo.sum(), rtol=1e-10)
    ari = aggregate_judgements(mats, "aip", weights=w, aip_mean="arithmetic")
    np.testing.assert_allclose(ari.to_numpy(), np.average(pri, axis=0, weights=w), rtol=1e-10)
