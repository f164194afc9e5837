"""Input checks shared by the MCDA methods, and the errors they raise.

Every error is a :class:`ValueError` subclass so callers that already catch ``ValueError`` keep
working; the message names the respondent, row and pair concerned and says what was expected.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

from ikmpolicy.errors import InputError

__all__ = [
    "MCDAError",
    "JudgementError",
    "DecisionMatrixError",
    "SAATY_MIN",
    "SAATY_MAX",
]

#: Bounds of Saaty's fundamental 1..9 scale and its reciprocals.
SAATY_MIN = 1.0 / 9.0
SAATY_MAX = 9.0

# Judgements arrive as floats parsed from "1/3" etc.; allow rounding noise at the bounds and
# in reciprocity checks (a_ij * a_ji == 1).
_RTOL = 1e-6


class MCDAError(InputError):
    """Base class of the errors raised by :mod:`ikmpolicy.mcda`."""


class JudgementError(MCDAError):
    """A pairwise judgement or comparison matrix is not usable as given."""


class DecisionMatrixError(MCDAError):
    """A decision matrix, weight vector or benefit vector is not usable as given."""


def fmt(x: float) -> str:
    """Show a judgement the way respondents give it: ``3`` or ``1/3``."""
    if not np.isfinite(x):
        return str(x)
    if x >= 1:
        r = round(x)
        return str(r) if abs(x - r) < 1e-9 * max(1, x) else f"{x:.6g}"
    inv = 1.0 / x
    r = round(inv)
    return f"1/{r}" if abs(inv - r) < 1e-6 * inv else f"{x:.6g}"


def as_square_matrix(
    matrix, *, name: str = "matrix", allow_nan: bool = False
) -> tuple[np.ndarray, list[Hashable] | None]:
    """Return ``(array, labels)`` for a square pairwise comparison matrix.

    ``labels`` is None for unlabelled input. Checks shape, finiteness and positivity, and that a
    DataFrame has the same labels on both axes.
    """
    labels: list[Hashable] | None = None
    if isinstance(matrix, pd.DataFrame):
        if list(matrix.index) != list(matrix.columns):
            if set(matrix.index) == set(matrix.columns) and matrix.index.is_unique:
                matrix = matrix.loc[:, list(matrix.index)]
            else:
                raise JudgementError(
                    f"{name}: row labels {list(matrix.index)} and column labels "
                    f"{list(matrix.columns)} differ; a pairwise matrix compares the same "
                    "criteria on both axes"
                )
        labels = list(matrix.index)
        arr = matrix.to_numpy(dtype=float)
    else:
        try:
            arr = np.asarray(matrix, dtype=float)
        except (TypeError, ValueError) as exc:
            raise JudgementError(f"{name}: values must be numbers ({exc})") from None
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise JudgementError(f"{name}: expected a non-empty square matrix, got shape {arr.shape}")
    bad = ~np.isfinite(arr)
    if allow_nan:
        bad &= ~np.isnan(arr)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise JudgementError(
            f"{name}: entry ({_lab(labels, i)}, {_lab(labels, j)}) is {arr[i, j]}; "
            "expected a finite positive number"
        )
    with np.errstate(invalid="ignore"):
        nonpos = arr <= 0
    if nonpos.any():
        i, j = np.argwhere(nonpos)[0]
        raise JudgementError(
            f"{name}: entry ({_lab(labels, i)}, {_lab(labels, j)}) is {arr[i, j]}; "
            "pairwise judgements must be positive ratios"
        )
    return arr, labels


def _lab(labels: Sequence[Hashable] | None, i: int) -> str:
    return str(labels[i]) if labels is not None else str(i)


def check_reciprocal(
    arr: np.ndarray, labels: Sequence[Hashable] | None, *, name: str = "matrix"
) -> None:
    """Raise :class:`JudgementError` unless ``a_ii == 1`` and ``a_ij * a_ji == 1``."""
    diag = np.diagonal(arr)
    off = ~np.isclose(diag, 1.0, rtol=_RTOL, atol=0) & ~np.isnan(diag)
    if off.any():
        i = int(np.flatnonzero(off)[0])
        raise JudgementError(
            f"{name}: diagonal entry ({_lab(labels, i)}, {_lab(labels, i)}) is {diag[i]}; "
            "a criterion compared with itself must be 1"
        )
    prod = arr * arr.T
    with np.errstate(invalid="ignore"):
        bad = ~np.isclose(prod, 1.0, rtol=_RTOL, atol=0) & ~np.isnan(prod)
    if bad.any():
        i, j = np.argwhere(np.triu(bad, 1))[0]
        raise JudgementError(
            f"{name}: not reciprocal at pair ({_lab(labels, i)}, {_lab(labels, j)}): "
            f"a[{_lab(labels, i)}, {_lab(labels, j)}] = {fmt(arr[i, j])} but "
            f"a[{_lab(labels, j)}, {_lab(labels, i)}] = {fmt(arr[j, i])}; expected "
            f"{fmt(1 / arr[i, j])}"
        )


def check_scale(
    arr: np.ndarray,
    labels: Sequence[Hashable] | None,
    *,
    scale: tuple[float, float] | None = (SAATY_MIN, SAATY_MAX),
    name: str = "matrix",
) -> None:
    """Raise :class:`JudgementError` for entries outside ``scale`` (inclusive)."""
    if scale is None:
        return
    lo, hi = scale
    with np.errstate(invalid="ignore"):
        bad = (arr < lo * (1 - _RTOL)) | (arr > hi * (1 + _RTOL))
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise JudgementError(
            f"{name}: entry ({_lab(labels, i)}, {_lab(labels, j)}) = {fmt(arr[i, j])} is outside "
            f"the scale {fmt(lo)}..{fmt(hi)} (Saaty's 1/9..9); pass scale=None to accept "
            "ratios outside it, e.g. for measured or completed matrices"
        )


def decision_inputs(
    matrix, weights, benefit, *, method: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Index, pd.Index]:
    """Validate a decision matrix (alternatives x criteria), weights and benefit flags.

    Returns ``(x, w, b, alternatives, criteria)`` with ``x`` float64 of shape (m, n), ``w`` the
    weights normalised to sum to 1, and ``b`` a boolean array (True = benefit, more is better).
    Weights and benefit may be sequences in criterion order or mappings / Series keyed by
    criterion label. Finiteness of ``x`` is *not* checked here (methods check it more cheaply
    from their own reductions).
    """
    if isinstance(matrix, pd.DataFrame):
        alternatives = matrix.index
        criteria = matrix.columns
        try:
            x = matrix.to_numpy(dtype=np.float64, copy=False)
        except (TypeError, ValueError) as exc:
            raise DecisionMatrixError(
                f"{method}: the decision matrix must be numeric ({exc})"
            ) from None
    else:
        try:
            x = np.asarray(matrix, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise DecisionMatrixError(
                f"{method}: the decision matrix must be numeric ({exc})"
            ) from None
        if x.ndim != 2:
            raise DecisionMatrixError(
                f"{method}: expected a 2-D decision matrix (alternatives x criteria), "
                f"got shape {x.shape}"
            )
        alternatives = pd.RangeIndex(x.shape[0])
        criteria = pd.RangeIndex(x.shape[1])
    m, n = x.shape
    if m == 0 or n == 0:
        raise DecisionMatrixError(f"{method}: the decision matrix is empty (shape {x.shape})")
    w = _per_criterion(weights, criteria, "weights", method).astype(np.float64)
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise DecisionMatrixError(
            f"{method}: weights must be finite and non-negative, got {list(w)}"
        )
    total = w.sum()
    if total <= 0:
        raise DecisionMatrixError(f"{method}: weights sum to 0; at least one must be positive")
    w = w / total
    raw_b = _per_criterion(benefit, criteria, "benefit", method)
    if raw_b.dtype != bool:
        vals = set(pd.unique(raw_b).tolist())
        if not vals <= {0, 1}:  # True == 1, False == 0
            raise DecisionMatrixError(
                f"{method}: benefit must hold one boolean per criterion (True = more is "
                f"better, False = cost), got {list(raw_b)}"
            )
    b = raw_b.astype(bool)
    return x, w, b, alternatives, criteria


def _per_criterion(values, criteria: pd.Index, what: str, method: str) -> np.ndarray:
    n = len(criteria)
    if isinstance(values, Mapping | pd.Series):
        keys = list(values.keys()) if isinstance(values, Mapping) else list(values.index)
        missing = [c for c in criteria if c not in keys]
        extra = [k for k in keys if k not in set(criteria)]
        if missing or extra:
            raise DecisionMatrixError(
                f"{method}: {what} labels do not match the criteria; missing {missing}, "
                f"unknown {extra}"
            )
        return np.asarray([values[c] for c in criteria])
    arr = np.asarray(values)
    if arr.ndim == 0:
        arr = np.full(n, arr.item())
    if arr.shape != (n,):
        raise DecisionMatrixError(
            f"{method}: expected {n} {what} (one per criterion), got {arr.size}"
        )
    return arr


def finite_or_raise(x: np.ndarray, alternatives: pd.Index, criteria: pd.Index, method: str):
    """Raise a :class:`DecisionMatrixError` naming the first non-finite cell of ``x``."""
    bad = ~np.isfinite(x)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise DecisionMatrixError(
            f"{method}: value {x[i, j]} for alternative {alternatives[i]!r}, criterion "
            f"{criteria[j]!r}; every performance must be a finite number"
        )
