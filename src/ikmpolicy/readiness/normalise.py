"""Normalisation: bring every indicator onto one scale, with "higher is better" everywhere.

Methods (COINr ``Normalise()`` names in brackets; COINr's default is min–max onto 0–100):

``"minmax"`` (``n_minmax``)
    ``lo + (x - min) / (max - min) * (hi - lo)`` over the observed firms; for direction -1,
    ``(max - x)`` replaces ``(x - min)``. A constant indicator (``max == min``) carries no
    information and gets the middle of the scale for every firm.
``"zscore"`` (``n_zscore``)
    ``mean + direction * (x - x̄) / s * sd`` with ``s`` the sample standard deviation (n - 1, as
    R's ``sd``); ``zscore=(mean, sd)`` defaults to ``(0, 1)`` as in COINr. Unbounded. A
    constant indicator gives ``mean``.
``"rank"`` (COINr ``n_prank``, with average ranks for ties)
    Average rank of ties, mapped linearly so that the worst firm gets ``lo`` and the best
    ``hi``: ``lo + (r - 1) / (n - 1) * (hi - lo)`` over the ``n`` observed firms
    (percentile-rank form, so ranks share the scale of min–max). Convention: COINr's
    ``n_prank`` (1.1.14, ``(rank(x, ties.method = "min") - 1) / (n - 1)``) gives tied firms
    the *lowest* rank of their group ("sport" ranking); here they share the mean of the
    ranks they occupy (R's ``ties.method = "average"``), so a tie neither gains nor loses
    against the untied firms and the mean score stays ``(lo + hi) / 2``. Without ties the two
    agree exactly.
``"target"`` (``n_dist2targ``)
    Distance to a target: ``(x - min) / (target - min)`` for direction +1 and
    ``(max - x) / (max - target)`` for direction -1, times ``hi - lo`` plus ``lo``; values past
    the target are capped at it (``cap=True``, COINr ``cap_max``), so reaching the buyer's
    target is full marks. Default target: the best end of the indicator's scale. A target that
    even the worst firm reaches gives every firm full marks (``cap=False`` refuses it).
``"goalposts"`` (``n_goalposts``)
    ``(x - low) / (high - low)`` (direction -1: ``(high - x) / (high - low)``), values beyond a
    goalpost capped at it (COINr ``trunc2posts = TRUE``), then onto ``scale``. Unlike the other
    methods it does not depend on the other firms, so scores can be compared across dates.

Missing values stay missing. All methods are column-wise numpy operations (no per-firm loop).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .errors import IndexDataError, IndexSpecError
from .metadata import check_directions

NORMALISATION_METHODS = ("minmax", "zscore", "rank", "target", "goalposts")
#: Methods whose result lies in ``scale``.
BOUNDED_METHODS = ("minmax", "rank", "target", "goalposts")
#: Methods whose result for a firm does not depend on the other firms.
TIME_INVARIANT_METHODS = ("goalposts",)


def _per_column(mapping, columns, what: str, required: bool) -> dict:
    if mapping is None:
        mapping = {}
    if not hasattr(mapping, "items"):
        raise IndexSpecError(
            f"{what} must be a mapping column -> value, got {type(mapping).__name__}"
        )
    unknown = [k for k in mapping if k not in columns]
    if unknown:
        raise IndexSpecError(f"{what}: unknown indicator(s) {unknown}; columns are {list(columns)}")
    if required:
        absent = [c for c in columns if c not in mapping]
        if absent:
            raise IndexSpecError(f"{what}: no value for indicator(s) {absent}")
    return dict(mapping.items())


def normalise(
    frame: pd.DataFrame,
    method: str = "minmax",
    *,
    directions: Mapping[str, int] | pd.Series | None = None,
    goalposts: Mapping[str, tuple[float, float]] | None = None,
    targets: Mapping[str, float] | None = None,
    scale: tuple[float, float] = (0.0, 100.0),
    zscore: tuple[float, float] = (0.0, 1.0),
    cap: bool = True,
) -> pd.DataFrame:
    """Normalise every column of ``frame`` (see the module docstring for the formulas).

    Parameters
    ----------
    frame : pandas.DataFrame
        Firms × indicators, numeric; NaN = missing.
    method : str
        One of :data:`NORMALISATION_METHODS`.
    directions : mapping, optional
        Column → +1 (higher is better) or -1 (higher is worse); unlisted columns are +1.
    goalposts : mapping, optional
        Column → ``(low, high)``; required for every column with ``method="goalposts"``.
    targets : mapping, optional
        Column → target; for ``method="target"``. A column without one uses its observed best
        value (max for +1, min for -1), i.e. plain min–max.
    scale : tuple of float
        ``(lo, hi)`` of the result for bounded methods; default ``(0, 100)``.
    zscore : tuple of float
        ``(mean, sd)`` of the result for ``method="zscore"``.
    cap : bool
        For ``"target"``: cap values past the target at full marks.

    Returns
    -------
    pandas.DataFrame
        Same shape, index and columns as ``frame``.

    Raises
    ------
    IndexSpecError
        Unknown method, unknown column or wrong value in ``directions``/``goalposts``/``targets``,
        ``scale`` not increasing.
    IndexDataError
        Not a DataFrame, non-numeric data, or a column that is entirely missing.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"q": [1.0, 3.0, 5.0], "cost": [10.0, 20.0, 30.0]})
    >>> normalise(f, "minmax", directions={"cost": -1})
          q   cost
    0   0.0  100.0
    1  50.0   50.0
    2 100.0    0.0
    >>> normalise(f[["q"]], "goalposts", goalposts={"q": (2, 4)})["q"].tolist()
    [0.0, 50.0, 100.0]
    """
    if method not in NORMALISATION_METHODS:
        raise IndexSpecError(
            f"normalisation method {method!r} is unknown; expected one of "
            f"{list(NORMALISATION_METHODS)}"
        )
    x = _numeric_matrix(frame)
    lo, hi = _check_scale(scale)
    cols = list(frame.columns)
    d = check_directions(directions, cols)
    low = high = target = None
    if method == "goalposts":
        low, high = _goalpost_arrays(goalposts, cols)
    elif method == "target":
        tg = _per_column(targets, cols, "targets", required=False)
        target = np.array([_target_value(tg.get(c)) for c in cols], dtype=float)
    out = normalise_array(
        x, method, d, (lo, hi), low=low, high=high, target=target, zscore=zscore, cap=cap
    )
    return pd.DataFrame(out, index=frame.index, columns=frame.columns, copy=False)


def refuse_infinite(x: np.ndarray, frame: pd.DataFrame) -> None:
    """Raise IndexDataError naming the first infinite value of ``x`` (``frame`` as float64)."""
    if np.isinf(x).any():
        r, c = np.argwhere(np.isinf(x))[0]
        raise IndexDataError(
            f"indicator {frame.columns[c]!r}, row {frame.index[r]!r}: {float(x[r, c])!r} "
            "is not a finite number"
        )


def _numeric_matrix(frame) -> np.ndarray:
    """The data as float64, checked once where it enters (IndexDataError otherwise)."""
    if not isinstance(frame, pd.DataFrame):
        raise IndexDataError(f"normalise expects a DataFrame, got {type(frame).__name__}")
    cols = list(frame.columns)
    nonnum = [c for c in cols if not pd.api.types.is_numeric_dtype(frame[c])]
    if nonnum:
        raise IndexDataError(f"indicator(s) {nonnum}: values must be numeric")
    x = frame.to_numpy(dtype=float)
    if cols and not len(frame):
        raise IndexDataError("no firms: every indicator is empty, nothing to normalise")
    refuse_infinite(x, frame)  # inf would turn min-max and z-scores into NaN for every firm
    if x.size and len(frame):
        empty = np.isnan(x).all(axis=0)
        if empty.any():
            bad = [c for c, e in zip(cols, empty, strict=True) if e]
            raise IndexDataError(
                f"indicator(s) {bad}: every value is missing, nothing to normalise"
            )
    return x


def _check_scale(scale) -> tuple[float, float]:
    lo, hi = (float(v) for v in scale)
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise IndexSpecError(f"scale must be (low, high) with low < high, got {scale!r}")
    return lo, hi


def _goalpost_arrays(goalposts, cols) -> tuple[np.ndarray, np.ndarray]:
    gp = _per_column(goalposts, cols, "goalposts", required=True)
    low = np.empty(len(cols))
    high = np.empty(len(cols))
    for j, c in enumerate(cols):
        try:
            a, b = (float(v) for v in gp[c])
        except (TypeError, ValueError):
            raise IndexSpecError(
                f"goalposts: indicator {c!r} needs (low, high), got {gp[c]!r}"
            ) from None
        if not a < b:
            raise IndexSpecError(f"goalposts: indicator {c!r} needs low < high, got {gp[c]!r}")
        low[j], high[j] = a, b
    return low, high


def _target_value(t) -> float:
    """A finite target, or NaN for "none given" (the observed best value is then used)."""
    if t is None:
        return np.nan
    t = float(t)
    return t if np.isfinite(t) else np.nan


def normalise_array(
    x: np.ndarray,
    method: str,
    directions: np.ndarray,
    scale: tuple[float, float] = (0.0, 100.0),
    *,
    low: np.ndarray | None = None,
    high: np.ndarray | None = None,
    target: np.ndarray | None = None,
    zscore: tuple[float, float] = (0.0, 1.0),
    cap: bool = True,
) -> np.ndarray:
    """The numeric kernel of :func:`normalise`, on an already checked float array.

    ``x`` is firms × indicators (NaN = missing), ``directions`` a ±1 array; ``low``/``high``
    are the goalposts (``"goalposts"``), ``target`` the targets with NaN for "observed best"
    (``"target"``). No input is checked here: :func:`normalise` and
    :func:`normalise_with_metadata` check the data where it enters.

    Examples
    --------
    >>> import numpy as np
    >>> normalise_array(np.array([[1.0], [3.0]]), "minmax", np.array([1.0])).ravel().tolist()
    [0.0, 100.0]
    """
    lo, hi = scale
    if method == "rank":
        return _rank_scores(x * directions, lo, hi)
    out = np.empty(x.shape)
    # one indicator at a time: vectorised over firms, temporaries one column in size
    for j in range(x.shape[1]):
        v, dj = x[:, j], directions[j]
        if method == "goalposts":
            frac = _goalpost_fraction(v, dj, low[j], high[j])
        elif method == "minmax":
            frac = _range_fraction(v, dj, np.nanmin(v), np.nanmax(v))
        elif method == "target":
            frac = _target_fraction(v, dj, target[j], cap)
        else:
            out[:, j] = _zscore_column(v, dj, zscore)
            continue
        out[:, j] = lo + frac * (hi - lo)
    return out


def _goalpost_fraction(v, d, low, high):
    frac = (v - low) / (high - low)
    if d < 0:
        frac = 1.0 - frac
    return np.clip(frac, 0.0, 1.0)


def _range_fraction(v, d, ref_lo, ref_hi):
    """``(v - ref_lo) / span`` (``(ref_hi - v) / span`` for direction -1); 0.5 when span is 0."""
    span = ref_hi - ref_lo
    if not span > 0:  # constant indicator: no information, middle of the scale
        return np.where(np.isnan(v), np.nan, 0.5)
    return (v - ref_lo) / span if d > 0 else (ref_hi - v) / span


def _target_fraction(v, d, t, cap):
    mn, mx = np.nanmin(v), np.nanmax(v)
    if np.isnan(t):
        t = mx if d > 0 else mn
    elif (d > 0 and t <= mn) or (d < 0 and t >= mx):
        # Even the worst firm has reached the target: every distance to it is zero, so every
        # firm gets full marks (capped). The formula (x - min) / (target - min) would divide
        # by zero or a negative span here; without the cap there is no sensible score.
        if not cap:
            raise IndexSpecError(
                f"target {t!r} is reached by every firm (observed {mn!r} to {mx!r}); "
                "scores past the target are undefined without cap=True"
            )
        return np.where(np.isnan(v), np.nan, 1.0)
    # the worst observed value and the target are the ends
    ref_lo, ref_hi = (mn, t) if d > 0 else (t, mx)
    frac = _range_fraction(v, d, ref_lo, ref_hi)  # >= 0: the worst observed value is an end
    if cap and ref_hi - ref_lo > 0:
        frac = np.minimum(frac, 1.0)
    return frac


def _zscore_column(v, d, zscore):
    mz, sz = (float(q) for q in zscore)
    obs = ~np.isnan(v)
    nn = int(obs.sum())
    mean = float(np.nanmean(v))
    dev = v - mean
    sd = float(np.sqrt(np.nansum(dev * dev) / max(nn - 1, 1)))
    if sd > 0:
        return mz + d * dev / sd * sz
    return np.where(obs, mz, np.nan)


def _rank_scores(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Average ranks (ties share), worst → lo, best → hi, per column; NaN kept."""
    out = np.full(x.shape, np.nan)
    for j in range(x.shape[1]):  # one sort per indicator
        col = x[:, j]
        obs = ~np.isnan(col)
        v = col[obs]
        n = v.size
        if n == 0:
            continue
        if n == 1:
            out[obs, j] = (lo + hi) / 2
            continue
        s = np.sort(v)
        # average rank of ties = mean of first and last position of the value (1-based)
        first = np.searchsorted(s, v, side="left")
        last = np.searchsorted(s, v, side="right") - 1
        r = (first + last) / 2.0  # 0-based average rank
        out[obs, j] = lo + r / (n - 1) * (hi - lo)
    return out


def normalise_with_metadata(
    frame: pd.DataFrame,
    meta: pd.DataFrame,
    method: str,
    scale: tuple[float, float] = (0.0, 100.0),
    zscore: tuple[float, float] = (0.0, 1.0),
) -> pd.DataFrame:
    """:func:`normalise` with directions, goalposts and targets taken from parsed metadata.

    For data that has already entered through :func:`~.metadata.indicator_matrix` (checked
    there) and metadata parsed by :func:`~.metadata.parse_metadata`: nothing is checked again.
    A ``"target"`` normalisation without a target uses the best end of the declared scale.
    """
    m = meta.loc[list(frame.columns)]
    d = m["direction"].to_numpy(dtype=float)
    target = m["target"].to_numpy(dtype=float)
    if method == "target":
        # no target given: the best end of the indicator's declared scale
        best = np.where(d > 0, m["scale_max"].to_numpy(), m["scale_min"].to_numpy())
        target = np.where(np.isfinite(target), target, best)
    out = normalise_array(
        frame.to_numpy(dtype=float),
        method,
        d,
        scale,
        low=m["goal_low"].to_numpy(dtype=float),
        high=m["goal_high"].to_numpy(dtype=float),
        target=target,
        zscore=zscore,
    )
    return pd.DataFrame(out, index=frame.index, columns=frame.columns, copy=False)
