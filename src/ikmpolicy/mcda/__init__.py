"""Multi-criteria decision analysis: AHP (single and group) and ranking methods.

AHP
    :func:`ahp`, :func:`ahp_batch`, :func:`random_index`, :data:`RANDOM_INDEX_TABLES`.
Judgements
    :func:`pairwise_matrix` (long table -> matrices), :func:`harker_complete`,
    :func:`inconsistent_judgements`, :func:`repair_judgements`.
Group AHP
    :func:`aggregate_judgements` (AIJ / AIP), :func:`balance_weights`, :func:`consensus`,
    :func:`priorities_by_group`.
Ranking alternatives
    :func:`topsis`, :func:`vikor`, :func:`promethee_ii`, :func:`saw`.
Session summary
    :func:`session_judgement` (what a brief shows of one FGD's judgements).
Errors
    :class:`MCDAError` (a ``ValueError``), :class:`JudgementError`,
    :class:`DecisionMatrixError`.
"""

from ._validation import DecisionMatrixError, JudgementError, MCDAError
from .ahp import AHPBatchResult, AHPResult, ahp, ahp_batch, compare_published
from .group import aggregate_judgements, balance_weights, consensus, priorities_by_group
from .pairwise import (
    PairwiseMatrices,
    RepairResult,
    harker_complete,
    inconsistent_judgements,
    pairwise_matrix,
    repair_judgements,
)
from .promethee import promethee_ii
from .random_index import RANDOM_INDEX_TABLES, random_index
from .saw import SAW_NORMALISATIONS, saw
from .session import CR_THRESHOLD, SessionJudgement, session_judgement
from .topsis import TOPSIS_NORMALISATIONS, topsis
from .vikor import vikor

__all__ = [
    "AHPBatchResult",
    "AHPResult",
    "CR_THRESHOLD",
    "DecisionMatrixError",
    "JudgementError",
    "MCDAError",
    "PairwiseMatrices",
    "RANDOM_INDEX_TABLES",
    "RepairResult",
    "SAW_NORMALISATIONS",
    "SessionJudgement",
    "TOPSIS_NORMALISATIONS",
    "aggregate_judgements",
    "ahp",
    "ahp_batch",
    "balance_weights",
    "compare_published",
    "consensus",
    "harker_complete",
    "inconsistent_judgements",
    "pairwise_matrix",
    "priorities_by_group",
    "promethee_ii",
    "random_index",
    "repair_judgements",
    "saw",
    "session_judgement",
    "topsis",
    "vikor",
]
