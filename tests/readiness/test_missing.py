import numpy as np
import pandas as pd
import pytest

from ikmpolicy.readiness import (
    IndexSpecError,
    coverage_exclusions,
    impute,
    missing_by_firm,
    missing_by_indicator,
)

NAN = np.nan


@pytest.fixture
def frame():
    return pd.DataFrame(
        {"a": [1.0, NAN, 3.0, 5.0], "b": [2.0, 4.0, NAN, NAN], "c": [3.0, 6.0, 9.0, NAN]},
        index=["w", "x", "y", "z"],
    )


def test_reports(frame):
    by_i = missing_by_indicator(frame)
    assert by_i["n_missing"].tolist() == [1, 2, 1]
    by_f = missing_by_firm(frame, pd.Series({"a": "d1", "b": "d1", "c": "d2"}))
    assert by_f["n_missing"].tolist() == [0, 1, 1, 2]
    assert by_f["missing_indicators"].astype(str).tolist() == ["", "a", "b", "b;c"]
    assert by_f["dimensions_observed"].tolist() == [2, 2, 2, 1]


def test_indicator_mean(frame):
    res = impute(frame, "indicator_mean")
    assert res.data.loc["x", "a"] == pytest.approx(3.0)  # (1 + 3 + 5) / 3
    assert res.data.loc["y", "b"] == pytest.approx(3.0)  # (2 + 4) / 2
    assert res.flag_labels().loc["x", "a"] == "indicator_mean"
    assert res.flags.to_numpy().sum() == 4 * 1  # four cells, code 1


def test_dimension_mean_uses_own_row_then_falls_back(frame):
    dims = pd.Series({"a": "d1", "b": "d1", "c": "d2"})
    res = impute(frame, "dimension_mean", dimension_of=dims)
    # on one scale (COINr's row imputation, below): x's own b (4) is the top of b's observed
    # range 2..4, so x gets the top of a's range 1..5; y's own a (3) is the middle of a's range,
    # so y gets the middle of b's
    assert res.data.loc["x", "a"] == 5.0
    assert res.data.loc["y", "b"] == 3.0
    assert res.flag_labels().loc["x", "a"] == "dimension_mean"
    # c is alone in d2: falls back to the indicator mean (3 + 6 + 9) / 3
    assert res.data.loc["z", "c"] == 6.0
    assert res.flag_labels().loc["z", "c"] == "indicator_mean"


def test_subsector_mean(frame):
    groups = pd.Series({"w": "s1", "x": "s1", "y": "s2", "z": "s2"})
    res = impute(frame, "subsector_mean", groups=groups)
    assert res.data.loc["x", "a"] == 1.0  # only w in s1 has a
    assert res.data.loc["z", "c"] == 9.0
    assert res.flag_labels().loc["x", "a"] == "subsector_mean"
    # nobody in s2 has b: overall mean of b
    assert res.data.loc["y", "b"] == 3.0
    assert res.flag_labels().loc["y", "b"] == "indicator_mean"


def test_none_keeps_gaps_and_errors(frame):
    res = impute(frame, "none")
    assert res.data.isna().sum().sum() == 4
    with pytest.raises(IndexSpecError, match="unknown"):
        impute(frame, "median")
    with pytest.raises(IndexSpecError, match="sub-sector"):
        impute(frame, "subsector_mean")


def test_coverage_rule_says_why(frame):
    cov = coverage_exclusions(frame, 2 / 3)
    assert cov["included"].tolist() == [True, True, True, False]
    assert str(cov.loc["z", "exclusion_reason"]) == "coverage 0.33 < 0.67"
    with pytest.raises(IndexSpecError):
        coverage_exclusions(frame, 1.5)


# --- dimension_mean against COINr's row imputation ---------------------------------------------
#
# COINr (Becker, JRC), R/impute.R, Impute.data.frame(): with impute_by = "row" the data are
# first normalised ("normalise_first ... is anyway the default if impute_by = 'row'"): each
# column is multiplied by its direction and min-max scaled over its observed values, the row
# mean is taken of those scaled values, and the result is mapped back, x * (max - min) + min,
# times the direction. Its test (tests/testthat/test-Impute.R, "impute.coin") rebuilds an
# imputed value exactly so: xref <- rowMeans(normalised row); xref * (max - min) + min. The
# reason it gives: "If the indicators are on very different scales, the result will likely make
# no sense."


def _coinr_row_mean_imputation(block: pd.DataFrame, directions: dict) -> pd.DataFrame:
    """COINr's Impute(impute_by = "row", f_i = "i_mean") of one group, written out in pandas."""
    d = pd.Series(directions).reindex(block.columns).astype(float)
    signed = block * d
    lo, hi = signed.min(), signed.max()
    scaled = (signed - lo) / (hi - lo)  # a constant column gives NaN, as in R
    row_mean = scaled.mean(axis=1, skipna=True)
    back = (row_mean.to_numpy()[:, None] * (hi - lo).to_numpy() + lo.to_numpy()) * d.to_numpy()
    filled = pd.DataFrame(back, index=block.index, columns=block.columns)
    return block.where(block.notna(), filled)


def test_dimension_mean_puts_indicators_on_one_scale_first():
    # one dimension, a 1-5 score (higher better) and a defect rate in % (higher worse): firm
    # "m" has the worst defect rate, so its missing score must come out low, not 40 on a 1-5
    # scale (the raw mean of its other values) and not high
    f = pd.DataFrame(
        {"score": [1.0, 3.0, 5.0, NAN], "defects": [40.0, 20.0, 0.0, 40.0]},
        index=["a", "b", "c", "m"],
    )
    dims = pd.Series({"score": "q", "defects": "q"})
    res = impute(f, "dimension_mean", dimension_of=dims, directions={"defects": -1})
    assert res.data.loc["m", "score"] == pytest.approx(1.0)  # worst defects -> worst score
    assert res.flag_labels().loc["m", "score"] == "dimension_mean"
    expected = _coinr_row_mean_imputation(f, {"score": 1, "defects": -1})
    pd.testing.assert_frame_equal(res.data, expected)


@pytest.mark.parametrize("seed", range(5))
def test_dimension_mean_is_coinr_row_imputation(seed):
    rng = np.random.default_rng(seed)
    n = 12
    f = pd.DataFrame(
        {
            "a": rng.uniform(1, 5, n),
            "b": rng.uniform(0, 100, n),
            "c": rng.uniform(-3, 3, n),
            "d": rng.uniform(10, 20, n),
        }
    )
    f = f.mask(rng.random(f.shape) < 0.25)
    f.iloc[0, :3] = [1.0, NAN, NAN]  # rows with one value left in the group
    f.iloc[1:3, 0] = [2.0, 4.0]
    dims = pd.Series({"a": "g1", "b": "g1", "c": "g1", "d": "g2"})
    directions = {"a": 1, "b": -1, "c": 1, "d": -1}
    res = impute(f, "dimension_mean", dimension_of=dims, directions=directions)
    g1 = ["a", "b", "c"]
    expected = _coinr_row_mean_imputation(f[g1], directions)
    # where COINr leaves a gap (nothing else observed in the row), the indicator mean is used
    gaps = expected.isna() & f[g1].isna()
    expected = expected.where(~gaps, f[g1].mean(), axis=1)
    pd.testing.assert_frame_equal(res.data[g1], expected)
    # a one-indicator dimension always falls back to the indicator mean
    assert res.data["d"].tolist() == pytest.approx(f["d"].fillna(f["d"].mean()).tolist())
