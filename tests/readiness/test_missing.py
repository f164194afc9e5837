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
    assert res.data.loc["x", "a"] == 4.0  # x's own b
    assert res.data.loc["y", "b"] == 3.0  # y's own a
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
