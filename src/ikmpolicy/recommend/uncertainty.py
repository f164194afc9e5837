"""The uncertain inputs of a recommendation, drawn for Monte Carlo runs.

Programme effects
    Each run draws one gain per programme and indicator from the triangular distribution
    (``gain_low``, ``gain_mid``, ``gain_high``) of ``intervention_effects``, times the effect
    multiplier. The draw is shared by every firm and every action of that programme in the run:
    what is uncertain is how well the programme works, not which firm is lucky.
Participants' weights
    Bootstrap of respondents: each run resamples the session's respondents with replacement and
    recomputes the AHP group weights the brief shows (aggregation of individual judgements, AIJ,
    then the eigenvector), so the spread reflects how much the participants disagree. A session
    with fewer than two respondents has no spread to resample: its weights (or equal weights
    without judgements) are held fixed, and the brief says so.

All draws come from one ``numpy.random.Generator`` seeded by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ikmpolicy import mcda

from ._errors import RecommendError
from .effects import ProgrammeArrays

__all__ = ["WeightDraws", "bootstrap_weights", "group_weights", "sample_gains"]


def sample_gains(
    arrays: ProgrammeArrays, n_runs: int, rng: np.random.Generator, multiplier: float = 1.0
) -> np.ndarray:
    """Gains ``(n_runs, K, I)`` drawn from each effect's triangular (low, mid, high).

    A degenerate effect (low = high) is that value in every run; a programme without an effect
    on an indicator gains 0.

    Examples
    --------
    >>> arr = ProgrammeArrays(pd.Index(["p"]), np.array([[0.0, 0.5]]), np.array([[0.0, 1.0]]),
    ...                       np.array([[0.0, 1.5]]), np.zeros((1, 3), bool),
    ...                       np.full((1, 2), np.nan), np.zeros((1, 3), bool),
    ...                       np.ones((1, 2), bool))
    >>> g = sample_gains(arr, 2000, np.random.default_rng(1))
    >>> g.shape, float(g[:, 0, 0].max()), bool(0.5 <= g[:, 0, 1].min() <= g[:, 0, 1].max() <= 1.5)
    ((2000, 1, 2), 0.0, True)
    >>> round(float(g[:, 0, 1].mean()), 1)
    1.0
    """
    if not np.isfinite(multiplier) or multiplier < 0:
        raise RecommendError(
            f"effect multiplier: found {multiplier!r}; expected a number of at "
            "least 0 (1 = the catalogue's gains)"
        )
    low, mid, high = arrays.low, arrays.mid, arrays.high
    spread = high > low
    u = rng.random((n_runs, *low.shape))
    # inverse CDF of the triangular distribution (numpy's triangular refuses low == high)
    width = np.where(spread, high - low, 1.0)
    cut = np.where(spread, (mid - low) / width, 0.0)
    left = low + np.sqrt(u * width * (mid - low))
    right = high - np.sqrt((1 - u) * width * (high - mid))
    draws = np.where(u < cut, left, right)
    draws = np.where(spread, draws, mid)
    return draws * multiplier


class WeightDraws:
    """Dimension weights of the session: nominal and per run.

    Attributes
    ----------
    nominal : pandas.Series
        Dimension -> weight (sums to 1).
    runs : numpy.ndarray, (n_runs, D)
        One weight vector per run (each row sums to 1).
    source : str
        ``"ahp"`` (the session's AIJ group weights) or ``"equal"`` (no judgements).
    respondents : int
    varied : bool
        Whether the runs vary (False when they repeat the nominal weights).
    """

    def __init__(self, nominal: pd.Series, runs: np.ndarray, source: str, respondents: int):
        self.nominal = nominal
        self.runs = runs
        self.source = source
        self.respondents = respondents
        self.varied = bool(len(runs) and np.ptp(runs, axis=0).max() > 0)


def bootstrap_weights(
    judgements: pd.DataFrame | None, criteria: Sequence[str], n_runs: int, rng: np.random.Generator
) -> WeightDraws:
    """The session's AHP group weights and a bootstrap of its respondents.

    Parameters
    ----------
    judgements : pandas.DataFrame or None
        The session's rows of ``pairwise`` (``respondent_id``, ``criterion_a``,
        ``criterion_b``, ``value``); None or empty for no judgements.
    criteria : sequence of str
        The dimensions, in order.
    n_runs : int
    rng : numpy.random.Generator

    Returns
    -------
    WeightDraws

    Examples
    --------
    >>> rows = []
    >>> for r, w in {"A": [4, 2, 1], "B": [1, 2, 4], "C": [2, 2, 2]}.items():
    ...     for i, j in [(0, 1), (0, 2), (1, 2)]:
    ...         rows.append((r, "xyz"[i], "xyz"[j], w[i] / w[j]))
    >>> t = pd.DataFrame(rows, columns=["respondent_id", "criterion_a", "criterion_b", "value"])
    >>> d = bootstrap_weights(t, ["x", "y", "z"], 200, np.random.default_rng(0))
    >>> d.nominal.round(3).tolist(), d.source, d.varied
    ([0.333, 0.333, 0.333], 'ahp', True)
    >>> bootstrap_weights(None, ["x", "y"], 3, np.random.default_rng(0)).runs.tolist()
    [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]
    """
    criteria = list(criteria)
    if judgements is None or judgements.empty:
        nominal = pd.Series(1.0 / len(criteria), index=criteria, name="weight")
        return WeightDraws(nominal, np.tile(nominal.to_numpy(), (n_runs, 1)), "equal", 0)
    matrices = mcda.pairwise_matrix(judgements, criteria)
    keys = list(matrices)
    stack = np.stack([matrices[k].loc[criteria, criteria].to_numpy(float) for k in keys])
    nominal = _weights(stack, np.full(len(keys), 1.0 / len(keys)), criteria)
    if len(keys) < 2:
        return WeightDraws(nominal, np.tile(nominal.to_numpy(), (n_runs, 1)), "ahp", len(keys))
    counts = rng.multinomial(len(keys), np.full(len(keys), 1.0 / len(keys)), size=n_runs)
    return WeightDraws(nominal, group_weights(stack, counts / len(keys)), "ahp", len(keys))


def group_weights(stack: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """AIJ group weights for many respondent weightings at once: ``(N, D)``.

    Row ``r`` of ``shares`` weights the respondents; the group matrix is their element-wise
    weighted geometric mean (what :func:`ikmpolicy.mcda.aggregate_judgements` computes) and its
    weights come from :func:`ikmpolicy.mcda.ahp_batch` (eigenvector).
    """
    if len(shares) == 0:
        return np.empty((0, stack.shape[1]))
    k, n, _ = stack.shape
    logs = np.log(stack).reshape(k, n * n)
    groups = np.exp(np.asarray(shares, float) @ logs).reshape(len(shares), n, n)
    return mcda.ahp_batch(groups, check=False).weights


def _weights(stack: np.ndarray, share: np.ndarray, criteria: list[str]) -> pd.Series:
    """AIJ group weights of respondents weighted by ``share`` (the library's aggregation)."""
    keep = share > 0
    group = mcda.aggregate_judgements(list(stack[keep]), weights=share[keep])
    w = mcda.ahp(group, scale=None).weights  # completed pairs may lie beyond 9
    return pd.Series(np.asarray(w, float), index=criteria, name="weight")
