"""Ranking actions: the library's MCDA methods, checked against a direct call and an independent
TOPSIS (Hwang & Yoon 1981, pp. 128-140: vector normalisation, ideal and anti-ideal, closeness);
the robustness rule of the readiness index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy import mcda
from ikmpolicy.recommend._errors import RecommendError
from ikmpolicy.recommend.ranking import (
    CRITERIA,
    criteria_weights,
    rank_actions,
    rank_intervals,
)


def independent_topsis(x: np.ndarray, w: np.ndarray, benefit: list[bool]) -> np.ndarray:
    """Closeness by the textbook steps, written out again."""
    r = x / np.sqrt((x**2).sum(axis=0))
    v = r * (w / w.sum())
    ideal = np.where(benefit, v.max(axis=0), v.min(axis=0))
    anti = np.where(benefit, v.min(axis=0), v.max(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    return d_minus / (d_plus + d_minus)


@st.composite
def matrices(draw):
    m = draw(st.integers(2, 12))
    values = {
        c: [draw(st.integers(1, 50)) * (1e6 if c == "cost_idr" else 1.0) for _ in range(m)]
        for c in CRITERIA
    }
    frame = pd.DataFrame(values, index=[f"a{k}" for k in range(m)])
    weights = {c: draw(st.integers(1, 5)) for c in CRITERIA}
    return frame, weights


@settings(max_examples=80, deadline=None)
@given(matrices())
def test_topsis_ranking_matches_the_library_and_the_textbook(case):
    frame, weights = case
    spread = frame.nunique() > 1
    if not spread.all():  # a constant criterion is dropped; tested separately
        frame = frame.assign(
            **{c: frame[c] + np.arange(len(frame)) for c in frame.columns[~spread]}
        )
    out = rank_actions(frame, weights)
    w = criteria_weights(weights)
    direct = mcda.topsis(frame[list(CRITERIA)], w.to_numpy(), list(CRITERIA.values()))
    assert (out["rank"].to_numpy() == direct["rank"].to_numpy()).all()
    ours = independent_topsis(
        frame[list(CRITERIA)].to_numpy(float), w.to_numpy(), list(CRITERIA.values())
    )
    assert np.allclose(out["score"].to_numpy(), ours)
    # the best by closeness is ranked first
    assert out["rank"].iloc[int(np.argmax(ours))] == 1


def test_vikor_and_promethee_are_the_library_methods():
    frame = pd.DataFrame(
        {
            "eligible_pairs": [3, 0, 1, 2],
            "readiness_gain": [20.0, 5, 30, 9],
            "cost_idr": [300e6, 20e6, 150e6, 90e6],
            "months": [6, 3, 6, 12],
            "priority": [0.3, 0.1, 0.2, 0.25],
        },
        index=list("abcd"),
    )
    w = criteria_weights()
    b = list(CRITERIA.values())
    v = rank_actions(frame, method="vikor")
    assert (v["rank"] == mcda.vikor(frame, w.to_numpy(), b)["rank"]).all()
    p = rank_actions(frame, method="promethee_ii")
    assert (p["rank"] == mcda.promethee_ii(frame, w.to_numpy(), b)["rank"]).all()
    with pytest.raises(RecommendError, match="ranking method"):
        rank_actions(frame, method="electre")


def test_a_criterion_that_does_not_discriminate_is_left_out():
    frame = pd.DataFrame(
        {
            "eligible_pairs": [0, 0, 0],
            "readiness_gain": [20.0, 5, 30],
            "cost_idr": [300e6, 20e6, 150e6],
            "months": [6, 3, 6],
            "priority": [0.3, 0.1, 0.2],
        },
        index=list("abc"),
    )
    out = rank_actions(frame)
    assert "eligible_pairs" not in out.attrs["criteria"]
    kept = [c for c in CRITERIA if c != "eligible_pairs"]
    direct = mcda.topsis(frame[kept], [0.25] * 4, [CRITERIA[c] for c in kept])
    assert (out["rank"] == direct["rank"]).all()
    same = frame.assign(**{c: 1.0 for c in CRITERIA})
    assert rank_actions(same)["rank"].tolist() == [1, 1, 1]


def test_bad_weights_and_values():
    with pytest.raises(RecommendError, match="unknown criterion"):
        criteria_weights({"speed": 1})
    with pytest.raises(RecommendError, match="positive sum"):
        criteria_weights({"cost_idr": 0})
    frame = pd.DataFrame({c: [1.0, 2.0] for c in CRITERIA}, index=["a", "b"])
    frame.loc["b", "months"] = np.nan
    with pytest.raises(RecommendError, match="action 'b', criterion 'months'"):
        rank_actions(frame)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 40), st.integers(1, 60), st.integers(0, 10_000))
def test_robustness_rule_is_the_readiness_rule(n, runs, seed):
    rng = np.random.default_rng(seed)
    samples = rng.integers(1, n + 1, size=(n, runs))
    nominal = pd.Series(rng.integers(1, n + 1, size=n), index=[f"a{k}" for k in range(n)])
    out = rank_intervals(samples, nominal)
    limit = max(1.0, 0.10 * n)
    for (_, row), s in zip(out.iterrows(), samples, strict=True):
        lo, hi = np.quantile(s, [0.05, 0.95], method="inverted_cdf")
        assert (row["q_low"], row["q_high"]) == (lo, hi)
        robust = hi - lo <= limit and lo <= row["nominal_rank"] <= hi
        assert row["robustness"] == ("robust" if robust else "fragile")


def test_without_runs_nothing_is_called_robust():
    out = rank_intervals(np.empty((2, 0)), pd.Series([1, 2], index=["a", "b"]))
    assert out["robustness"].tolist() == ["not_ranked", "not_ranked"]
