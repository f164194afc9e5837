"""Near-ready firms and the cheapest programme path: brute force, hand cases, the sample."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.matching import (
    MatchingError,
    cheapest_path,
    firm_profile,
    near_mask,
    near_ready,
    requirement_gaps,
)
from ikmpolicy.programmes import apply_programmes, can_take_part, load_catalogue

from .matching_data import indicators, profile, requirements

CERTS = ("nib", "sni", "iso9001")


def catalogue(rows, ind, effects, prereqs=()):
    """rows: (id, cost, months, delivers, prereq_certs); effects: (id, indicator, gain);
    prereqs: (id, indicator, level)."""
    prog = pd.DataFrame(
        {
            "intervention_id": [r[0] for r in rows],
            "targets": [
                tuple(dict.fromkeys(e[1] for e in effects if e[0] == r[0]))
                or (ind["indicator"].iloc[0],)
                for r in rows
            ],
            "unit_cost_idr": [r[1] for r in rows],
            "months_to_effect": [r[2] for r in rows],
            "delivers": [r[3] for r in rows],
            "prereq_certificates": [r[4] for r in rows],
        }
    )
    eff = pd.DataFrame(
        [(i, n, g, g, g, "x") for i, n, g in effects],
        columns=["intervention_id", "indicator", "gain_low", "gain_mid", "gain_high", "source_id"],
    )
    pre = pd.DataFrame(
        [(i, n, v, "x") for i, n, v in prereqs],
        columns=["intervention_id", "indicator", "min_level", "source_id"],
    )
    return load_catalogue(
        {
            "interventions": prog,
            "intervention_effects": eff,
            "intervention_prerequisites": pre,
            "indicators": ind,
        }
    )


def _eligible_after(firm, cat, order, req, ind) -> bool:
    """Apply the programmes in this order to one firm; every one must be taken, and the firm
    must then meet the requirement (checked by requirement_gaps)."""
    state = firm
    for iid in order:
        state = apply_programmes(state, cat, [iid])
        if state.attrs["participants"][iid] != 1:
            return False
    return bool(requirement_gaps(state, req, ind)["eligible"].iloc[0])


def brute_force_cost(firm, cat, req, ind) -> float:
    """Cheapest cost over every subset of the catalogue in every order: a depth-first search
    over the sequences of distinct programmes, each taken in turn, that leave the firm
    eligible (a prefix's state is computed once and shared by every order that starts with it;
    a sequence already dearer than the best found is not extended)."""
    costs = cat.programmes["unit_cost_idr"].astype(float)
    best = math.inf

    def search(state, taken: tuple, cost: float) -> None:
        nonlocal best
        if cost >= best:
            return
        if bool(requirement_gaps(state, req, ind)["eligible"].iloc[0]):
            best = cost
            return  # any longer sequence from here costs more
        for iid in costs.index:
            if iid not in taken:
                after = apply_programmes(state, cat, [iid])
                if after.attrs["participants"][iid] == 1:
                    search(after, taken + (iid,), cost + costs[iid])

    search(firm, (), 0.0)
    return best


@st.composite
def path_problems(draw):
    """Low firms, high levels, several programmes on the same indicators at different costs,
    frequent prerequisites: paths of two or three programmes and enablers are common."""
    directions = draw(st.lists(st.sampled_from([1, -1]), min_size=1, max_size=2))
    ind = indicators(directions)
    names = list(ind["indicator"])
    n = draw(st.integers(3, 5))
    ids = [f"p{k}" for k in range(n)]
    one_cert = st.sampled_from(CERTS).map(lambda c: (c,))
    rows = [
        (
            i,
            float(draw(st.sampled_from([1, 2, 3, 5, 8, 13]))),
            draw(st.sampled_from([1, 3, 6])),
            draw(st.one_of(st.just(()), one_cert)),
            draw(st.sampled_from([(), (), (), ("nib",)])),
        )
        for i in ids
    ]
    effects = [
        (i, name, draw(st.sampled_from([0.5, 1.0, 1.5, 2.0])))
        for i in ids
        for name in names
        if draw(st.integers(0, 2)) > 0
    ]
    prereqs = [
        (i, name, draw(st.sampled_from([2.0, 3.0])))
        for i in ids
        for name in names
        if draw(st.integers(0, 3)) == 0
    ]
    cat = catalogue(rows, ind, effects, prereqs)

    def bad(value, name):  # a weak score (or a high level) in the indicator's direction
        return value if ind.set_index("indicator").loc[name, "direction"] > 0 else 6 - value

    scores, levels = [], []
    for name in names:
        scores.append(bad(draw(st.sampled_from([1.0, 2.0, 2.0, 3.0])), name))
        level = draw(st.sampled_from([None, 3.0, 4.0, 4.0]))
        levels.append(None if level is None else bad(level, name))
    firm = profile(
        [{"scores": scores, "certs": tuple(draw(st.sets(st.sampled_from(CERTS), max_size=1)))}],
        names,
    )
    req = requirements(
        [{"levels": levels, "certs": tuple(draw(st.sets(st.sampled_from(CERTS), max_size=1)))}],
        names,
    )
    return ind, cat, firm, req


@settings(max_examples=60, deadline=None)
@given(path_problems())
def test_cheapest_path_equals_brute_force(problem):
    ind, cat, firm, req = problem
    names = list(ind["indicator"])
    certs = [c for c in CERTS if firm[f"has_{c}"].iloc[0]]
    levels = req[names].iloc[0]
    path = cheapest_path(firm[names].iloc[0], certs, levels, req["certificates"].iloc[0], cat)
    best = brute_force_cost(firm, cat, req, ind)
    if math.isinf(best):
        assert not path.reachable and path.programmes == () and math.isnan(path.cost_idr)
    else:
        assert path.reachable and path.cost_idr == pytest.approx(best)
        # the path itself works, in the order given
        assert _eligible_after(firm, cat, path.programmes, req, ind)


def _chain():
    ind = indicators((1, 1))
    cat = catalogue(
        [
            ("a", 1.0, 3, (), ()),
            ("b", 1.0, 6, ("sni",), ()),
            ("c", 1.0, 5, (), ()),
            ("d", 1.0, None, (), ()),
        ],
        ind,
        [("a", "i0", 1.0), ("c", "i1", 1.0), ("d", "i1", 2.0)],
        [("b", "i0", 3.0)],
    )
    return ind, cat


def test_path_months_sequential_when_a_prerequisite_depends_on_another_programme():
    ind, cat = _chain()
    # i0 = 2: b (SNI) needs i0 >= 3, which a gives after 3 months: 3 + 6
    path = cheapest_path(
        pd.Series({"i0": 2.0, "i1": 3.0}), [], pd.Series({"i0": 3.0}), ["sni"], cat
    )
    assert path.programmes == ("a", "b") and path.months == 9.0


def test_path_months_parallel_otherwise():
    ind, cat = _chain()
    # i0 = 3 already: b can start at once, in parallel with c (i1 + 1): max(6, 5)
    path = cheapest_path(
        pd.Series({"i0": 3.0, "i1": 2.0}), [], pd.Series({"i0": 3.0, "i1": 3.0}), ["sni"], cat
    )
    assert set(path.programmes) == {"b", "c"} and path.months == 6.0


def test_unknown_months_make_the_path_length_unknown():
    ind, cat = _chain()
    # only d (no months_to_effect) raises i1 by 2
    path = cheapest_path(pd.Series({"i0": 3.0, "i1": 1.0}), [], pd.Series({"i1": 3.0}), [], cat)
    assert path.programmes == ("d",) and math.isnan(path.months)


def test_two_cheap_programmes_beat_one_dear_one():
    ind = indicators((1,))
    cat = catalogue(
        [("big", 10.0, 1, (), ()), ("s1", 3.0, 1, (), ()), ("s2", 4.0, 1, (), ())],
        ind,
        [("big", "i0", 2.0), ("s1", "i0", 1.0), ("s2", "i0", 1.0)],
    )
    path = cheapest_path(pd.Series({"i0": 1.0}), [], pd.Series({"i0": 3.0}), [], cat)
    assert set(path.programmes) == {"s1", "s2"} and path.cost_idr == 7.0


def test_an_enabler_on_an_indicator_without_a_gap_is_found():
    ind = indicators((1, 1))
    # the buyer only asks for SNI; cert delivers it but needs i1 >= 3; coach raises i1
    cat = catalogue(
        [("cert", 5.0, 6, ("sni",), ()), ("coach", 1.0, 2, (), ())],
        ind,
        [("cert", "i0", 0.5), ("coach", "i1", 1.0)],
        [("cert", "i1", 3.0)],
    )
    path = cheapest_path(
        pd.Series({"i0": 3.0, "i1": 2.0}), [], pd.Series({"i0": np.nan, "i1": np.nan}), ["sni"], cat
    )
    assert path.programmes == ("coach", "cert") and path.months == 8.0


def test_ties_go_to_fewer_programmes_then_shorter_then_alphabetical():
    ind = indicators((1,))
    cat = catalogue(
        [
            ("z", 2.0, 1, (), ()),
            ("x", 1.0, 1, (), ()),
            ("y", 1.0, 1, (), ()),
            ("w", 2.0, 9, (), ()),
        ],
        ind,
        [("z", "i0", 2.0), ("x", "i0", 1.0), ("y", "i0", 1.0), ("w", "i0", 2.0)],
    )
    path = cheapest_path(pd.Series({"i0": 1.0}), [], pd.Series({"i0": 3.0}), [], cat)
    # x + y and z and w all cost 2: one programme beats two, 1 month beats 9
    assert path.programmes == ("z",)


def test_near_ready_rows_are_the_near_pairs_with_their_path():
    ind, cat = _chain()
    firms = profile(
        [
            {"id": "A", "scores": [2.0, 3.0]},
            {"id": "B", "scores": [1.0, 1.0]},
            {"id": "C", "scores": [3.0, 3.0], "certs": ("sni",)},
        ],
        ["i0", "i1"],
    )
    req = requirements([{"levels": [3.0, None], "certs": ("sni",)}], ["i0", "i1"])
    pairs = requirement_gaps(firms, req, ind)
    near = near_ready(pairs, firms, cat, req, ind)
    assert near["firm_id"].tolist() == ["A", "B"]  # C is eligible; B: 1 gap + SNI = 2 away
    a = near.set_index("firm_id").loc["A"]
    assert a["gaps"] == ("i0",) and a["missing_certificates"] == ("sni",)
    assert a["path"] == ("a", "b") and a["path_months"] == 9 and a["reachable"]
    b = near.set_index("firm_id").loc["B"]
    assert not b["reachable"] and b["path"] == () and pd.isna(b["path_months"])
    assert str(near["path_months"].dtype) == "Int64"


def test_near_mask_counts_certificates_and_gaps_together():
    pairs = pd.DataFrame(
        {
            "kbli_fit": True,
            "unknown_dimensions": 0,
            "eligible": False,
            "dimension_gaps": [1, 2, 0, 0, 3, 1],
            "missing_certificates": [(), (), ("sni",), ("nib", "sni"), (), ("sni",)],
        }
    )
    assert near_mask(pairs).tolist() == [True, True, True, False, False, True]
    assert near_mask(pairs, max_gaps=1).tolist() == [True, False, True, False, False, False]


def test_pairs_from_another_requirement_table_are_refused():
    ind, cat = _chain()
    firms = profile([{"id": "A", "scores": [2.0, 3.0]}], ["i0", "i1"])
    req = requirements([{"levels": [3.0, None], "certs": ("sni",)}], ["i0", "i1"])
    pairs = requirement_gaps(firms, req, ind)
    other = req.assign(requirement_id="OTHER")
    with pytest.raises(MatchingError, match="R0 are not in the requirements table"):
        near_ready(pairs, firms, cat, other, ind)


def _everything(firm, cat):
    """Take every programme the firm can take part in, until none is left that it can."""
    left = list(cat.programmes.index)
    state = firm
    while True:
        now = [p for p in left if can_take_part(state, cat, p).iloc[0]]
        if not now:
            return state
        state = apply_programmes(state, cat, now)
        left = [p for p in left if p not in now]


def test_sample_paths_work_and_unreachable_means_nothing_helps(sample):
    ind = sample.indicators
    prof = firm_profile(sample["firms"], sample["assessments"], ind, "2025-12-31")
    reqs = sample["buyer_requirements"]
    cat = load_catalogue(sample)
    pairs = requirement_gaps(prof, reqs, ind)
    near = near_ready(pairs, prof, cat, reqs, ind)
    assert len(near) == int(near_mask(pairs).sum()) == int((pairs["status"] == "near_ready").sum())
    assert near["reachable"].any() and (~near["reachable"]).any()
    for row in near.itertuples(index=False):
        firm = prof.loc[[row.firm_id]]
        req = reqs[reqs["requirement_id"] == row.requirement_id]
        if row.reachable:
            assert _eligible_after(firm, cat, row.path, req, ind), row
            assert row.path_cost_idr == pytest.approx(
                cat.programmes.loc[list(row.path), "unit_cost_idr"].sum()
            )
        else:
            best = _everything(firm, cat)
            assert not requirement_gaps(best, req, ind)["eligible"].iloc[0], row


def test_sample_near_ready_is_the_same_twice(sample):
    ind = sample.indicators
    prof = firm_profile(sample["firms"], sample["assessments"], ind, "2025-12-31")
    reqs = sample["buyer_requirements"]
    runs = [
        near_ready(requirement_gaps(prof, reqs, ind), prof, load_catalogue(sample), reqs, ind)
        for _ in range(2)
    ]
    pd.testing.assert_frame_equal(*runs)
    assert np.isfinite(runs[0].loc[runs[0]["reachable"], "path_cost_idr"]).all()


def test_shared_searches_give_each_pair_its_own_answer(sample):
    ind = sample.indicators
    prof = firm_profile(sample["firms"], sample["assessments"], ind, "2025-12-31")
    reqs = sample["buyer_requirements"].set_index("requirement_id", drop=False)
    cat = load_catalogue(sample)
    near = near_ready(requirement_gaps(prof, reqs, ind), prof, cat, reqs, ind)
    names = list(ind["indicator"])
    for row in near.itertuples(index=False):
        firm = prof.loc[row.firm_id]
        own = cheapest_path(
            firm[names],
            [c for c in CERTS if firm[f"has_{c}"]],
            reqs.loc[row.requirement_id, names],
            reqs.loc[row.requirement_id, "certificates"],
            cat,
        )
        assert (own.programmes, own.reachable) == (row.path, row.reachable)
        assert (own.cost_idr == row.path_cost_idr) or not row.reachable


def test_no_near_ready_pair_gives_an_empty_frame_with_the_columns():
    ind, cat = _chain()
    firms = profile([{"id": "A", "scores": [3.0, 3.0], "certs": ("sni",)}], ["i0", "i1"])
    req = requirements([{"levels": [3.0, None], "certs": ("sni",)}], ["i0", "i1"])
    near = near_ready(requirement_gaps(firms, req, ind), firms, cat, req, ind)
    assert near.empty and list(near.columns) == [
        "firm_id",
        "requirement_id",
        "buyer_id",
        "gaps",
        "missing_certificates",
        "path",
        "path_cost_idr",
        "path_months",
        "reachable",
    ]
    assert str(near["path_months"].dtype) == "Int64"
