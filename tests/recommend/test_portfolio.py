"""Portfolio under a budget: against brute force on small random instances, and its properties."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.recommend._errors import PortfolioError
from ikmpolicy.recommend.portfolio import (
    BRIEF_STEPS_IDR,
    budget_curve,
    next_step,
    select_portfolio,
)

FIRMS = [f"f{k}" for k in range(5)]
REQS = ["R1", "R2"]


@st.composite
def instances(draw, max_actions=7):
    n = draw(st.integers(1, max_actions))
    rows = []
    for _ in range(n):
        programme = draw(st.sampled_from(["p", "q", "r"]))
        members = tuple(sorted(draw(st.sets(st.sampled_from(FIRMS), min_size=1, max_size=3))))
        pairs = tuple(
            sorted(
                draw(
                    st.sets(st.tuples(st.sampled_from(members), st.sampled_from(REQS)), max_size=3)
                )
            )
        )
        rows.append(
            {
                "intervention_id": programme,
                "cost_idr": draw(st.integers(0, 10)) * 25e6,
                "participants": members,
                "eligible_pairs": pairs,
                # multiples of 0.5: sums are exact, so brute force and solver tie exactly
                "readiness_gain_total": draw(st.integers(0, 8)) * 0.5,
            }
        )
    actions = pd.DataFrame(rows, index=[f"a{k}" for k in range(n)])
    capacity = {p: draw(st.one_of(st.none(), st.integers(0, 4))) for p in ["p", "q", "r"]}
    budget = draw(st.integers(0, 40)) * 12.5e6
    return actions, capacity, budget


def feasible(actions, subset, capacity, budget) -> bool:
    rows = actions.iloc[list(subset)]
    if rows["cost_idr"].sum() > budget + 1e-6:
        return False
    for programme, group in rows.groupby("intervention_id"):
        seats = [f for members in group["participants"] for f in members]
        if len(seats) != len(set(seats)):  # a firm takes a programme once
            return False
        cap = capacity.get(programme)
        if cap is not None and len(seats) > cap:
            return False
    return True


def brute_force(actions, capacity, budget):
    """The lexicographic optimum (pairs, gain, -cost) over every subset."""
    best = None
    for size in range(len(actions) + 1):
        for subset in itertools.combinations(range(len(actions)), size):
            if not feasible(actions, subset, capacity, budget):
                continue
            rows = actions.iloc[list(subset)]
            pairs = {p for ps in rows["eligible_pairs"] for p in ps}
            key = (len(pairs), rows["readiness_gain_total"].sum(), -rows["cost_idr"].sum())
            if best is None or key > best:
                best = key
    return best


@settings(max_examples=120, deadline=None)
@given(instances())
def test_portfolio_matches_brute_force(instance):
    actions, capacity, budget = instance
    p = select_portfolio(actions, budget, capacity)
    pairs, gain, neg_cost = brute_force(actions, capacity, budget)
    assert p.eligible_pairs == pairs
    assert p.readiness_gain == pytest.approx(gain)
    assert p.cost_idr == pytest.approx(-neg_cost)
    # and the chosen set is itself feasible and delivers what it reports
    positions = [actions.index.get_loc(a) for a in p.selected]
    assert feasible(actions, positions, capacity, budget)
    chosen = actions.loc[list(p.selected)]
    assert len({q for ps in chosen["eligible_pairs"] for q in ps}) == p.eligible_pairs


@settings(max_examples=60, deadline=None)
@given(instances(max_actions=6))
def test_more_budget_never_buys_less(instance):
    actions, capacity, _ = instance
    curve = budget_curve(actions, capacity, steps=[0, 50e6, 100e6, 200e6], points=3)
    keys = list(zip(curve["eligible_pairs"], curve["readiness_gain"], strict=True))
    assert keys == sorted(keys)
    assert (curve["cost_idr"] <= curve["budget_idr"] + 1e-6).all()
    everything = curve[curve["kind"] == "all"].iloc[0]
    unlimited = select_portfolio(actions, None, capacity)
    assert everything["budget_idr"] == pytest.approx(unlimited.cost_idr)
    assert everything["eligible_pairs"] == unlimited.eligible_pairs


def test_a_pair_reached_twice_counts_once():
    actions = pd.DataFrame(
        {
            "intervention_id": ["p", "q"],
            "cost_idr": [10e6, 10e6],
            "participants": [("f1",), ("f1",)],
            "eligible_pairs": [(("f1", "R1"),), (("f1", "R1"),)],
            "readiness_gain_total": [1.0, 1.0],
        },
        index=["a", "b"],
    )
    p = select_portfolio(actions, 20e6)
    assert p.eligible_pairs == 1 and p.eligible_firms == 1
    assert p.selected == ("a", "b")  # the second still adds readiness
    assert p.gain_per_million == pytest.approx(2.0 / 20)


def test_capacity_and_one_seat_per_firm():
    actions = pd.DataFrame(
        {
            "intervention_id": ["p", "p", "p"],
            "cost_idr": [1e6, 1e6, 1e6],
            "participants": [("f1", "f2"), ("f2", "f3"), ("f4", "f5", "f6")],
            "eligible_pairs": [(("f1", "R1"),), (("f3", "R1"),), (("f4", "R1"),)],
            "readiness_gain_total": [1.0, 1.0, 1.0],
        },
        index=["a", "b", "c"],
    )
    assert len(select_portfolio(actions, None).selected) == 2  # a and b share f2
    assert select_portfolio(actions, None, {"p": 3}).eligible_pairs == 1
    assert select_portfolio(actions, None, {"p": 0}).selected == ()


def test_next_step_reports_what_more_money_adds():
    actions = pd.DataFrame(
        {
            "intervention_id": ["p", "q"],
            "cost_idr": [200e6, 300e6],
            "participants": [("f1",), ("f2",)],
            "eligible_pairs": [(("f1", "R1"),), (("f2", "R2"),)],
            "readiness_gain_total": [1.0, 2.0],
        },
        index=["a", "b"],
    )
    curve = budget_curve(actions)
    assert list(curve["budget_idr"]) == [250e6, 500e6, 1e9]  # 500 juta buys everything
    assert list(curve["kind"]) == ["step", "all", "step"]
    step = next_step(curve, BRIEF_STEPS_IDR[0])
    assert step["budget_idr"] == 500e6
    assert step["added"] == ("b",) and step["extra_pairs"] == 1
    assert next_step(curve, 1e9) is None


def test_empty_and_bad_input():
    empty = pd.DataFrame(
        columns=[
            "intervention_id",
            "cost_idr",
            "participants",
            "eligible_pairs",
            "readiness_gain_total",
        ]
    )
    assert select_portfolio(empty, 1e9).selected == ()
    bad = pd.DataFrame(
        {
            "intervention_id": ["p"],
            "cost_idr": [-1.0],
            "participants": [("f",)],
            "eligible_pairs": [()],
            "readiness_gain_total": [0.0],
        },
        index=["x"],
    )
    with pytest.raises(PortfolioError, match="action 'x', column 'cost_idr'"):
        select_portfolio(bad, 1e9)
    with pytest.raises(PortfolioError, match="budget"):
        select_portfolio(bad.assign(cost_idr=1.0), -5)
    # a notebook's budget typed as words: a one-line error, not float()'s ValueError
    with pytest.raises(PortfolioError, match=r"^budget: found '500 juta'; expected rupiah"):
        select_portfolio(bad.assign(cost_idr=1.0), "500 juta")
    assert math.isnan(select_portfolio(bad.assign(cost_idr=0.0), 0).gain_per_million)


def test_solution_is_deterministic():
    rng = np.random.default_rng(3)
    n = 40
    actions = pd.DataFrame(
        {
            "intervention_id": rng.choice(["p", "q", "r", "s"], n),
            "cost_idr": rng.integers(1, 40, n) * 10e6,
            "participants": [
                tuple(f"f{k}" for k in rng.choice(30, 4, replace=False)) for _ in range(n)
            ],
            "readiness_gain_total": rng.integers(0, 20, n) * 0.5,
        },
        index=[f"a{k}" for k in range(n)],
    )
    actions["eligible_pairs"] = [
        tuple((f, "R1") for f in members[:2]) for members in actions["participants"]
    ]
    first = select_portfolio(actions, 500e6, {"p": 8})
    assert select_portfolio(actions, 500e6, {"p": 8}) == first


def test_a_firm_in_two_programmes_is_served_once():
    # "IKM served" on page 1 counted seats: the sample's brief said 201 IKM served of 60
    acts = pd.DataFrame(
        {
            "intervention_id": ["p", "q"],
            "cost_idr": [1e6, 2e6],
            "participants": [("f1", "f2"), ("f1", "f2", "f3")],
            "eligible_pairs": [(), ()],
            "readiness_gain_total": [2.0, 3.0],
        },
        index=["a", "b"],
    )
    chosen = select_portfolio(acts, None)
    assert chosen.firms_reached == 5 and chosen.firms_served == 3
    # the mean rise per IKM served: 5 index points over 3 firms, not over 5 seats
    assert chosen.mean_gain == pytest.approx(5.0 / 3)
    assert math.isnan(select_portfolio(acts, 0.0).mean_gain)  # nothing bought, nobody served
    assert budget_curve(acts, steps=[1e6])["firms_served"].tolist() == [2, 3]
