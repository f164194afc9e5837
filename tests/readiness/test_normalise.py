"""Each normalisation against a hand-computed example and against properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ikmpolicy.readiness import IndexDataError, IndexSpecError, normalise

F = pd.DataFrame({"q": [1.0, 2.0, 4.0, 5.0], "cost": [10.0, 40.0, 20.0, 30.0]})


def test_minmax_by_hand():
    out = normalise(F, "minmax", directions={"cost": -1})
    assert out["q"].tolist() == [0.0, 25.0, 75.0, 100.0]
    assert np.allclose(out["cost"], [100.0, 0.0, 200 / 3, 100 / 3])
    assert normalise(F, "minmax", scale=(1, 10))["q"].tolist() == [1.0, 3.25, 7.75, 10.0]


def test_zscore_by_hand_uses_sample_sd():
    out = normalise(F, "zscore")
    sd = np.sqrt(((F["q"] - 3) ** 2).sum() / 3)
    assert np.allclose(out["q"], (F["q"] - 3) / sd)
    assert np.allclose(normalise(F, "zscore", zscore=(10, 2))["q"], 10 + 2 * (F["q"] - 3) / sd)


def test_rank_by_hand_with_ties():
    out = normalise(pd.DataFrame({"x": [3.0, 1.0, 3.0, 2.0, np.nan]}), "rank")
    # average ranks 3.5, 1, 3.5, 2 -> (r - 1) / 3 * 100
    assert np.allclose(out["x"].iloc[:4], [250 / 3, 0.0, 250 / 3, 100 / 3])
    assert np.isnan(out["x"].iloc[4])


def test_target_by_hand_caps_past_target():
    out = normalise(F, "target", targets={"q": 4.0, "cost": 20.0}, directions={"cost": -1})
    assert np.allclose(out["q"], [0.0, 100 / 3, 100.0, 100.0])  # (x - 1) / (4 - 1), capped
    assert np.allclose(out["cost"], [100.0, 0.0, 100.0, 50.0])  # (40 - x) / (40 - 20), capped


def test_goalposts_by_hand_caps_at_posts():
    out = normalise(
        F, "goalposts", goalposts={"q": (2, 4), "cost": (15, 35)}, directions={"cost": -1}
    )
    assert out["q"].tolist() == [0.0, 0.0, 100.0, 100.0]
    assert out["cost"].tolist() == [100.0, 0.0, 75.0, 25.0]


def test_constant_column_gets_middle():
    assert normalise(pd.DataFrame({"x": [2.0, 2.0]}), "minmax")["x"].tolist() == [50.0, 50.0]


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"method": "softmax"}, "unknown"),
        ({"method": "minmax", "directions": {"nope": 1}}, "unknown indicator.*nope"),
        ({"method": "minmax", "directions": {"q": 0}}, "'q' must be \\+1 or -1"),
        ({"method": "goalposts", "goalposts": {"q": (1, 5)}}, "no value for indicator.*cost"),
        ({"method": "goalposts", "goalposts": {"q": (5, 1), "cost": (0, 1)}}, "low < high"),
        ({"method": "minmax", "scale": (100, 0)}, "low < high"),
    ],
)
def test_bad_input(kwargs, words):
    with pytest.raises(IndexSpecError, match=words):
        normalise(F, **kwargs)


def test_data_problems_are_data_errors():
    with pytest.raises(IndexDataError, match="'x'.*every value is missing"):
        normalise(pd.DataFrame({"x": [np.nan, np.nan], "y": [1.0, 2.0]}), "minmax")
    with pytest.raises(IndexDataError, match="'x'.*numeric"):
        normalise(pd.DataFrame({"x": ["a", "b"]}), "minmax")
    with pytest.raises(IndexDataError, match="DataFrame"):
        normalise([[1.0, 2.0]], "minmax")


values = arrays(
    np.float64,
    st.tuples(st.integers(2, 25), st.integers(1, 4)),
    elements=st.floats(1, 5, allow_nan=False),
)
BOUNDED = [("minmax", {}), ("rank", {}), ("target", {"targets": {0: 4.0}}), ("goalposts", None)]


def _opts(method, extra, ncol):
    if method == "goalposts":
        return {"goalposts": {j: (1.5, 4.5) for j in range(ncol)}}
    return extra


@given(values, st.sampled_from(BOUNDED), st.lists(st.sampled_from([1, -1]), min_size=4, max_size=4))
@settings(max_examples=80, deadline=None)
def test_bounded_methods_stay_in_scale_and_respect_direction(x, method_opts, dirs):
    method, extra = method_opts
    frame = pd.DataFrame(x)
    d = {j: dirs[j] for j in range(x.shape[1])}
    out = normalise(
        frame, method, directions=d, scale=(0, 100), **_opts(method, extra or {}, x.shape[1])
    ).to_numpy()
    assert np.all((out >= -1e-9) & (out <= 100 + 1e-9))
    # a better raw value (in the indicator's direction) never gets a lower score
    for j in range(x.shape[1]):
        key = x[:, j] * d[j]
        i, k = np.argmin(key), np.argmax(key)
        assert out[k, j] >= out[i, j] - 1e-9


@given(
    values,
    st.sampled_from(["minmax", "zscore", "rank", "target", "goalposts"]),
    st.randoms(use_true_random=False),
)
@settings(max_examples=60, deadline=None)
def test_row_order_does_not_matter(x, method, rnd):
    frame = pd.DataFrame(x)
    opts = _opts(method, {}, x.shape[1])
    perm = list(range(len(frame)))
    rnd.shuffle(perm)
    a = normalise(frame, method, **opts)
    b = normalise(frame.iloc[perm], method, **opts).sort_index()
    assert np.allclose(a.to_numpy(), b.to_numpy(), equal_nan=True)


def test_target_reached_by_every_firm_gives_full_marks():
    # Distance to a target (Handbook 2008, section 5, "distance to a reference"; COINr
    # n_dist2targ with cap_max = TRUE): a firm at or past the target has distance 0 and full
    # marks. When even the worst firm reaches it, (x - min) / (target - min) has no span;
    # before this check every firm got the middle of the scale (50) instead of 100.
    f = pd.DataFrame({"q": [3.0, 4.0, 5.0, np.nan], "cost": [10.0, 20.0, 30.0, 15.0]})
    out = normalise(f, "target", targets={"q": 3.0, "cost": 40.0}, directions={"cost": -1})
    assert out["q"].iloc[:3].tolist() == [100.0, 100.0, 100.0] and np.isnan(out["q"].iloc[3])
    assert out["cost"].tolist() == [100.0] * 4
    # a target below every value, too
    assert normalise(f[["q"]], "target", targets={"q": 1.0})["q"].iloc[:3].tolist() == [100.0] * 3
    with pytest.raises(IndexSpecError, match="reached by every firm"):
        normalise(f[["q"]], "target", targets={"q": 3.0}, cap=False)


def test_infinite_or_no_data_is_a_clear_error():
    # inf would silently turn the whole column into NaN (inf - inf) under min-max/z-scores
    with pytest.raises(IndexDataError, match="'x', row 1: inf is not a finite number"):
        normalise(pd.DataFrame({"x": [1.0, np.inf, 3.0]}), "minmax")
    with pytest.raises(IndexDataError, match="no firms"):
        normalise(pd.DataFrame({"x": []}, dtype=float), "minmax")


def _coinr_n_prank(v: np.ndarray) -> np.ndarray:
    # COINr 1.1.14, R/normalise.R: rx <- rank(x, ties.method = "min"); (rx - 1) / (n - 1),
    # written out with scipy's rankdata as an independent computation
    from scipy.stats import rankdata

    return (rankdata(v, method="min") - 1) / (len(v) - 1)


@given(st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=30, unique=True))
@settings(max_examples=60, deadline=None)
def test_rank_without_ties_is_coinr_n_prank(values):
    v = np.array(values)
    got = normalise(pd.DataFrame({"x": v}), "rank", scale=(0.0, 1.0))["x"].to_numpy()
    assert got == pytest.approx(_coinr_n_prank(v), abs=1e-12)


@given(st.lists(st.integers(0, 4), min_size=2, max_size=30))
@settings(max_examples=60, deadline=None)
def test_rank_with_ties_uses_average_ranks(values):
    # documented convention: ties share the average rank (R's ties.method = "average"),
    # where COINr's n_prank gives them the lowest ("min")
    from scipy.stats import rankdata

    v = np.array(values, dtype=float)
    got = normalise(pd.DataFrame({"x": v}), "rank", scale=(0.0, 1.0))["x"].to_numpy()
    if np.ptp(v) == 0:
        assert np.allclose(got, 0.5)
        return
    assert got == pytest.approx((rankdata(v, method="average") - 1) / (len(v) - 1), abs=1e-12)


# --- COINr's own test suite (bluefoxr/COINr, tests/testthat/test-normalise.R) -------------------


def test_coinr_dist2targ_cases():
    # "dist2targ": x = c(0, 5, 11), targ = 10, direction 1, cap_max = TRUE -> c(0, 0.5, 1);
    # x = c(-1, 1, 10), targ = 0, direction -1, cap_max = TRUE -> c(1, 0.9, 0)
    up = normalise(pd.DataFrame({"x": [0.0, 5.0, 11.0]}), "target", targets={"x": 10}, scale=(0, 1))
    assert up["x"].tolist() == pytest.approx([0.0, 0.5, 1.0], abs=1e-12)
    down = normalise(
        pd.DataFrame({"x": [-1.0, 1.0, 10.0]}),
        "target",
        targets={"x": 0},
        directions={"x": -1},
        scale=(0, 1),
    )
    assert down["x"].tolist() == pytest.approx([1.0, 0.9, 0.0], abs=1e-12)


def test_coinr_goalpost_cases():
    # "n_funcs": n_goalposts(1, c(0, 10, 1)) = 0.1, n_goalposts(11, ...) = 1,
    # n_goalposts(-1, ...) = 0; with direction = -1: 0.9, 0 and 1
    f = pd.DataFrame({"x": [1.0, 11.0, -1.0]})
    up = normalise(f, "goalposts", goalposts={"x": (0, 10)}, scale=(0, 1))
    assert up["x"].tolist() == pytest.approx([0.1, 1.0, 0.0], abs=1e-12)
    down = normalise(f, "goalposts", goalposts={"x": (0, 10)}, directions={"x": -1}, scale=(0, 1))
    assert down["x"].tolist() == pytest.approx([0.9, 0.0, 1.0], abs=1e-12)


def test_coinr_minmax_and_zscore_cases():
    # "norm_num": x = 1:10 onto l_u = c(2, 7) has min 2 and max 7; n_zscore with
    # m_sd = c(5, 2) has mean 5 and (R's, n - 1) sd 2
    x = pd.DataFrame({"x": np.arange(1.0, 11.0)})
    mm = normalise(x, "minmax", scale=(2, 7))["x"]
    assert (mm.min(), mm.max()) == (2.0, 7.0)
    z = normalise(x, "zscore", zscore=(5, 2))["x"]
    assert z.mean() == pytest.approx(5.0) and z.std(ddof=1) == pytest.approx(2.0)
