"""Variance-based (Sobol') sensitivity indices with SALib, each with its confidence interval and
a reliability flag.

:func:`sensitivity` draws SALib's own Sobol' design (``SALib.sample.sobol``: a scrambled
Sobol' quasi-random sequence, ``N`` a power of two, ``N (D + 2)`` runs for ``D`` factors, or
``N (2D + 2)`` with second-order indices), runs the model once on the whole design and estimates
first-order (``S1``) and total (``ST``) indices with ``SALib.analyze.sobol`` (Saltelli et al.
2010 estimators; confidence intervals by bootstrap over the ``N`` base rows). Nothing is
clipped: an estimate below 0 or above 1, or a total index below the first-order one, is
reported as SALib computed it, and flagged.

Reliability rule
----------------
An index estimate ``S`` with half-width ``c`` (``S1_conf``, ``ST_conf``: the bootstrap
interval is ``S ± c``) is **reliable** when

1. its interval is no wider than the index itself: ``2 c <= S`` (so ``S > 0``); and
2. the estimate is a possible value of an index: ``S <= 1``; and
3. for ``S1`` and ``ST`` of the same factor, the intervals do not contradict ``S1 <= ST``
   (``S1 - c1 <= ST + cT``).

A flagged index is not to be printed as a number. For it, ``runs_needed`` estimates the runs
that would make it reliable: a Monte Carlo half-width shrinks like ``1 / sqrt(N)``, so a
half-width of ``S / 2`` needs about ``N' = N (2 c / S)^2`` base rows (with ``S`` taken as 1 when
the estimate exceeds 1, and at least ``2 N``), rounded up to a power of two and multiplied by the
runs per base row. No run count can be estimated from an estimate at or below zero: such an
index cannot be told apart from 0 with this sample, and contributes nothing to
``runs_needed``.

References
----------
Sobol', I. M. (1993). "Sensitivity estimates for nonlinear mathematical models". *Mathematical
Modelling and Computational Experiments* 1, 407-414.
Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010).
"Variance based sensitivity analysis of model output. Design and estimator for the total
sensitivity index". *Computer Physics Communications* 181(2), 259-270.
Saltelli, A. et al. (2008). *Global Sensitivity Analysis. The Primer*. Wiley.
Herman, J. & Usher, W. (2017). "SALib: an open-source Python library for sensitivity
analysis". *Journal of Open Source Software* 2(9), 97.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from ikmpolicy.errors import RunError

from .errors import IndexSpecError

__all__ = ["SENSITIVITY_COLUMNS", "base_size", "reliability", "sensitivity"]

#: Columns of the table :func:`sensitivity` returns.
SENSITIVITY_COLUMNS = (
    "factor",
    "S1",
    "S1_conf",
    "ST",
    "ST_conf",
    "S1_reliable",
    "ST_reliable",
    "reliable",
    "runs_needed",
)


def _is_power_of_two(n: int) -> bool:
    return n >= 1 and n & (n - 1) == 0


def runs_per_base_row(d: int, calc_second_order: bool = False) -> int:
    """Model runs per base row of a Sobol' design: ``D + 2``, or ``2D + 2`` with second order."""
    return 2 * d + 2 if calc_second_order else d + 2


def base_size(runs: int, d: int, calc_second_order: bool = False) -> int:
    """The smallest power of two ``N`` whose design has at least ``runs`` runs.

    Examples
    --------
    >>> base_size(1000, 4), base_size(1000, 4) * 6
    (256, 1536)
    """
    need = max(2, math.ceil(runs / runs_per_base_row(d, calc_second_order)))
    return 1 << (need - 1).bit_length()


def _check_problem(problem: Mapping) -> tuple[list[str], int]:
    if not isinstance(problem, Mapping) or "names" not in problem or "bounds" not in problem:
        raise IndexSpecError(
            "problem must be a SALib problem dict with 'names' and 'bounds' "
            "(and 'num_vars'), e.g. {'num_vars': 2, 'names': ['a', 'b'], "
            "'bounds': [[0, 1], [0, 1]]}"
        )
    names = [str(x) for x in problem["names"]]
    bounds = problem["bounds"]
    d = int(problem.get("num_vars", len(names)))
    if d != len(names) or len(bounds) != d or d < 1:
        raise IndexSpecError(
            f"problem: num_vars={d}, {len(names)} names and {len(bounds)} bounds "
            "must agree (one name and one [low, high] per factor)"
        )
    if len(set(names)) != d:
        raise IndexSpecError(f"problem: factor names must be distinct, got {names}")
    if problem.get("groups") is not None:
        raise IndexSpecError(
            "problem: groups of factors are not supported; give one name per factor"
        )
    return names, d


def _seed_for_bootstrap(seed: int) -> int:
    # SALib's analyze treats seed 0 as "no seed" (unreproducible): derive a positive one.
    return int(np.random.default_rng(seed).integers(1, 2**31 - 1))


def sensitivity(
    model: Callable[[np.ndarray], np.ndarray],
    problem: Mapping,
    n: int,
    *,
    seed: int,
    calc_second_order: bool = False,
    conf_level: float = 0.95,
    num_resamples: int = 1000,
) -> pd.DataFrame:
    """First-order and total Sobol' indices of ``model`` with SALib, with reliability flags.

    Parameters
    ----------
    model : callable
        Vectorised model: takes the design matrix (runs × factors, in the units of
        ``problem["bounds"]``) and returns one output per run.
    problem : dict
        SALib problem: ``num_vars``, ``names``, ``bounds`` (``[low, high]`` per factor,
        inputs uniform on them).
    n : int
        Base sample size ``N``, a power of two (Sobol' sequences are balanced only at powers
        of two). The model runs ``N (D + 2)`` times (``N (2D + 2)`` with second order).
    seed : int
        Seeds the scrambling of the Sobol' sequence and the bootstrap: same seed, same table.
    calc_second_order : bool
        Also estimate second-order indices (in ``result.attrs["S2"]``); more runs.
    conf_level : float
        Level of the bootstrap confidence intervals (0.95).
    num_resamples : int
        Bootstrap resamples.

    Returns
    -------
    pandas.DataFrame
        One row per factor, columns :data:`SENSITIVITY_COLUMNS`: the estimates ``S1``, ``ST``
        and their interval half-widths ``S1_conf``, ``ST_conf`` (as SALib computes them,
        nothing clipped), ``S1_reliable``, ``ST_reliable``, ``reliable`` (both) and
        ``runs_needed`` (model runs that would make the flagged indices reliable; missing when
        nothing is flagged or no count can be estimated). See the module docstring for the
        rule. ``attrs`` holds ``n``, ``runs``, ``conf_level``, ``seed`` and, with second order,
        ``S2`` and ``S2_conf``. When the output does not vary at all, every index is undefined
        (NaN, not reliable) and ``attrs["constant_output"]`` is True.

    Raises
    ------
    IndexSpecError
        ``n`` not a power of two, a malformed problem, ``conf_level`` outside (0, 1).
    RunError
        The model returned the wrong number of outputs or a non-finite output.

    Examples
    --------
    An additive model ``y = 2 a + b`` on uniform inputs: ``S1 = ST = (0.8, 0.2)``.

    >>> problem = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1], [0, 1]]}
    >>> t = sensitivity(lambda x: 2 * x[:, 0] + x[:, 1], problem, 1024, seed=1)
    >>> t[["factor", "S1", "ST"]].round(1).to_dict("list")
    {'factor': ['a', 'b'], 'S1': [0.8, 0.2], 'ST': [0.8, 0.2]}
    >>> t["reliable"].tolist(), int(t.attrs["runs"])
    ([True, True], 4096)
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    names, d = _check_problem(problem)
    if not isinstance(n, int | np.integer) or not _is_power_of_two(int(n)) or n < 2:
        lower = 1 << max(1, int(n).bit_length() - 1) if isinstance(n, int | np.integer) else 2
        raise IndexSpecError(
            f"n must be a power of two (Sobol' sequences are balanced only at "
            f"powers of two), got {n!r}; e.g. {lower} or {2 * lower}"
        )
    if not 0 < conf_level < 1:
        raise IndexSpecError(f"conf_level must lie in (0, 1), got {conf_level!r}")
    problem = {"num_vars": d, "names": names, "bounds": [list(b) for b in problem["bounds"]]}
    x = sobol_sample.sample(
        problem, int(n), calc_second_order=calc_second_order, scramble=True, seed=seed
    )
    y = np.asarray(model(x), dtype=float).reshape(-1)
    if y.shape[0] != x.shape[0]:
        raise RunError(
            f"the model returned {y.shape[0]} outputs for {x.shape[0]} runs; it must "
            "return one output per row of the design"
        )
    if not np.isfinite(y).all():
        bad = int(np.flatnonzero(~np.isfinite(y))[0])
        raise RunError(
            f"the model returned {y[bad]!r} for run {bad} (inputs {x[bad].tolist()}); "
            "every output must be a finite number"
        )
    attrs = {
        "n": int(n),
        "runs": int(x.shape[0]),
        "conf_level": conf_level,
        "seed": seed,
        "calc_second_order": calc_second_order,
        "constant_output": False,
    }
    if np.ptp(y) == 0:  # no variance: every index is 0/0
        nan = np.full(d, np.nan)
        table = reliability(
            names, nan, nan, nan, nan, int(n), runs_per_base_row(d, calc_second_order)
        )
        table.attrs = {**attrs, "constant_output": True}
        return table
    with warnings.catch_warnings():
        # SALib warns through the warnings module about constant resamples; the result says it
        warnings.simplefilter("ignore", UserWarning)
        si = sobol_analyze.analyze(
            problem,
            y,
            calc_second_order=calc_second_order,
            num_resamples=num_resamples,
            conf_level=conf_level,
            seed=_seed_for_bootstrap(seed),
        )
    table = reliability(
        names,
        si["S1"],
        si["S1_conf"],
        si["ST"],
        si["ST_conf"],
        int(n),
        runs_per_base_row(d, calc_second_order),
    )
    if calc_second_order:
        attrs["S2"] = pd.DataFrame(si["S2"], index=names, columns=names)
        attrs["S2_conf"] = pd.DataFrame(si["S2_conf"], index=names, columns=names)
    table.attrs = attrs
    return table


def _index_reliable(s: np.ndarray, c: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (s > 0) & (s <= 1) & (2 * c <= s)


def _runs_for(s: float, c: float, n: int, per_row: int) -> float:
    """Runs that would bring the half-width of estimate ``s`` down to ``min(s, 1) / 2``."""
    if not (np.isfinite(s) and np.isfinite(c)) or s <= 0:
        return np.nan  # an estimate at or below 0 gives no target to aim at
    target = min(s, 1.0) / 2
    need = max(2 * n, math.ceil(n * (c / target) ** 2))
    return float((1 << (need - 1).bit_length()) * per_row)


def reliability(names, s1, s1_conf, st, st_conf, n: int, per_row: int) -> pd.DataFrame:
    """Apply the reliability rule (module docstring) to estimates and their half-widths.

    Parameters
    ----------
    names : sequence of str
        Factor names.
    s1, s1_conf, st, st_conf : array_like
        Estimates and interval half-widths, one per factor.
    n : int
        Base sample size the estimates came from.
    per_row : int
        Model runs per base row (``D + 2`` without second order).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SENSITIVITY_COLUMNS`.

    Examples
    --------
    ``S1 = 0.02 ± 0.05`` is not reliable; a half-width of 0.01 needs ``64 × (0.05/0.01)² =
    1600`` base rows, 2048 as a power of two, × 4 runs per row:

    >>> t = reliability(["w", "a"], [0.02, 0.6], [0.05, 0.02], [0.1, 0.7], [0.04, 0.03],
    ...                 n=64, per_row=4)
    >>> t[["factor", "S1_reliable", "ST_reliable", "reliable", "runs_needed"]]
      factor  S1_reliable  ST_reliable  reliable  runs_needed
    0      w        False         True     False         8192
    1      a         True         True      True         <NA>
    """
    s1, c1, st, ct = (np.asarray(v, dtype=float) for v in (s1, s1_conf, st, st_conf))
    r1 = _index_reliable(s1, c1)
    rt = _index_reliable(st, ct)
    with np.errstate(invalid="ignore"):
        contradiction = s1 - c1 > st + ct  # the truth always has S1 <= ST
    r1 &= ~contradiction
    rt &= ~contradiction
    runs = []
    for j in range(len(s1)):
        need = [
            _runs_for(s, c, n, per_row)
            for s, c, ok in ((s1[j], c1[j], r1[j]), (st[j], ct[j], rt[j]))
            if not ok
        ]
        if contradiction[j]:
            need.append(float(2 * n * per_row))
        finite = [v for v in need if np.isfinite(v)]
        runs.append(int(max(finite)) if finite else pd.NA)
    return pd.DataFrame(
        {
            "factor": list(names),
            "S1": s1,
            "S1_conf": c1,
            "ST": st,
            "ST_conf": ct,
            "S1_reliable": r1,
            "ST_reliable": rt,
            "reliable": r1 & rt,
            "runs_needed": pd.array(runs, dtype="Int64"),
        }
    )
