"""Priorities and consistency of reciprocal pairwise comparison matrices (AHP).

References
----------
Saaty, T. L. (1977). "A scaling method for priorities in hierarchical structures". *J. Math.
Psychology* 15, 234-281 (principal eigenvector, lambda_max, CI).
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill (CR = CI / RI; the
column-normalisation approximation).
Crawford, G. & Williams, C. (1985). "A note on the analysis of subjective judgment matrices".
*J. Math. Psychology* 29, 387-405 (row geometric mean).
Aguaron, J. & Moreno-Jimenez, J. M. (2003). "The geometric consistency index: approximated
thresholds". *EJOR* 147, 137-145 (GCI).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._validation import (
    SAATY_MAX,
    SAATY_MIN,
    JudgementError,
    MCDAError,
    as_square_matrix,
    check_reciprocal,
    check_scale,
)
from .random_index import random_index

__all__ = ["AHPResult", "AHPBatchResult", "ahp", "ahp_batch", "METHODS"]

METHODS = ("eigenvector", "geometric", "column_mean")
_LAMBDA = ("auto", "eigenvalue", "ratio_mean")


@dataclass(frozen=True)
class AHPResult:
    """Result of :func:`ahp` for one matrix.

    Attributes
    ----------
    weights : pandas.Series
        Priorities (sum to 1), labelled by criterion.
    lambda_max : float
        Principal eigenvalue, or its estimate (see ``lambda_estimate`` in :func:`ahp`).
    ci : float
        Consistency index (lambda_max - n) / (n - 1); 0 for n <= 2.
    cr : float
        Consistency ratio CI / RI; 0 for n <= 2.
    random_index : float
        RI(n) used for ``cr``.
    random_index_table : str
        Name of the RI table.
    gci : float
        Geometric consistency index of Aguaron & Moreno-Jimenez (2003) for these weights.
    method : str
        Prioritisation method.
    matrix : pandas.DataFrame
        The matrix analysed, labelled.
    """

    weights: pd.Series
    lambda_max: float
    ci: float
    cr: float
    random_index: float
    random_index_table: str
    gci: float
    method: str
    matrix: pd.DataFrame = field(repr=False)

    @property
    def n(self) -> int:
        """Number of criteria."""
        return len(self.weights)

    def is_consistent(self, threshold: float = 0.1) -> bool:
        """True when ``cr <= threshold`` (Saaty's 10 % rule by default)."""
        return bool(self.cr <= threshold)


@dataclass(frozen=True)
class AHPBatchResult:
    """Result of :func:`ahp_batch` for k matrices of order n (numpy arrays, no labels)."""

    weights: np.ndarray  #: shape (k, n), rows sum to 1
    lambda_max: np.ndarray  #: shape (k,)
    ci: np.ndarray  #: shape (k,)
    cr: np.ndarray  #: shape (k,)
    random_index: float
    method: str


def ahp(
    matrix,
    method: str = "eigenvector",
    *,
    random_index_table: str | dict = "saaty",
    lambda_estimate: str = "auto",
    scale: tuple[float, float] | None = (SAATY_MIN, SAATY_MAX),
) -> AHPResult:
    """Priorities and consistency from a reciprocal pairwise comparison matrix.

    Parameters
    ----------
    matrix : array_like or pandas.DataFrame
        Square positive reciprocal matrix; ``matrix[i, j]`` says how much more important
        criterion i is than j. A DataFrame's labels name the criteria.
    method : {"eigenvector", "geometric", "column_mean"}, default "eigenvector"
        ``"eigenvector"``: Saaty's principal right eigenvector (computed by power iteration to
        machine precision). ``"geometric"``: normalised row geometric means (Crawford & Williams
        1985). ``"column_mean"``: normalise each column to sum 1, then average across each row,
        the approximation of Saaty (1980) that many Indonesian papers use.
    random_index_table : str or dict, default "saaty"
        Table for RI(n), see :func:`ikmpolicy.mcda.random_index`.
    lambda_estimate : {"auto", "eigenvalue", "ratio_mean"}, default "auto"
        ``"eigenvalue"``: the principal eigenvalue of the matrix (Saaty's definition; does not
        depend on ``method``). ``"ratio_mean"``: the mean of ``(A w)_i / w_i`` over the weights
        ``w`` of ``method``, the "consistency vector" of hand calculations. ``"auto"`` uses the
        eigenvalue for ``"eigenvector"`` and the ratio mean for the approximations, so that a
        paper's table computed by hand is reproduced. For a consistent matrix both equal n.
    scale : (float, float) or None, default (1/9, 9)
        Allowed range of entries; ``None`` accepts any positive ratio (measured data, completed
        or aggregated matrices).

    Returns
    -------
    AHPResult
        ``weights`` (Series), ``lambda_max``, ``ci``, ``cr``, ``random_index``, ``gci``.

    Raises
    ------
    JudgementError
        If the matrix is not square, not positive, not reciprocal, or has entries outside
        ``scale``.

    Examples
    --------
    A consistent matrix (w = 0.6, 0.3, 0.1) is recovered exactly, with CR = 0:

    >>> import pandas as pd
    >>> from ikmpolicy.mcda import ahp
    >>> m = pd.DataFrame([[1, 2, 6], [1/2, 1, 3], [1/6, 1/3, 1]],
    ...                  index=["cost", "skill", "access"], columns=["cost", "skill", "access"])
    >>> res = ahp(m)
    >>> res.weights.round(3).to_dict()
    {'cost': 0.6, 'skill': 0.3, 'access': 0.1}
    >>> round(res.lambda_max, 6), round(res.cr, 6)
    (3.0, 0.0)
    """
    if method not in METHODS:
        raise MCDAError(f"unknown AHP method {method!r}; choose one of {METHODS}")
    if lambda_estimate not in _LAMBDA:
        raise MCDAError(f"unknown lambda_estimate {lambda_estimate!r}; choose one of {_LAMBDA}")
    arr, labels = as_square_matrix(matrix)
    check_reciprocal(arr, labels)
    check_scale(arr, labels, scale=scale)
    n = arr.shape[0]
    if labels is None:
        labels = list(range(n))
    ri = random_index(n, random_index_table)
    batch = _ahp_core(arr[None], method, lambda_estimate, ri)
    w = batch.weights[0]
    table_name = random_index_table if isinstance(random_index_table, str) else "custom"
    return AHPResult(
        weights=pd.Series(w, index=pd.Index(labels), name="weight"),
        lambda_max=float(batch.lambda_max[0]),
        ci=float(batch.ci[0]),
        cr=float(batch.cr[0]),
        random_index=ri,
        random_index_table=table_name,
        gci=float(_gci(arr[None], batch.weights)[0]),
        method=method,
        matrix=pd.DataFrame(arr, index=pd.Index(labels), columns=pd.Index(labels)),
    )


def ahp_batch(
    matrices,
    method: str = "eigenvector",
    *,
    random_index_table: str | dict = "saaty",
    lambda_estimate: str = "auto",
    check: bool = True,
) -> AHPBatchResult:
    """AHP on a stack of k reciprocal matrices of order n at once (no Python loop per matrix).

    Meant for sensitivity analysis (e.g. 100,000 perturbed versions of a group matrix).

    Parameters
    ----------
    matrices : array_like, shape (k, n, n)
        Positive reciprocal matrices.
    method, random_index_table, lambda_estimate
        As in :func:`ahp`.
    check : bool, default True
        Check positivity and reciprocity of every matrix (vectorised). The 1/9..9 scale is not
        checked: perturbed matrices may leave it.

    Returns
    -------
    AHPBatchResult
        ``weights`` of shape (k, n) and ``lambda_max``, ``ci``, ``cr`` of shape (k,).

    Examples
    --------
    >>> import numpy as np
    >>> from ikmpolicy.mcda import ahp_batch
    >>> w = np.array([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    >>> stack = w[:, :, None] / w[:, None, :]        # two consistent matrices
    >>> res = ahp_batch(stack)
    >>> res.weights.round(3).tolist()
    [[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]]
    >>> res.cr.round(6).tolist()
    [0.0, 0.0]
    """
    if method not in METHODS:
        raise MCDAError(f"unknown AHP method {method!r}; choose one of {METHODS}")
    if lambda_estimate not in _LAMBDA:
        raise MCDAError(f"unknown lambda_estimate {lambda_estimate!r}; choose one of {_LAMBDA}")
    a = np.asarray(matrices, dtype=np.float64)
    if a.ndim != 3 or a.shape[1] != a.shape[2] or a.shape[1] == 0:
        raise JudgementError(f"expected an array of shape (k, n, n), got {a.shape}")
    if check:
        ok = np.isfinite(a) & (a > 0)
        if not ok.all():
            k, i, j = np.argwhere(~ok)[0]
            raise JudgementError(
                f"matrix {k}: entry ({i}, {j}) is {a[k, i, j]}; expected a finite positive number"
            )
        prod = a * np.swapaxes(a, 1, 2)
        bad = np.abs(prod - 1.0) > 1e-6
        if bad.any():
            k, i, j = np.argwhere(bad)[0]
            raise JudgementError(
                f"matrix {k}: not reciprocal at ({i}, {j}): {a[k, i, j]} * {a[k, j, i]} != 1"
            )
    ri = random_index(a.shape[1], random_index_table)
    return _ahp_core(a, method, lambda_estimate, ri)


# --------------------------------------------------------------------------- core (batched)


def _ahp_core(a: np.ndarray, method: str, lambda_estimate: str, ri: float) -> AHPBatchResult:
    n = a.shape[-1]
    if method == "eigenvector":
        w, lam = principal_eigen(a)
    else:
        w = _approx_weights(a, method)
        lam = None
    use_eig = lambda_estimate == "eigenvalue" or (
        lambda_estimate == "auto" and method == "eigenvector"
    )
    if use_eig:
        if lam is None:
            _, lam = principal_eigen(a)
    else:
        aw = (a @ w[..., None])[..., 0]
        lam = (aw / w).mean(axis=-1)
    if n <= 2:
        # Order 1 and 2 matrices are consistent by construction; avoid 0/0 and rounding noise.
        lam = np.full(a.shape[0], float(n))
        ci = np.zeros(a.shape[0])
    else:
        ci = (lam - n) / (n - 1)
        # lambda_max >= n for positive reciprocal matrices (Saaty 1977); clip rounding noise.
        ci = np.where(np.abs(ci) < 1e-12, 0.0, ci)
    cr = np.zeros_like(ci) if ri == 0.0 else ci / ri
    return AHPBatchResult(weights=w, lambda_max=lam, ci=ci, cr=cr, random_index=ri, method=method)


def _approx_weights(a: np.ndarray, method: str) -> np.ndarray:
    if method == "geometric":
        g = np.exp(np.log(a).mean(axis=-1))
        return g / g.sum(axis=-1, keepdims=True)
    # column_mean
    norm = a / a.sum(axis=-2, keepdims=True)
    return norm.mean(axis=-1)


def principal_eigen(
    a: np.ndarray, *, tol: float = 1e-14, max_iter: int = 2000
) -> tuple[np.ndarray, np.ndarray]:
    """Perron vector (normalised to sum 1) and Perron root of a stack of positive matrices.

    Power iteration on all matrices at once, started from the row geometric means (already
    close for near-consistent judgements). The Perron root of a positive (or primitive
    non-negative) matrix strictly dominates the other eigenvalues in modulus, so the iteration
    converges; every 16 sweeps without convergence the iterated matrix is squared to speed up
    slowly converging ones. Works on shape (n, n) or (k, n, n).
    """
    a = np.asarray(a, dtype=np.float64)
    single = a.ndim == 2
    if single:
        a = a[None]
    with np.errstate(divide="ignore"):
        logs = np.log(np.where(a > 0, a, 1.0))
    x = np.exp(logs.mean(axis=-1))
    x /= x.sum(axis=-1, keepdims=True)
    p = a
    todo = np.arange(a.shape[0])
    out = x.copy()
    for it in range(1, max_iter + 1):
        y = (p @ x[..., None])[..., 0]
        y /= y.sum(axis=-1, keepdims=True)
        done = np.abs(y - x).max(axis=-1) <= tol
        if done.any():
            out[todo[done]] = y[done]
            keep = ~done
            todo, p, y = todo[keep], p[keep], y[keep]
            if todo.size == 0:
                break
        x = y
        if it % 16 == 0:
            p = p @ p
            p /= p.sum(axis=(-2, -1), keepdims=True)
    else:
        out[todo] = x
    lam = (a @ out[..., None])[..., 0].sum(axis=-1)  # sum(A w) = lambda * sum(w) = lambda
    if single:
        return out[0], lam[0]
    return out, lam


def _gci(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    n = a.shape[-1]
    if n <= 2:
        return np.zeros(a.shape[0])
    e = np.log(a) - np.log(w)[..., :, None] + np.log(w)[..., None, :]
    iu = np.triu_indices(n, 1)
    return 2.0 / ((n - 1) * (n - 2)) * (e[..., iu[0], iu[1]] ** 2).sum(axis=-1)


def compare_published(reproduced: pd.Series, published=None) -> pd.DataFrame:
    """Reproduced priorities next to those a paper prints: ``published``, ``reproduced`` (to
    four decimals) and ``difference``; only ``reproduced`` when the paper prints none.

    Parameters
    ----------
    reproduced : pandas.Series
        Criterion -> weight (e.g. ``ahp(matrix).weights``).
    published : mapping, optional
        Criterion -> the weight the paper prints; criteria it leaves out stay empty.

    Raises
    ------
    MCDAError
        A published criterion that is not one of the matrix's (a misspelling would otherwise
        show as an empty row, silently).

    Examples
    --------
    >>> w = pd.Series({"a": 0.6, "b": 0.4})
    >>> compare_published(w, {"a": 0.61, "b": 0.39})
       published  reproduced  difference
    a       0.61         0.6       -0.01
    b       0.39         0.4        0.01
    >>> try:
    ...     compare_published(w, {"A": 0.61})
    ... except MCDAError as exc:
    ...     print(exc)
    published_weights: criterion 'A' is not in the matrix; its criteria are a, b
    """
    if not published:
        return pd.DataFrame({"reproduced": reproduced.round(4)})
    criteria = list(reproduced.index)
    for name in published:
        if name not in criteria:
            raise MCDAError(
                f"published_weights: criterion {name!r} is not in the matrix; its criteria "
                f"are {', '.join(map(str, criteria))}"
            )
    values = pd.Series(dict(published), dtype=float).reindex(reproduced.index)
    return pd.DataFrame(
        {
            "published": values,
            "reproduced": reproduced.round(4),
            "difference": (reproduced - values).round(4),
        }
    )
