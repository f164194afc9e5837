"""Recommendations for one session: the entry point a brief calls.

:func:`recommend_for_session` runs every step on the data as of a reference date: firm profile
and requirement gaps (:mod:`ikmpolicy.matching`), candidate actions
(:mod:`~ikmpolicy.recommend.candidates`), their expected effects, the evidence filter
(:mod:`~ikmpolicy.recommend.evidence`), the MCDA ranking with its Monte Carlo
(:mod:`~ikmpolicy.recommend.ranking`, :mod:`~ikmpolicy.recommend.montecarlo`), the portfolio
under a budget and the budget curve (:mod:`~ikmpolicy.recommend.portfolio`) and the follow-up of
the earlier sessions' recommendations (:mod:`~ikmpolicy.recommend.follow_up`). It returns a
:class:`Recommendations` that holds numbers and ids only; wording comes from
:mod:`~ikmpolicy.recommend.wording` in either language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ikmpolicy import matching
from ikmpolicy.matching.near_ready import near_ready
from ikmpolicy.programmes import load_catalogue
from ikmpolicy.report.i18n import Locale
from ikmpolicy.sessions import reference_day, session_order

from ._errors import RecommendError
from .candidates import candidate_actions, nominal_effects
from .effects import effect_model, programme_arrays
from .evidence import Evidence, FirmGaps, evidence_trail, session_evidence
from .follow_up import follow_up as _follow_up
from .montecarlo import priority, simulate
from .portfolio import BRIEF_STEPS_IDR, Portfolio, budget_curve, next_step, select_portfolio
from .ranking import METHODS, criteria_weights, rank_actions
from .uncertainty import WeightDraws, bootstrap_weights, sample_gains
from .wording import Names, action_sentence, names_from

__all__ = ["DEFAULT_RUNS", "DEFAULT_SEED", "Recommendations", "recommend_for_session"]

DEFAULT_RUNS = 500
DEFAULT_SEED = 20250515


@dataclass(frozen=True)
class Recommendations:
    """What a brief shows of one session's recommendations (numbers and ids; no wording).

    Attributes
    ----------
    session_id : str
    as_of : pandas.Timestamp
        Reference date of the data.
    actions : pandas.DataFrame
        The actions shown, best first (index ``action_id``): the candidate columns
        (:data:`~ikmpolicy.recommend.candidates.ACTION_COLUMNS`), the expected effects
        (:func:`~ikmpolicy.recommend.candidates.nominal_effects`), ``priority``, ``score``,
        ``rank``, the 5-95 % intervals (``eligible_pairs_low``/``_high``,
        ``readiness_mean_low``/``_high``, ...), the rank interval (``median_rank``, ``q_low``,
        ``q_high``), ``robustness`` and ``in_portfolio``.
    top : pandas.DataFrame
        The first ``top`` rows of ``actions``.
    evidence : dict
        action_id -> :class:`~ikmpolicy.recommend.evidence.Evidence`, for the actions shown.
    excluded : pandas.DataFrame
        Candidate actions not shown: ``action_id``, ``intervention_id``, ``target_kind``,
        ``target_id``, ``firms``, ``reason``.
    portfolio : Portfolio or None
        What ``budget_idr`` buys (None without a budget).
    budget_curve : pandas.DataFrame
        :func:`~ikmpolicy.recommend.portfolio.budget_curve` (the brief's steps and the budget
        that buys everything).
    next_step : dict or None
        What the next budget step adds to ``budget_idr`` (None without a budget).
    follow_up : pandas.DataFrame
        :func:`~ikmpolicy.recommend.follow_up.follow_up`.
    weights : pandas.Series
        Dimension weights behind the priority criterion; ``parameters["weights_source"]`` says
        where they come from.
    parameters : dict
        Every choice, the seed and the number of runs, for reproduction; also
        ``assessed_firms`` (firms with an assessment by ``as_of``: none means nothing to
        recommend yet) and ``candidates`` (actions considered, shown or not).
    names : Names
        Look-ups for the wording.
    """

    session_id: str
    as_of: pd.Timestamp
    actions: pd.DataFrame
    top: pd.DataFrame
    evidence: dict
    excluded: pd.DataFrame
    portfolio: Portfolio | None
    budget_curve: pd.DataFrame
    next_step: dict | None
    follow_up: pd.DataFrame
    weights: pd.Series
    parameters: dict = field(default_factory=dict)
    names: Names | None = field(default=None, repr=False)

    def require_actions(self) -> None:
        """Stop, saying why, when no action is shown (a notebook's later cells need one).

        Raises
        ------
        RecommendError
            No firm assessed by ``as_of``, or every candidate action left out.
        """
        if not self.top.empty:
            return
        as_of = self.parameters.get("as_of", str(self.as_of.date()))
        if not self.parameters.get("assessed_firms"):
            raise RecommendError(
                f"as_of {as_of!r}: no firm has an assessment on or before that date, so "
                "there is nothing to recommend; choose a later as_of (None: today)"
            )
        raise RecommendError(
            f"session_id {self.session_id!r} as of {as_of}: no action to show; "
            f"{len(self.excluded)} candidate actions were left out (rec.excluded says why)"
        )

    def sentences(self, lang: str = "id") -> pd.Series:
        """The shown actions in one sentence each, best first."""
        loc = Locale(lang)
        return pd.Series(
            [action_sentence(row, loc, self.names) for _, row in self.actions.iterrows()],
            index=self.actions.index,
            name="text",
            dtype=object,
        )


def _dataset(dataset):
    if isinstance(dataset, str | Path):
        from ikmpolicy.validation import load_dataset

        return load_dataset(dataset)
    return dataset


def _weights(
    dataset, session_id: str, dims: list[str], given, n_runs: int, rng: np.random.Generator
) -> WeightDraws:
    if given is not None:
        # every dimension named, as the readiness index's dimension_weights: a dimension left
        # out by oversight would otherwise weigh 0 without a word
        given = dict(given)
        unknown = [d for d in given if d not in dims]
        missing = [d for d in dims if d not in given]
        nominal = pd.Series({d: float(given.get(d, 0.0)) for d in dims}, name="weight")
        if unknown or missing or (nominal < 0).any() or not nominal.sum() > 0:
            which = (f"; unknown: {', '.join(map(str, unknown))}" if unknown else "") + (
                f"; missing: {', '.join(missing)}" if missing else ""
            )
            raise RecommendError(
                f"weights: found {given}; expected a non-negative weight for each of the "
                f"dimensions {', '.join(dims)} (0 leaves one out), with a positive sum{which}"
            )
        nominal = nominal / nominal.sum()
        return WeightDraws(nominal, np.tile(nominal.to_numpy(), (n_runs, 1)), "given", 0)
    pw = dataset["pairwise"]
    rows = pw[pw["session_id"] == session_id] if len(pw) else pw
    return bootstrap_weights(rows if len(rows) else None, dims, n_runs, rng)


def _check(session_id, dataset, method, n_runs, top) -> None:
    if session_id not in set(dataset["fgd_sessions"]["session_id"]):
        raise RecommendError(
            f"session {session_id!r}: not in fgd_sessions (known: "
            + ", ".join(dataset["fgd_sessions"]["session_id"])
            + ")"
        )
    if method not in METHODS:
        raise RecommendError(f"method {method!r}: expected one of {', '.join(METHODS)}")
    if int(n_runs) < 0 or int(top) < 1:
        raise RecommendError(
            f"n_runs {n_runs!r} and top {top!r}: expected n_runs >= 0 and top >= 1"
        )


@dataclass
class _State:
    """Intermediate results shared by the steps of one run."""

    dataset: object
    session_id: str
    as_of: pd.Timestamp
    profile: pd.DataFrame = None
    gaps: pd.DataFrame = None
    catalogue: object = None
    model: object = None
    arrays: object = None
    actions: pd.DataFrame = None
    excluded: pd.DataFrame = None
    evidence: dict = field(default_factory=dict)


def _prepare(state: _State, min_firms: int, beneficiary_sub_types, multiplier: float) -> None:
    ds = state.dataset
    reqs = ds["buyer_requirements"]
    state.profile = matching.firm_profile(
        ds["firms"], ds["assessments"], ds.indicators, as_of=state.as_of
    )
    state.gaps = matching.requirement_gaps(state.profile, reqs, ds.indicators)
    state.catalogue = load_catalogue(ds)
    near = near_ready(state.gaps, state.profile, state.catalogue, reqs, ds.indicators)
    state.model = effect_model(state.profile, reqs, ds.indicators, state.gaps)
    state.arrays = _scaled(programme_arrays(state.catalogue, state.model), multiplier)
    part = ds["participation"]
    present = part.loc[part["session_id"] == state.session_id, "org_id"]
    actions, excluded = candidate_actions(
        state.profile,
        state.catalogue,
        state.model,
        state.arrays,
        near,
        ds["stakeholders"],
        list(present),
        min_firms=min_firms,
        beneficiary_sub_types=beneficiary_sub_types,
    )
    state.actions = nominal_effects(actions, state.model, state.arrays)
    state.excluded = excluded


def _filter(state: _State, order: Sequence[str]) -> None:
    """Keep the actions with numeric evidence and a session link; record the others."""
    ds = state.dataset
    session = session_evidence(ds, state.session_id, state.as_of, order)
    firm_gaps = FirmGaps.of(state.gaps, list(state.model.indicators))
    kept, dropped = [], []
    for aid, row in state.actions.iterrows():
        ev: Evidence = evidence_trail(
            row,
            firm_gaps,
            state.catalogue,
            list(state.model.indicators),
            ds["buyer_requirements"],
            session,
        )
        if ev.reason is None:
            kept.append(aid)
            state.evidence[aid] = ev
        else:
            dropped.append(
                {
                    "action_id": aid,
                    "intervention_id": row["intervention_id"],
                    "target_kind": row["target_kind"],
                    "target_id": row["target_id"],
                    "firms": row["firms"],
                    "reason": ev.reason,
                }
            )
    state.excluded = pd.concat(
        [state.excluded, pd.DataFrame(dropped, columns=state.excluded.columns)], ignore_index=True
    )
    state.actions = state.actions.loc[kept]


def _rank(
    state: _State, weights: WeightDraws, gains: np.ndarray, method: str, criteria, options
) -> pd.DataFrame:
    actions = state.actions.copy()
    actions["priority"] = priority(actions, state.arrays, weights.nominal.to_numpy())
    from .montecarlo import decision_matrix

    nominal = rank_actions(decision_matrix(actions), criteria, method, **options)
    actions["score"] = nominal["score"]
    actions["rank"] = nominal["rank"]
    sim = simulate(
        actions,
        nominal["rank"],
        state.model,
        state.arrays,
        gains,
        weights,
        method=method,
        criteria=criteria,
        **options,
    )
    actions = actions.join(sim.effects).join(sim.ranks.drop(columns="nominal_rank"))
    actions.attrs["criteria_used"] = nominal.attrs.get("criteria", ())
    order = np.lexsort(
        (
            actions.index.to_numpy(str),
            -actions["score"].to_numpy(float)
            if method != "vikor"
            else actions["score"].to_numpy(float),
            actions["rank"].to_numpy(),
        )
    )
    return actions.iloc[order]


def recommend_for_session(
    dataset,
    session_id: str,
    as_of=None,
    *,
    budget_idr: float | None = None,
    method: str = "topsis",
    n_runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    criteria: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
    effect_multiplier: float = 1.0,
    min_firms: int = 3,
    top: int = 3,
    steps: Sequence[float] = BRIEF_STEPS_IDR,
    follow_up: bool = True,
    beneficiary_sub_types: Sequence[str] = ("ikm",),
    method_options: Mapping | None = None,
) -> Recommendations:
    """Recommendations for one session, as of a reference date.

    Parameters
    ----------
    dataset : ikmpolicy.validation.Dataset or path
    session_id : str
    as_of : date-like, optional
        Reference date: the latest assessment on or before it counts, and the commitments known
        by it; default today (as the brief).
    budget_idr : float, optional
        Budget for the portfolio, in rupiah (None: only the budget curve).
    method : {"topsis", "vikor", "promethee_ii"}
    n_runs : int
        Monte Carlo runs (0: nominal ranking only, no intervals).
    seed : int
        Seed of the one random generator (same inputs and seed, same result).
    criteria : mapping, optional
        Criterion weights (:func:`~ikmpolicy.recommend.ranking.criteria_weights`; equal).
    weights : mapping, optional
        Dimension weights to use instead of the session's AHP group weights (then fixed): one
        for every dimension, 0 to leave one out.
    effect_multiplier : float
        Multiplies every programme gain (1 = the catalogue), to see how the ranks move.
    min_firms : int
        Fewest firms an action may reach (3).
    top : int
        How many recommendations lead the brief (3).
    steps : sequence of float
        Budgets of the curve (Rp250 juta, Rp500 juta, Rp1 miliar).
    follow_up : bool
        Whether to recompute the earlier sessions' recommendations and their take-up.
    beneficiary_sub_types : sequence of str
        Organisation sub-types that stand for the firms (never partners).
    method_options : mapping, optional
        Options of the MCDA method (e.g. ``{"v": 0.5}`` for VIKOR).

    Returns
    -------
    Recommendations

    Raises
    ------
    RecommendError
        An unknown session or method, bad weights or counts.
    """
    dataset = _dataset(dataset)
    as_of, options, crit, state, draws, actions = _ranked(
        dataset,
        session_id,
        as_of,
        method=method,
        n_runs=n_runs,
        seed=seed,
        criteria=criteria,
        weights=weights,
        effect_multiplier=effect_multiplier,
        min_firms=min_firms,
        top=top,
        beneficiary_sub_types=beneficiary_sub_types,
        method_options=method_options,
    )
    capacity = state.catalogue.programmes["capacity"].to_dict()
    curve = budget_curve(actions, capacity, steps=steps)
    portfolio = select_portfolio(actions, budget_idr, capacity) if budget_idr is not None else None
    actions["in_portfolio"] = actions.index.isin(portfolio.selected) if portfolio else False
    parameters = {
        "session_id": session_id,
        "as_of": str(as_of.date()),
        "method": method,
        "method_options": options,
        "n_runs": int(n_runs),
        "seed": int(seed),
        "criteria": crit.round(6).to_dict(),
        "weights_source": draws.source,
        "respondents": draws.respondents,
        "weights_varied": draws.varied,
        "effect_multiplier": float(effect_multiplier),
        "min_firms": int(min_firms),
        "budget_idr": budget_idr,
        "steps": [float(s) for s in steps],
        "criteria_used": list(actions.attrs.get("criteria_used", ())),
        "readiness": "goalposts composite, metadata dimension weights",
        "assessed_firms": int(state.profile["assessment_date"].notna().sum()),
        "candidates": int(len(state.actions) + len(state.excluded)),
    }
    names = names_from(dataset, state.catalogue)
    history = pd.DataFrame()
    if follow_up:
        history = _follow_up(
            dataset,
            session_id,
            as_of,
            method=method,
            criteria=criteria,
            effect_multiplier=effect_multiplier,
            min_firms=min_firms,
            top=top,
            beneficiary_sub_types=beneficiary_sub_types,
            method_options=options,
        )
    return Recommendations(
        session_id=session_id,
        as_of=as_of,
        actions=actions,
        top=leading(actions, top),
        evidence={a: state.evidence[a] for a in actions.index},
        excluded=state.excluded,
        portfolio=portfolio,
        budget_curve=curve,
        next_step=next_step(curve, budget_idr) if budget_idr is not None else None,
        follow_up=history,
        weights=draws.nominal,
        parameters=parameters,
        names=names,
    )


def _ranked(
    dataset,
    session_id: str,
    as_of,
    *,
    method: str,
    n_runs: int,
    seed: int,
    criteria,
    weights,
    effect_multiplier: float,
    min_firms: int,
    top: int,
    beneficiary_sub_types,
    method_options,
) -> tuple:
    """The steps of :func:`recommend_for_session` up to the ranked actions: ``(as_of, options,
    criterion weights, state, weight draws, actions best first)``."""
    _check(session_id, dataset, method, n_runs, top)
    as_of = reference_day(as_of)  # as the brief: what is known today by default
    options = dict(method_options or {})
    crit = criteria_weights(dict(criteria) if criteria is not None else None)
    order = session_order(dataset)
    state = _State(dataset, session_id, as_of)
    _prepare(state, min_firms, beneficiary_sub_types, effect_multiplier)
    _filter(state, order)
    rng = np.random.default_rng(seed)
    dims = list(state.model.dimensions)
    draws = _weights(dataset, session_id, dims, weights, int(n_runs), rng)
    gains = sample_gains(state.arrays, int(n_runs), rng)  # the arrays carry the multiplier
    actions = _rank(state, draws, gains, method, crit, options)
    return as_of, options, crit, state, draws, actions


def leading_actions(
    dataset,
    session_id: str,
    as_of=None,
    *,
    method: str = "topsis",
    n_runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    criteria: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
    effect_multiplier: float = 1.0,
    min_firms: int = 3,
    top: int = 3,
    beneficiary_sub_types: Sequence[str] = ("ikm",),
    method_options: Mapping | None = None,
) -> pd.DataFrame:
    """``recommend_for_session(...).top`` without a budget, and without what else that
    computes (budget curve, name look-ups, follow-up): what the follow-up needs of an earlier
    session.

    Parameters are those of :func:`recommend_for_session`.
    """
    dataset = _dataset(dataset)
    *_, actions = _ranked(
        dataset,
        session_id,
        as_of,
        method=method,
        n_runs=n_runs,
        seed=seed,
        criteria=criteria,
        weights=weights,
        effect_multiplier=effect_multiplier,
        min_firms=min_firms,
        top=top,
        beneficiary_sub_types=beneficiary_sub_types,
        method_options=method_options,
    )
    actions["in_portfolio"] = False  # no budget: as recommend_for_session's top
    return leading(actions, top)


def leading(actions: pd.DataFrame, top: int) -> pd.DataFrame:
    """The first ``top`` actions of the ranking that do not repeat each other.

    Walking down the ranking, an action is skipped when an action already chosen runs the same
    programmes for some of the same firms (e.g. certification for a sub-sector and for the
    near-ready firms of a requirement in that sub-sector): the brief leads with different
    actions.

    Examples
    --------
    >>> a = pd.DataFrame({"programmes": [("p",), ("p",), ("q",)],
    ...                   "participants": [("f1", "f2"), ("f2",), ("f2",)]}, index=list("abc"))
    >>> leading(a, 2).index.tolist()
    ['a', 'c']
    """
    chosen: list = []
    for aid, row in actions.iterrows():
        if len(chosen) == top:
            break
        clash = any(
            actions.at[c, "programmes"] == row["programmes"]
            and set(actions.at[c, "participants"]) & set(row["participants"])
            for c in chosen
        )
        if not clash:
            chosen.append(aid)
    return actions.loc[chosen]


def _scaled(arrays, factor: float):
    """The programme gains times ``factor`` (the effect multiplier)."""
    from dataclasses import replace

    if not np.isfinite(factor) or factor < 0:
        raise RecommendError(
            f"effect multiplier: found {factor!r}; expected a number of at least 0"
        )
    return replace(
        arrays, low=arrays.low * factor, mid=arrays.mid * factor, high=arrays.high * factor
    )
