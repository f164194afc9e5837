"""Tests for SAW: hand calculation, properties, bad input."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import decision_problems

from ikmpolicy.mcda import DecisionMatrixError, saw


def test_hand_computed_scores():
    # r = x / max for benefit, min / x for cost (Hwang & Yoon 1981, pp. 99-103).
    x = pd.DataFrame({"quality": [80, 60, 70], "price": [200, 100, 150]}, index=list("abc"))
    res = saw(x, [0.5, 0.5], [True, False])
    expected = [0.5 * 1 + 0.5 * 0.5, 0.5 * 0.75 + 0.5 * 1, 0.5 * 0.875 + 0.5 * 100 / 150]
    np.testing.assert_allclose(res["score"], expected)
    assert res["rank"].tolist() == [3, 1, 2]
    mm = saw(x, [0.5, 0.5], [True, False], normalization="minmax")
    np.testing.assert_allclose(mm["score"], [0.5, 0.5, 0.5])
    assert mm["rank"].tolist() == [1, 1, 1]


problems = decision_problems((2, 10), (1, 5))


@settings(max_examples=100, deadline=None)
@given(problems, st.data())
def test_scores_invariant_to_scaling_a_criterion(p, data):
    x, w, b = p
    j = data.draw(st.integers(0, x.shape[1] - 1))
    y = x.copy()
    y[:, j] *= data.draw(st.floats(1e-3, 1e3))
    np.testing.assert_allclose(saw(x, w, b)["score"], saw(y, w, b)["score"], rtol=1e-9)


def test_non_positive_values_refused_for_max_normalisation():
    with pytest.raises(DecisionMatrixError, match=r"alternative 1, criterion 0.*positive"):
        saw([[1, 2], [0, 4]], [1, 1], [True, False])
    with pytest.raises(DecisionMatrixError, match="same value for every alternative"):
        saw([[1, 2], [1, 4]], [1, 1], [True, False], normalization="minmax")
