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


def test_perfect_agreement_and_bad_input():
    assert krippendorff_alpha([[1, 2, 3, 1], [1, 2, 3, 1]]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="level must be"):
        krippendorff_alpha(DATA, "cardinal")
    with pytest.raises(ValueError, match="at least 2 coders"):
        krippendorff_alpha([[1, 2, 3]])
