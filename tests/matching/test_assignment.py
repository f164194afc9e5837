"""Supplier assignment: against brute force on small random instances, limits, ties."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.matching import MatchingError, assign_suppliers


def _pairs(rows, limits=None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["firm_id", "requirement_id", "fit", "margin", "eligible"])
    frame["buyer_id"] = "B-" + frame["requirement_id"]
    if limits is not None:
        frame["max_suppliers"] = frame["requirement_id"].map(limits).astype(float)
    return frame


def _feasible(chosen, firm_limit, limits):
    firms = pd.Series([c[0] for c in chosen]).value_counts()
    reqs = pd.Series([c[1] for c in chosen]).value_counts()
    return (firms <= firm_limit).all() and all(
        reqs.get(r, 0) <= lim for r, lim in limits.items() if not np.isnan(lim)
    )


def _brute_force(pairs: pd.DataFrame, firm_limit: int, limits: dict, key) -> tuple:
    """Best value of ``key(rows)`` over every subset of the eligible pairs that is feasible."""
    rows = [
        tuple(r)
        for r in pairs[pairs["eligible"]][
            ["firm_id", "requirement_id", "fit", "margin"]
        ].itertuples(index=False)
    ]
    best = None
    for k in range(len(rows) + 1):
        for subset in itertools.combinations(rows, k):
            if _feasible(subset, firm_limit, limits):
                value = key(subset)
                best = value if best is None or value > best else best
    return best


@st.composite
def assignment_problems(draw, equal_fits=False):
    firms = [f"f{i}" for i in range(draw(st.integers(1, 4)))]
    reqs = [f"r{j}" for j in range(draw(st.integers(1, 3)))]
    cells = [(f, r) for f in firms for r in reqs]
    chosen = draw(st.lists(st.sampled_from(cells), unique=True, min_size=1, max_size=8))
    rows = []
    for f, r in chosen:
        fit = 1.0 if equal_fits else draw(st.sampled_from([0.2, 0.5, 0.7, 1.0]))
        rows.append(
            (
                f,
                r,
                fit,
                draw(st.sampled_from([0.0, 0.1, 0.3, 0.6])),
                draw(st.booleans()) or equal_fits,
            )
        )
    limits = {r: draw(st.sampled_from([1.0, 2.0, np.nan])) for r in reqs}
    return _pairs(rows, limits), draw(st.integers(1, 2)), limits


@settings(max_examples=150, deadline=None)
@given(assignment_problems())
def test_total_fit_equals_brute_force(problem):
    pairs, firm_limit, limits = problem
    out = assign_suppliers(pairs, max_buyers_per_firm=firm_limit, tie_break=None)
    chosen = list(zip(out["firm_id"], out["requirement_id"], strict=True))
    assert _feasible(chosen, firm_limit, limits)
    assert set(chosen) <= set(
        zip(
            pairs.loc[pairs["eligible"], "firm_id"],
            pairs.loc[pairs["eligible"], "requirement_id"],
            strict=True,
        )
    )
    best = _brute_force(pairs, firm_limit, limits, lambda s: sum(x[2] for x in s))
    assert out["fit"].sum() == pytest.approx(best, abs=1e-9)
    assert out.attrs["objective"] == pytest.approx(best, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(assignment_problems(equal_fits=True))
def test_ties_go_to_the_largest_headroom_lexicographically(problem):
    pairs, firm_limit, limits = problem
    out = assign_suppliers(pairs, max_buyers_per_firm=firm_limit)
    best = _brute_force(
        pairs, firm_limit, limits, lambda s: (len(s), round(sum(x[3] for x in s), 9))
    )
    assert (len(out), round(out["margin"].sum(), 9)) == best


@settings(max_examples=60, deadline=None)
@given(assignment_problems())
def test_unequal_fits_with_a_tie_break_keep_the_best_total_fit(problem):
    pairs, firm_limit, limits = problem
    out = assign_suppliers(pairs, max_buyers_per_firm=firm_limit)
    best = _brute_force(
        pairs,
        firm_limit,
        limits,
        lambda s: (round(sum(x[2] for x in s), 9), round(sum(x[3] for x in s), 9)),
    )
    assert (round(out["fit"].sum(), 9), round(out["margin"].sum(), 9)) == best


def test_requirement_limit_default_and_no_limit():
    rows = [(f, "r", 1.0, 0.0, True) for f in "abcd"]
    assert len(assign_suppliers(_pairs(rows, {"r": np.nan}))) == 4  # no limit
    assert len(assign_suppliers(_pairs(rows, {"r": np.nan}), max_suppliers=2)) == 2
    assert len(assign_suppliers(_pairs(rows, {"r": 3.0}), max_suppliers=2)) == 3  # own limit
    assert len(assign_suppliers(_pairs(rows))) == 4  # no column


def test_stronger_supplier_wins_a_single_slot():
    rows = [
        ("weak", "r", 1.0, 0.05, True),
        ("strong", "r", 1.0, 0.40, True),
        ("ineligible", "r", 0.7, np.nan, False),
    ]
    out = assign_suppliers(_pairs(rows, {"r": 1.0}))
    assert out["firm_id"].tolist() == ["strong"]


def test_nothing_eligible_gives_an_empty_frame():
    out = assign_suppliers(_pairs([("a", "r", 0.5, np.nan, False)]))
    assert out.empty and list(out.columns[:4]) == ["firm_id", "requirement_id", "buyer_id", "fit"]


def test_bad_parameters():
    pairs = _pairs([("a", "r", 1.0, 0.0, True)])
    with pytest.raises(MatchingError, match="max_buyers_per_firm"):
        assign_suppliers(pairs, max_buyers_per_firm=0)
    with pytest.raises(MatchingError, match="max_suppliers"):
        assign_suppliers(pairs, max_suppliers=0)
    with pytest.raises(MatchingError, match="missing column 'fit'"):
        assign_suppliers(pairs.drop(columns="fit"))


def test_sample_assignment_respects_every_limit(sample):
    from ikmpolicy.matching import firm_profile, requirement_gaps

    prof = firm_profile(sample["firms"], sample["assessments"], sample.indicators, "2025-12-31")
    pairs = requirement_gaps(prof, sample["buyer_requirements"], sample.indicators)
    out = assign_suppliers(pairs, max_buyers_per_firm=1)
    assert out["firm_id"].is_unique
    limits = sample["buyer_requirements"].set_index("requirement_id")["max_suppliers"]
    assert (
        out["requirement_id"].value_counts()
        <= limits.reindex(out["requirement_id"].value_counts().index)
    ).all()
    eligible = set(
        zip(
            pairs.loc[pairs["eligible"], "firm_id"],
            pairs.loc[pairs["eligible"], "requirement_id"],
            strict=True,
        )
    )
    assert set(zip(out["firm_id"], out["requirement_id"], strict=True)) <= eligible


# An independent solver: with one supplier per requirement, one requirement per firm and every
# pair eligible with a positive fit, the best assignment is the classical assignment problem,
# which scipy.optimize.linear_sum_assignment solves (Crouse 2016's shortest augmenting path).
# Its documented example (scipy docs, linear_sum_assignment): cost [[4, 1, 3], [2, 0, 5],
# [3, 2, 2]] has the optimal rows -> columns 0->1, 1->0, 2->2 at total cost 5.
def _complete_pairs(fit: np.ndarray) -> pd.DataFrame:
    rows = [
        (f"f{i}", f"r{j}", float(fit[i, j]), 0.0, True)
        for i in range(fit.shape[0])
        for j in range(fit.shape[1])
    ]
    return _pairs(rows, {f"r{j}": 1.0 for j in range(fit.shape[1])})


def test_scipy_documented_assignment_example():
    cost = np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]], dtype=float)
    fit = cost.max() + 1 - cost  # maximising fit = minimising cost, every fit positive
    out = assign_suppliers(_complete_pairs(fit), tie_break=None)
    assert sorted(zip(out["firm_id"], out["requirement_id"], strict=True)) == [
        ("f0", "r1"),
        ("f1", "r0"),
        ("f2", "r2"),
    ]
    assert 3 * (cost.max() + 1) - out.attrs["objective"] == pytest.approx(5.0)


@pytest.mark.parametrize("shape", [(4, 4), (6, 3), (3, 7), (9, 9)])
@pytest.mark.parametrize("seed", range(3))
def test_total_fit_equals_linear_sum_assignment(shape, seed):
    from scipy.optimize import linear_sum_assignment

    fit = np.random.default_rng(seed).uniform(0.05, 1.0, shape)
    out = assign_suppliers(_complete_pairs(fit), tie_break=None)
    r, c = linear_sum_assignment(fit, maximize=True)
    assert out.attrs["objective"] == pytest.approx(fit[r, c].sum(), rel=1e-9)
    assert len(out) == min(shape)
