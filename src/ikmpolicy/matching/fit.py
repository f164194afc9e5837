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

The *headroom* (``margin``) is the weighted mean, over the same indicators, of how far a firm's
score is beyond the level in the good direction, as a share of the scale width (0 when short or
unknown). Among eligible firms (all with fit 1) it tells the stronger suppliers from those just
at the level; :func:`~ikmpolicy.matching.assign_suppliers` uses it to break ties.

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


def indicator_weights(meta: pd.DataFrame, weights: pd.Series | None = None
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
        raise MatchingError(f"weights: found {', '.join(unknown)}; expected indicator ids or "
                            "dimensions of the indicators table (not a mix)")
    if missing:
        raise MatchingError(f"weights: no weight for {kind}(s) {', '.join(missing)}; expected "
                            f"one weight per {kind}")
    if (per < 0).any() or per.sum() <= 0:
        raise MatchingError("weights: expected weights of at least 0, not all 0; found "
                            + ", ".join(f"{k}={v:g}" for k, v in weights.items()))
    return (per / per.sum()).rename("weight").astype(float), "given"


def share_met(score: np.ndarray, level: np.ndarray, gap: np.ndarray, lo: float, hi: float,
              direction: float) -> np.ndarray:
    """Share of one indicator's level met, per firm x requirement (see the module text).

    ``score`` is a column (firms x 1), ``level`` a row (requirements), ``gap`` the firms x
    requirements gaps (0 = met, NaN = unknown).

    Examples
    --------
    >>> s = np.array([[2.0], [4.0], [np.nan]])
    >>> lvl = np.array([4.0])
    >>> gap = np.maximum(lvl - s, 0)
    >>> share_met(s, lvl, gap, 1.0, 5.0, 1.0).ravel().round(3).tolist()
    [0.333, 1.0, 0.0]
    >>> share_met(np.array([[3.0]]), np.array([2.0]), np.array([[1.0]]), 1.0, 5.0, -1.0).item()
    0.6666666666666666
    """
    if direction > 0:
        room, got = level - lo, score - lo
    else:
        room, got = hi - level, hi - score
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.clip(got / room, 0.0, 1.0)
    share = np.where(room > EPS, share, 1.0)
    share = np.where(gap == 0, 1.0, share)
    return np.where(np.isnan(gap), 0.0, share)


def headroom(score: np.ndarray, level: np.ndarray, lo: float, hi: float,
             direction: float) -> np.ndarray:
    """How far beyond the level a score is, as a share of the scale width (0 if short/unknown).

    Examples
    --------
    >>> headroom(np.array([[5.0], [2.0], [np.nan]]), np.array([3.0]), 1.0, 5.0, 1.0).ravel()
    array([0.5, 0. , 0. ])
    """
    beyond = direction * (score - level) / (hi - lo)
    return np.nan_to_num(np.maximum(beyond, 0.0), nan=0.0)
