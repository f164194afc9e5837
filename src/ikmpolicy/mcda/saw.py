"""SAW: simple additive weighting (weighted sum of normalised performances).

References
----------
Fishburn, P. C. (1967). "Additive utilities with incomplete product sets: application to
priorities and assignments". *Operations Research* 15, 537-542.
MacCrimmon, K. R. (1968). *Decisionmaking among multiple-attribute alternatives: a survey and
consolidated approach*. RAND Memorandum RM-4823-ARPA.
Hwang, C.-L. & Yoon, K. (1981). *Multiple Attribute Decision Making*, Springer, pp. 99-103
(linear normalisation r = x / max x for benefit, r = min x / x for cost).
Kusumadewi, S., Hartati, S., Harjoko, A. & Wardoyo, R. (2006). *Fuzzy Multi-Attribute Decision
Making (Fuzzy MADM)*. Graha Ilmu, Yogyakarta (the SAW of Indonesian decision-support studies,
with the same normalisation and worked examples).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._ranking import rank_desc
from ._validation import DecisionMatrixError, decision_inputs, finite_or_raise

__all__ = ["saw", "SAW_NORMALISATIONS"]

#: The normalisations :func:`saw` offers.
SAW_NORMALISATIONS = ("max", "minmax")


def saw(matrix, weights, benefit, *, normalisation: str = "max") -> pd.DataFrame:
    """Rank alternatives by simple additive weighting.

    Parameters
    ----------
    matrix : pandas.DataFrame or array_like, shape (m, n)
        Performances (alternatives x criteria).
    weights : sequence, dict or Series
        Criterion weights; normalised to sum to 1.
    benefit : sequence, dict or Series of bool
        True when more is better, False for a cost criterion.
    normalisation : {"max", "minmax"}, default "max"
        ``"max"`` (linear normalisation of Hwang & Yoon 1981, the SAW of Indonesian textbooks,
        e.g. Kusumadewi et al. 2006): ``r = x / max(x)`` for a benefit criterion and
        ``r = min(x) / x`` for a cost criterion. Zero and negative values are accepted where the
        formula is defined: a benefit score of 0 gives ``r = 0`` (criteria scored from 0 are
        common). Refused, because the formula is undefined there: a cost criterion with a value
        ``<= 0`` (``min / x`` divides by zero, or no longer puts the cheapest first), and a
        benefit criterion whose largest value is ``<= 0`` (``x / max`` divides by zero, or
        reverses the order).
        ``"minmax"``: ``r = (x - min) / (max - min)`` for benefit and ``(max - x) / (max - min)``
        for cost; any values. A constant criterion (``max == min``) gives every alternative
        ``r = 1``: it does not separate them, every alternative is at the best observed level
        (which is also the worst), and it is what ``"max"`` gives for a constant positive
        criterion (``x / max = 1``), so an alternative best on every criterion still scores 1
        and adding a constant criterion shifts all scores by its weight without changing ranks.

    Returns
    -------
    pandas.DataFrame
        Indexed by alternative: ``score`` (weighted sum; 0..1 when the performances are
        non-negative) and ``rank`` (1 = best; ties share the better rank).

    Raises
    ------
    DecisionMatrixError
        Non-finite performances, wrong weights or flags, an unknown normalisation, or a value
        for which the chosen normalisation is undefined (the message says which and why).

    Examples
    --------
    >>> import pandas as pd
    >>> from ikmpolicy.mcda import saw
    >>> x = pd.DataFrame({"quality": [80, 60, 70], "price": [200, 100, 150]},
    ...                  index=["a", "b", "c"])
    >>> saw(x, [0.5, 0.5], [True, False]).round(4)
        score  rank
    a  0.7500     3
    b  0.8750     1
    c  0.7708     2

    A benefit criterion scored from 0 is fine:

    >>> saw(pd.DataFrame({"training": [0, 2, 4]}), [1], [True])["score"].tolist()
    [0.0, 0.5, 1.0]
    """
    x, w, b, alternatives, criteria = decision_inputs(matrix, weights, benefit, method="saw")
    finite_or_raise(x, alternatives, criteria, "saw")
    if normalisation == "max":
        r = _max_normalised(x, b, alternatives, criteria)
    elif normalisation == "minmax":
        r = _minmax_normalised(x, b)
    else:
        raise DecisionMatrixError(
            f"saw: unknown normalisation {normalisation!r}; choose one of {SAW_NORMALISATIONS}"
        )
    score = r @ w
    return pd.DataFrame({"score": score, "rank": rank_desc(score)}, index=alternatives)


def _max_normalised(x, b, alternatives, criteria) -> np.ndarray:
    """``x / max`` (benefit), ``min / x`` (cost); refuses exactly where these are undefined."""
    hi, lo = x.max(axis=0), x.min(axis=0)
    bad_cost = ~b & (lo <= 0)
    if bad_cost.any():
        j = int(np.flatnonzero(bad_cost)[0])
        i = int(np.argmin(x[:, j]))
        raise DecisionMatrixError(
            f"saw: value {x[i, j]:g} for alternative {alternatives[i]!r} on cost criterion "
            f"{criteria[j]!r}; normalisation='max' scores a cost as min / x, which is undefined "
            "at 0 and no longer ranks the lowest cost first once values are negative; use "
            "normalisation='minmax' (or record costs as positive amounts)"
        )
    bad_benefit = b & (hi <= 0)
    if bad_benefit.any():
        j = int(np.flatnonzero(bad_benefit)[0])
        raise DecisionMatrixError(
            f"saw: benefit criterion {criteria[j]!r} has largest value {hi[j]:g}; "
            "normalisation='max' scores it as x / max, which is undefined when the largest value "
            "is 0 and reverses the order when it is negative; use normalisation='minmax'"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        # each branch is evaluated on every column; only the defined one is kept
        return np.where(b, x / np.where(b, hi, 1.0), lo / np.where(b, 1.0, x))


def _minmax_normalised(x, b) -> np.ndarray:
    hi, lo = x.max(axis=0), x.min(axis=0)
    span = hi - lo
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(b, (x - lo) / span, (hi - x) / span)
    # a constant criterion does not separate the alternatives: all at the best level (1)
    return np.where(span > 0, r, 1.0)
