"""Fit score: definition on hand cases, properties, and the weights (equal, given, by dimension)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ikmpolicy.matching import MatchingError, indicator_weights, requirement_gaps
from ikmpolicy.matching.fit import fit_matrix, share_met
from ikmpolicy.programmes import EPS

from .matching_data import indicators, instances, profile, requirements


def _fit(scores, levels, directions=(1, 1, -1), weights=None):
    ind = indicators(directions)
    names = list(ind["indicator"])
    pairs = requirement_gaps(
        profile([{"scores": scores}], names),
        requirements([{"levels": levels}], names),
        ind,
        weights,
    )
    return float(pairs["fit"].iloc[0])


def test_share_of_the_way_from_the_bottom_of_the_scale():
    # one point short of level 4 on a 1-5 scale: 2 of the 3 points from the bottom
    assert _fit([3, 5, 1], [4, None, None]) == pytest.approx(2 / 3)
    # direction -1 (at most 2): a score of 4 has come (5 - 4) / (5 - 2) = 1/3 of the way
    assert _fit([5, 5, 4], [None, None, 2]) == pytest.approx(1 / 3)
    # equal weights over the indicators with a level: (1 + 2/3 + 0 (unknown)) / 3
    assert _fit([4, 3, np.nan], [4, 4, 2]) == pytest.approx((1 + 2 / 3 + 0) / 3)
    # a surplus does not hide a shortfall
    assert _fit([5, 1, 1], [3, 3, None]) == pytest.approx((1 + 0) / 2)


def test_no_level_asked_means_fit_one_and_bottom_levels_ask_nothing():
    assert _fit([1, 1, 5], [None, None, None]) == 1.0
    assert _fit([1, 1, 5], [1, None, 5]) == 1.0


@settings(max_examples=80, deadline=None)
@given(instances(max_firms=5, max_reqs=3))
def test_fit_is_a_share_and_is_one_exactly_when_every_level_is_met(instance):
    ind, firm_rows, req_rows = instance
    names = list(ind["indicator"])
    pairs = requirement_gaps(profile(firm_rows, names), requirements(req_rows, names), ind)
    assert pairs["fit"].between(0, 1).all()
    met = (pairs["dimension_gaps"] == 0) & (pairs["unknown_dimensions"] == 0)
    assert ((pairs["fit"] == 1.0) == met).all()
    # eligible pairs all have fit 1; their headroom is given, the others' is not
    assert (pairs.loc[pairs["eligible"], "fit"] == 1.0).all()
    assert pairs.loc[pairs["eligible"], "margin"].between(0, 1).all()
    assert pairs.loc[~pairs["eligible"], "margin"].isna().all()


@settings(max_examples=80, deadline=None)
@given(instances(max_firms=4, max_reqs=3), st.data())
def test_a_better_score_never_lowers_the_fit(instance, data):
    ind, firm_rows, req_rows = instance
    names = list(ind["indicator"])
    j = data.draw(st.integers(0, len(names) - 1))
    step = data.draw(st.sampled_from([0.5, 1.0, 2.0]))
    better = [dict(f, scores=list(f["scores"])) for f in firm_rows]
    for f in better:
        x = f["scores"][j]
        base = 1.0 if np.isnan(x) else x  # an unknown score becomes a known one
        moved = base + step * int(ind["direction"].iloc[j])
        f["scores"][j] = float(np.clip(moved, 1, 5))
    reqs = requirements(req_rows, names)
    before = requirement_gaps(profile(firm_rows, names), reqs, ind)["fit"]
    after = requirement_gaps(profile(better, names), reqs, ind)["fit"]
    assert (after >= before - 1e-12).all()


@settings(max_examples=40, deadline=None)
@given(instances(max_firms=4, max_reqs=3), st.floats(0.1, 100))
def test_scaling_the_weights_changes_nothing(instance, factor):
    ind, firm_rows, req_rows = instance
    names = list(ind["indicator"])
    w = pd.Series(np.linspace(1, 2, len(names)), index=ind["dimension"])
    firms, reqs = profile(firm_rows, names), requirements(req_rows, names)
    a = requirement_gaps(firms, reqs, ind, w)["fit"]
    b = requirement_gaps(firms, reqs, ind, w * factor)["fit"]
    np.testing.assert_allclose(a, b, atol=1e-12)


def test_weights_tilt_the_fit_towards_the_heavier_dimension():
    w = pd.Series({"d0": 3.0, "d1": 1.0})
    # met on d0, 1/3 of the way on d1: (3 * 1 + 1 * 1/3) / 4
    assert _fit([4, 2], [3, 4], (1, 1), w) == pytest.approx((3 + 1 / 3) / 4)
    assert _fit([4, 2], [3, 4], (1, 1)) == pytest.approx((1 + 1 / 3) / 2)


def test_dimension_weights_are_split_among_its_indicators():
    meta = pd.DataFrame(
        {"dimension": ["quality", "quality", "people"]},
        index=pd.Index(["a", "b", "c"], name="indicator"),
    )
    w, source = indicator_weights(meta, pd.Series({"quality": 0.5, "people": 0.5}))
    assert w.to_dict() == {"a": 0.25, "b": 0.25, "c": 0.5} and source == "given"
    w, source = indicator_weights(meta, pd.Series({"a": 1.0, "b": 1.0, "c": 2.0}))
    assert w.to_dict() == {"a": 0.25, "b": 0.25, "c": 0.5}
    assert indicator_weights(meta)[1] == "equal"


@pytest.mark.parametrize(
    "weights, pattern",
    [
        ({"quality": 1.0, "money": 1.0}, "found money"),
        ({"quality": 1.0}, "no weight for dimension"),
        ({"quality": -1.0, "people": 2.0}, "at least 0"),
        ({"quality": 0.0, "people": 0.0}, "not all 0"),
        ({"a": 1.0, "people": 1.0}, "not a mix"),
    ],
)
def test_unusable_weights(weights, pattern):
    meta = pd.DataFrame(
        {"dimension": ["quality", "quality", "people"]},
        index=pd.Index(["a", "b", "c"], name="indicator"),
    )
    with pytest.raises(MatchingError, match=pattern):
        indicator_weights(meta, pd.Series(weights))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(st.floats(1, 5), st.just(np.nan)), min_size=1, max_size=8),
    st.lists(st.one_of(st.floats(1, 5), st.just(np.nan)), min_size=1, max_size=5),
    st.sampled_from([1.0, -1.0]),
)
@example([1.0], [1.0078125], 1.0)  # a level a hair above the bottom: off by 1.3e-7
def test_fast_kernel_equals_the_element_by_element_definition(xs, levels, direction):
    meta = pd.DataFrame(
        {"scale_min": [1.0], "scale_max": [5.0], "direction": [direction]}, index=["q"]
    )
    scores = np.array(xs)[:, None]
    lv = np.array(levels)[:, None]
    fast = fit_matrix(scores, lv, meta, np.array([1.0]))
    for i, x in enumerate(xs):
        for r, level in enumerate(levels):
            expect = 1.0 if np.isnan(level) else float(share_met(x, level, 1.0, 5.0, direction))
            # the kernel adds EPS to the score's distance from the scale's end (its docstring):
            # off by at most EPS / room, which a level a hair above the bottom makes large
            # (hypothesis found level 1.0078125: 1.3e-7)
            room = (level - 1.0) if direction > 0 else (5.0 - level)
            bound = EPS / room if room > EPS else 0.0
            assert abs(fast[i, r] - expect) <= bound + 1e-12, (x, level, direction)


def test_session_ahp_weights_flow_into_the_fit(sample):
    from ikmpolicy.matching import firm_profile
    from ikmpolicy.mcda import session_judgement

    rows = sample["pairwise"][sample["pairwise"]["session_id"] == "fgd-2025-05-15"]
    helix = sample["stakeholders"].set_index("org_id")["helix"]
    groups = rows.drop_duplicates("respondent_id").set_index("respondent_id")["org_id"].map(helix)
    criteria = list(dict.fromkeys(sample.indicators["dimension"]))
    weights = session_judgement(rows, groups, criteria).weights["all"]
    prof = firm_profile(sample["firms"], sample["assessments"], sample.indicators, "2025-12-31")
    pairs = requirement_gaps(prof, sample["buyer_requirements"], sample.indicators, weights)
    equal = requirement_gaps(prof, sample["buyer_requirements"], sample.indicators)
    assert pairs.attrs["weights_source"] == "given" and equal.attrs["weights_source"] == "equal"
    used = pd.Series(pairs.attrs["weights"])
    np.testing.assert_allclose(used.reindex(weights.index), weights / weights.sum())
    # the weights change the fit of pairs that are short somewhere, never eligibility
    assert (pairs["eligible"] == equal["eligible"]).all()
    short = pairs["dimension_gaps"] > 0
    assert not np.allclose(pairs.loc[short, "fit"], equal.loc[short, "fit"])
