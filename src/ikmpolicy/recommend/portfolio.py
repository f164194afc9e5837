"""What a budget buys: the best set of candidate actions under a budget and programme capacities.

The problem is a small mixed-integer programme solved by :func:`scipy.optimize.milp` (HiGHS).
One binary ``x_a`` per action (taken or not) and one ``y_p`` in [0, 1] per firm-requirement pair
some action makes eligible.

Constraints
    * budget: ``sum_a cost_a x_a <= budget``;
    * capacity: for a programme with a yearly capacity, the firms of its chosen actions
      ``sum_a firms_a x_a <= capacity`` (an unknown capacity sets no limit);
    * one seat per firm and programme: two actions of the same programme that reach the same firm
      exclude each other (``sum x_a <= 1`` over them), so a firm is never counted twice;
    * a pair counts only when an action that reaches it is taken: ``y_p <= sum_{a reaches p} x_a``;
      a pair reached by two chosen actions still counts once.

Objective, lexicographic, solved exactly (``mip_rel_gap = 0``) as one weighted sum:

1. the number of distinct firm-requirement pairs made eligible (weighted above everything that
   follows, so one more pair always wins);
2. the readiness gained (sum over the chosen actions of their participants' readiness-index
   gains);
3. the lowest cost, as a tie-break worth less than 0.001 readiness points in all (so nothing is
   bought that adds nothing, and the budget that buys everything is the cost of the optimum
   without a budget limit).

One weighted solve gives the same optimum as three solves in sequence and is several times
faster on 200 actions (see ``benchmarks/bench_recommend.py``).

Effects of two programmes on the same firm are added, not combined: a firm that needs two
programmes to become eligible counts only through a candidate action that carries both. This
under-counts joint effects and never over-counts them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from ._errors import PortfolioError, SolverError

__all__ = [
    "BRIEF_STEPS_IDR",
    "OBJECTIVES",
    "Portfolio",
    "budget_curve",
    "next_step",
    "select_portfolio",
]

#: The budget steps a brief shows: Rp250 juta, Rp500 juta and Rp1 miliar.
BRIEF_STEPS_IDR = (250e6, 500e6, 1e9)
#: Quantities a portfolio can maximise, in the order of :func:`select_portfolio`'s stages.
OBJECTIVES = ("eligible_pairs", "readiness_gain")
_MILLION = 1e6
_REQUIRED = (
    "intervention_id",
    "cost_idr",
    "participants",
    "eligible_pairs",
    "readiness_gain_total",
)


@dataclass(frozen=True)
class Portfolio:
    """A chosen set of actions and what it buys.

    Attributes
    ----------
    budget_idr : float
        The budget it was chosen under (``inf`` for no limit).
    selected : tuple of str
        Action ids, in the order of the candidate table.
    cost_idr : float
        Their total cost.
    eligible_pairs : int
        Distinct firm-requirement pairs made eligible (a pair reached twice counts once).
    eligible_firms : int
        Distinct firms among those pairs.
    readiness_gain : float
        Sum of the chosen actions' readiness gains (index points summed over participants).
    firms_reached : int
        Participants of the chosen actions (a firm in two programmes counts twice: two seats).
    pairs : tuple
        The pairs, sorted.
    firms_served : int
        Distinct firms among the participants (a firm in two programmes counts once): what
        "IKM served" means in a sentence, never more than the firms there are.
    """

    budget_idr: float
    selected: tuple[str, ...]
    cost_idr: float
    eligible_pairs: int
    eligible_firms: int
    readiness_gain: float
    firms_reached: int
    pairs: tuple = field(default=(), repr=False)
    firms_served: int = 0

    @property
    def gain_per_million(self) -> float:
        """Readiness gained per Rp 1 juta spent (NaN when nothing is spent)."""
        return (
            self.readiness_gain / (self.cost_idr / _MILLION) if self.cost_idr > 0 else float("nan")
        )

    @property
    def mean_gain(self) -> float:
        """Mean readiness rise per IKM served, in index points (NaN when none is served).

        :attr:`readiness_gain` sums over participants, which on a 0-100 index reads as a rise
        no firm sees; this is the figure a sentence or a chart gives.
        """
        return self.readiness_gain / self.firms_served if self.firms_served else float("nan")

    def summary(self) -> dict:
        """The figures as a flat dict (one row of :func:`budget_curve`)."""
        return {
            "budget_idr": self.budget_idr,
            "cost_idr": self.cost_idr,
            "n_actions": len(self.selected),
            "eligible_pairs": self.eligible_pairs,
            "eligible_firms": self.eligible_firms,
            "readiness_gain": self.readiness_gain,
            "gain_per_million": self.gain_per_million,
            "firms_reached": self.firms_reached,
            "firms_served": self.firms_served,
            "mean_gain": self.mean_gain,
            "actions": self.selected,
        }


@dataclass(frozen=True)
class _Problem:
    ids: list
    cost: np.ndarray  # millions of rupiah
    gain: np.ndarray
    firms: np.ndarray
    pairs: list  # distinct pairs, sorted
    pair_of: list  # per action: indices into pairs
    limits: list  # (action indices, bound) rows: capacity and one-seat rows
    participants: list = field(default_factory=list)  # per action: its firms


def _check(actions: pd.DataFrame) -> None:
    missing = [c for c in _REQUIRED if c not in actions.columns]
    if missing:
        raise PortfolioError(f"candidate actions: missing column(s) {', '.join(missing)}")
    if not actions.index.is_unique:
        dup = actions.index[actions.index.duplicated()][0]
        raise PortfolioError(f"candidate actions: action id {dup!r} appears twice")
    for column in ("cost_idr", "readiness_gain_total"):
        values = pd.to_numeric(actions[column], errors="coerce")
        bad = ~np.isfinite(values.to_numpy(float)) | (values.to_numpy(float) < 0)
        if bad.any():
            at = actions.index[bad][0]
            raise PortfolioError(
                f"candidate actions, action {at!r}, column '{column}': found "
                f"{actions.at[at, column]!r}; expected a number of at least 0"
            )


def _problem(actions: pd.DataFrame, capacity: Mapping[str, object] | None) -> _Problem:
    _check(actions)
    ids = list(actions.index)
    participants = [tuple(p) for p in actions["participants"]]
    pairs = sorted({tuple(p) for ps in actions["eligible_pairs"] for p in ps})
    where = {p: k for k, p in enumerate(pairs)}
    pair_of = [sorted({where[tuple(p)] for p in ps}) for ps in actions["eligible_pairs"]]
    limits = []
    programme = actions["intervention_id"].to_numpy()
    firms = np.array([len(p) for p in participants], dtype=float)
    for iid in dict.fromkeys(programme):
        members = [a for a in range(len(ids)) if programme[a] == iid]
        cap = None if capacity is None else capacity.get(iid)
        if cap is not None and not pd.isna(cap):
            if float(cap) < 0:
                raise PortfolioError(
                    f"capacity of programme {iid!r}: found {cap!r}; expected "
                    "a number of firms of at least 0"
                )
            limits.append((members, float(cap), firms[members]))
        seats: dict = {}
        for a in members:
            for firm in participants[a]:
                seats.setdefault(firm, []).append(a)
        # one row per group of actions sharing a firm (identical rows collapse)
        for group in sorted({tuple(v) for v in seats.values() if len(v) > 1}):
            limits.append((list(group), 1.0, np.ones(len(group))))
    return _Problem(
        ids,
        actions["cost_idr"].to_numpy(float) / _MILLION,
        actions["readiness_gain_total"].to_numpy(float),
        firms,
        pairs,
        pair_of,
        limits,
        participants,
    )


def _constraints(prob: _Problem, budget_m: float) -> tuple[list, int]:
    n, m = len(prob.ids), len(prob.pairs)
    rows, cols, vals, upper = [], [], [], []

    def add(indices, coefs, bound):
        r = len(upper)
        rows.extend([r] * len(indices))
        cols.extend(indices)
        vals.extend(coefs)
        upper.append(bound)

    if np.isfinite(budget_m):
        add(list(range(n)), list(prob.cost), budget_m)
    for members, bound, coefs in prob.limits:
        add(members, list(coefs), bound)
    # y_p - sum_{a reaches p} x_a <= 0
    reach: list[list[int]] = [[] for _ in range(m)]
    for a, ps in enumerate(prob.pair_of):
        for p in ps:
            reach[p].append(a)
    for p in range(m):
        add([n + p] + reach[p], [1.0] + [-1.0] * len(reach[p]), 0.0)
    constraints = []
    if upper:
        matrix = coo_array((vals, (rows, cols)), shape=(len(upper), n + m)).tocsr()
        constraints.append(LinearConstraint(matrix, -np.inf, np.array(upper)))
    return constraints, n + m


@contextmanager
def _quiet_stdout():
    """Silence the C-level standard output for the duration of a solve.

    HiGHS (as bundled with scipy 1.17) prints a stray debugging line
    ("HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();") straight to
    file descriptor 1 whatever its output options (ERGO-Code/HiGHS issue #2783); it would land
    in notebooks and on the terminal. Python's own ``sys.stdout`` is flushed first and restored
    after.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no file descriptor 1 to silence
        yield
        return
    with open(os.devnull, "w") as sink:
        os.dup2(sink.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def _solve(c: np.ndarray, constraints: list, integrality: np.ndarray) -> np.ndarray:
    with _quiet_stdout():
        result = milp(
            c,
            constraints=constraints,
            integrality=integrality,
            bounds=Bounds(0, 1),
            options={"mip_rel_gap": 0.0, "presolve": True},
        )
    if result.status != 0 or result.x is None:
        raise SolverError(f"the portfolio optimiser stopped without a solution: {result.message}")
    return result.x


#: Total weight of the cost tie-break in the objective (readiness points).
TIE_BREAK = 1e-3


def _objective(prob: _Problem, objective: Sequence[str], size: int) -> np.ndarray:
    """One vector to maximise whose optimum is the lexicographic optimum of ``objective``,
    then the lowest cost."""
    n = len(prob.ids)
    cost = np.zeros(size)
    cost[:n] = prob.cost
    total = float(prob.cost.sum())
    v = -cost * (TIE_BREAK / total) if total > 0 else np.zeros(size)
    span = TIE_BREAK
    for name in reversed(list(objective)):
        term = np.zeros(size)
        if name == "eligible_pairs":
            term[n:] = 1.0
            weight = span + 1.0  # a whole pair outweighs everything after it
        elif name == "readiness_gain":
            term[:n] = prob.gain
            weight = 1.0
        else:
            raise PortfolioError(f"objective {name!r}: expected items of {OBJECTIVES}")
        v += weight * term
        span += weight * float(np.abs(term).sum())
    return v


def select_portfolio(
    actions: pd.DataFrame,
    budget_idr: float | None,
    capacity: Mapping[str, object] | None = None,
    *,
    objective: Sequence[str] = OBJECTIVES,
) -> Portfolio:
    """The best set of actions under a budget (see the module docstring for the model).

    Parameters
    ----------
    actions : pandas.DataFrame
        Indexed by action id: ``intervention_id``, ``cost_idr``, ``participants`` (tuple of
        firm ids), ``eligible_pairs`` (tuple of ``(firm_id, requirement_id)``) and
        ``readiness_gain_total``.
    budget_idr : float or None
        Budget in rupiah; None or ``inf`` for no limit.
    capacity : mapping, optional
        Programme id -> most firms a year (missing or NA = no limit).
    objective : sequence of str
        What to maximise, in order (items of :data:`OBJECTIVES`); the cost breaks ties last.

    Returns
    -------
    Portfolio

    Raises
    ------
    PortfolioError
        A missing column, a duplicated action id, a negative or non-finite cost or gain, a
        negative capacity or an unknown objective.

    Examples
    --------
    Two programmes; the two cheap actions reach the same pair, which counts once:

    >>> acts = pd.DataFrame({
    ...     "intervention_id": ["cert", "cert", "train"],
    ...     "cost_idr": [100e6, 60e6, 50e6],
    ...     "participants": [("f1", "f2"), ("f3",), ("f3",)],
    ...     "eligible_pairs": [(("f1", "R1"), ("f2", "R1")), (("f3", "R1"),), (("f3", "R1"),)],
    ...     "readiness_gain_total": [4.0, 2.0, 1.0]}, index=["a", "b", "c"])
    >>> p = select_portfolio(acts, 160e6)
    >>> p.selected, p.eligible_pairs, p.cost_idr
    (('a', 'b'), 3, 160000000.0)
    >>> select_portfolio(acts, 150e6).selected
    ('a', 'c')
    """
    try:
        budget = float("inf") if budget_idr is None else float(budget_idr)
    except (TypeError, ValueError):
        budget = float("nan")  # "500 juta": a text, not rupiah
    if not budget >= 0:
        raise PortfolioError(
            f"budget: found {budget_idr!r}; expected rupiah of at least 0, as a number "
            "(500_000_000)"
        )
    prob = _problem(actions, capacity)
    if not prob.ids:
        return Portfolio(budget, (), 0.0, 0, 0, 0.0, 0, ())
    constraints, size = _constraints(prob, budget / _MILLION)
    integrality = np.zeros(size)
    integrality[: len(prob.ids)] = 1
    x = _solve(-_objective(prob, objective, size), constraints, integrality)
    return _portfolio(prob, x, budget)


def _portfolio(prob: _Problem, x: np.ndarray, budget: float) -> Portfolio:
    n = len(prob.ids)
    chosen = np.flatnonzero(x[:n] > 0.5)
    reached = sorted({prob.pairs[p] for a in chosen for p in prob.pair_of[a]})
    return Portfolio(
        budget_idr=budget,
        selected=tuple(prob.ids[a] for a in chosen),
        cost_idr=float(prob.cost[chosen].sum() * _MILLION),
        eligible_pairs=len(reached),
        eligible_firms=len({p[0] for p in reached}),
        readiness_gain=float(prob.gain[chosen].sum()),
        firms_reached=int(prob.firms[chosen].sum()),
        pairs=tuple(reached),
        firms_served=len({f for a in chosen for f in prob.participants[a]}),
    )


def budget_curve(
    actions: pd.DataFrame,
    capacity: Mapping[str, object] | None = None,
    *,
    steps: Iterable[float] = BRIEF_STEPS_IDR,
    points: int = 0,
    objective: Sequence[str] = OBJECTIVES,
) -> pd.DataFrame:
    """What each budget buys: the brief's steps, the budget that buys everything, and a grid.

    Parameters
    ----------
    actions, capacity, objective
        As for :func:`select_portfolio`.
    steps : iterable of float
        Budgets to show (default Rp250 juta, Rp500 juta, Rp1 miliar).
    points : int
        Extra budgets evenly spaced between 0 and the budget that buys everything (for a
        figure).

    Returns
    -------
    pandas.DataFrame
        One row per budget, ascending: ``budget_idr``, ``kind`` (``"step"``, ``"all"`` for the
        budget that buys everything — the cost of the portfolio without a budget limit —, or
        ``"grid"``), then the figures of :meth:`Portfolio.summary`.

    Examples
    --------
    >>> acts = pd.DataFrame({"intervention_id": ["a", "b"], "cost_idr": [200e6, 400e6],
    ...                      "participants": [("f1",), ("f2",)],
    ...                      "eligible_pairs": [(("f1", "R"),), (("f2", "R"),)],
    ...                      "readiness_gain_total": [1.0, 1.0]}, index=["x", "y"])
    >>> curve = budget_curve(acts)
    >>> (curve["budget_idr"] / 1e6).tolist(), curve["kind"].tolist()
    ([250.0, 500.0, 600.0, 1000.0], ['step', 'step', 'all', 'step'])
    >>> curve["eligible_pairs"].tolist()
    [1, 1, 2, 2]
    """
    full = select_portfolio(actions, None, capacity, objective=objective)
    budgets: dict[float, str] = {}
    if points > 0 and full.cost_idr > 0:
        for b in np.linspace(0, full.cost_idr, points + 1)[1:-1]:
            budgets[float(b)] = "grid"
    for b in steps:
        if not float(b) >= 0:
            raise PortfolioError(f"budget step: found {b!r}; expected rupiah of at least 0")
        budgets[float(b)] = "step"
    budgets[full.cost_idr] = "all"
    rows = []
    for b in sorted(budgets):
        p = (
            full
            if b >= full.cost_idr
            else select_portfolio(actions, b, capacity, objective=objective)
        )
        rows.append({**p.summary(), "budget_idr": b, "kind": budgets[b]})
    columns = ["budget_idr", "kind", *[c for c in full.summary() if c != "budget_idr"]]
    return pd.DataFrame(rows, columns=columns)


def next_step(curve: pd.DataFrame, budget_idr: float) -> dict | None:
    """What the next budget of the curve would add to ``budget_idr``'s portfolio.

    The next budget is the smallest budget of ``curve`` (a step or the budget that buys
    everything) above ``budget_idr``; grid points are skipped. Returns None when there is none.

    Returns
    -------
    dict or None
        ``budget_idr`` (the next budget), ``extra_cost_idr``, ``extra_pairs``,
        ``extra_firms``, ``extra_gain``, ``added`` and ``dropped`` (action ids: a larger budget
        may swap actions); ``firms_served`` and ``mean_gain``, the IKM its portfolio serves and
        their mean readiness rise (NaN when the curve does not count them).

    Examples
    --------
    >>> curve = pd.DataFrame({"budget_idr": [250e6, 500e6], "kind": ["step", "step"],
    ...                       "cost_idr": [200e6, 450e6], "eligible_pairs": [1, 3],
    ...                       "eligible_firms": [1, 2], "readiness_gain": [1.0, 2.5],
    ...                       "actions": [("x",), ("x", "y")]})
    >>> next_step(curve, 250e6)["extra_pairs"], next_step(curve, 250e6)["added"]
    (2, ('y',))
    """
    rows = curve[curve["kind"] != "grid"].sort_values("budget_idr")
    here = rows[rows["budget_idr"] <= budget_idr]
    ahead = rows[rows["budget_idr"] > budget_idr]
    if ahead.empty:
        return None
    nxt = ahead.iloc[0]
    if here.empty:
        base = {
            "cost_idr": 0.0,
            "eligible_pairs": 0,
            "eligible_firms": 0,
            "readiness_gain": 0.0,
            "actions": (),
        }
    else:
        base = here.iloc[-1]
    served = int(nxt.get("firms_served", 0))
    mean_gain = nxt.get("mean_gain", float(nxt["readiness_gain"]) / served if served else np.nan)
    return {
        "budget_idr": float(nxt["budget_idr"]),
        "extra_cost_idr": float(nxt["cost_idr"] - base["cost_idr"]),
        "extra_pairs": int(nxt["eligible_pairs"] - base["eligible_pairs"]),
        "extra_firms": int(nxt["eligible_firms"] - base["eligible_firms"]),
        "extra_gain": float(nxt["readiness_gain"] - base["readiness_gain"]),
        "firms_served": served,
        "mean_gain": float(mean_gain),
        "added": tuple(a for a in nxt["actions"] if a not in base["actions"]),
        "dropped": tuple(a for a in base["actions"] if a not in nxt["actions"]),
    }
