"""Sobol' indices with SALib: the Ishigami function against its analytic indices, nothing
clipped, the reliability rule and the run-count estimate."""

import numpy as np
import pandas as pd
import pytest
from SALib.analyze import sobol as salib_analyze
from SALib.sample import sobol as salib_sample

from ikmpolicy.errors import RunError
from ikmpolicy.readiness import IndexSpecError
from ikmpolicy.readiness.sensitivity import base_size, reliability, sensitivity

A, B = 7.0, 0.1
ISHIGAMI = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}


def ishigami(x):
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def analytic_indices(a=A, b=B):
    # Ishigami, T. & Homma, T. (1990), "An importance quantification technique in uncertainty
    # analysis for computer models", ISUMA '90, 398-403; variances as in Saltelli et al. (2008),
    # Global Sensitivity Analysis. The Primer, and SALib's own tests (tests/test_sobol.py).
    pi = np.pi
    v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def test_analytic_values_are_the_published_ones():
    s1, st = analytic_indices()
    np.testing.assert_allclose(s1, [0.3139, 0.4424, 0.0], atol=5e-5)
    np.testing.assert_allclose(st, [0.5576, 0.4424, 0.2437], atol=5e-5)


@pytest.fixture(scope="module")
def ishigami_table():
    return sensitivity(ishigami, ISHIGAMI, 1024, seed=20250515)


def test_ishigami_within_the_confidence_intervals(ishigami_table):
    t = ishigami_table
    s1, st = analytic_indices()
    assert list(t["factor"]) == ["x1", "x2", "x3"]
    assert (np.abs(t["S1"] - s1) <= t["S1_conf"]).all()
    assert (np.abs(t["ST"] - st) <= t["ST_conf"]).all()
    assert t.attrs["runs"] == 1024 * 5 and t.attrs["n"] == 1024
    # x1 and x2 are resolved; x3 acts only through its interaction with x1: its S1 is 0 and
    # no sample can make an index of 0 "no wider than itself", so it is flagged, its ST is not
    assert t["reliable"].tolist() == [True, True, False]
    assert t["ST_reliable"].tolist() == [True, True, True]


def test_same_seed_same_table_and_nothing_clipped():
    a = sensitivity(ishigami, ISHIGAMI, 64, seed=3, num_resamples=200)
    b = sensitivity(ishigami, ISHIGAMI, 64, seed=3, num_resamples=200)
    pd.testing.assert_frame_equal(a, b)
    # the numbers are SALib's own, computed here independently on the same design
    x = salib_sample.sample(ISHIGAMI, 64, calc_second_order=False, scramble=True, seed=3)
    y = ishigami(x)
    si = salib_analyze.analyze(ISHIGAMI, y, calc_second_order=False, num_resamples=10)
    np.testing.assert_allclose(a["S1"], si["S1"], rtol=1e-12)
    np.testing.assert_allclose(a["ST"], si["ST"], rtol=1e-12)
    # small samples give impossible estimates: they are reported as they are, and flagged
    small = sensitivity(ishigami, ISHIGAMI, 8, seed=2, num_resamples=200)
    odd = (small[["S1", "ST"]] < 0).any(axis=1) | (small["ST"] < small["S1"])
    assert odd.any()
    assert not small.loc[odd, "reliable"].any()


def test_half_width_shrinks_like_one_over_sqrt_n():
    # the premise of runs_needed: 16 times the runs, a quarter of the half-width
    t1 = sensitivity(ishigami, ISHIGAMI, 256, seed=2, num_resamples=500)
    t2 = sensitivity(ishigami, ISHIGAMI, 4096, seed=2, num_resamples=500)
    ratio = np.r_[t1["S1_conf"] / t2["S1_conf"], t1["ST_conf"] / t2["ST_conf"]]
    assert np.all((ratio > 2.5) & (ratio < 6.5))


def test_reliability_rule_by_hand():
    # factor p: both fine; q: interval wider than S1; r: ST above 1; s: S1 interval entirely
    # above the ST interval (impossible, as S1 <= ST always); u: negative S1
    t = reliability(
        ["p", "q", "r", "s", "u"],
        s1=[0.50, 0.10, 0.30, 0.60, -0.05],
        s1_conf=[0.05, 0.08, 0.02, 0.02, 0.04],
        st=[0.60, 0.20, 1.12, 0.40, 0.30],
        st_conf=[0.05, 0.02, 0.10, 0.02, 0.03],
        n=128,
        per_row=6,
    ).set_index("factor")
    assert t["S1_reliable"].tolist() == [True, False, True, False, False]
    assert t["ST_reliable"].tolist() == [True, True, False, False, True]
    assert t["reliable"].tolist() == [True, False, False, False, False]
    runs = t["runs_needed"]
    assert pd.isna(runs["p"])
    # q: half-width 0.08 -> 0.05 needs 128 * (0.08 / 0.05)^2 = 327.7 rows -> 512; 6 runs per row
    assert runs["q"] == 512 * 6
    # r: ST above 1 aims at a half-width of 0.5; that is already met, so twice the sample
    assert runs["r"] == 256 * 6
    assert runs["s"] == 256 * 6
    # u: no count can be estimated from a negative estimate; its ST is reliable
    assert pd.isna(runs["u"])


def test_constant_output_has_no_index():
    t = sensitivity(lambda x: np.ones(len(x)), ISHIGAMI, 16, seed=1)
    assert t.attrs["constant_output"]
    assert t[["S1", "ST"]].isna().all().all() and not t["reliable"].any()


def test_second_order_indices():
    t = sensitivity(ishigami, ISHIGAMI, 1024, seed=5, calc_second_order=True, num_resamples=200)
    s2 = t.attrs["S2"]
    # only x1 and x3 interact: S13 = V13 / V (0.2437), the others 0
    assert abs(s2.loc["x1", "x3"] - 0.2437) <= t.attrs["S2_conf"].loc["x1", "x3"]
    assert t.attrs["runs"] == 1024 * 8


def test_bad_calls():
    with pytest.raises(IndexSpecError, match="power of two.*1000"):
        sensitivity(ishigami, ISHIGAMI, 1000, seed=1)
    with pytest.raises(IndexSpecError, match="names"):
        sensitivity(ishigami, {"num_vars": 3}, 64, seed=1)
    with pytest.raises(IndexSpecError, match="must agree"):
        sensitivity(ishigami, {**ISHIGAMI, "num_vars": 2}, 64, seed=1)
    with pytest.raises(RunError, match="outputs for"):
        sensitivity(lambda x: np.zeros(3), ISHIGAMI, 64, seed=1)
    with pytest.raises(RunError, match="finite"):
        sensitivity(lambda x: np.full(len(x), np.nan), ISHIGAMI, 64, seed=1)


def test_base_size_is_the_smallest_power_of_two_reaching_the_runs():
    assert base_size(1000, 4) == 256  # 256 * 6 = 1536 >= 1000 > 128 * 6
    assert base_size(600, 2) == 256  # 256 * 4 = 1024 >= 600 > 128 * 4
    assert base_size(1, 3) == 2
