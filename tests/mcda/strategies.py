"""Hypothesis strategy shared by the ranking-method tests: a decision problem."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


def decision_problems(
    alternatives: tuple[int, int], criteria: tuple[int, int], values=None, weights=None
):
    """``(matrix, weights, benefit)``: alternatives x criteria performances, one weight and one
    benefit flag per criterion; sizes drawn within the given (min, max) bounds."""
    values = values if values is not None else st.floats(1, 1000)
    weights = weights if weights is not None else st.floats(0.01, 1)
    return st.tuples(st.integers(*alternatives), st.integers(*criteria)).flatmap(
        lambda s: st.tuples(
            arrays(np.float64, s, elements=values),
            arrays(np.float64, s[1], elements=weights),
            arrays(np.bool_, s[1]),
        )
    )
