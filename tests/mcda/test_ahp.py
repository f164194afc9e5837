"""Tests for ikmpolicy.mcda.ahp: published examples, an independent eigen-solver, properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ikmpolicy.mcda import JudgementError, ahp, ahp_batch, pairwise_matrix, random_index

# Saaty, T. L. (2008). "Decision making with the analytic hierarchy process". Int. J. Services
# Sciences 1(1), 83-98, Table 2 ("Which drink is consumed more in the U.S.?"): derived
# priorities .177 .019 .042 .116 .190 .129 .327 and C.R. = .022 (with the RI of Saaty 2005).
# The same matrix and values are in the test suite of the Python package AHPy
# (tests/test_ahp.py, test_drinks_*).
DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS_M = np.array(
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]
)


def test_saaty_2008_drinks_priorities_and_cr():
    m = pd.DataFrame(DRINKS_M, index=DRINKS, columns=DRINKS)
    res = ahp(m, random_index_table="saaty2005")
    expected = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    np.testing.assert_allclose(res.weights.round(3).to_numpy(), expected, atol=0)
    assert list(res.weights.index) == DRINKS
    assert round(res.cr, 3) == 0.022
    assert res.random_index == 1.35
    # AHPy reproduces the same priorities to 4 decimals (tests/test_ahp.py).
    ahpy4 = {
        "beer": 0.1164,
        "coffee": 0.1775,
        "milk": 0.1288,
        "sodas": 0.1896,
        "tea": 0.0418,
        "water": 0.3268,
        "wine": 0.0191,
    }
    assert res.weights.round(4).to_dict() == ahpy4


# Saaty, T. L. (2005). Theory and Applications of the Analytic Network Process, RWS
# Publications: choosing a city (criteria and five judgement matrices). Overall priorities
# Bethesda .229, Boston .275, Pittsburgh .385, Santa Fe .111, as reproduced in AHPy's test
# suite (tests/test_ahp.py::test_cities_weights_saaty_precision_3). Given as a long table to
# exercise pairwise_matrix too.
CITIES = {
    "goal": {
        ("Culture", "Housing"): 3,
        ("Culture", "Transportation"): 5,
        ("Family", "Culture"): 5,
        ("Family", "Housing"): 7,
        ("Family", "Transportation"): 7,
        ("Housing", "Transportation"): 3,
        ("Jobs", "Culture"): 2,
        ("Jobs", "Housing"): 4,
        ("Jobs", "Transportation"): 7,
        ("Family", "Jobs"): 1,
    },
    "Culture": {
        ("Bethesda", "Pittsburgh"): 1,
        ("Boston", "Bethesda"): 2,
        ("Boston", "Pittsburgh"): 2.5,
        ("Boston", "Santa Fe"): 1,
        ("Santa Fe", "Bethesda"): 2,
        ("Santa Fe", "Pittsburgh"): 2.5,
    },
    "Family": {
        ("Bethesda", "Boston"): 2,
        ("Bethesda", "Santa Fe"): 4,
        ("Boston", "Santa Fe"): 2,
        ("Pittsburgh", "Bethesda"): 3,
        ("Pittsburgh", "Boston"): 8,
        ("Pittsburgh", "Santa Fe"): 9,
    },
    "Housing": {
        ("Bethesda", "Boston"): 5,
        ("Bethesda", "Santa Fe"): 2.5,
        ("Pittsburgh", "Bethesda"): 2,
        ("Pittsburgh", "Boston"): 9,
        ("Pittsburgh", "Santa Fe"): 7,
        ("Santa Fe", "Boston"): 4,
    },
    "Jobs": {
        ("Bethesda", "Pittsburgh"): 3,
        ("Bethesda", "Santa Fe"): 4,
        ("Boston", "Bethesda"): 2,
        ("Boston", "Pittsburgh"): 6,
        ("Boston", "Santa Fe"): 8,
        ("Pittsburgh", "Santa Fe"): 1,
    },
    "Transportation": {
        ("Bethesda", "Boston"): 1.5,
        ("Bethesda", "Santa Fe"): 4,
        ("Boston", "Santa Fe"): 2.5,
        ("Pittsburgh", "Bethesda"): 2,
        ("Pittsburgh", "Boston"): 3.5,
        ("Pittsburgh", "Santa Fe"): 9,
    },
}


def test_saaty_2005_cities_hierarchy_synthesis():
    rows = [
        {"respondent_id": node, "criterion_a": a, "criterion_b": b, "value": float(v)}
        for node, pairs in CITIES.items()
        for (a, b), v in pairs.items()
    ]
    table = pd.DataFrame(rows)
    goal = pairwise_matrix(table[table.respondent_id == "goal"])["goal"]
    alts = ["Bethesda", "Boston", "Pittsburgh", "Santa Fe"]
    local = pairwise_matrix(table[table.respondent_id != "goal"], criteria=alts)
    crit_w = ahp(goal).weights
    overall = sum(crit_w[c] * ahp(local[c]).weights for c in crit_w.index)
    assert overall.round(3).to_dict() == {
        "Bethesda": 0.229,
        "Boston": 0.275,
        "Pittsburgh": 0.385,
        "Santa Fe": 0.111,
    }


# Saaty, T. L. (1990). "How to make a decision: the analytic hierarchy process". EJOR 48, 9-26,
# Table 2 (criteria for buying a house: size, transportation, neighbourhood, age, yard space,
# modern facilities, general condition, financing): priorities .173 .054 .188 .018 .031 .036
# .167 .333, lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169 (RI(8) = 1.41 of Saaty 1980). The
# matrix is as reproduced in public AHP code (e.g. HOUSE_PCM in several GitHub repositories).
HOUSE_M = np.array(
    [
        [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
        [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
        [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
        [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
        [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
        [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
        [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
        [4, 7, 5, 8, 6, 6, 2, 1],
    ]
)


def test_saaty_1990_house_criteria():
    res = ahp(HOUSE_M)
    expected = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    np.testing.assert_allclose(res.weights.to_numpy(), expected, atol=5e-4)
    assert res.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert res.ci == pytest.approx(0.238, abs=5e-4)
    assert res.cr == pytest.approx(0.169, abs=5e-4)
    assert res.random_index == 1.41
    assert not res.is_consistent()


def test_saaty_wealth_of_nations():
    # Saaty, T. L. (1977), J. Math. Psychology 15, 234-281, and Saaty (1980), The Analytic
    # Hierarchy Process, ch. 2: relative wealth of the US, USSR, China, France, UK, Japan and
    # West Germany; eigenvector .427 .230 .021 .052 .052 .123 .094 and lambda_max = 7.61.
    m = np.array(
        [
            [1, 4, 9, 6, 6, 5, 5],
            [1 / 4, 1, 7, 5, 5, 3, 4],
            [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
            [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
            [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
            [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
            [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
        ]
    )
    res = ahp(m)
    expected = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]
    np.testing.assert_allclose(res.weights.to_numpy(), expected, atol=5e-4)
    assert res.lambda_max == pytest.approx(7.61, abs=5e-3)


def test_drinks_cr_with_donegan_dodd_random_index():
    # AHPy's test suite (PhilipGriffith/AHPy, tests/test_ahp.py::test_drinks_cr_dd): the drinks
    # matrix of Saaty (2008) with the random index of Donegan & Dodd (1991), RI(7) = 1.2519,
    # gives CR = 0.0235.
    res = ahp(DRINKS_M, random_index_table="donegan_dodd")
    assert res.random_index == 1.2519
    assert round(res.cr, 4) == 0.0235


def test_eigenvector_matches_lapack_on_drinks():
    # Independent computation: LAPACK's dense eigen-solver.
    vals, vecs = np.linalg.eig(DRINKS_M)
    k = np.argmax(vals.real)
    w = np.abs(vecs[:, k].real)
    w /= w.sum()
    res = ahp(DRINKS_M)
    np.testing.assert_allclose(res.weights.to_numpy(), w, rtol=1e-10)
    assert res.lambda_max == pytest.approx(vals.real[k], rel=1e-12)
    n = 7
    assert res.ci == pytest.approx((vals.real[k] - n) / (n - 1), rel=1e-10)
    assert res.cr == pytest.approx(res.ci / 1.32, rel=1e-12)  # Saaty 1980 table: RI(7) = 1.32


def test_column_mean_and_geometric_by_hand():
    m = np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
    colsum = m.sum(axis=0)
    w_col = (m / colsum).mean(axis=1)
    res = ahp(m, method="column_mean")
    np.testing.assert_allclose(res.weights.to_numpy(), w_col, rtol=1e-12)
    # Hand calculation as in textbooks: lambda_max = mean of (A w)_i / w_i.
    lam = np.mean(m @ w_col / w_col)
    assert res.lambda_max == pytest.approx(lam)
    assert res.ci == pytest.approx((lam - 3) / 2)
    assert res.cr == pytest.approx((lam - 3) / 2 / 0.58)
    g = np.array([15 ** (1 / 3), (2 / 3) ** (1 / 3), 0.1 ** (1 / 3)])
    np.testing.assert_allclose(ahp(m, method="geometric").weights, g / g.sum(), rtol=1e-12)
    # lambda_estimate="eigenvalue" gives the matrix's own lambda_max whatever the method.
    eig = ahp(m).lambda_max
    assert ahp(m, method="column_mean", lambda_estimate="eigenvalue").lambda_max == eig


def test_random_index_tables():
    assert [random_index(n) for n in range(1, 16)] == [
        0.0,
        0.0,
        0.58,
        0.90,
        1.12,
        1.24,
        1.32,
        1.41,
        1.45,
        1.49,
        1.51,
        1.48,
        1.56,
        1.57,
        1.59,
    ]
    # Alonso & Lamata (2006), IJUFKBS 14(4), 445-459: the paper's RI table, n = 3..15
    assert [random_index(n, "alonso_lamata") for n in range(3, 16)] == [
        0.5245,
        0.8815,
        1.1086,
        1.2479,
        1.3417,
        1.4056,
        1.4499,
        1.4854,
        1.5141,
        1.5365,
        1.5551,
        1.5713,
        1.5838,
    ]
    # the copy that circulates under the same citation differs at n = 3, 4, 8 and 11
    variant = [random_index(n, "alonso_lamata_variant") for n in range(3, 16)]
    assert variant == [
        0.5247,
        0.8816,
        1.1086,
        1.2479,
        1.3417,
        1.4057,
        1.4499,
        1.4854,
        1.5140,
        1.5365,
        1.5551,
        1.5713,
        1.5838,
    ]
    differ = [
        n
        for n in range(3, 16)
        if random_index(n, "alonso_lamata") != random_index(n, "alonso_lamata_variant")
    ]
    assert differ == [3, 4, 8, 11]
    assert random_index(4, {4: 0.8}) == 0.8
    with pytest.raises(ValueError, match="no value for n = 16"):
        random_index(16)
    with pytest.raises(ValueError, match="unknown random index table"):
        random_index(3, "nope")
    # The table is selectable from ahp() and changes CR, not the weights.
    a = ahp(DRINKS_M, random_index_table="alonso_lamata")
    b = ahp(DRINKS_M)
    assert a.cr == pytest.approx(b.ci / 1.3417)
    np.testing.assert_array_equal(a.weights, b.weights)


def test_alonso_lamata_tables_agree_with_a_fresh_simulation():
    # An independent computation: RI(n) is the mean CI of random reciprocal matrices whose upper
    # triangle is drawn uniformly from Saaty's 17 values 1/9..9 (Alonso & Lamata 2006). Both
    # Alonso-Lamata copies lie within 4 standard errors of 50,000 fresh matrices; Saaty's
    # (1980) table, from a much smaller simulation, does not.
    scale = np.array(
        [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    )
    rng = np.random.default_rng(2006)
    k = 50_000
    for n in (3, 4, 5):
        iu = np.triu_indices(n, 1)
        m = np.ones((k, n, n))
        v = scale[rng.integers(0, 17, size=(k, len(iu[0])))]
        m[:, iu[0], iu[1]] = v
        m[:, iu[1], iu[0]] = 1 / v
        ci = ahp_batch(m, check=False).ci
        mean, se = ci.mean(), ci.std(ddof=1) / np.sqrt(k)
        for table in ("alonso_lamata", "alonso_lamata_variant"):
            assert abs(random_index(n, table) - mean) < 4 * se, (n, table, mean, se)
        assert abs(random_index(n, "saaty") - mean) > 4 * se


@pytest.mark.parametrize("method", ["eigenvector", "geometric", "column_mean"])
def test_cr_is_zero_for_n_le_2(method):
    assert ahp([[1]], method=method).cr == 0.0
    res = ahp([[1, 7], [1 / 7, 1]], method=method)
    assert res.cr == 0.0 and res.ci == 0.0
    np.testing.assert_allclose(res.weights, [7 / 8, 1 / 8])


weight_vectors = st.integers(2, 9).flatmap(
    lambda n: arrays(np.float64, n, elements=st.floats(0.02, 1.0))
)


@settings(max_examples=150, deadline=None)
@given(weight_vectors, st.sampled_from(["eigenvector", "geometric", "column_mean"]))
def test_consistent_matrix_gives_back_its_weights(w, method):
    w = w / w.sum()
    m = w[:, None] / w[None, :]
    res = ahp(m, method=method, scale=None)
    np.testing.assert_allclose(res.weights.to_numpy(), w, rtol=1e-9, atol=1e-12)
    assert res.lambda_max == pytest.approx(len(w), rel=1e-9)
    assert abs(res.cr) < 1e-9
    assert abs(res.gci) < 1e-12


reciprocal = st.integers(3, 9).flatmap(
    lambda n: arrays(
        np.float64,
        n * (n - 1) // 2,
        elements=st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9]),
    )
)


def _from_upper(v):
    n = int((1 + np.sqrt(1 + 8 * len(v))) / 2)
    m = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    m[iu] = v
    m[(iu[1], iu[0])] = 1 / v
    return m


@settings(max_examples=150, deadline=None)
@given(reciprocal)
def test_eigenvector_matches_lapack_on_any_reciprocal_matrix(v):
    m = _from_upper(v)
    vals, vecs = np.linalg.eig(m)
    k = np.argmax(vals.real)
    w = np.abs(vecs[:, k].real)
    w /= w.sum()
    res = ahp(m)
    np.testing.assert_allclose(res.weights.to_numpy(), w, rtol=1e-7, atol=1e-12)
    assert res.lambda_max == pytest.approx(vals.real[k], rel=1e-10)
    assert res.lambda_max >= len(m) - 1e-9  # Saaty (1977): lambda_max >= n


def test_batch_equals_one_by_one():
    rng = np.random.default_rng(1)
    stack = np.stack([_from_upper(rng.choice([1 / 9, 1 / 3, 1, 3, 9], 36)) for _ in range(50)])
    for method in ("eigenvector", "geometric", "column_mean"):
        batch = ahp_batch(stack, method=method)
        for i in range(0, 50, 7):
            one = ahp(stack[i], method=method)
            np.testing.assert_allclose(batch.weights[i], one.weights.to_numpy(), rtol=1e-10)
            assert batch.cr[i] == pytest.approx(one.cr, rel=1e-10, abs=1e-14)


def test_non_reciprocal_matrix_is_refused():
    m = pd.DataFrame(
        [[1, 3, 5], [1 / 3, 1, 2], [1 / 4, 1 / 2, 1]], index=list("ABC"), columns=list("ABC")
    )
    with pytest.raises(JudgementError, match=r"not reciprocal at pair \(A, C\).*expected 1/5"):
        ahp(m)


def test_values_outside_saaty_scale_are_refused():
    with pytest.raises(JudgementError, match=r"= 12 is outside the scale 1/9..9"):
        ahp([[1, 12], [1 / 12, 1]])
    # ...unless the caller says the matrix holds measured ratios.
    assert ahp([[1, 12], [1 / 12, 1]], scale=None).weights[0] == pytest.approx(12 / 13)


def test_bad_shapes_and_values_are_refused():
    with pytest.raises(JudgementError, match="square"):
        ahp([[1, 2, 3], [1 / 2, 1, 1]])
    with pytest.raises(JudgementError, match="positive"):
        ahp([[1, -2], [-1 / 2, 1]])
    with pytest.raises(JudgementError, match="diagonal"):
        ahp([[2, 1], [1, 1]])
    with pytest.raises(ValueError, match="unknown AHP method"):
        ahp([[1]], method="power")
    with pytest.raises(JudgementError, match="not reciprocal"):
        ahp_batch(np.array([[[1, 2], [1, 1]]]))
