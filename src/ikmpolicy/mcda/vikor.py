"""VIKOR: compromise ranking.

References
----------
Opricovic, S. & Tzeng, G.-H. (2004). "Compromise solution by MCDM methods: a comparative
analysis of VIKOR and TOPSIS". *EJOR* 156, 445-455 (S, R, Q; conditions C1, C2; compromise set).
Opricovic, S. & Tzeng, G.-H. (2007). "Extended VIKOR method in comparison with outranking
methods". *EJOR* 178, 514-529.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._ranking import rank_asc
from ._validation import DecisionMatrixError, decision_inputs, finite_or_raise

__all__ = ["vikor"]


def vikor(matrix, weights, benefit, *, v: float = 0.5) -> pd.DataFrame:
    """Rank alternatives by VIKOR (Opricovic & Tzeng 2004).

    With f*_j and f-_j the best and worst values of criterion j,
    S_i = sum_j w_j (f*_j - f_ij) / (f*_j - f-_j) (group utility),
    R_i = max_j of the same terms (individual regret) and
    Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*).
    A criterion with f*_j = f-_j contributes 0; a zero range of S or R likewise.

    Parameters
    ----------
    matrix : pandas.DataFrame or array_like, shape (m, n)
        Performances (alternatives x criteria).
    weights : sequence, dict or Series
        Criterion weights; normalised to sum to 1.
    benefit : sequence, dict or Series of bool
        True when more is better, False for a cost criterion.
    v : float, default 0.5
        Weight of the strategy of "the majority of criteria" (0..1).

    Returns
    -------
    pandas.DataFrame
        Indexed by alternative: ``S``, ``R``, ``Q``, ``rank`` (by Q; 1 = best) and
        ``compromise`` (True for the compromise solution(s): the best by Q if it has an
        acceptable advantage (C1: Q(a2) - Q(a1) >= 1/(m-1)) and acceptable stability (C2: also
        best by S or R); else a1 and a2 when only C2 fails, or a1..aM with
        Q(aM) - Q(a1) < 1/(m-1) when C1 fails). ``attrs`` holds ``acceptable_advantage`` and
        ``acceptable_stability``.

    Examples
    --------
    Opricovic & Tzeng (2004), section 5 (risk to minimise, altitude to maximise):

    >>> import pandas as pd
    >>> from ikmpolicy.mcda import vikor
    >>> x = pd.DataFrame({"risk": [1, 2, 5], "altitude": [3000, 3750, 4500]},
    ...                  index=["A1", "A2", "A3"])
    >>> vikor(x, [0.5, 0.5], [False, True])
            S     R    Q  rank  compromise
    A1  0.500  0.50  1.0     2       False
    A2  0.375  0.25  0.0     1        True
    A3  0.500  0.50  1.0     2       False
    """
    if not 0 <= v <= 1:
        raise DecisionMatrixError(f"vikor: v must be in [0, 1], got {v}")
    x, w, b, alternatives, criteria = decision_inputs(matrix, weights, benefit, method="vikor")
    finite_or_raise(x, alternatives, criteria, "vikor")
    hi, lo = x.max(axis=0), x.min(axis=0)
    best = np.where(b, hi, lo)
    worst = np.where(b, lo, hi)
    rng = best - worst
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(rng != 0, (best - x) / np.where(rng != 0, rng, 1.0), 0.0)
    terms = d * w
    s = terms.sum(axis=1)
    r = terms.max(axis=1)

    def scaled(a):
        span = a.max() - a.min()
        return (a - a.min()) / span if span > 0 else np.zeros_like(a)

    q = v * scaled(s) + (1 - v) * scaled(r)
    rank = rank_asc(q)
    m = len(q)
    order = np.argsort(q, kind="stable")
    dq = 1.0 / (m - 1) if m > 1 else 0.0
    compromise = np.zeros(m, dtype=bool)
    a1 = order[0]
    adv = m == 1 or bool(q[order[1]] - q[a1] >= dq - 1e-12)
    stab = bool(rank_asc(s)[a1] == 1 or rank_asc(r)[a1] == 1)
    if adv and stab:
        compromise[a1] = True
    elif not adv:
        compromise[order[q[order] - q[a1] < dq - 1e-12]] = True
    else:
        compromise[order[:2]] = True
    out = pd.DataFrame(
        {"S": s, "R": r, "Q": q, "rank": rank, "compromise": compromise}, index=alternatives
    )
    out.attrs["acceptable_advantage"] = adv
    out.attrs["acceptable_stability"] = stab
    return out
