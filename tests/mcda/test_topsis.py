"""Tests for TOPSIS against a published example, a naive implementation and properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from ikmpolicy.mcda import DecisionMatrixError, topsis

from .strategies import decision_problems


def test_tzeng_huang_2011_example():
    # Tzeng, G.-H. & Huang, J.-J. (2011). Multiple Attribute Decision Making: Methods and
    # Applications. CRC Press, TOPSIS example (4 alternatives, 3 benefit criteria, w = .3 .4 .3):
    # closeness .5037 .6581 .7482 .3340. Reproduced in scikit-criteria's test suite
    # (tests/agg/test_topsis.py::test_TOPSIS_tzeng2011multiple).
    x = pd.DataFrame(
        [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]],
        index=["A1", "A2", "A3", "A4"],
        columns=["DUR", "CAP", "REL"],
    )
    res = topsis(x, [0.3, 0.4, 0.3], [True, True, True])
    np.testing.assert_allclose(res["closeness"], [0.5037, 0.6581, 0.7482, 0.3340], atol=5e-5)
    assert res["rank"].tolist() == [3, 2, 1, 4]
    assert list(res.index) == ["A1", "A2", "A3", "A4"]


def test_hwang_yoon_1981_fighter_aircraft():
    # Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making, Springer, p. 133:
    # four aircraft on maximum speed, ferry range, maximum payload, acquisition cost (cost),
    # reliability and manoeuvrability (the last two on the 1-9 interval scale), w = (.2, .1, .1,
    # .1, .2, .3). Published S* = .0545 .1197 .0580 .1009, S- = .0983 .0439 .0920 .0458,
    # C* = .643 .268 .613 .312 (book rounded its normalised matrix to 4 decimals, hence the last
    # digit of the distances). Values as transcribed in ldss-hse/ldss-benchmark,
    # benchmark/methods/topsis/test_core.py.
    x = pd.DataFrame(
        [
            [2.0, 1500, 20000, 5.5, 5, 9],
            [2.5, 2700, 18000, 6.5, 3, 5],
            [1.8, 2000, 21000, 4.5, 7, 7],
            [2.2, 1800, 20000, 5.0, 5, 5],
        ],
        index=["A1", "A2", "A3", "A4"],
        columns=["speed", "range", "payload", "cost", "reliability", "manoeuvrability"],
    )
    res = topsis(x, [0.2, 0.1, 0.1, 0.1, 0.2, 0.3], [True, True, True, False, True, True])
    np.testing.assert_allclose(res["d_plus"], [0.0545, 0.1197, 0.0580, 0.1009], atol=2e-4)
    np.testing.assert_allclose(res["d_minus"], [0.0983, 0.0439, 0.0920, 0.0458], atol=2e-4)
    np.testing.assert_allclose(res["closeness"], [0.643, 0.268, 0.613, 0.312], atol=1e-3)
    assert res["rank"].tolist() == [1, 4, 2, 3]


def _naive_topsis(x, w, b):
    # Hwang & Yoon (1981) step by step, written independently of the library.
    r = x / np.sqrt((x**2).sum(axis=0))
    v = r * (w / w.sum())
    ideal = np.where(b, v.max(axis=0), v.min(axis=0))
    anti = np.where(b, v.min(axis=0), v.max(axis=0))
    sp = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    sm = np.sqrt(((v - anti) ** 2).sum(axis=1))
    return sm / (sp + sm)


problems = decision_problems((2, 12), (1, 6), values=st.floats(0.5, 1000))


@settings(max_examples=150, deadline=None)
@given(problems)
def test_matches_naive_hwang_yoon(p):
    x, w, b = p
    if np.any(np.ptp(x, axis=0) == 0):
        x = x + np.arange(x.shape[0])[:, None]  # keep every criterion discriminating
    res = topsis(x, w, b)
    np.testing.assert_allclose(res["closeness"], _naive_topsis(x, w, b), rtol=1e-9, atol=1e-12)


@settings(max_examples=150, deadline=None)
@given(problems, st.data())
def test_ranking_invariant_to_scaling_a_criterion(p, data):
    x, w, b = p
    j = data.draw(st.integers(0, x.shape[1] - 1))
    k = data.draw(st.floats(1e-3, 1e3))
    norm = data.draw(st.sampled_from(["vector", "minmax", "max", "sum"]))
    if np.any(np.ptp(x, axis=0) == 0):
        x = x + np.arange(x.shape[0])[:, None]
    y = x.copy()
    y[:, j] *= k
    a, c = topsis(x, w, b, normalisation=norm), topsis(y, w, b, normalisation=norm)
    np.testing.assert_allclose(a["closeness"], c["closeness"], rtol=1e-8, atol=1e-12)


def test_cost_criterion_reverses_the_order():
    x = pd.DataFrame({"price": [100.0, 200.0, 300.0]}, index=["a", "b", "c"])
    assert topsis(x, [1], [False])["rank"].tolist() == [1, 2, 3]
    assert topsis(x, [1], [True])["rank"].tolist() == [3, 2, 1]
    # Labelled weights / flags are matched by criterion name.
    y = pd.DataFrame({"q": [1.0, 2.0], "p": [5.0, 1.0]})
    r1 = topsis(y, {"p": 0.5, "q": 0.5}, {"p": False, "q": True})
    r2 = topsis(y, [0.5, 0.5], [True, False])
    np.testing.assert_allclose(r1["closeness"], r2["closeness"])


def test_bad_inputs_are_refused_clearly():
    x = pd.DataFrame({"a": [1.0, np.nan], "b": [1.0, 2.0]}, index=["f1", "f2"])
    with pytest.raises(DecisionMatrixError, match=r"alternative 'f2', criterion 'a'"):
        topsis(x, [1, 1], [True, True])
    with pytest.raises(DecisionMatrixError, match="expected 2 weights"):
        topsis([[1, 2], [3, 4]], [1], [True, True])
    with pytest.raises(DecisionMatrixError, match="non-negative"):
        topsis([[1, 2], [3, 4]], [1, -1], [True, True])
    with pytest.raises(DecisionMatrixError, match="benefit must hold one boolean"):
        topsis([[1, 2], [3, 4]], [1, 1], ["max", "min"])
    with pytest.raises(DecisionMatrixError, match="cannot be normalised"):
        topsis([[0, 2], [0, 4]], [1, 1], [True, True])
    with pytest.raises(DecisionMatrixError, match="unknown normalisation"):
        topsis([[1, 2], [3, 4]], [1, 1], [True, True], normalisation="l3")


# pymcdm (Kizielewicz, Shekhovtsov & Sałabun 2023, SoftwareX 22, 101368) as an oracle. Its TOPSIS
# turns a cost column into a benefit one inside the normalisation (vector: 1 - x / ||x||;
# minmax: (max - x) / (max - min); max: 1 - x / max), then takes the ideal as the column
# maximum; that is a reflection and a shift of our normalised column, so the distances and the
# closeness are the same. Its sum normalisation of a cost column is (1 / x) / sum(1 / x), not a
# linear map of x / sum(x): "sum" is therefore not compared. pymcdm's default normalisation is
# minmax, ours is vector (Hwang & Yoon 1981).
@settings(max_examples=100, deadline=None)
@given(problems, st.sampled_from(["vector", "minmax", "max"]))
def test_matches_pymcdm(p, norm):
    x, w, b = p
    if np.any(np.ptp(x, axis=0) == 0):
        x = x + np.arange(x.shape[0])[:, None]
    fn = {
        "vector": normalizations.vector_normalization,
        "minmax": normalizations.minmax_normalization,
        "max": normalizations.max_normalization,
    }[norm]
    oracle = TOPSIS(fn)(x, w / w.sum(), np.where(b, 1, -1), validation=False)
    np.testing.assert_allclose(
        topsis(x, w, b, normalisation=norm)["closeness"], oracle, rtol=1e-9, atol=1e-12
    )
