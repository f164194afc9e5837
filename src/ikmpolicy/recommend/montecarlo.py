"""Expected effects with intervals, and ranks with their robustness, by Monte Carlo.

Each run draws the programme gains and the participants' weights
(:mod:`~ikmpolicy.recommend.uncertainty`), recomputes every action's effects (pairs made
eligible, readiness gained, priority) and ranks the actions again with the chosen MCDA method.
Participants, cost and time stay as planned. The nominal values use the catalogue's expected
gains (``gain_mid``) and the nominal weights; intervals are the 5-95 % quantiles over the runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .batch_ranking import rank_runs
from .effects import EffectModel, ProgrammeArrays, action_effects
from .ranking import CRITERIA, criteria_weights, rank_intervals
from .uncertainty import WeightDraws

__all__ = ["Simulation", "decision_matrix", "priority", "simulate"]

QUANTILES = (0.05, 0.95)


def priority(actions: pd.DataFrame, arrays: ProgrammeArrays, weights: np.ndarray) -> np.ndarray:
    """Share of the dimension weights on the dimensions an action's programmes move.

    ``weights`` is ``(D,)`` or ``(N, D)``; the result ``(A,)`` or ``(N, A)``.
    """
    moves = np.array(
        [arrays.moves[arrays.positions(p)].any(axis=0) for p in actions["programmes"]], dtype=float
    ).reshape(len(actions), arrays.moves.shape[1])
    return np.asarray(weights, float) @ moves.T


def decision_matrix(actions: pd.DataFrame) -> pd.DataFrame:
    """The criteria of :data:`~ikmpolicy.recommend.ranking.CRITERIA` from the action table.

    An unknown time to effect counts as the longest known one (it is not rewarded for being
    unknown); with no time known at all, time does not discriminate.
    """
    months = actions["months"].astype(float)
    fill = months.max() if months.notna().any() else 0.0
    return pd.DataFrame(
        {
            "eligible_pairs": actions["n_eligible_pairs"].astype(float),
            "readiness_gain": actions["readiness_gain_total"].astype(float),
            "cost_idr": actions["cost_idr"].astype(float),
            "months": months.fillna(fill),
            "priority": actions["priority"].astype(float),
        },
        index=actions.index,
    )


@dataclass(frozen=True)
class Simulation:
    """Result of :func:`simulate`.

    Attributes
    ----------
    effects : pandas.DataFrame
        Per action: ``eligible_pairs_low``/``_high``, ``readiness_gain_low``/``_high``
        (total) and ``readiness_mean_low``/``_high`` (per participant), 5-95 %.
    ranks : pandas.DataFrame
        :func:`~ikmpolicy.recommend.ranking.rank_intervals`: ``nominal_rank``,
        ``median_rank``, ``q_low``, ``q_high``, ``width``, ``robustness``.
    rank_samples : numpy.ndarray, (A, N)
    n_runs : int
    """

    effects: pd.DataFrame
    ranks: pd.DataFrame
    rank_samples: np.ndarray
    n_runs: int


def _run_effects(actions, model, arrays, gains) -> tuple[np.ndarray, np.ndarray]:
    """(N, A) pairs made eligible and readiness gained, per run."""
    n = gains.shape[0]
    pairs = np.zeros((n, len(actions)))
    gained = np.zeros((n, len(actions)))
    by_path: dict[tuple, list[int]] = {}
    for a, p in enumerate(actions["programmes"]):
        by_path.setdefault(tuple(p), []).append(a)
    for path, members in by_path.items():
        firms = sorted({f for a in members for f in actions["participants"].iloc[a]})
        where = {f: k for k, f in enumerate(firms)}
        made, gain, _ = action_effects(
            model, arrays, model.rows(firms), arrays.positions(path), gains
        )
        per_firm = made.sum(axis=2)  # (N, P)
        for a in members:
            cols = [where[f] for f in actions["participants"].iloc[a]]
            pairs[:, a] = per_firm[:, cols].sum(axis=1)
            gained[:, a] = gain[:, cols].sum(axis=1)
    return pairs, gained


def simulate(
    actions: pd.DataFrame,
    nominal_rank: pd.Series,
    model: EffectModel,
    arrays: ProgrammeArrays,
    gains: np.ndarray,
    weights: WeightDraws,
    *,
    method: str = "topsis",
    criteria: Mapping[str, float] | None = None,
    **options,
) -> Simulation:
    """Monte Carlo of the actions' effects and ranks.

    Parameters
    ----------
    actions : pandas.DataFrame
        Actions with their nominal effects and ``priority``.
    nominal_rank : pandas.Series
        The nominal ranks (for the robustness rule).
    model, arrays : EffectModel, ProgrammeArrays
    gains : numpy.ndarray, (N, K, I)
        Sampled gains (:func:`~ikmpolicy.recommend.uncertainty.sample_gains`).
    weights : WeightDraws
        Sampled dimension weights (N runs).
    method, criteria, **options
        As for :func:`~ikmpolicy.recommend.ranking.rank_actions`.
    """
    n = gains.shape[0]
    base = decision_matrix(actions)
    if n == 0 or actions.empty:
        empty = pd.DataFrame(
            index=actions.index,
            columns=[
                "eligible_pairs_low",
                "eligible_pairs_high",
                "readiness_gain_low",
                "readiness_gain_high",
                "readiness_mean_low",
                "readiness_mean_high",
            ],
            dtype=float,
        )
        samples = np.empty((len(actions), 0))
        return Simulation(empty, rank_intervals(samples, nominal_rank), samples, 0)
    pairs, gained = _run_effects(actions, model, arrays, gains)
    prio = priority(actions, arrays, weights.runs)
    w = criteria_weights(dict(criteria) if criteria is not None else None).to_numpy()
    # one decision matrix per run: cost and time as planned, the other criteria drawn
    x = np.repeat(base[list(CRITERIA)].to_numpy(float)[None], n, axis=0)
    for name, drawn in (("eligible_pairs", pairs), ("readiness_gain", gained), ("priority", prio)):
        x[:, :, list(CRITERIA).index(name)] = drawn
    ranks = rank_runs(x, w, method, **options).T
    firms = actions["firms"].to_numpy(float)
    lo_p, hi_p = np.quantile(pairs, QUANTILES, axis=0, method="inverted_cdf")
    lo_g, hi_g = np.quantile(gained, QUANTILES, axis=0)
    effects = pd.DataFrame(
        {
            "eligible_pairs_low": lo_p,
            "eligible_pairs_high": hi_p,
            "readiness_gain_low": lo_g,
            "readiness_gain_high": hi_g,
            "readiness_mean_low": lo_g / firms,
            "readiness_mean_high": hi_g / firms,
        },
        index=actions.index,
    )
    return Simulation(effects, rank_intervals(ranks, nominal_rank, QUANTILES), ranks, n)
