"""Fit score: the weighted share of a buyer's required levels that a firm meets.

Definition
----------
For each indicator on which the requirement sets a level ``L`` (scale ``[lo, hi]``), the share
met by a firm with score ``x`` is, for an indicator where higher is better (direction +1),

    share = min(1, (x - lo) / (L - lo)),

and, where higher is worse (direction -1, ``L`` is then the highest level allowed),

    share = min(1, (hi - x) / (hi - L)).

A level at the bottom of the scale (+1) or the top (-1) asks nothing, so its share is 1; a met
level has share 1; a firm without a score has share 0 (an unknown score is never counted as met,
so fit is a lower bound for firms with missing scores). The fit is the weighted mean of the
shares over the indicators with a level; a requirement that sets no level has fit 1.

Why this definition: it reads "how much of the way from the bottom of the scale to the level
has the firm come", so a firm one point short of level 4 on a 1-5 scale scores 2/3 on that
indicator, not 0 (the met/not-met alternative throws that distance away, and the distance is
what a programme closes). Capping at 1 keeps a surplus on one indicator from hiding a shortfall
on another: fit is 1 exactly when every level is met. Certificates and the KBLI code are gates,
not degrees, and are reported by ``missing_certificates``, ``kbli_fit`` and ``status``.

The *headroom* (``margin``, given for eligible pairs) is the weighted mean, over the same
indicators, of how far the firm's score is beyond the level in the good direction, as a share of
the scale width. Among eligible firms (all with fit 1) it tells the stronger suppliers from
those just at the level; :func:`~ikmpolicy.matching.assign_suppliers` uses it to break ties.

Weights
-------
Per indicator. ``weights`` may be indexed by indicator or by dimension (as the AHP group weights
of a session are); a dimension's weight is split equally among its indicators. Without weights
every indicator counts equally. Only the indicators a requirement sets a level on enter its fit,
so weights are renormalised per requirement.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ikmpolicy.programmes import EPS

from ._errors import MatchingError


def indicator_weights(
    meta: pd.DataFrame, weights: pd.Series | None = None
) -> tuple[pd.Series, str]:
    """Weight per indicator and where it comes from (``"given"`` or ``"equal"``).

    Parameters
    ----------
    meta : pandas.DataFrame
        Indicator catalogue indexed by indicator, with a ``dimension`` column.
    weights : pandas.Series, optional
        Indicator id or dimension -> weight (>= 0, not all 0). Every indicator (or dimension)
        must have one.

    Returns
    -------
    (pandas.Series, str)
        Weights per indicator summing to 1, and ``"given"`` or ``"equal"``.

    Examples
    --------
    >>> meta = pd.DataFrame({"dimension": ["quality", "quality", "people"]},
    ...                     index=pd.Index(["q1", "q2", "hr"], name="indicator"))
    >>> w, source = indicator_weights(meta, pd.Series({"quality": 0.6, "people": 0.4}))
    >>> w.round(2).tolist(), source
    ([0.3, 0.3, 0.4], 'given')
    >>> indicator_weights(meta)[0].round(3).tolist()
    [0.333, 0.333, 0.333]
    """
    if weights is None:
        return pd.Series(1.0 / len(meta), index=meta.index, name="weight"), "equal"
    weights = pd.Series(weights, dtype=float)
    keys = set(map(str, weights.index))
    dimensions = meta["dimension"].astype(str)
    if keys <= set(meta.index):
        per = weights.reindex(meta.index)
        missing = list(meta.index[per.isna()])
        kind = "indicator"
    elif keys <= set(dimensions):
        size = dimensions.map(dimensions.value_counts())
        per = dimensions.map(weights) / size
        missing = sorted(set(dimensions[per.isna()]))
        kind = "dimension"
    else:
        unknown = sorted(keys - set(meta.index) - set(dimensions))
        raise MatchingError(
            f"weights: found {', '.join(unknown)}; expected indicator ids or "
            "dimensions of the indicators table (not a mix)"
        )
    if missing:
        raise MatchingError(
            f"weights: no weight for {kind}(s) {', '.join(missing)}; expected one weight per {kind}"
        )
    if (per < 0).any() or per.sum() <= 0:
        raise MatchingError(
            "weights: expected weights of at least 0, not all 0; found "
            + ", ".join(f"{k}={v:g}" for k, v in weights.items())
        )
    return (per / per.sum()).rename("weight").astype(float), "given"


def share_met(score, level, lo: float, hi: float, direction: float):
    """Share of one level met (the definition above, element by element; NaN score -> 0).

    Examples
    --------
    >>> share_met(np.array([2.0, 4.0, 5.0, np.nan]), 4.0, 1.0, 5.0, 1.0).round(3).tolist()
    [0.333, 1.0, 1.0, 0.0]
    >>> float(share_met(3.0, 2.0, 1.0, 5.0, -1.0))  # at most 2 where higher is worse
    0.6666666666666666
    >>> float(share_met(3.0, 1.0, 1.0, 5.0, 1.0))  # a level at the bottom asks nothing
    1.0
    """
    score, level = np.asarray(score, dtype=float), np.asarray(level, dtype=float)
    if direction > 0:
        room, got = level - lo, score - lo
    else:
        room, got = hi - level, hi - score
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.clip(got / room, 0.0, 1.0)
    share = np.where(room > EPS, share, 1.0)
    share = np.where(direction * (score - level) >= -EPS, 1.0, share)
    return np.where(np.isnan(score), 0.0, share)


def fit_matrix(
    scores: np.ndarray,
    levels: np.ndarray,
    meta: pd.DataFrame,
    weights: np.ndarray,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Fit of every firm (rows of ``scores``) for every requirement (rows of ``levels``).

    The same numbers as :func:`share_met` averaged with the weights (written into ``out`` when
    given), computed with four passes over a firms x requirements array per indicator: the share is
    ``clip((x - lo + EPS) / (L - lo), 0, 1)`` (direction +1), which is 1 exactly when the score
    reaches the level within ``EPS``, and an unknown score is replaced by one below the scale.
    Below the level it exceeds :func:`share_met` by ``EPS / (L - lo)``: under 1e-8 for a level
    0.1 above the bottom of the scale.

    Examples
    --------
    >>> meta = pd.DataFrame({"scale_min": [1.0, 1.0], "scale_max": [5.0, 5.0],
    ...                      "direction": [1.0, -1.0]}, index=["q", "waste"])
    >>> scores = np.array([[2.0, 3.0], [4.0, np.nan]])
    >>> levels = np.array([[4.0, 2.0], [3.0, np.nan]])
    >>> fit_matrix(scores, levels, meta, np.array([0.5, 0.5])).round(3).tolist()
    [[0.5, 0.5], [0.5, 1.0]]
    """
    n, r = len(scores), len(levels)
    total = np.zeros((n, r)) if out is None else out
    total[...] = 0.0
    norm = np.zeros(r)
    buf = np.empty((n, r))
    for j, (lo, hi, direction) in enumerate(
        meta[["scale_min", "scale_max", "direction"]].to_numpy(float)
    ):
        level = levels[:, j]
        asked = ~np.isnan(level)
        if weights[j] <= 0 or not asked.any():
            continue
        if direction > 0:
            room, got = level - lo, scores[:, j] - lo + EPS
        else:
            room, got = hi - level, hi - scores[:, j] + EPS
        got = np.where(np.isnan(got) | (got == 0), -1.0, got)  # unknown: share 0
        with np.errstate(divide="ignore", invalid="ignore"):
            inverse = np.where(room > EPS, 1.0 / room, np.inf)  # no room: asks nothing
        w = np.where(asked, weights[j], 0.0)
        np.multiply(got[:, None], inverse[None, :], out=buf)
        np.clip(buf, 0.0, 1.0, out=buf)
        buf *= w[None, :]
        total += buf
        norm += w
    asks = norm > 0
    np.divide(total, np.where(asks, norm, 1.0)[None, :], out=total)
    if not asks.all():
        total[:, ~asks] = 1.0  # nothing asked
    return total


def pair_headroom(
    scores: np.ndarray, levels: np.ndarray, meta: pd.DataFrame, weights: np.ndarray
) -> np.ndarray:
    """Headroom of aligned pairs: row k of ``scores`` against row k of ``levels``.

    The weighted mean over the indicators with a level of ``max(0, direction * (x - L)) /
    (hi - lo)``; an unknown score counts 0; 0 when no level is set.

    Examples
    --------
    >>> meta = pd.DataFrame({"scale_min": [1.0, 1.0], "scale_max": [5.0, 5.0],
    ...                      "direction": [1.0, -1.0]}, index=["q", "waste"])
    >>> pair_headroom(np.array([[5.0, 1.0]]), np.array([[3.0, 2.0]]), meta,
    ...               np.array([0.5, 0.5])).tolist()
    [0.375]
    """
    lo, hi, direction = (meta[c].to_numpy(float) for c in ("scale_min", "scale_max", "direction"))
    asked = ~np.isnan(levels)
    beyond = np.nan_to_num(np.maximum(direction * (scores - levels), 0.0) / (hi - lo))
    w = np.where(asked, weights[None, :], 0.0)
    norm = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(norm > 0, (w * beyond).sum(axis=1) / np.where(norm > 0, norm, 1), 0.0)
