"""Each aggregation against a hand-computed example and against properties."""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ikmpolicy.readiness import IndexDataError, IndexSpecError, aggregate, copeland

F = pd.DataFrame(
    {"a": [4.0, 1.0, 0.0, np.nan], "b": [1.0, 1.0, 9.0, 2.0], "c": [16.0, 1.0, 4.0, 8.0]}
)


def test_arithmetic_by_hand():
    w = {"a": 1, "b": 2, "c": 1}
    out = aggregate(F, w)
    assert out.iloc[0] == pytest.approx((4 + 2 + 16) / 4)
    # missing a: weights re-normalised over b and c
    assert out.iloc[3] == pytest.approx((2 * 2 + 8) / 3)


def test_geometric_by_hand_and_zero_rule():
    out = aggregate(F, method="geometric")
    assert out.iloc[0] == pytest.approx(4.0)  # (4 * 1 * 16) ** (1/3)
    assert out.iloc[2] == 0.0  # a zero absorbs
    assert out.iloc[3] == pytest.approx(4.0)  # sqrt(2 * 8)
    shifted = aggregate(F, method="geometric", zero="offset", offset=1.0)
    assert shifted.iloc[2] == pytest.approx((1 * 10 * 5) ** (1 / 3) - 1)
    # a zero on an indicator of weight zero does not count
    assert aggregate(F, {"a": 0, "b": 1, "c": 1}, "geometric").iloc[2] == pytest.approx(6.0)


def test_harmonic_by_hand():
    out = aggregate(F, method="harmonic")
    assert out.iloc[0] == pytest.approx(3 / (1 / 4 + 1 + 1 / 16))
    assert out.iloc[2] == 0.0


def test_negative_values_refused_for_geometric():
    with pytest.raises(IndexDataError, match="values >= 0.*'a'"):
        aggregate(pd.DataFrame({"a": [-1.0, 1.0], "b": [1.0, 1.0]}), method="geometric")


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"method": "median"}, "unknown"),
        ({"weights": {"a": 1, "b": 1}}, "missing \\['c'\\]"),
        ({"weights": [1, 2]}, "2 values for 3 items"),
        ({"method": "geometric", "zero": "ignore"}, "zero rule"),
    ],
)
def test_bad_input(kwargs, words):
    with pytest.raises(IndexSpecError, match=words):
        aggregate(F, **kwargs)


def brute_copeland(x, w):
    n = len(x)
    out = np.zeros(n)
    for i, j in itertools.permutations(range(n), 2):
        both = ~np.isnan(x[i]) & ~np.isnan(x[j])
        tot = w[both].sum()
        e = (
            0.5
            if tot == 0
            else (w[both & (x[i] > x[j])].sum() + 0.5 * w[both & (x[i] == x[j])].sum()) / tot
        )
        out[i] += np.sign(round(e - 0.5, 12))
    return out


def test_copeland_by_hand_and_brute_force():
    f = pd.DataFrame({"a": [3, 2, 1], "b": [3, 1, 2], "c": [1, 3, 2]})
    # A beats B on a, b; A beats C on a, b; B beats C on a, c -> A 2, B 0, C -2
    assert copeland(f).tolist() == [2.0, 0.0, -2.0]
    rng = np.random.default_rng(0)
    x = rng.integers(1, 6, size=(25, 4)).astype(float)
    x[rng.random(x.shape) < 0.1] = np.nan
    w = np.array([0.4, 0.3, 0.2, 0.1])
    got = aggregate(pd.DataFrame(x), w, method="copeland")
    assert np.array_equal(got.to_numpy(), brute_copeland(x, w))
    with pytest.raises(IndexSpecError, match="max_units"):
        copeland(pd.DataFrame(x), max_units=10)


rows = arrays(
    np.float64,
    st.tuples(st.integers(1, 12), st.integers(1, 5)),
    elements=st.floats(0, 100, allow_nan=False),
)
MEANS = ["arithmetic", "geometric", "harmonic"]


@given(rows, st.sampled_from(MEANS), st.data())
@settings(max_examples=80, deadline=None)
def test_means_stay_between_row_min_and_max(x, method, data):
    w = data.draw(st.lists(st.floats(0.01, 10), min_size=x.shape[1], max_size=x.shape[1]))
    out = aggregate(pd.DataFrame(x), w, method).to_numpy()
    assert np.all(out >= x.min(axis=1) - 1e-9) and np.all(out <= x.max(axis=1) + 1e-9)


@given(rows, st.sampled_from(MEANS + ["copeland"]), st.data())
@settings(max_examples=80, deadline=None)
def test_better_everywhere_is_never_lower(x, method, data):
    bump = data.draw(arrays(np.float64, x.shape[1], elements=st.floats(0, 20)))
    better = np.minimum(x[0] + bump, 100)
    frame = pd.DataFrame(np.vstack([x, better]))
    out = aggregate(frame, method=method).to_numpy()
    assert out[-1] >= out[0] - 1e-9


@given(rows, st.sampled_from(MEANS + ["copeland"]), st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_row_order_does_not_matter(x, method, rnd):
    frame = pd.DataFrame(x)
    perm = list(range(len(frame)))
    rnd.shuffle(perm)
    a = aggregate(frame, method=method)
    b = aggregate(frame.iloc[perm], method=method).sort_index()
    assert np.allclose(a.to_numpy(), b.to_numpy())


def test_infinite_value_is_refused():
    # inf would give an infinite score (or NaN beside a zero weight) without a word
    with pytest.raises(IndexDataError, match="'a', row 0: inf is not a finite number"):
        aggregate(pd.DataFrame({"a": [np.inf, 1.0], "b": [1.0, 2.0]}), method="geometric")


@given(
    arrays(np.float64, (6, 4), elements=st.floats(0.01, 100)),
    arrays(np.float64, 4, elements=st.floats(0.1, 5)),
)
@settings(max_examples=60, deadline=None)
def test_weighted_means_are_numpy_and_scipy_means(x, w):
    # independent computation: numpy.average and scipy.stats.gmean/hmean with the same weights
    from scipy.stats import gmean, hmean

    frame = pd.DataFrame(x, columns=list("abcd"))
    weights = dict(zip("abcd", w, strict=True))
    got = {
        m: aggregate(frame, weights, m).to_numpy() for m in ("arithmetic", "geometric", "harmonic")
    }
    assert got["arithmetic"] == pytest.approx(np.average(x, axis=1, weights=w), rel=1e-12)
    assert got["geometric"] == pytest.approx(gmean(x, axis=1, weights=w), rel=1e-10)
    assert got["harmonic"] == pytest.approx(hmean(x, axis=1, weights=w), rel=1e-10)
