"""Ranking all Monte Carlo runs at once gives, run by run, the ranks of the per-run path
(``rank_matrix``): the criteria left out per run, the tie rule, benefit and cost directions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.mcda import DecisionMatrixError
from ikmpolicy.recommend.batch_ranking import rank_rows, rank_runs
from ikmpolicy.recommend.ranking import CRITERIA, criteria_weights, rank_matrix

C = len(CRITERIA)


@st.composite
def stacks(draw):
    """N runs of an A x C matrix: few distinct values (ties), columns constant in some runs and
    not in others (the criteria used differ between runs), some weights 0."""
    n = draw(st.integers(1, 6))
    a = draw(st.integers(1, 9))
    pool = draw(
        st.lists(
            st.one_of(
                st.integers(0, 6).map(float),
                st.floats(0, 1e9, allow_nan=False, allow_infinity=False),
                st.floats(-50, 50, allow_nan=False, allow_infinity=False),
            ),
            min_size=1,
            max_size=4,
        )
    )
    x = np.array(
        [[[draw(st.sampled_from(pool)) for _ in range(C)] for _ in range(a)] for _ in range(n)]
    )
    for run, col in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, C - 1)))):
        x[run, :, col] = x[run, 0, col]  # a criterion that does not discriminate in this run
    if draw(st.booleans()):  # a near-constant column: inside or outside the 1e-12 tolerance
        col = draw(st.integers(0, C - 1))
        x[:, :, col] = 1e6
        x[0, 0, col] += draw(st.sampled_from([1e-7, 1e-5, 1.0]))
    weights = criteria_weights(
        {c: draw(st.sampled_from([0, 1, 2, 5])) for c in CRITERIA} | {"priority": 1}
    ).to_numpy()
    return x, weights


def per_run(x, weights, method, **options):
    return np.stack([rank_matrix(run, weights, method, **options)[1] for run in x])


@settings(max_examples=300, deadline=None)
@given(
    stacks(),
    st.sampled_from(
        [
            ("topsis", {}),
            ("topsis", {"normalisation": "minmax"}),
            ("topsis", {"normalisation": "max"}),
            ("topsis", {"normalisation": "sum"}),
            ("vikor", {}),
            ("vikor", {"v": 0.0}),
            ("vikor", {"v": 0.8}),
            ("promethee_ii", {}),
        ]
    ),
)
def test_the_batch_ranks_every_run_as_the_per_run_path(case, method):
    x, weights = case
    name, options = method
    try:
        expected = per_run(x, weights, name, **options)
    except DecisionMatrixError as exc:  # e.g. "sum" of a column that sums to 0
        with pytest.raises(DecisionMatrixError, match=str(exc)[:40]):
            rank_runs(x, weights, name, **options)
        return
    got = rank_runs(x, weights, name, **options)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, expected)


def test_runs_that_use_different_criteria_are_ranked_apart():
    # run 0: every criterion discriminates; run 1: only the cost does (a cost: cheapest first)
    x = np.array(
        [
            [[3, 20, 3e8, 6, 0.3], [0, 5, 2e7, 3, 0.1], [1, 30, 1.5e8, 6, 0.2]],
            [[1, 1, 3e8, 6, 0.2], [1, 1, 2e7, 6, 0.2], [1, 1, 1.5e8, 6, 0.2]],
        ],
        dtype=float,
    )
    w = criteria_weights().to_numpy()
    got = rank_runs(x, w)
    np.testing.assert_array_equal(got, per_run(x, w, "topsis"))
    assert got[1].tolist() == [3, 1, 2]


def test_a_run_where_nothing_discriminates_ranks_all_first():
    x = np.ones((2, 4, C))
    x[1, :, 0] = [1, 2, 3, 4]
    got = rank_runs(x, criteria_weights().to_numpy())
    assert got[0].tolist() == [1, 1, 1, 1]
    assert got[1].tolist() == [4, 3, 2, 1]


def test_non_finite_values_and_unknown_options_take_the_per_run_path():
    x = np.arange(2 * 3 * C, dtype=float).reshape(2, 3, C)
    w = criteria_weights().to_numpy()
    with pytest.raises(TypeError):
        rank_runs(x, w, "topsis", normalization="minmax")
    with pytest.raises(DecisionMatrixError, match="v must be"):
        rank_runs(x, w, "vikor", v=2)
    # a column holding NaN or inf has no finite spread: rank_matrix leaves it out of that run
    x[1, 2, 0], x[0, 1, 3] = np.nan, np.inf
    for method in ("topsis", "vikor"):
        np.testing.assert_array_equal(rank_runs(x, w, method), per_run(x, w, method))


def test_rank_rows_shares_the_best_rank_among_ties():
    got = rank_rows(np.array([[0.5, 0.2, 0.5, 0.1], [1.0, 1.0, 1.0, 1.0]]))
    assert got.tolist() == [[3, 2, 3, 1], [1, 1, 1, 1]]


def test_no_runs_or_no_actions():
    w = criteria_weights().to_numpy()
    assert rank_runs(np.zeros((0, 3, C)), w).shape == (0, 3)
    assert rank_runs(np.zeros((4, 0, C)), w).shape == (4, 0)
