"""Rank candidate actions with the library's MCDA methods, and word each rank robust or fragile.

Criteria (:data:`CRITERIA`; more is better unless marked cost):

``eligible_pairs``
    Firm-requirement pairs the action makes eligible.
``readiness_gain``
    Readiness-index points gained, summed over the participants (goalposts composite).
``cost_idr`` (cost)
    Rupiah: unit cost x participants.
``months`` (cost)
    Months until a participant shows the effect.
``priority``
    Share of the session's AHP group weight that lies on the dimensions the programme moves.

A criterion that takes one value for every action does not discriminate and is left out of that
ranking (TOPSIS could not even normalise it); its weight goes to the others.

Robustness rule (the readiness index's rule, :func:`ikmpolicy.readiness.rank_robustness`): over
the Monte Carlo runs, an action's rank is **robust** when its 5-95 % interval spans at most
``max(1, 10 % of the actions)`` places and contains the nominal rank; otherwise **fragile**.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ikmpolicy import mcda
from ikmpolicy.readiness import rank_robustness

from ._errors import RecommendError

__all__ = [
    "CRITERIA",
    "METHODS",
    "criteria_weights",
    "rank_actions",
    "rank_intervals",
    "rank_matrix",
]

#: Criterion -> True when more is better (False for a cost).
CRITERIA: dict[str, bool] = {
    "eligible_pairs": True,
    "readiness_gain": True,
    "cost_idr": False,
    "months": False,
    "priority": True,
}
METHODS = ("topsis", "vikor", "promethee_ii")


def criteria_weights(weights: Mapping[str, float] | None = None) -> pd.Series:
    """Weights of :data:`CRITERIA`, normalised to sum to 1 (equal when None).

    A criterion left out of ``weights`` gets 0.

    Examples
    --------
    >>> criteria_weights().round(2).tolist()
    [0.2, 0.2, 0.2, 0.2, 0.2]
    >>> criteria_weights({"eligible_pairs": 3, "cost_idr": 1})["eligible_pairs"]
    np.float64(0.75)
    """
    if weights is None:
        return pd.Series(1.0 / len(CRITERIA), index=list(CRITERIA), name="weight")
    unknown = [k for k in weights if k not in CRITERIA]
    if unknown:
        raise RecommendError(
            f"criteria weights: unknown criterion {unknown[0]!r}; expected "
            f"some of {', '.join(CRITERIA)}"
        )
    w = pd.Series({c: float(weights.get(c, 0.0)) for c in CRITERIA}, name="weight")
    if (w < 0).any() or not np.isfinite(w).all() or w.sum() <= 0:
        raise RecommendError(
            f"criteria weights: found {dict(weights)}; expected numbers of at "
            "least 0 with a positive sum"
        )
    return w / w.sum()


_SCORE = {"topsis": "closeness", "vikor": "Q", "promethee_ii": "phi"}


def rank_matrix(
    x: np.ndarray, weights: np.ndarray, method: str = "topsis", **options
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(score, rank, criteria used as a bool mask) of a decision matrix over :data:`CRITERIA`.

    The numpy core of :func:`rank_actions` (for Monte Carlo runs): columns in the order of
    :data:`CRITERIA`, ``weights`` normalised; criteria that do not discriminate or weigh 0 are
    left out.
    """
    x = np.asarray(x, float)
    if len(x) == 0:
        return np.zeros(0), np.zeros(0, dtype=int), np.zeros(len(CRITERIA), dtype=bool)
    spread = np.ptp(x, axis=0) > 1e-12 * np.maximum(1.0, np.abs(x).max(axis=0))
    keep = spread & (np.asarray(weights) > 0)
    if not keep.any():
        return np.zeros(len(x)), np.ones(len(x), dtype=int), keep
    benefit = np.array(list(CRITERIA.values()))[keep]
    fn = {"topsis": mcda.topsis, "vikor": mcda.vikor, "promethee_ii": mcda.promethee_ii}[method]
    out = fn(x[:, keep], np.asarray(weights)[keep], benefit, **options)
    return out[_SCORE[method]].to_numpy(float), out["rank"].to_numpy(int), keep


def _check_matrix(matrix: pd.DataFrame) -> None:
    missing = [c for c in CRITERIA if c not in matrix.columns]
    if missing:
        raise RecommendError(f"decision matrix: missing criterion column(s) {', '.join(missing)}")
    values = matrix[list(CRITERIA)].to_numpy(float)
    if not np.isfinite(values).all():
        row, col = np.argwhere(~np.isfinite(values))[0]
        raise RecommendError(
            f"decision matrix, action {matrix.index[row]!r}, criterion "
            f"{list(CRITERIA)[col]!r}: found {values[row, col]}; expected a "
            "finite number"
        )


def rank_actions(
    matrix: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series | None = None,
    method: str = "topsis",
    **options,
) -> pd.DataFrame:
    """Rank actions by TOPSIS (default), VIKOR or PROMETHEE II over :data:`CRITERIA`.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Actions x criteria (columns of :data:`CRITERIA`; other columns are ignored).
    weights : mapping or Series, optional
        Criterion weights (:func:`criteria_weights`; equal by default).
    method : {"topsis", "vikor", "promethee_ii"}
        :func:`ikmpolicy.mcda.topsis` (score = closeness, higher is better),
        :func:`ikmpolicy.mcda.vikor` (score = Q, lower is better) or
        :func:`ikmpolicy.mcda.promethee_ii` (score = net flow phi, higher is better).
    **options
        Passed to the method (e.g. ``normalization="minmax"``, ``v=0.5``,
        ``preference="linear"``).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``matrix``: ``score`` and ``rank`` (1 = best; ties share the better rank).
        ``attrs["criteria"]`` lists the criteria that discriminated and were used.

    Examples
    --------
    >>> m = pd.DataFrame({"eligible_pairs": [3, 0, 1], "readiness_gain": [20.0, 5.0, 30.0],
    ...                   "cost_idr": [300e6, 20e6, 150e6], "months": [6, 3, 6],
    ...                   "priority": [0.3, 0.3, 0.3]}, index=["a", "b", "c"])
    >>> out = rank_actions(m)
    >>> out["rank"].tolist(), out.attrs["criteria"]
    ([1, 3, 2], ('eligible_pairs', 'readiness_gain', 'cost_idr', 'months'))
    """
    if method not in METHODS:
        raise RecommendError(f"ranking method {method!r}: expected one of {', '.join(METHODS)}")
    _check_matrix(matrix)
    w = criteria_weights(dict(weights) if weights is not None else None)
    score, rank, used = rank_matrix(
        matrix[list(CRITERIA)].to_numpy(float), w.to_numpy(), method, **options
    )
    out = pd.DataFrame({"score": score, "rank": rank}, index=matrix.index)
    out.attrs["criteria"] = tuple(c for c, u in zip(CRITERIA, used, strict=True) if u)
    return out


def rank_intervals(
    rank_samples: np.ndarray, nominal: pd.Series, quantiles: tuple[float, float] = (0.05, 0.95)
) -> pd.DataFrame:
    """Rank intervals over Monte Carlo runs and the robust/fragile wording.

    Parameters
    ----------
    rank_samples : numpy.ndarray, shape (actions, runs)
        The rank of each action in each run.
    nominal : pandas.Series
        The nominal rank of each action (its index names the actions).
    quantiles : (float, float)
        Interval bounds (5 % and 95 %); exact order statistics (``inverted_cdf``).

    Returns
    -------
    pandas.DataFrame
        ``nominal_rank``, ``median_rank``, ``q_low``, ``q_high``, ``width`` and
        ``robustness`` (``"robust"``/``"fragile"``; ``"not_ranked"`` without runs).

    Examples
    --------
    >>> s = np.array([[1, 1, 1, 2], [2, 2, 3, 1], [3, 3, 2, 3]])
    >>> rank_intervals(s, pd.Series([1, 2, 3], index=list("abc")))["robustness"].tolist()
    ['robust', 'fragile', 'robust']
    """
    n = len(nominal)
    out = pd.DataFrame({"nominal_rank": nominal.to_numpy(float)}, index=nominal.index)
    if rank_samples.size == 0:
        for c in ("median_rank", "q_low", "q_high", "width"):
            out[c] = np.nan
    else:
        lo, hi = np.quantile(rank_samples, quantiles, axis=1, method="inverted_cdf")
        out["median_rank"] = np.quantile(rank_samples, 0.5, axis=1, method="inverted_cdf")
        out["q_low"], out["q_high"] = lo, hi
        out["width"] = hi - lo
    out["robustness"] = rank_robustness(out, n_ranked=n)
    return out
