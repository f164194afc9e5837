"""Group AHP: aggregating several respondents' judgements, their consensus, helix by helix.

References
----------
Aczel, J. & Saaty, T. L. (1983). "Procedures for synthesizing ratio judgements". *J. Math.
Psychology* 27, 93-102 (the geometric mean is the aggregation that keeps reciprocity).
Forman, E. & Peniwati, K. (1998). "Aggregating individual judgments and priorities with the
analytic hierarchy process". *EJOR* 108, 165-169 (AIJ vs AIP; weighted geometric means).
Kendall, M. G. & Babington Smith, B. (1939). "The problem of m rankings". *Ann. Math. Stat.*
10, 275-287 (W, used here on the respondents' priorities).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import numpy as np
import pandas as pd

from ..agreement.kendall import kendall_w
from ._validation import JudgementError, MCDAError, as_square_matrix, check_reciprocal
from .ahp import ahp

__all__ = ["aggregate_judgements", "balance_weights", "consensus", "priorities_by_group"]


def _stack(matrices) -> tuple[list[Hashable], np.ndarray, list[Hashable] | None]:
    """Return (respondent keys, array (k, n, n), criterion labels or None)."""
    if isinstance(matrices, Mapping):
        keys = list(matrices.keys())
        items = [matrices[k] for k in keys]
    elif isinstance(matrices, np.ndarray) and matrices.ndim == 3:
        keys = list(range(matrices.shape[0]))
        items = list(matrices)
    else:
        items = list(matrices)
        keys = list(range(len(items)))
    if not items:
        raise JudgementError("no matrices to aggregate")
    labels = None
    arrays = []
    for key, m in zip(keys, items, strict=True):
        name = f"respondent {key}"
        if isinstance(m, pd.DataFrame):
            if labels is None:
                labels = list(m.index)
            elif set(m.index) != set(labels) or len(m.index) != len(labels):
                raise JudgementError(
                    f"{name}: criteria {list(m.index)} differ from the first matrix's {labels}"
                )
            else:
                m = m.loc[labels, labels]
        arr, _ = as_square_matrix(m, name=name)
        check_reciprocal(arr, labels, name=name)
        arrays.append(arr)
    shapes = {a.shape for a in arrays}
    if len(shapes) != 1:
        raise JudgementError(f"matrices have different orders: {sorted(shapes)}")
    return keys, np.stack(arrays), labels


def _respondent_weights(weights, keys: list[Hashable]) -> np.ndarray:
    if weights is None:
        return np.full(len(keys), 1.0 / len(keys))
    if isinstance(weights, Mapping | pd.Series):
        lookup = dict(weights.items())
        missing = [k for k in keys if k not in lookup]
        if missing:
            raise MCDAError(f"respondent weights missing for {missing}")
        w = np.array([lookup[k] for k in keys], dtype=float)
    else:
        w = np.asarray(weights, dtype=float)
        if w.shape != (len(keys),):
            raise MCDAError(f"expected {len(keys)} respondent weights, got {w.size}")
    if not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise MCDAError(f"respondent weights must be non-negative and not all 0, got {list(w)}")
    return w / w.sum()


def aggregate_judgements(
    matrices,
    method: str = "aij",
    weights=None,
    *,
    ahp_method: str = "eigenvector",
    aip_mean: str = "geometric",
):
    """Combine several respondents' pairwise judgements into the group's.

    Parameters
    ----------
    matrices : dict, list or array of shape (k, n, n)
        One complete reciprocal matrix per respondent (e.g. the output of
        :func:`pairwise_matrix`). DataFrames are aligned on their labels.
    method : {"aij", "aip"}, default "aij"
        ``"aij"`` (aggregation of individual judgements): the element-wise weighted geometric
        mean of the matrices, the only mean that keeps the result reciprocal (Aczel & Saaty
        1983); run :func:`ahp` on it. ``"aip"`` (aggregation of individual priorities): each
        respondent's priorities by :func:`ahp`, then their weighted mean, normalised (Forman &
        Peniwati 1998).
    weights : sequence, dict or Series, optional
        Respondent weights (e.g. from :func:`balance_weights` to give each helix the same
        say); normalised to sum to 1. Default: equal.
    ahp_method : str, default "eigenvector"
        Prioritisation method for AIP.
    aip_mean : {"geometric", "arithmetic"}, default "geometric"
        Mean used for AIP (Forman & Peniwati accept both for priorities).

    Returns
    -------
    pandas.DataFrame or numpy.ndarray or pandas.Series
        AIJ: the group matrix (DataFrame when labels are known). AIP: the group priorities
        (Series).

    Examples
    --------
    >>> import numpy as np
    >>> from ikmpolicy.mcda import aggregate_judgements, ahp
    >>> a = np.array([[1, 3], [1/3, 1]])
    >>> b = np.array([[1, 1/3], [3, 1]])
    >>> aggregate_judgements([a, b]).round(6).tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    >>> aggregate_judgements([a, b], weights=[3, 1]).round(4).tolist()
    [[1.0, 1.7321], [0.5774, 1.0]]
    """
    keys, stack, labels = _stack(matrices)
    w = _respondent_weights(weights, keys)
    if method == "aij":
        group = np.exp(np.tensordot(w, np.log(stack), axes=1))
        # Restore exact reciprocity and unit diagonal lost to rounding.
        iu = np.triu_indices(group.shape[0], 1)
        group[(iu[1], iu[0])] = 1.0 / group[iu]
        np.fill_diagonal(group, 1.0)
        if labels is None:
            return group
        return pd.DataFrame(group, index=pd.Index(labels), columns=pd.Index(labels))
    if method == "aip":
        pri = np.stack([ahp(m, method=ahp_method, scale=None).weights.to_numpy() for m in stack])
        if aip_mean == "geometric":
            g = np.exp(w @ np.log(pri))
        elif aip_mean == "arithmetic":
            g = w @ pri
        else:
            raise MCDAError(f"aip_mean must be 'geometric' or 'arithmetic', got {aip_mean!r}")
        g = g / g.sum()
        idx = pd.Index(labels if labels is not None else range(len(g)))
        return pd.Series(g, index=idx, name="weight")
    raise MCDAError(f"unknown aggregation method {method!r}; choose 'aij' or 'aip'")


def balance_weights(groups) -> pd.Series:
    """Respondent weights giving every group (e.g. helix) the same total weight.

    Parameters
    ----------
    groups : mapping or Series
        respondent -> group label.

    Returns
    -------
    pandas.Series
        respondent -> weight; each group's weights sum to 1 / (number of groups).

    Examples
    --------
    >>> from ikmpolicy.mcda import balance_weights
    >>> balance_weights({"r1": "gov", "r2": "gov", "r3": "academia"}).to_dict()
    {'r1': 0.25, 'r2': 0.25, 'r3': 0.5}
    """
    s = pd.Series(groups) if not isinstance(groups, pd.Series) else groups
    if s.isna().any():
        raise MCDAError(f"respondents without a group: {list(s.index[s.isna()])}")
    sizes = s.map(s.value_counts())
    return (1.0 / (sizes * s.nunique())).rename("weight")


#: priorities closer than this are one priority: AHP on a 1/9..9 scale cannot tell them apart
TIE_TOLERANCE = 1e-9


def _snap_ties(priorities: np.ndarray, tol: float = TIE_TOLERANCE) -> np.ndarray:
    """``priorities`` with values equal up to floating-point noise made exactly equal.

    A respondent who judges two criteria equal gets priorities that may differ in the 17th
    digit (the eigenvector of a completed matrix); ranked as they are, that noise would order
    them and make Kendall's W measure it. Sorted values closer than ``tol`` to their
    neighbour join one tie group, which takes its smallest value.

    Examples
    --------
    >>> _snap_ties(np.array([0.2 + 1e-17, 0.5, 0.2, 0.3])).tolist()
    [0.2, 0.5, 0.2, 0.3]
    """
    order = np.argsort(priorities, kind="stable")
    out = priorities.astype(float).copy()
    start = 0
    for k in range(1, len(order) + 1):
        if k == len(order) or priorities[order[k]] - priorities[order[k - 1]] > tol:
            out[order[start:k]] = priorities[order[start]]
            start = k
    return out


def consensus(matrices, *, ahp_method: str = "eigenvector") -> pd.Series:
    """Consensus of a group: Kendall's W over the respondents' priority rankings.

    Each respondent is a rater ranking the criteria by their AHP priorities; W = 1 when all
    rank the criteria the same, near 0 when the rankings are unrelated (ties corrected). The
    p-value is exact for at most seven criteria, chi-square above (``method="auto"`` of
    :func:`~ikmpolicy.agreement.kendall_w`).
    Priorities within :data:`TIE_TOLERANCE` of each other are ties, not a ranking by
    floating-point noise.

    Parameters
    ----------
    matrices : dict, list or array of shape (k, n, n)
        One complete reciprocal matrix per respondent.
    ahp_method : str, default "eigenvector"
        Prioritisation method.

    Returns
    -------
    pandas.Series
        As :func:`ikmpolicy.agreement.kendall_w` (``W``, ``chi2``, ``dof``, ``pval``, ...).

    Examples
    --------
    >>> import numpy as np
    >>> from ikmpolicy.mcda import consensus
    >>> w = [np.array([.5, .3, .2]), np.array([.6, .3, .1]), np.array([.4, .35, .25])]
    >>> float(consensus([x[:, None] / x[None, :] for x in w])["W"])
    1.0
    """
    keys, stack, labels = _stack(matrices)
    pri = {
        k: _snap_ties(ahp(m, method=ahp_method, scale=None).weights.to_numpy())
        for k, m in zip(keys, stack, strict=True)
    }
    idx = pd.Index(labels if labels is not None else range(stack.shape[1]))
    return kendall_w(pd.DataFrame(pri, index=idx), method="auto")


def priorities_by_group(
    matrices,
    groups,
    *,
    method: str = "aij",
    ahp_method: str = "eigenvector",
    overall: str | None = "all",
) -> pd.DataFrame:
    """Group priorities side by side, one column per group (e.g. per helix).

    Parameters
    ----------
    matrices : dict
        respondent -> complete reciprocal matrix (e.g. from :func:`pairwise_matrix`).
    groups : mapping or Series
        respondent -> group label (e.g. helix).
    method : {"aij", "aip"}, default "aij"
        Aggregation within each group, see :func:`aggregate_judgements`.
    ahp_method : str, default "eigenvector"
        Prioritisation method.
    overall : str or None, default "all"
        Name of an extra column aggregating everyone with :func:`balance_weights` (each group
        counts the same, whatever its size); None to leave it out.

    Returns
    -------
    pandas.DataFrame
        Criteria x groups; each column sums to 1.

    Examples
    --------
    >>> import numpy as np
    >>> from ikmpolicy.mcda import priorities_by_group
    >>> def m(w):
    ...     w = np.asarray(w)
    ...     return w[:, None] / w[None, :]
    >>> mats = {"r1": m([.6, .4]), "r2": m([.5, .5]), "r3": m([.2, .8])}
    >>> priorities_by_group(mats, {"r1": "gov", "r2": "gov", "r3": "ikm"}).round(3)
         gov  ikm    all
    0  0.551  0.2  0.356
    1  0.449  0.8  0.644
    """
    if not isinstance(matrices, Mapping):
        raise MCDAError("matrices must be a dict respondent -> matrix to be grouped")
    g = pd.Series(groups) if not isinstance(groups, pd.Series) else groups
    unknown = [k for k in matrices if k not in g.index]
    if unknown:
        raise MCDAError(f"no group given for respondents {unknown}")
    cols = {}
    for label in pd.unique(g[list(matrices)]):
        members = {k: v for k, v in matrices.items() if g[k] == label}
        cols[label] = _group_priorities(members, method, ahp_method, None)
    if overall is not None:
        wts = balance_weights(g[list(matrices)])
        cols[overall] = _group_priorities(matrices, method, ahp_method, wts)
    return pd.DataFrame(cols)


def _group_priorities(members, method, ahp_method, weights) -> pd.Series:
    agg = aggregate_judgements(members, method=method, weights=weights, ahp_method=ahp_method)
    if method == "aij":
        return ahp(agg, method=ahp_method, scale=None).weights
    return agg
