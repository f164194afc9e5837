"""SAW: simple additive weighting (weighted sum of normalised performances).

References
----------
Fishburn, P. C. (1967). "Additive utilities with incomplete product sets: application to
priorities and assignments". *Operations Research* 15, 537-542.
MacCrimmon, K. R. (1968). *Decisionmaking among multiple-attribute alternatives: a survey and
consolidated approach*. RAND Memorandum RM-4823-ARPA.
Hwang, C.-L. & Yoon, K. (1981). *Multiple Attribute Decision Making*, Springer, pp. 99-103
(linear normalisation r = x / max x for benefit, r = min x / x for cost).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._ranking import rank_desc
from ._validation import DecisionMatrixError, decision_inputs, finite_or_raise

__all__ = ["saw"]


def saw(matrix, weights, benefit, *, normalization: str = "max") -> pd.DataFrame:
    """Rank alternatives by simple additive weighting.

    Parameters
    ----------
    matrix : pandas.DataFrame or array_like, shape (m, n)
        Performances (alternatives x criteria).
    weights : sequence, dict or Series
        Criterion weights; normalised to sum to 1.
    benefit : sequence, dict or Series of bool
        True when more is better, False for a cost criterion.
    normalization : {"max", "minmax"}, default "max"
        ``"max"``: r = x / max(x) for benefit and min(x) / x for cost (the usual SAW of
        Indonesian textbooks; needs positive values). ``"minmax"``: r = (x - min) / (max - min)
        for benefit and (max - x) / (max - min) for cost.

    Returns
    -------
    pandas.DataFrame
        Indexed by alternative: ``score`` (weighted sum, 0..1) and ``rank`` (1 = best).

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
    """
    x, w, b, alternatives, criteria = decision_inputs(matrix, weights, benefit, method="saw")
    finite_or_raise(x, alternatives, criteria, "saw")
    hi, lo = x.max(axis=0), x.min(axis=0)
    if normalization == "max":
        if (x <= 0).any():
            i, j = np.argwhere(x <= 0)[0]
            raise DecisionMatrixError(
                f"saw: value {x[i, j]} for alternative {alternatives[i]!r}, criterion "
                f"{criteria[j]!r}; normalization='max' needs positive values (use 'minmax')"
            )
        r = np.where(b, x / hi, lo / x)
    elif normalization == "minmax":
        span = hi - lo
        if (span == 0).any():
            j = int(np.flatnonzero(span == 0)[0])
            raise DecisionMatrixError(
                f"saw: criterion {criteria[j]!r} has the same value for every alternative; "
                "it cannot be min-max normalised (drop it)"
            )
        r = np.where(b, (x - lo) / span, (hi - x) / span)
    else:
        raise DecisionMatrixError(
            f"saw: unknown normalization {normalization!r}; choose 'max' or 'minmax'"
        )
    score = r @ w
    return pd.DataFrame({"score": score, "rank": rank_desc(score)}, index=alternatives)
