"""TOPSIS: closeness to the ideal solution.

Reference
---------
Hwang, C.-L. & Yoon, K. (1981). *Multiple Attribute Decision Making: Methods and
Applications*. Springer, pp. 128-140: vector normalisation r_ij = x_ij / sqrt(sum_i x_ij^2),
weighted v_ij = w_j r_ij, ideal A* (best v per criterion) and anti-ideal A-, Euclidean
distances S*, S-, closeness C* = S- / (S* + S-).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._ranking import rank_desc
from ._validation import DecisionMatrixError, decision_inputs, finite_or_raise

__all__ = ["topsis", "TOPSIS_NORMALISATIONS"]

TOPSIS_NORMALISATIONS = ("vector", "minmax", "max", "sum")


def topsis(matrix, weights, benefit, *, normalisation: str = "vector") -> pd.DataFrame:
    """Rank alternatives by TOPSIS (Hwang & Yoon 1981).

    Parameters
    ----------
    matrix : pandas.DataFrame or array_like, shape (m, n)
        Performance of m alternatives (rows) on n criteria (columns).
    weights : sequence, dict or Series
        One non-negative weight per criterion; normalised to sum to 1.
    benefit : sequence, dict or Series of bool
        One flag per criterion: True when more is better, False for a cost criterion.
    normalisation : {"vector", "minmax", "max", "sum"}, default "vector"
        ``"vector"``: x / sqrt(sum x^2), as Hwang & Yoon define TOPSIS. ``"minmax"``:
        (x - min) / (max - min). ``"max"``: x / max|x|. ``"sum"``: x / sum x. The direction of
        a criterion is handled by the ideal solution, so every normalisation is a positive
        rescaling of a column (up to a shift for minmax).

    Returns
    -------
    pandas.DataFrame
        Indexed by alternative: ``d_plus`` (distance to the ideal), ``d_minus`` (to the
        anti-ideal), ``closeness`` (d_minus / (d_plus + d_minus), 1 = ideal) and ``rank``
        (1 = best; ties share the better rank).

    Raises
    ------
    DecisionMatrixError
        Non-finite performances, wrong number of weights or flags, negative weights, or a
        criterion whose normalisation divides by zero (e.g. all values 0).

    Examples
    --------
    Tzeng & Huang (2011), *Multiple Attribute Decision Making*, TOPSIS example:

    >>> import pandas as pd
    >>> from ikmpolicy.mcda import topsis
    >>> x = pd.DataFrame([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]],
    ...                  index=["A1", "A2", "A3", "A4"], columns=["dur", "cap", "rel"])
    >>> topsis(x, [0.3, 0.4, 0.3], [True, True, True])[["closeness", "rank"]].round(4)
        closeness  rank
    A1     0.5037     3
    A2     0.6581     2
    A3     0.7482     1
    A4     0.3340     4
    """
    if normalisation not in TOPSIS_NORMALISATIONS:
        raise DecisionMatrixError(
            f"topsis: unknown normalisation {normalisation!r}; choose one of "
            f"{TOPSIS_NORMALISATIONS}"
        )
    x, w, b, alternatives, criteria = decision_inputs(matrix, weights, benefit, method="topsis")
    m, n = x.shape
    # Work column by column on contiguous memory: one pass per statistic, no (m, n) temporaries.
    cols = x.T if x.flags.f_contiguous else np.ascontiguousarray(x.T)
    d_plus = np.zeros(m)
    d_minus = np.zeros(m)
    tmp = np.empty(m)
    for j in range(n):
        col = cols[j]
        hi = col.max()
        lo = col.min()
        # max/min are NaN or inf exactly when the column holds a NaN or inf: validation for free.
        if not (np.isfinite(hi) and np.isfinite(lo)):
            finite_or_raise(x, alternatives, criteria, "topsis")
        # Every normalisation is (x - shift) / denom; the shift (min for minmax) cancels in
        # the distances, so only the divisor matters.
        if normalisation == "vector":
            denom = np.sqrt(np.dot(col, col))
        elif normalisation == "minmax":
            denom = hi - lo
        elif normalisation == "max":
            denom = max(abs(hi), abs(lo))
        else:
            denom = col.sum()
        if not np.isfinite(denom) or denom <= 0:
            raise DecisionMatrixError(
                f"topsis: criterion {criteria[j]!r} cannot be normalised by {normalisation!r} "
                f"(divisor {denom}); a criterion with all values equal (or all 0) does not "
                "discriminate, drop it"
            )
        if w[j] == 0:
            continue
        s2 = (w[j] / denom) ** 2
        best, worst = (hi, lo) if b[j] else (lo, hi)
        # (v - v*)^2 with v = w (x - shift) / denom  ==  s2 * (x - x*)^2.
        np.subtract(col, best, out=tmp)
        np.multiply(tmp, tmp, out=tmp)
        tmp *= s2
        d_plus += tmp
        np.subtract(col, worst, out=tmp)
        np.multiply(tmp, tmp, out=tmp)
        tmp *= s2
        d_minus += tmp
    np.sqrt(d_plus, out=d_plus)
    np.sqrt(d_minus, out=d_minus)
    total = d_plus + d_minus
    with np.errstate(invalid="ignore", divide="ignore"):
        closeness = np.where(total > 0, d_minus / total, 0.5)  # all alternatives identical
    return pd.DataFrame(
        {
            "d_plus": d_plus,
            "d_minus": d_minus,
            "closeness": closeness,
            "rank": rank_desc(closeness),
        },
        index=alternatives,
    )
