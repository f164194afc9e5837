"""Policy recommendations: who should do what, for which IKM, at what cost, on what evidence.

Entry point
    :func:`recommend_for_session` -> :class:`Recommendations` (ranked actions, top three,
    portfolio, budget curve, evidence per action, follow-up, what was left out and why, the
    parameters used).
Steps (one module each)
    :mod:`.candidates` (a programme for a target group), :mod:`.effects` (eligibility and
    readiness as arrays), :mod:`.uncertainty` (triangular gains, bootstrap of respondents),
    :mod:`.montecarlo` (intervals, rank robustness), :mod:`.ranking` (TOPSIS, VIKOR,
    PROMETHEE II), :mod:`.batch_ranking` (all Monte Carlo runs ranked at once),
    :mod:`.portfolio` (``scipy.optimize.milp`` under a budget), :mod:`.evidence`
    (the trail and the rule that keeps an action out), :mod:`.wording` (Bahasa Indonesia and
    English), :mod:`.follow_up` (earlier sessions, take-up by commitments, the CSV table).
Errors
    :class:`RecommendError` (an :class:`~ikmpolicy.errors.InputError`), :class:`PortfolioError`,
    :class:`SolverError` (a :class:`~ikmpolicy.errors.RunError`).
"""

from ._errors import PortfolioError, RecommendError, SolverError
from .candidates import candidate_actions, nominal_effects
from .evidence import Evidence, evidence_trail
from .follow_up import follow_up, recommendations_table, takes_up
from .portfolio import BRIEF_STEPS_IDR, Portfolio, budget_curve, next_step, select_portfolio
from .ranking import CRITERIA, METHODS, criteria_weights, rank_actions, rank_intervals
from .session import DEFAULT_RUNS, DEFAULT_SEED, Recommendations, recommend_for_session

__all__ = [
    "BRIEF_STEPS_IDR",
    "CRITERIA",
    "DEFAULT_RUNS",
    "DEFAULT_SEED",
    "METHODS",
    "Evidence",
    "Portfolio",
    "PortfolioError",
    "RecommendError",
    "Recommendations",
    "SolverError",
    "budget_curve",
    "candidate_actions",
    "criteria_weights",
    "evidence_trail",
    "follow_up",
    "next_step",
    "nominal_effects",
    "rank_actions",
    "rank_intervals",
    "recommend_for_session",
    "recommendations_table",
    "select_portfolio",
    "takes_up",
]
