"""Weights: validation, re-normalisation, and PCA weights against an independent computation."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from ikmpolicy.readiness import (
    IndexDataError,
    IndexSpecError,
    check_weights,
    pca_weights,
    perturb_weights,
    varimax,
)


def test_check_weights_by_hand():
    assert check_weights({"a": 2, "b": 1, "c": 1}, ["a", "b", "c"]).tolist() == [0.5, 0.25, 0.25]
    assert check_weights([1, 3], ["a", "b"]).tolist() == [0.25, 0.75]
    # an AHP vector (any positive vector) is accepted and re-normalised
    ahp = pd.Series({"b": 0.2, "a": 0.6})
    assert check_weights(ahp, ["a", "b"]).to_dict() == pytest.approx({"a": 0.75, "b": 0.25})


@pytest.mark.parametrize(
    "w, words",
    [
        ({"a": 1}, "missing \\['b'\\]"),
        ({"a": 1, "b": 1, "z": 1}, "unknown \\['z'\\]"),
        ([1, 2, 3], "3 values for 2 items"),
        ({"a": -1, "b": 1}, "\\['a'\\] must be a finite number >= 0"),
        ({"a": np.nan, "b": 1}, "finite"),
        ({"a": 0, "b": 0}, "all zero"),
        ("ahp", "expected numbers"),
    ],
)
def test_weights_not_matching_are_refused(w, words):
    with pytest.raises(IndexSpecError, match=words):
        check_weights(w, ["a", "b"])


@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=12).filter(lambda v: sum(v) > 1e-9))
@settings(max_examples=100, deadline=None)
def test_weights_sum_to_one(values):
    w = check_weights(values, [f"i{k}" for k in range(len(values))])
    assert w.sum() == pytest.approx(1.0)
    assert (w >= 0).all()


def test_perturbed_weights_sum_to_one_and_stay_near():
    w = np.array([0.5, 0.3, 0.2])
    p = perturb_weights(w, 500, 0.25, np.random.default_rng(0))
    assert np.allclose(p.sum(axis=1), 1)
    ratio = p / w
    assert ratio.min() > 0.75 / 1.25 - 1e-9 and ratio.max() < 1.25 / 0.75 + 1e-9


def one_factor_data(n=300, seed=0):
    rng = np.random.default_rng(seed)
    f = rng.normal(size=(n, 1))
    load = np.array([0.9, 0.8, 0.6, 0.3])
    x = f * load + rng.normal(size=(n, 4)) * np.sqrt(1 - load**2)
    return pd.DataFrame(x, columns=list("abcd"))


def test_pca_one_component_matches_svd():
    frame = one_factor_data()
    res = pca_weights(frame)
    assert res.n_components == 1
    # independent: singular value decomposition of the standardised data (no eigh, no rotation)
    z = (frame - frame.mean()) / frame.std(ddof=1)
    _, s, vt = np.linalg.svd(z.to_numpy(), full_matrices=False)
    eig = s**2 / (len(z) - 1)
    assert np.allclose(res.eigenvalues.to_numpy(), eig)
    load = vt[0] * s[0] / np.sqrt(len(z) - 1)
    expected = load**2 / (load**2).sum()
    assert np.allclose(res.weights.to_numpy(), expected)
    assert res.weights.sum() == pytest.approx(1)


def two_factor_data(n=400, seed=1):
    rng = np.random.default_rng(seed)
    f = rng.normal(size=(n, 2))
    L = np.array([[0.85, 0.1], [0.8, 0.2], [0.75, 0.0], [0.1, 0.85], [0.2, 0.8], [0.0, 0.7]])
    x = f @ L.T + rng.normal(size=(n, 6)) * 0.45
    return pd.DataFrame(x, columns=[f"i{k}" for k in range(6)])


def _varimax_criterion(A):
    p = A.shape[0]
    return ((A**4).sum(axis=0) - ((A**2).sum(axis=0)) ** 2 / p).sum()


def test_pca_two_components_varimax_matches_brute_force_rotation():
    frame = two_factor_data()
    res = pca_weights(frame)
    assert res.n_components == 2
    L = res.loadings.to_numpy()
    # independent varimax: search the rotation angle directly (Kaiser-normalised criterion)
    h = np.sqrt((L**2).sum(axis=1))

    def neg(theta):
        c, s = np.cos(theta), np.sin(theta)
        return -_varimax_criterion((L / h[:, None]) @ np.array([[c, -s], [s, c]]))

    grid = np.linspace(0, np.pi / 2, 721)
    best = grid[np.argmin([neg(t) for t in grid])]
    theta = optimize.minimize_scalar(neg, bounds=(best - 0.01, best + 0.01), method="bounded").x
    c, s = np.cos(theta), np.sin(theta)
    R_bf = L @ np.array([[c, -s], [s, c]])
    R = res.rotated.to_numpy()
    # same loadings up to column order and sign
    match = min(
        np.abs(np.abs(R) - np.abs(R_bf)).max(), np.abs(np.abs(R) - np.abs(R_bf[:, ::-1])).max()
    )
    assert match < 1e-4
    # Handbook weights recomputed by hand from the rotated loadings
    sq = R_bf**2
    expl = sq.sum(axis=0)
    comp = sq.argmax(axis=1)
    w = (sq / expl)[np.arange(6), comp] * expl[comp] / expl.sum()
    assert np.allclose(res.weights.to_numpy(), w / w.sum(), atol=1e-4)
    # the two blocks of indicators load on different components
    assert len(set(res.assignment.iloc[:3])) == 1 and set(res.assignment.iloc[:3]) != set(
        res.assignment.iloc[3:]
    )


def test_varimax_rotation_is_orthogonal():
    L = np.random.default_rng(2).normal(size=(7, 3))
    rotated, R = varimax(L)
    assert np.allclose(R @ R.T, np.eye(3))
    assert np.allclose(rotated, L @ R)


def test_pca_errors():
    with pytest.raises(IndexSpecError, match="at least two indicators"):
        pca_weights(pd.DataFrame({"a": [1.0, 2.0, 3.0]}))
    with pytest.raises(IndexDataError, match="constant"):
        pca_weights(pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [1.0] * 4}))
