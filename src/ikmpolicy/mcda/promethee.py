"""PROMETHEE II: complete ranking by net outranking flows.

References
----------
Brans, J.-P. & Vincke, Ph. (1985). "A preference ranking organisation method (the PROMETHEE
method for multiple criteria decision-making)". *Management Science* 31(6), 647-656
(the six generalised criteria; flows phi+, phi-, phi).
Brans, J.-P., Vincke, Ph. & Mareschal, B. (1986). "How to select and how to rank projects:
the PROMETHEE method". *EJOR* 24, 228-238.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._ranking import rank_desc
from ._validation import DecisionMatrixError, decision_inputs, finite_or_raise

__all__ = ["promethee_ii", "PREFERENCE_FUNCTIONS"]

PREFERENCE_FUNCTIONS = ("usual", "u-shape", "v-shape", "level", "linear", "gaussian")


def _per(value, criteria, name, *, default=None, require_all=False):
    """One value per criterion: a scalar for all, a sequence in column order, or a mapping.

    A dict or Series is matched by criterion label, not by its order (like ``weights`` and
    ``benefit``): taking its values in insertion order silently gave a threshold or preference
    function to the wrong criterion whenever the mapping was not in column order.
    """
    n = len(criteria)
    if value is None or np.isscalar(value) or isinstance(value, str):
        return [value] * n
    if isinstance(value, Mapping | pd.Series):
        keys = list(value.keys()) if isinstance(value, Mapping) else list(value.index)
        unknown = [k for k in keys if k not in set(criteria)]
        missing = [c for c in criteria if c not in keys]
        if unknown or (require_all and missing):
            raise DecisionMatrixError(
                f"promethee_ii: {name} labels do not match the criteria; missing {missing}, "
                f"unknown {unknown}"
            )
        # Criteria left out of a threshold mapping get no threshold (None); a preference
        # function that needs one then says so.
        return [value[c] if c in keys else default for c in criteria]
    vals = list(value)
    if len(vals) != n:
        raise DecisionMatrixError(f"promethee_ii: expected {n} {name}, got {len(vals)}")
    return vals


def _preference(d: np.ndarray, kind: str, q, p, s, crit) -> np.ndarray:
    """Generalised criterion P(d) of Brans & Vincke (1985), for differences d = g(a) - g(b)."""

    def need(val, what):
        if val is None or not np.isfinite(val) or val < 0:
            raise DecisionMatrixError(
                f"promethee_ii: criterion {crit!r} ({kind}) needs a non-negative threshold "
                f"{what}, got {val}"
            )
        return float(val)

    if kind == "usual":
        return (d > 0).astype(float)
    if kind == "u-shape":
        q = need(q, "q")
        return (d > q).astype(float)
    if kind == "v-shape":
        p = need(p, "p")
        if p == 0:
            return (d > 0).astype(float)
        return np.clip(d / p, 0.0, 1.0)
    if kind in ("level", "linear"):
        q, p = need(q, "q"), need(p, "p")
        if p < q:
            raise DecisionMatrixError(
                f"promethee_ii: criterion {crit!r}: preference threshold p = {p} is below the "
                f"indifference threshold q = {q}"
            )
        if kind == "level":
            return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
        if p == q:
            return (d > q).astype(float)
        return np.clip((d - q) / (p - q), 0.0, 1.0)
    if kind == "gaussian":
        s = need(s, "s")
        if s == 0:
            return (d > 0).astype(float)
        return np.where(d > 0, 1.0 - np.exp(-(d * d) / (2 * s * s)), 0.0)
    raise DecisionMatrixError(
        f"promethee_ii: unknown preference function {kind!r} for criterion {crit!r}; choose "
        f"one of {PREFERENCE_FUNCTIONS}"
    )


def promethee_ii(
    matrix,
    weights,
    benefit,
    *,
    preference="usual",
    q=None,
    p=None,
    s=None,
) -> pd.DataFrame:
    """Rank alternatives by PROMETHEE II net flows (Brans & Vincke 1985).

    For each criterion j and pair (a, b), d_j = g_j(a) - g_j(b) (sign reversed for a cost
    criterion) and P_j(a, b) = F_j(d_j); pi(a, b) = sum_j w_j P_j(a, b). Then
    phi+(a) = sum_b pi(a, b) / (m - 1), phi-(a) = sum_b pi(b, a) / (m - 1) and
    phi(a) = phi+(a) - phi-(a).

    Parameters
    ----------
    matrix : pandas.DataFrame or array_like, shape (m, n)
        Performances (alternatives x criteria).
    weights : sequence, dict or Series
        Criterion weights; normalised to sum to 1.
    benefit : sequence, dict or Series of bool
        True when more is better, False for a cost criterion.
    preference : str, sequence, dict or Series, default "usual"
        Generalised criterion per criterion (a mapping is matched by criterion label and
        must name every criterion): ``"usual"`` (type I), ``"u-shape"`` (II, needs
        q), ``"v-shape"`` (III, needs p), ``"level"`` (IV, q and p), ``"linear"`` (V, q and
        p) or ``"gaussian"`` (VI, needs s).
    q, p, s : float, sequence, dict or Series, optional
        Indifference threshold, preference threshold and Gaussian parameter, in the units of
        each criterion. A mapping is matched by criterion label; criteria it leaves out get
        no threshold.

    Returns
    -------
    pandas.DataFrame
        Indexed by alternative: ``phi_plus``, ``phi_minus``, ``phi`` (net flow) and ``rank``
        (1 = best, by phi).

    Examples
    --------
    >>> import pandas as pd
    >>> from ikmpolicy.mcda import promethee_ii
    >>> x = pd.DataFrame({"quality": [8, 6, 7], "price": [120, 100, 150]},
    ...                  index=["a", "b", "c"])
    >>> promethee_ii(x, [0.6, 0.4], [True, False])
       phi_plus  phi_minus  phi  rank
    a       0.8        0.2  0.6     1
    b       0.4        0.6 -0.2     2
    c       0.3        0.7 -0.4     3
    """
    x, w, b, alternatives, criteria = decision_inputs(
        matrix, weights, benefit, method="promethee_ii"
    )
    finite_or_raise(x, alternatives, criteria, "promethee_ii")
    m, n = x.shape
    kinds = _per(preference, criteria, "preference functions", require_all=True)
    qs, ps = _per(q, criteria, "q thresholds"), _per(p, criteria, "p thresholds")
    ss = _per(s, criteria, "s values")
    pi = np.zeros((m, m))
    for j in range(n):
        col = x[:, j] if b[j] else -x[:, j]
        d = col[:, None] - col[None, :]
        pi += w[j] * _preference(d, kinds[j], qs[j], ps[j], ss[j], criteria[j])
    np.fill_diagonal(pi, 0.0)
    denom = max(m - 1, 1)
    phi_plus = pi.sum(axis=1) / denom
    phi_minus = pi.sum(axis=0) / denom
    phi = phi_plus - phi_minus
    # Flows are sums of a few weights; round away float noise so that exact ties rank as ties.
    phi_r = np.round(phi, 12)
    return pd.DataFrame(
        {"phi_plus": phi_plus, "phi_minus": phi_minus, "phi": phi, "rank": rank_desc(phi_r)},
        index=alternatives,
    )
