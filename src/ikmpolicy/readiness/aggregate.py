"""Aggregation: combine normalised indicators into dimension scores and dimension scores into
the overall readiness score.

Methods (COINr ``Aggregate()`` names in brackets):

``"arithmetic"`` (``a_amean``)
    ``Σ w x / Σ w``; fully compensatory.
``"geometric"`` (``a_gmean``)
    ``exp(Σ w log x / Σ w)``; partly compensatory. **Zero rule**: values must be ``>= 0``
    (a negative value, e.g. from z-scores, is an error). With ``zero="absorb"`` (default) a zero
    on an indicator with positive weight makes the score exactly 0 — the mathematical limit of
    the geometric mean, read as "failing one essential cannot be made up". With
    ``zero="offset"`` the mean is taken of ``x + offset`` and ``offset`` is subtracted after
    (shifted geometric mean; ``offset=1`` by default), so zeros lower the score but do not
    annihilate it. The Handbook (2008, section 6.2) notes the geometric mean needs strictly
    positive values; normalising onto ``(1, 100)`` is another common way out.
``"harmonic"`` (``a_hmean``)
    ``Σ w / Σ (w / x)``; least compensatory of the three; same zero rule as geometric.
``"copeland"`` (``a_copeland``)
    Non-compensatory outranking: for each pair of firms, the weight of the indicators on which
    one beats the other (ties count half) is compared with 0.5; the Copeland score is the
    number of firms a firm outranks minus the number that outrank it. Scores lie in
    ``[-(n - 1), n - 1]`` and are not on the indicator scale. Cost grows with n², so it is
    refused above ``max_units`` firms.

Missing values: a firm's mean is taken over the indicators it has, with the weights
re-normalised over them (COINr skips ``NA`` the same way); a firm with nothing gets NaN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import IndexDataError, IndexSpecError
from .normalise import refuse_infinite
from .weights import check_weights

AGGREGATION_METHODS = ("arithmetic", "geometric", "harmonic", "copeland")
#: Methods computed by :func:`weighted_means` (batched over weight vectors).
MEAN_METHODS = ("arithmetic", "geometric", "harmonic")
ZERO_RULES = ("absorb", "offset")
COPELAND_MAX_UNITS = 20_000
# Stand-in for log(0) = -inf and 1/0 = inf: keeps matrix products free of inf * 0 = NaN
# when an indicator has zero weight, and still drives exp()/division to exactly 0.
_HUGE = 1e300
_BLOCK = 1 << 18


def _check_method(method: str) -> None:
    if method not in AGGREGATION_METHODS:
        raise IndexSpecError(
            f"aggregation method {method!r} is unknown; expected one of {list(AGGREGATION_METHODS)}"
        )


def prepare(
    x: np.ndarray,
    method: str,
    zero: str = "absorb",
    offset: float = 1.0,
    columns: Sequence[str] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Transform values once for :func:`weighted_means`: returns ``(F, M)``.

    ``F`` holds ``x``, ``log x`` or ``1 / x`` (0 where missing) and ``M`` is 1.0 where a value
    exists. Checks the zero rule and refuses negative values for geometric/harmonic.
    """
    if method not in MEAN_METHODS:
        raise IndexSpecError(
            f"method {method!r} is not a weighted mean; expected one of {list(MEAN_METHODS)}"
        )
    if zero not in ZERO_RULES:
        raise IndexSpecError(f"zero rule {zero!r} is unknown; expected one of {list(ZERO_RULES)}")
    x = np.asarray(x, dtype=float)
    obs = ~np.isnan(x)
    M = obs.astype(float)
    if method == "arithmetic":
        return np.where(obs, x, 0.0), M
    if zero == "offset":
        if not np.isfinite(offset) or offset <= 0:
            raise IndexSpecError(f"offset must be a number > 0, got {offset!r}")
        x = x + offset
    with np.errstate(invalid="ignore"):
        neg = obs & (x < 0)
    if neg.any():
        r, c = np.argwhere(neg)[0]
        name = columns[c] if columns is not None else c
        raise IndexDataError(
            f"{method} mean needs values >= 0, but indicator {name!r} has "
            f"{x[r, c] - (offset if zero == 'offset' else 0)!r} for row {r}; "
            "use a bounded normalisation (minmax, goalposts, rank, target)"
        )
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if method == "geometric":
            F = np.where(x > 0, np.log(np.where(x > 0, x, 1.0)), -_HUGE)
        else:
            F = np.where(x > 0, 1.0 / np.where(x > 0, x, 1.0), _HUGE)
    return np.where(obs, F, 0.0), M


def finish(
    num: np.ndarray, den: np.ndarray, method: str, zero: str = "absorb", offset: float = 1.0
) -> np.ndarray:
    """Turn the weighted sums ``num = F @ w`` and ``den = M @ w`` into means."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if method == "arithmetic":
            out = num / den
        elif method == "geometric":
            out = np.exp(num / den)
        else:
            # a positive-weight zero put _HUGE into num: the harmonic mean is exactly 0
            out = np.where(num > _HUGE * 1e-100, 0.0, den / num)
    out = np.where(den > 0, out, np.nan)
    if method != "arithmetic" and zero == "offset":
        out = out - offset
    return out


def weighted_means(
    x: np.ndarray, W: np.ndarray, method: str, zero: str = "absorb", offset: float = 1.0
) -> np.ndarray:
    """Weighted means of the rows of ``x`` for many weight vectors at once.

    Parameters
    ----------
    x : numpy.ndarray
        ``(n, m)`` values, NaN = missing.
    W : numpy.ndarray
        ``(m,)`` or ``(R, m)`` non-negative weights.

    Returns
    -------
    numpy.ndarray
        ``(n,)`` or ``(n, R)``: one matrix product, no loop over rows.
    """
    F, M = prepare(x, method, zero, offset)
    W = np.asarray(W, dtype=float)
    return finish(F @ W.T, M @ W.T, method, zero, offset)


def aggregate(
    frame: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series | Sequence[float] | None = None,
    method: str = "arithmetic",
    *,
    zero: str = "absorb",
    offset: float = 1.0,
    max_units: int = COPELAND_MAX_UNITS,
) -> pd.Series:
    """Aggregate the columns of ``frame`` into one value per row.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows (firms) × columns (normalised indicators or dimension scores).
    weights : mapping, Series, sequence or None
        One weight per column (checked and re-normalised, :func:`~.weights.check_weights`);
        ``None`` means equal.
    method : str
        ``"arithmetic"``, ``"geometric"``, ``"harmonic"`` or ``"copeland"`` (module docstring).
    zero : str
        Zero rule for geometric/harmonic: ``"absorb"`` or ``"offset"``.
    offset : float
        Shift used by ``zero="offset"``.
    max_units : int
        Largest number of rows accepted by ``"copeland"``.

    Returns
    -------
    pandas.Series
        Indexed like ``frame``.

    Raises
    ------
    IndexSpecError
        Unknown method or zero rule, weights not matching the columns, too many rows for
        Copeland.
    IndexDataError
        Not a DataFrame, or negative values for geometric/harmonic.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"a": [4.0, 1.0], "b": [1.0, 1.0]})
    >>> aggregate(f).tolist()
    [2.5, 1.0]
    >>> aggregate(f, method="geometric").tolist()
    [2.0, 1.0]
    >>> aggregate(f, method="harmonic").tolist()
    [1.6, 1.0]
    >>> aggregate(f, {"a": 3, "b": 1}).tolist()
    [3.25, 1.0]
    """
    _check_method(method)
    if not isinstance(frame, pd.DataFrame):
        raise IndexDataError(f"aggregate expects a DataFrame, got {type(frame).__name__}")
    cols = list(frame.columns)
    w = check_weights(weights, cols)
    if method == "copeland":
        return copeland(frame, w, max_units=max_units)
    x = frame.to_numpy(dtype=float)
    refuse_infinite(x, frame)  # inf makes the mean inf (or NaN next to a zero weight)
    wv = w.to_numpy()
    out = np.empty(len(x))
    # blocks of rows bound the temporaries (F, M) for multi-million-row frames
    for r0 in range(0, len(x), _BLOCK):
        F, M = prepare(x[r0 : r0 + _BLOCK], method, zero, offset, cols)
        out[r0 : r0 + _BLOCK] = finish(F @ wv, M @ wv, method, zero, offset)
    return pd.Series(out, index=frame.index)


def copeland(
    frame: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series | None = None,
    max_units: int = COPELAND_MAX_UNITS,
    chunk_cells: int = 20_000_000,
) -> pd.Series:
    """Copeland scores from the weighted outranking matrix (COINr ``a_copeland``).

    For firms ``a`` and ``b``, ``e(a, b)`` is the weight of indicators where ``a > b`` plus half
    the weight where they tie, over the indicators both have, with the weights re-normalised
    over those indicators. ``a`` outranks ``b`` when ``e(a, b) > 0.5``; the score is (number
    outranked) − (number outranking). Pairs with no indicator in common count as ties. With
    complete data this is COINr's ``outrankMatrix`` (1.x, ``R/aggregate.R``); with missing
    values it differs on purpose: COINr sums, for a pair, the weights of the indicators on
    which the first unit is ahead (and half those where they are level) without re-normalising
    them, and sets the reverse comparison to one minus that, so the weight of an indicator
    either unit lacks counts for the unit that comes later in the data. Computed in blocks of
    rows (memory bounded by ``chunk_cells``), but the work is still n² × m.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"a": [3, 2, 1], "b": [3, 1, 2], "c": [1, 3, 2]})
    >>> copeland(f).tolist()
    [2.0, 0.0, -2.0]
    """
    cols = list(frame.columns)
    w = check_weights(weights, cols).to_numpy()
    x = frame.to_numpy(dtype=float)
    n, m = x.shape
    if n > max_units:
        raise IndexSpecError(
            f"copeland aggregation compares every pair of firms; {n} firms "
            f"exceed max_units={max_units} (raise it knowingly, or use a mean)"
        )
    obs = ~np.isnan(x)
    xf = np.where(obs, x, 0.0)
    scores = np.zeros(n)
    step = max(1, chunk_cells // max(n * m, 1))
    for start in range(0, n, step):  # blocks of rows: bounded memory, vectorised inside
        a = xf[start : start + step, None, :]
        both = obs[start : start + step, None, :] & obs[None, :, :]
        gt = ((a > xf[None, :, :]) & both) @ w
        eq = ((a == xf[None, :, :]) & both) @ w
        tot = both @ w
        with np.errstate(invalid="ignore", divide="ignore"):
            e = np.where(tot > 0, (gt + 0.5 * eq) / tot, 0.5)
        s = np.sign(np.round(e - 0.5, 12))
        idx = np.arange(start, min(start + step, n))
        s[np.arange(len(idx)), idx] = 0.0  # a firm does not outrank itself
        scores[idx] = s.sum(axis=1)
    return pd.Series(scores, index=frame.index)


def aggregate_levels(
    norm: pd.DataFrame,
    dims: Mapping[str, list[str]],
    indicator_weights: pd.Series,
    dimension_weights: pd.Series,
    dimension_method: str = "arithmetic",
    overall_method: str = "arithmetic",
    zero: str = "absorb",
    offset: float = 1.0,
    max_units: int = COPELAND_MAX_UNITS,
) -> tuple[pd.DataFrame, pd.Series]:
    """Two-level aggregation: indicators → dimensions → overall, a method per level.

    Parameters
    ----------
    norm : pandas.DataFrame
        Normalised indicators.
    dims : mapping
        Dimension → its indicators.
    indicator_weights : pandas.Series
        Indicator → weight within its dimension (re-normalised per dimension here).
    dimension_weights : pandas.Series
        Dimension → weight in the overall score.

    Returns
    -------
    dimension_scores : pandas.DataFrame
        Firms × dimensions.
    overall : pandas.Series
        Overall score per firm.
    """
    _check_method(dimension_method)
    _check_method(overall_method)
    order = [i for inds in dims.values() for i in inds]
    if (
        dimension_method != "copeland"
        and all(len(v) == 1 for v in dims.values())
        and order == list(norm.columns)
    ):
        # one indicator per dimension: the mean of one value is that value, whatever the mean;
        # relabel instead of copying (matters at millions of firms)
        dim_scores = norm.set_axis(pd.Index(list(dims), name="dimension"), axis=1)
    else:
        scores = {}
        for d, inds in dims.items():
            sub = norm[inds]
            if len(inds) == 1 and dimension_method != "copeland":
                scores[d] = sub.iloc[:, 0]
            else:
                scores[d] = aggregate(
                    sub,
                    indicator_weights[inds],
                    dimension_method,
                    zero=zero,
                    offset=offset,
                    max_units=max_units,
                )
        dim_scores = pd.DataFrame(scores, index=norm.index)
        dim_scores.columns.name = "dimension"
    overall = aggregate(
        dim_scores,
        dimension_weights.reindex(dim_scores.columns),
        overall_method,
        zero=zero,
        offset=offset,
        max_units=max_units,
    )
    return dim_scores, overall
