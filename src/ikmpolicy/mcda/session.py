"""What the participants of one FGD judged: individual CRs, group weights, weights per group.

This composes the AHP pieces into the record a brief shows; every number comes from
:func:`~ikmpolicy.mcda.ahp`, :func:`~ikmpolicy.mcda.aggregate_judgements`,
:func:`~ikmpolicy.mcda.priorities_by_group` and :func:`~ikmpolicy.mcda.consensus`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..agreement import NoRankingError
from .ahp import ahp
from .group import aggregate_judgements, consensus, priorities_by_group
from .pairwise import inconsistent_judgements, pairwise_matrix

#: Saaty's threshold: a consistency ratio above 0.10 calls for the judgements to be revisited.
CR_THRESHOLD = 0.10


@dataclass(frozen=True)
class SessionJudgement:
    """The group judgement of one session.

    Attributes
    ----------
    respondents : pandas.DataFrame
        One row per respondent: ``group``, ``cr``, ``consistent`` (CR <= threshold),
        ``imputed`` (pairs completed by Harker's method), and for an inconsistent respondent the
        judgement to reconsider first (:func:`inconsistent_judgements`): ``reconsider_a``,
        ``reconsider_b``, ``reconsider_value`` (as judged) and ``reconsider_implied`` (what the
        respondent's other judgements imply).
    weights : pandas.DataFrame
        Criteria x {``all``, ``consistent``}: AIJ group priorities with every respondent and
        with the consistent respondents only (NaN column when fewer than two are consistent).
    by_group : pandas.DataFrame
        Criteria x groups (AIJ within each group), plus ``all`` with every group weighted
        equally.
    agreement : pandas.Series
        Kendall's W of the respondents' priority rankings (``W``, ``chi2``, ``dof``, ``pval``);
        ``W``, ``chi2`` and ``pval`` are NaN when every respondent weighed all criteria equally
        (they agree, but rank nothing: W is 0/0).
    """

    respondents: pd.DataFrame
    weights: pd.DataFrame
    by_group: pd.DataFrame
    agreement: pd.Series


def session_judgement(
    judgements: pd.DataFrame,
    groups: pd.Series,
    criteria: list[str] | None = None,
    threshold: float = CR_THRESHOLD,
) -> SessionJudgement:
    """Summarise the pairwise judgements of one session.

    Parameters
    ----------
    judgements : pandas.DataFrame
        Rows of the ``pairwise`` table for one session.
    groups : pandas.Series
        respondent_id -> group (e.g. the respondent organisation's helix).
    criteria : list of str, optional
        Criterion order (default: order of appearance).
    threshold : float
        CR above which a respondent counts as inconsistent.

    Examples
    --------
    >>> import numpy as np
    >>> rows = []
    >>> for r, w in {"A": [4, 2, 1], "B": [4, 2, 1], "C": [1, 2, 4]}.items():
    ...     for i, j in [(0, 1), (0, 2), (1, 2)]:
    ...         rows.append((r, "xyz"[i], "xyz"[j], w[i] / w[j]))
    >>> t = pd.DataFrame(rows, columns=["respondent_id", "criterion_a", "criterion_b", "value"])
    >>> s = session_judgement(t, pd.Series({"A": "gov", "B": "gov", "C": "biz"}))
    >>> s.by_group["gov"].round(3).tolist()
    [0.571, 0.286, 0.143]
    >>> float(s.respondents["cr"].max()) < 1e-9
    True
    """
    matrices = pairwise_matrix(judgements, criteria)
    # the judgements were checked on Saaty's scale where they entered; a pair completed by
    # Harker's method (or a geometric mean) may lie beyond 9, so the matrices are not re-checked
    individual = {r: ahp(m, scale=None) for r, m in matrices.items()}
    respondents = pd.DataFrame(
        {
            "group": [groups.get(r) for r in matrices],
            "cr": [individual[r].cr for r in matrices],
            "imputed": [len(matrices.imputed.get(r, [])) for r in matrices],
        },
        index=pd.Index(list(matrices), name="respondent_id"),
    )
    respondents["consistent"] = respondents["cr"] <= threshold
    worst = {
        r: inconsistent_judgements(matrices[r], top=1).iloc[0]
        for r in respondents.index[~respondents["consistent"]]
    }
    for column in ("a", "b", "value", "implied"):
        source = "criterion_" + column if column in ("a", "b") else column
        respondents["reconsider_" + column] = [
            worst[r][source] if r in worst else None for r in respondents.index
        ]
    weights = pd.DataFrame({"all": ahp(aggregate_judgements(matrices), scale=None).weights})
    kept = {r: m for r, m in matrices.items() if respondents.loc[r, "consistent"]}
    weights["consistent"] = (
        ahp(aggregate_judgements(kept), scale=None).weights if len(kept) >= 2 else float("nan")
    )
    by_group = priorities_by_group(matrices, respondents["group"])
    try:
        agreement = consensus(matrices)
    except NoRankingError as undefined:
        # every respondent judged all criteria equally important: valid judgements whose
        # weights stand, only their concordance is undefined (the brief says so in words)
        agreement = undefined.result
    return SessionJudgement(respondents, weights, by_group, agreement)
