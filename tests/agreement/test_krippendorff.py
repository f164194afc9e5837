"""Krippendorff's alpha against Krippendorff's (2011) published reliability-data example."""

import numpy as np
import pandas as pd
import pytest

from ikmpolicy.agreement import krippendorff_alpha

nan = np.nan
# Krippendorff, K. (2011). "Computing Krippendorff's alpha-reliability", section C (4 observers,
# 12 units, missing values). Published: nominal .743, ordinal .815, interval .849, ratio .797.
DATA = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]


@pytest.mark.parametrize(
    "level,expected",
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_example(level, expected):
    assert round(krippendorff_alpha(DATA, level), 3) == expected


def test_labels_of_any_type():
    words = {1: "low", 2: "mid", 3: "high", 4: "top", 5: "max"}
    df = pd.DataFrame(DATA).apply(lambda c: c.map(words))
    assert krippendorff_alpha(df, "nominal") == pytest.approx(krippendorff_alpha(DATA))
    ordered = ["low", "mid", "high", "top", "max"]
    assert krippendorff_alpha(df, "ordinal", categories=ordered) == pytest.approx(
        krippendorff_alpha(DATA, "ordinal")
    )
    with pytest.raises(ValueError, match="needs numeric values"):
        krippendorff_alpha(df, "interval")


@pytest.mark.parametrize("level", ["interval", "ratio"])
def test_ordered_labels_are_not_taken_for_interval_or_ratio_values(level):
    # the labels' positions 0..k-1 are ranks: at the ratio level the first label would be an
    # absolute zero ("low" = 0), at the interval level every step equal; neither is given
    labels = pd.DataFrame([["low", "high", "mid"], ["low", "vhigh", "mid"]])
    with pytest.raises(ValueError, match="numbers the labels stand for"):
        krippendorff_alpha(labels, level, categories=["low", "mid", "high", "vhigh"])


def test_perfect_agreement_and_bad_input():
    assert krippendorff_alpha([[1, 2, 3, 1], [1, 2, 3, 1]]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="level must be"):
        krippendorff_alpha(DATA, "cardinal")
    with pytest.raises(ValueError, match="at least 2 coders"):
        krippendorff_alpha([[1, 2, 3]])


def test_krippendorff_2011_binary_two_observers():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section A (binary data,
    # two observers, no missing data), 10 units: published alpha = 0.095.
    data = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
    assert round(krippendorff_alpha(data, "nominal"), 3) == 0.095


def test_krippendorff_2011_nominal_two_observers():
    # Krippendorff (2011), section B (nominal data, two observers, no missing data), 12 units
    # coded a..e by Ben and Gerry: published alpha = 0.692.
    ben = list("aabbdcccedda")
    gerry = list("babbbccceddd")
    assert round(krippendorff_alpha([ben, gerry], "nominal"), 3) == 0.692


@pytest.mark.parametrize("level,expected", [("nominal", 0.691), ("interval", 0.811)])
def test_wikipedia_computational_example(level, expected):
    # Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders, 15 units,
    # many missing values (units coded once are not pairable). Published alpha_nominal = 0.691,
    # alpha_interval = 0.811 (also in the krippendorff package's tests/test_krippendorff.py:
    # 0.691358 and 0.810845).
    data = [
        [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
        [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
        [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
    ]
    assert round(krippendorff_alpha(data, level), 3) == expected


def test_undefined_alpha_raises_instead_of_nan():
    from ikmpolicy.agreement import AgreementError

    # Variation only in a value nobody else coded (unit 3): the pairable values are all 1, the
    # expected disagreement is 0 and alpha is 0/0.
    with pytest.raises(AgreementError, match="no variation"):
        krippendorff_alpha([[1, 1, 2], [1, 1, nan]], "interval")
    with pytest.raises(AgreementError, match="at least two coders"):
        krippendorff_alpha([[1, nan], [nan, 2]])
    with pytest.raises(AgreementError, match="at least two coders"):
        krippendorff_alpha([[], []])
    with pytest.raises(AgreementError, match="finite"):
        krippendorff_alpha([[1, np.inf], [1, 2]], "interval")
    with pytest.raises(AgreementError, match="ratio alpha needs values >= 0"):
        krippendorff_alpha([[-1, 2, 3], [-1, 2, 4]], "ratio")
