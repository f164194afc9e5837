"""Monte Carlo and Sobol: reproducible with a seed, chunk-independent, exact quantiles."""

import numpy as np
import pandas as pd
import pytest

from ikmpolicy.readiness import (
    IndexSpecError,
    build_index,
    monte_carlo,
    rank_robustness,
)


@pytest.fixture
def record(meta, sample):
    a, firms = sample
    return build_index(a, meta, firms)


def test_same_seed_same_result(record):
    a = monte_carlo(record, 120, seed=5)
    b = monte_carlo(record, 120, seed=5)
    pd.testing.assert_frame_equal(a.ranks, b.ranks)
    pd.testing.assert_frame_equal(a.sobol, b.sobol)
    pd.testing.assert_frame_equal(a.design, b.design)
    c = monte_carlo(record, 120, seed=6)
    assert not c.design.equals(a.design)


def test_chunking_does_not_change_results(record):
    a = monte_carlo(record, 60, seed=2, chunk_size=7)
    b = monte_carlo(record, 60, seed=2, chunk_size=1000)
    pd.testing.assert_frame_equal(a.ranks, b.ranks)
    assert np.allclose(a.design["rank_shift"], b.design["rank_shift"])


def test_quantiles_exact_against_numpy(record):
    res = monte_carlo(record, 200, seed=3, keep_ranks=True)
    assert res.settings["exact_quantiles"]
    ranks = res.rank_samples
    t = res.ranks.dropna(subset=["nominal_rank"])
    assert np.array_equal(t["q_low"], np.quantile(ranks, 0.05, axis=1, method="inverted_cdf"))
    assert np.array_equal(t["q_high"], np.quantile(ranks, 0.95, axis=1, method="inverted_cdf"))
    assert np.array_equal(t["median_rank"], np.quantile(ranks, 0.5, axis=1, method="inverted_cdf"))
    assert np.allclose(t["mean_rank"], ranks.mean(axis=1))
    # coarse histogram (fewer bins than firms): within one bin of the exact value
    coarse = monte_carlo(record, 200, seed=3, rank_bins=10)
    width = 60 / 10
    c = coarse.ranks.dropna(subset=["nominal_rank"])
    assert (np.abs(c["q_high"] - t["q_high"]) <= width).all()


def test_nominal_run_reproduces_the_index(record):
    # weights fixed, one option per factor but aggregation: the arithmetic runs are nominal
    res = monte_carlo(
        record,
        40,
        seed=1,
        weight_noise=0,
        imputations=None,
        normalisations=None,
        aggregations=["geometric"],
        keep_ranks=True,
    )
    arith = (res.design["aggregation"] == "arithmetic/arithmetic").to_numpy()
    assert arith.any()
    nominal = record.ranks["overall"].dropna().to_numpy()
    assert (res.rank_samples[:, arith] == nominal[:, None]).all()
    assert np.allclose(res.design.loc[arith, "rank_shift"], 0)


def test_sobol_finds_the_factor_that_matters(record):
    res = monte_carlo(
        record,
        600,
        seed=4,
        weight_noise=1e-6,
        imputations=None,
        normalisations=None,
        aggregations=["harmonic"],
    )
    s = res.sobol.set_index("factor")
    assert list(s.index) == ["weights", "aggregation"]
    assert s.loc["aggregation", "ST"] > 0.9
    assert s.loc["weights", "ST"] < 0.05
    # SALib's Sobol' design: N a power of two (the smallest reaching 600 runs), N (D + 2) runs
    assert res.settings["base_size"] == 256 and res.n_runs == 256 * 4
    # weights that barely move cannot be told from no effect: flagged, not printed
    assert bool(s.loc["aggregation", "reliable"]) and not s.loc["weights", "reliable"]


def test_sobol_table_is_the_sensitivity_table_of_the_rank_shift(record):
    res = monte_carlo(record, 200, seed=9)
    s = res.sobol
    assert list(s.columns) == [
        "factor",
        "S1",
        "S1_conf",
        "ST",
        "ST_conf",
        "S1_reliable",
        "ST_reliable",
        "reliable",
        "runs_needed",
    ]
    assert s.attrs["runs"] == res.n_runs == len(res.design)
    # every index shown as reliable is a possible value with an interval narrower than itself
    for k in ("S1", "ST"):
        shown = s[s[f"{k}_reliable"]]
        assert ((shown[k] > 0) & (shown[k] <= 1) & (2 * shown[f"{k}_conf"] <= shown[k])).all()
    # and a flagged one says how many runs would do (a power of two times D + 2), or nothing
    need = s["runs_needed"].dropna().astype(int)
    per_row = len(s) + 2
    assert all((v % per_row == 0) and (v // per_row) & (v // per_row - 1) == 0 for v in need)
    empty = monte_carlo(record, 50, seed=9, sobol=False)
    assert empty.sobol.empty and empty.n_runs == 50


def test_robustness_rule():
    t = pd.DataFrame(
        {
            "nominal_rank": [1, 10, 3, np.nan],
            "q_low": [1, 2, 4, np.nan],
            "q_high": [6, 30, 8, np.nan],
        }
    )
    assert rank_robustness(t, n_ranked=60).tolist() == [
        "robust",
        "fragile",
        "fragile",
        "not_ranked",
    ]
    # widths are relative to the number of ranked firms: 28 places of 300 is within 10 %
    assert rank_robustness(t, n_ranked=300).tolist()[1] == "robust"
    assert rank_robustness(t, n_ranked=60, max_width_share=0.05).tolist()[0] == "fragile"


def test_every_firm_gets_a_label(record):
    res = monte_carlo(record, 60, seed=1)
    assert set(res.ranks["robustness"]) <= {"robust", "fragile", "not_ranked"}
    assert res.ranks["robustness"].notna().all()
    assert (res.ranks["q_low"] <= res.ranks["median_rank"]).all()
    assert (res.ranks["median_rank"] <= res.ranks["q_high"]).all()


def test_bad_options(record):
    with pytest.raises(IndexSpecError, match="nothing is uncertain"):
        monte_carlo(
            record, 10, weight_noise=0, imputations=None, normalisations=None, aggregations=None
        )
    with pytest.raises(IndexSpecError, match="negative values"):
        monte_carlo(record, 10, normalisations=["zscore"], aggregations=["geometric"])
    with pytest.raises(IndexSpecError, match="unknown"):
        monte_carlo(record, 10, normalisations=["softmax"])


def test_zscore_index_runs_with_the_default_options(meta, sample):
    """z-scores can be negative: the default aggregations leave out the geometric mean (the
    notebook's Monte Carlo stopped on a z-score index the user had built without error)."""
    a, firms = sample
    res = monte_carlo(build_index(a, meta, firms, normalisation="zscore"), 60, seed=1)
    assert res.settings["aggregations"] == ["arithmetic/arithmetic"]
    assert "zscore" in res.settings["normalisations"]
    assert res.ranks["median_rank"].notna().any()


def test_bounded_index_still_varies_the_aggregation_by_default(record):
    res = monte_carlo(record, 60, seed=1)
    assert res.settings["aggregations"] == ["arithmetic/arithmetic", "geometric/geometric"]
