"""Rank every Monte Carlo run at once: :func:`~ikmpolicy.recommend.ranking.rank_matrix` for a
stack of decision matrices.

A run's ranking leaves out the criteria that do not discriminate in that run (or weigh 0), so
the criteria used can differ between runs. :func:`rank_runs` groups the runs by the criteria
they use and computes TOPSIS and VIKOR for a whole group with numpy, doing for each run the same
floating-point operations in the same order as :func:`ikmpolicy.mcda.topsis` and
:func:`ikmpolicy.mcda.vikor`: the scores are bit for bit those of the per-run path, so exact
ties (which share a rank) stay ties and no near-tie changes order. PROMETHEE II, unknown options
and inputs the methods would refuse (non-finite values, a divisor of 0) take the per-run path,
which ranks or raises exactly as before.
"""

from __future__ import annotations

import numpy as np

from ikmpolicy.mcda.topsis import TOPSIS_NORMALISATIONS

from .ranking import CRITERIA, rank_matrix

__all__ = ["rank_runs", "rank_rows"]

#: Criterion -> True when more is better, as an array in the column order.
_BENEFIT = np.array(list(CRITERIA.values()))


def rank_rows(values: np.ndarray) -> np.ndarray:
    """Rank 1 = lowest value in each row; ties share the best rank.

    Row by row the same as :func:`ikmpolicy.mcda._ranking.rank_asc` (the ``"min"`` method on a
    stable sort).

    Examples
    --------
    >>> rank_rows(np.array([[0.3, 0.1, 0.3], [2.0, 2.0, 1.0]])).tolist()
    [[2, 1, 2], [2, 2, 1]]
    """
    values = np.asarray(values, float)
    n, m = values.shape
    order = np.argsort(values, axis=1, kind="stable")
    sv = np.take_along_axis(values, order, axis=1)
    # A run of equal values starts where a value differs from its predecessor (NaN differs
    # from everything, as in rank_asc); each position takes the start of its run.
    new = np.ones((n, m), dtype=bool)
    np.not_equal(sv[:, 1:], sv[:, :-1], out=new[:, 1:])
    start = np.maximum.accumulate(np.where(new, np.arange(1, m + 1), 0), axis=1)
    out = np.empty((n, m), dtype=np.int64)
    np.put_along_axis(out, order, start, axis=1)
    return out


def rank_runs(x: np.ndarray, weights: np.ndarray, method: str = "topsis", **options) -> np.ndarray:
    """Ranks of N decision matrices over :data:`~ikmpolicy.recommend.ranking.CRITERIA`.

    Parameters
    ----------
    x : numpy.ndarray, (N, A, C)
        One decision matrix per run: A actions, the C criteria in the order of ``CRITERIA``.
    weights : numpy.ndarray, (C,)
        Criterion weights, normalised (:func:`~ikmpolicy.recommend.ranking.criteria_weights`).
    method : {"topsis", "vikor", "promethee_ii"}
    **options
        Options of the method, as for :func:`~ikmpolicy.recommend.ranking.rank_matrix`.

    Returns
    -------
    numpy.ndarray of int, (N, A)
        Row ``n`` equals ``rank_matrix(x[n], weights, method, **options)[1]``.

    Examples
    --------
    >>> x = np.array([[[3, 20.0, 3e8, 6, 0.3], [0, 5, 2e7, 3, 0.3], [1, 30, 1.5e8, 6, 0.3]]])
    >>> rank_runs(x, np.full(5, 0.2)).tolist()
    [[1, 3, 2]]
    """
    x = np.asarray(x, float)
    weights = np.asarray(weights)
    n, a, c = x.shape
    ranks = np.empty((n, a), dtype=np.int64)
    if n == 0 or a == 0:
        ranks[...] = 0
        return ranks
    score_of = _SCORES.get(method)
    if score_of is None or not np.isfinite(x).all():
        return _per_run(x, weights, method, options)
    # rank_matrix's test, run by run: a criterion is used when it discriminates and weighs > 0
    spread = np.ptp(x, axis=1) > 1e-12 * np.maximum(1.0, np.abs(x).max(axis=1))
    keep = spread & (weights > 0)
    pattern = keep @ (1 << np.arange(c))
    for code in np.unique(pattern):
        runs = np.flatnonzero(pattern == code)
        used = keep[runs[0]]
        if not used.any():
            ranks[runs] = 1
            continue
        sub = x[runs][:, :, used]
        w = weights[used]
        # decision_inputs' normalisation, on the same 1-D array: the same weights to the bit
        w = w.astype(np.float64) / w.astype(np.float64).sum()
        ranked = score_of(sub, w, _BENEFIT[used], options)
        if ranked is None:  # an option or input the batch does not reproduce
            return _per_run(x, weights, method, options)
        ranks[runs] = ranked
    return ranks


def _per_run(x, weights, method, options) -> np.ndarray:
    """The reference path: one :func:`rank_matrix` per run."""
    return np.stack([rank_matrix(run, weights, method, **options)[1] for run in x])


def _topsis(x: np.ndarray, w: np.ndarray, benefit: np.ndarray, options) -> np.ndarray | None:
    """Ranks by :func:`ikmpolicy.mcda.topsis` of runs ``x (G, A, K)`` using the same criteria."""
    normalisation = options.get("normalisation", "vector")
    if set(options) - {"normalisation"} or normalisation not in TOPSIS_NORMALISATIONS:
        return None
    g, _, k = x.shape
    hi, lo = x.max(axis=1), x.min(axis=1)  # (G, K); max and min are exact
    # topsis works on each column as a contiguous array; np.dot and np.sum of such a column
    # are what it divides by, so they are taken the same way, one column at a time.
    cols = np.ascontiguousarray(x.transpose(0, 2, 1))  # (G, K, A)
    if normalisation == "vector":
        denom = np.array([[np.dot(cols[r, j], cols[r, j]) for j in range(k)] for r in range(g)])
        denom = np.sqrt(denom)
    elif normalisation == "minmax":
        denom = hi - lo
    elif normalisation == "max":
        denom = np.maximum(np.abs(hi), np.abs(lo))
    else:
        denom = np.array([[cols[r, j].sum() for j in range(k)] for r in range(g)])
    if not (np.isfinite(denom).all() and (denom > 0).all()):
        return None  # topsis raises; the per-run path raises the same error
    best = np.where(benefit, hi, lo)
    worst = np.where(benefit, lo, hi)
    d_plus = np.zeros(x.shape[:2])
    d_minus = np.zeros(x.shape[:2])
    for j in range(k):
        if w[j] == 0:
            continue
        # topsis squares a numpy scalar (pow); the same scalar operation, run by run
        s2 = np.array([(w[j] / denom[r, j]) ** 2 for r in range(g)])[:, None]
        tmp = cols[:, j] - best[:, j, None]
        np.multiply(tmp, tmp, out=tmp)
        tmp *= s2
        d_plus += tmp
        tmp = cols[:, j] - worst[:, j, None]
        np.multiply(tmp, tmp, out=tmp)
        tmp *= s2
        d_minus += tmp
    np.sqrt(d_plus, out=d_plus)
    np.sqrt(d_minus, out=d_minus)
    total = d_plus + d_minus
    with np.errstate(invalid="ignore", divide="ignore"):
        closeness = np.where(total > 0, d_minus / total, 0.5)
    return rank_rows(-closeness)


def _vikor(x: np.ndarray, w: np.ndarray, benefit: np.ndarray, options) -> np.ndarray | None:
    """Ranks by :func:`ikmpolicy.mcda.vikor` (Q) of runs ``x (G, A, K)``."""
    if set(options) - {"v"}:
        return None
    v = options.get("v", 0.5)
    if not 0 <= v <= 1:
        return None
    hi, lo = x.max(axis=1, keepdims=True), x.min(axis=1, keepdims=True)
    best = np.where(benefit, hi, lo)
    worst = np.where(benefit, lo, hi)
    rng = best - worst
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(rng != 0, (best - x) / np.where(rng != 0, rng, 1.0), 0.0)
    terms = d * w
    # a row sum over fewer than 8 criteria adds them left to right, in vikor as here
    s = terms.sum(axis=2)
    r = terms.max(axis=2)

    def scaled(values):
        low = values.min(axis=1, keepdims=True)
        span = values.max(axis=1, keepdims=True) - low
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(span > 0, (values - low) / span, 0.0)

    q = v * scaled(s) + (1 - v) * scaled(r)
    return rank_rows(q)


_SCORES = {"topsis": _topsis, "vikor": _vikor}
