"""Uncertain inputs: triangular gains (moments of the triangular distribution) and the bootstrap
of respondents (the library's AIJ group weights, recomputed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ikmpolicy import mcda
from ikmpolicy.recommend._errors import RecommendError
from ikmpolicy.recommend.effects import ProgrammeArrays
from ikmpolicy.recommend.uncertainty import bootstrap_weights, group_weights, sample_gains


def arrays(low, mid, high) -> ProgrammeArrays:
    low, mid, high = (np.atleast_2d(np.asarray(v, float)) for v in (low, mid, high))
    k, i = low.shape
    return ProgrammeArrays(
        pd.Index([f"p{j}" for j in range(k)]),
        low,
        mid,
        high,
        np.zeros((k, 3), bool),
        np.full((k, i), np.nan),
        np.zeros((k, 3), bool),
        np.ones((k, 1), bool),
    )


def test_triangular_draws_have_the_triangular_moments():
    a = arrays([[0.3, 0.0, 0.5]], [[0.6, 0.0, 0.5]], [[1.0, 0.0, 0.5]])
    g = sample_gains(a, 200_000, np.random.default_rng(3))
    x = g[:, 0, 0]
    lo, mode, hi = 0.3, 0.6, 1.0
    mean = (lo + mode + hi) / 3
    var = (lo**2 + mode**2 + hi**2 - lo * mode - lo * hi - mode * hi) / 18
    assert x.min() >= lo and x.max() <= hi
    assert x.mean() == pytest.approx(mean, abs=3e-3)
    assert x.var() == pytest.approx(var, rel=0.02)
    # the share below the mode is (mode - low) / (high - low)
    assert (x < mode).mean() == pytest.approx((mode - lo) / (hi - lo), abs=5e-3)
    assert (g[:, 0, 1] == 0).all() and (g[:, 0, 2] == 0.5).all()
    doubled = sample_gains(a, 1000, np.random.default_rng(3), multiplier=2.0)
    assert np.allclose(doubled, 2 * sample_gains(a, 1000, np.random.default_rng(3)))
    with pytest.raises(RecommendError, match="multiplier"):
        sample_gains(a, 10, np.random.default_rng(0), multiplier=-1)


def test_same_seed_same_draws():
    a = arrays([[0.1]], [[0.2]], [[0.4]])
    one = sample_gains(a, 50, np.random.default_rng(9))
    assert np.array_equal(one, sample_gains(a, 50, np.random.default_rng(9)))


def session_rows(sample, session="fgd-2025-05-15"):
    pw = sample["pairwise"]
    return pw[pw["session_id"] == session]


def test_nominal_weights_are_the_session_judgement(sample):
    rows = session_rows(sample)
    dims = list(dict.fromkeys(sample.indicators["dimension"]))
    draws = bootstrap_weights(rows, dims, 50, np.random.default_rng(1))
    groups = rows.drop_duplicates("respondent_id").set_index("respondent_id")["org_id"]
    judged = mcda.session_judgement(rows, groups, dims)
    assert np.allclose(draws.nominal.to_numpy(), judged.weights["all"].reindex(dims).to_numpy())
    assert draws.respondents == rows["respondent_id"].nunique()
    assert draws.runs.shape == (50, len(dims)) and np.allclose(draws.runs.sum(axis=1), 1)
    assert draws.varied


def test_batched_weights_are_aggregate_judgements_then_ahp(sample):
    rows = session_rows(sample)
    dims = list(dict.fromkeys(sample.indicators["dimension"]))
    matrices = mcda.pairwise_matrix(rows, dims)
    stack = np.stack([matrices[k].loc[dims, dims].to_numpy(float) for k in matrices])
    rng = np.random.default_rng(5)
    shares = rng.multinomial(len(stack), np.full(len(stack), 1 / len(stack)), size=6) / len(stack)
    batched = group_weights(stack, shares)
    for share, got in zip(shares, batched, strict=True):
        keep = share > 0
        group = mcda.aggregate_judgements(list(stack[keep]), weights=share[keep])
        assert np.allclose(got, np.asarray(mcda.ahp(group).weights, float), atol=1e-9)


def test_without_judgements_weights_are_equal_and_fixed(sample):
    dims = ["a", "b", "c", "d"]
    draws = bootstrap_weights(None, dims, 4, np.random.default_rng(0))
    assert draws.source == "equal" and not draws.varied
    assert np.allclose(draws.runs, 0.25)
    one = session_rows(sample)
    one = one[one["respondent_id"] == one["respondent_id"].iloc[0]]
    dims = list(dict.fromkeys(sample.indicators["dimension"]))
    single = bootstrap_weights(one, dims, 3, np.random.default_rng(0))
    assert single.source == "ahp" and not single.varied and single.respondents == 1


@pytest.mark.parametrize(
    ("lo", "mode", "hi"), [(0.3, 0.6, 1.0), (0.0, 0.0, 2.0), (1.0, 3.0, 3.0), (-1.0, 0.2, 0.5)]
)
def test_triangular_draws_are_scipys_inverse_cdf_of_the_same_uniforms(lo, mode, hi):
    # independent computation: scipy.stats.triang (c = (mode - low) / (high - low)) evaluated at
    # the uniforms the generator gives sample_gains, mode at either end included
    from scipy import stats

    a = arrays([[lo]], [[mode]], [[hi]])
    g = sample_gains(a, 5000, np.random.default_rng(11))[:, 0, 0]
    u = np.random.default_rng(11).random((5000, 1, 1))[:, 0, 0]
    expected = stats.triang.ppf(u, (mode - lo) / (hi - lo), loc=lo, scale=hi - lo)
    assert g == pytest.approx(expected, abs=1e-12)
