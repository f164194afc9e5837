"""From the long ``pairwise`` table to one reciprocal matrix per respondent.

Also: completing missing comparisons (Harker 1987), listing the judgements that most disturb
consistency (Saaty 2003) and proposing a repaired matrix.

References
----------
Harker, P. T. (1987). "Incomplete pairwise comparisons in the analytic hierarchy process".
*Mathematical Modelling* 9(11), 837-848.
Saaty, T. L. (2003). "Decision-making with the AHP: why is the principal eigenvector
necessary". *EJOR* 145, 85-91 (the most inconsistent judgement is the a_ij with the largest
a_ij w_j / w_i).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validation import (
    SAATY_MAX,
    SAATY_MIN,
    JudgementError,
    as_square_matrix,
    check_reciprocal,
    fmt,
)
from .ahp import ahp, principal_eigen

__all__ = [
    "PairwiseMatrices",
    "pairwise_matrix",
    "harker_complete",
    "inconsistent_judgements",
    "repair_judgements",
    "RepairResult",
]

_REQUIRED = ("respondent_id", "criterion_a", "criterion_b", "value")
_RTOL = 1e-6


class PairwiseMatrices(dict):
    """``dict`` respondent -> completed pairwise matrix (DataFrame), with what was imputed.

    Attributes
    ----------
    criteria : list
        Criterion order of every matrix.
    imputed : dict
        respondent -> list of ``(criterion_a, criterion_b)`` pairs that the respondent did not
        judge and that were completed (Harker 1987). Empty lists for complete respondents.
    raw : dict
        respondent -> matrix as judged, with NaN for the missing pairs.
    """

    def __init__(self, matrices, criteria, imputed, raw):
        super().__init__(matrices)
        self.criteria = list(criteria)
        self.imputed = dict(imputed)
        self.raw = dict(raw)


def _where(row: pd.Series) -> str:
    parts = []
    if "_file" in row.index and pd.notna(row["_file"]):
        parts.append(str(row["_file"]))
    if "_row" in row.index and pd.notna(row["_row"]):
        parts.append(f"row {row['_row']}")
    else:
        parts.append(f"row {row.name}")
    return " ".join(parts)


def pairwise_matrix(
    judgements: pd.DataFrame,
    criteria: Sequence[Hashable] | None = None,
    *,
    by: str | Sequence[str] = "respondent_id",
    scale: tuple[float, float] = (SAATY_MIN, SAATY_MAX),
    complete: bool = True,
) -> PairwiseMatrices:
    """Build each respondent's reciprocal comparison matrix from the long ``pairwise`` table.

    Each row says how much more important ``criterion_a`` is than ``criterion_b`` (``value``
    on Saaty's 1/9..9 scale). A pair may be given in either direction; the reciprocal is
    filled in. Given in both directions, the two values must be reciprocal.

    Parameters
    ----------
    judgements : pandas.DataFrame
        Columns ``respondent_id``, ``criterion_a``, ``criterion_b``, ``value``; optional
        ``_row`` / ``_file`` (as the loader adds them) are used in error messages.
    criteria : sequence, optional
        Criteria and their order. Default: order of first appearance in the table. Every
        criterion must be reachable in each respondent's comparisons.
    by : str or list of str, default "respondent_id"
        Column(s) identifying one judge (e.g. ``["session_id", "respondent_id"]``).
    scale : (float, float), default (1/9, 9)
        Allowed range of ``value``.
    complete : bool, default True
        Complete missing pairs with Harker's (1987) method when the comparisons are still
        connected. With False, a missing pair is an error.

    Returns
    -------
    PairwiseMatrices
        ``dict`` judge -> labelled DataFrame; ``.imputed`` lists the completed pairs and
        ``.raw`` keeps the matrices with NaN for the missing pairs.

    Raises
    ------
    JudgementError
        Missing columns, a value that is not a number or is outside ``scale``, a criterion
        compared with itself with a value other than 1, contradicting or non-reciprocal
        duplicates, an unknown criterion, or comparisons that leave the criteria disconnected.
        The message names the file/row, judge and pair.

    Examples
    --------
    >>> import pandas as pd
    >>> from ikmpolicy.mcda import pairwise_matrix
    >>> t = pd.DataFrame({
    ...     "respondent_id": ["R1", "R1", "R1"],
    ...     "criterion_a": ["cost", "cost", "skill"],
    ...     "criterion_b": ["skill", "access", "access"],
    ...     "value": [2.0, 6.0, 3.0]})
    >>> m = pairwise_matrix(t)
    >>> m["R1"].round(3)
             cost  skill  access
    cost    1.000  2.000     6.0
    skill   0.500  1.000     3.0
    access  0.167  0.333     1.0
    """
    by_cols = [by] if isinstance(by, str) else list(by)
    missing_cols = [c for c in (*_REQUIRED[1:], *by_cols) if c not in judgements.columns]
    if missing_cols:
        raise JudgementError(
            f"pairwise table: missing column(s) {missing_cols}; expected "
            f"{[*by_cols, *_REQUIRED[1:]]}"
        )
    t = judgements
    values = _checked_values(t, by_cols, scale)
    crit = _criteria_order(t, criteria, by_cols)
    pos = {c: i for i, c in enumerate(crit)}
    n = len(crit)
    matrices, imputed, raw = {}, {}, {}
    groups = t.groupby(by_cols if len(by_cols) > 1 else by_cols[0], sort=False, dropna=False)
    for judge, g in groups:
        m = _judge_matrix(t, g.index, values, pos, judge)
        _check_connected(m, crit, judge)
        frame = pd.DataFrame(m, index=pd.Index(crit), columns=pd.Index(crit))
        raw[judge] = frame
        miss = [
            (crit[i], crit[j])
            for i, j in zip(*np.triu_indices(n, 1), strict=True)
            if np.isnan(m[i, j])
        ]
        imputed[judge] = miss
        if miss and not complete:
            raise JudgementError(
                f"judge {judge}: missing comparisons {miss}; pass complete=True to complete "
                "them with Harker's method"
            )
        matrices[judge] = harker_complete(frame) if miss else frame
    return PairwiseMatrices(matrices, crit, imputed, raw)


def _checked_values(t: pd.DataFrame, by_cols: list[str], scale) -> pd.Series:
    """The ``value`` column as numbers, each a judgement on the scale (else JudgementError)."""
    values = pd.to_numeric(t["value"], errors="coerce")
    lo, hi = scale
    for idx in t.index[values.isna() | ~np.isfinite(values.fillna(np.nan))]:
        row = t.loc[idx]
        raise JudgementError(
            f"{_where(row)}: judge {_judge(row, by_cols)}, pair ({row['criterion_a']}, "
            f"{row['criterion_b']}): value {row['value']!r} is not a number; expected a "
            f"judgement on Saaty's scale {fmt(lo)}..{fmt(hi)}"
        )
    out_of_scale = (values < lo * (1 - _RTOL)) | (values > hi * (1 + _RTOL))
    if out_of_scale.any():
        row = t.loc[out_of_scale[out_of_scale].index[0]]
        raise JudgementError(
            f"{_where(row)}: judge {_judge(row, by_cols)}, pair ({row['criterion_a']}, "
            f"{row['criterion_b']}): value {fmt(float(values[row.name]))} is outside Saaty's "
            f"scale {fmt(lo)}..{fmt(hi)}"
        )
    return values


def _criteria_order(t: pd.DataFrame, criteria, by_cols: list[str]) -> list:
    """The criteria given (checked against the table), or their order of first appearance."""
    if criteria is None:
        return list(
            dict.fromkeys(
                x for pair in zip(t["criterion_a"], t["criterion_b"], strict=True) for x in pair
            )
        )
    crit = list(criteria)
    if len(set(crit)) != len(crit):
        raise JudgementError(f"criteria contain duplicates: {crit}")
    known = set(crit)
    for idx in t.index:
        a, b = t.at[idx, "criterion_a"], t.at[idx, "criterion_b"]
        for c in (a, b):
            if c not in known:
                row = t.loc[idx]
                raise JudgementError(
                    f"{_where(row)}: judge {_judge(row, by_cols)}, pair ({a}, {b}): "
                    f"criterion {c!r} is not one of the criteria {crit}"
                )
    return crit


def _judge_matrix(t: pd.DataFrame, rows, values: pd.Series, pos: dict, judge) -> np.ndarray:
    """One judge's matrix as judged (NaN for the pairs not judged), duplicates checked."""
    n = len(pos)
    m = np.full((n, n), np.nan)
    np.fill_diagonal(m, 1.0)
    source: dict[tuple[int, int], pd.Series] = {}
    for idx in rows:
        row = t.loc[idx]
        a, b = row["criterion_a"], row["criterion_b"]
        v = float(values[idx])
        if a == b:
            if abs(v - 1.0) > _RTOL:
                raise JudgementError(
                    f"{_where(row)}: judge {judge}, pair ({a}, {b}): a criterion compared "
                    f"with itself must be 1, got {fmt(v)}"
                )
            continue
        i, j = pos[a], pos[b]
        if np.isnan(m[i, j]):
            m[i, j], m[j, i] = v, 1.0 / v
            source[(i, j)] = source[(j, i)] = row
        elif abs(m[i, j] * (1 / v) - 1) > _RTOL:
            raise _duplicate_error(row, source[(i, j)], judge, v, m[i, j], values)
    return m


def _duplicate_error(row, prev, judge, v, expected, values) -> JudgementError:
    a, b = row["criterion_a"], row["criterion_b"]
    if prev["criterion_a"] == a:
        what = f"contradicts {_where(prev)}, which gives {fmt(expected)} for the same pair"
    else:
        what = (
            f"is not reciprocal to {_where(prev)} ({prev['criterion_a']} over "
            f"{prev['criterion_b']} = {fmt(float(values[prev.name]))}); expected "
            f"{fmt(expected)}"
        )
    return JudgementError(f"{_where(row)}: judge {judge}, pair ({a}, {b}): value {fmt(v)} {what}")


def _judge(row: pd.Series, by_cols: list[str]) -> str:
    return ", ".join(str(row[c]) for c in by_cols)


def _check_connected(m: np.ndarray, labels: Sequence[Hashable], judge) -> None:
    n = m.shape[0]
    known = ~np.isnan(m)
    seen = np.zeros(n, bool)
    comps = []
    for s in range(n):
        if seen[s]:
            continue
        stack, comp = [s], []
        seen[s] = True
        while stack:
            u = stack.pop()
            comp.append(u)
            for v in np.flatnonzero(known[u] & ~seen):
                seen[v] = True
                stack.append(v)
        comps.append(sorted(comp))
    if len(comps) > 1:
        groups = " | ".join("{" + ", ".join(str(labels[i]) for i in c) + "}" for c in comps)
        raise JudgementError(
            f"judge {judge}: the comparisons leave the criteria disconnected: {groups}; at "
            "least one judgement linking each group to the others is needed before the "
            "missing pairs can be completed"
        )


def harker_complete(matrix) -> pd.DataFrame:
    """Complete a reciprocal matrix with missing entries (NaN) by Harker's (1987) method.

    Harker replaces each missing a_ij by w_i / w_j where w is the principal eigenvector of the
    matrix C with c_ij = a_ij for known pairs, 0 for missing ones, and c_ii = 1 + (number of
    missing entries in row i). The completed matrix has that same w as principal eigenvector,
    and a consistent matrix with missing entries is completed to the consistent matrix.

    Parameters
    ----------
    matrix : array_like or pandas.DataFrame
        Square matrix with NaN for the missing comparisons; the known comparisons must
        connect all criteria.

    Returns
    -------
    pandas.DataFrame
        The completed matrix (labels kept, or 0..n-1).

    Examples
    --------
    >>> import numpy as np
    >>> from ikmpolicy.mcda import harker_complete
    >>> m = np.array([[1, 2, np.nan], [1/2, 1, 3], [np.nan, 1/3, 1]])
    >>> harker_complete(m).round(3)
           0      1    2
    0  1.000  2.000  6.0
    1  0.500  1.000  3.0
    2  0.167  0.333  1.0
    """
    arr, labels = as_square_matrix(matrix, allow_nan=True)
    check_reciprocal(arr, labels)
    n = arr.shape[0]
    labels = labels if labels is not None else list(range(n))
    miss = np.isnan(arr)
    _check_connected(arr, labels, "(matrix)")
    if not miss.any():
        return pd.DataFrame(arr, index=pd.Index(labels), columns=pd.Index(labels))
    c = np.where(miss, 0.0, arr)
    c[np.diag_indices(n)] = 1.0 + miss.sum(axis=1)
    w, _ = principal_eigen(c)
    filled = np.where(miss, w[:, None] / w[None, :], arr)
    return pd.DataFrame(filled, index=pd.Index(labels), columns=pd.Index(labels))


def inconsistent_judgements(matrix, top: int | None = 3, *, method: str = "eigenvector"):
    """The judgements that most disturb consistency, worst first.

    For priorities w, the judgement a_ij is compared with the ratio w_i / w_j the whole matrix
    implies; ``deviation = a_ij * w_j / w_i`` is 1 for a judgement in line with the others.
    Saaty (2003) names the judgement with the largest deviation as the one to reconsider; the
    ranking here uses ``|log(deviation)|`` so that over- and under-statements count alike.

    Parameters
    ----------
    matrix : array_like or pandas.DataFrame
        Reciprocal matrix.
    top : int or None, default 3
        Number of pairs returned (None: all n(n-1)/2).
    method : str, default "eigenvector"
        Prioritisation method for w (see :func:`ahp`).

    Returns
    -------
    pandas.DataFrame
        Columns ``criterion_a``, ``criterion_b``, ``value`` (the judgement of a over b),
        ``implied`` (w_a / w_b) and ``deviation``; each pair once, oriented so that
        ``value >= implied``.

    Examples
    --------
    >>> import pandas as pd
    >>> from ikmpolicy.mcda import inconsistent_judgements
    >>> m = pd.DataFrame([[1, 2, 1/4], [1/2, 1, 3], [4, 1/3, 1]],
    ...                  index=list("ABC"), columns=list("ABC"))
    >>> inconsistent_judgements(m, top=1)[["criterion_a", "criterion_b", "value"]]
      criterion_a criterion_b  value
    0           C           A    4.0
    """
    res = ahp(matrix, method=method, scale=None)
    arr = res.matrix.to_numpy()
    labels = list(res.matrix.index)
    w = res.weights.to_numpy()
    n = arr.shape[0]
    dev = arr * w[None, :] / w[:, None]
    rows = []
    for i, j in zip(*np.triu_indices(n, 1), strict=True):
        a, b = (i, j) if dev[i, j] >= 1 else (j, i)
        rows.append((labels[a], labels[b], arr[a, b], w[a] / w[b], dev[a, b]))
    out = pd.DataFrame(
        rows, columns=["criterion_a", "criterion_b", "value", "implied", "deviation"]
    )
    out = out.iloc[np.argsort(-np.abs(np.log(out["deviation"].to_numpy())), kind="stable")]
    out = out.reset_index(drop=True)
    return out if top is None else out.head(top)


@dataclass(frozen=True)
class RepairResult:
    """Result of :func:`repair_judgements`."""

    matrix: pd.DataFrame  #: the proposed matrix
    changes: pd.DataFrame  #: one row per changed pair: criterion_a, criterion_b, old, new, cr
    cr_before: float
    cr_after: float


def repair_judgements(
    matrix,
    threshold: float = 0.1,
    *,
    max_changes: int | None = None,
    round_to_scale: bool = False,
    random_index_table: str | dict = "saaty",
) -> RepairResult:
    """Propose a more consistent matrix by revising the worst judgements one at a time.

    At each step the most inconsistent judgement (Saaty 2003, see
    :func:`inconsistent_judgements`) is treated as missing and re-estimated from all the other
    judgements with Harker's (1987) completion, i.e. replaced by the value the rest of the
    matrix implies. Steps stop when CR <= ``threshold``, after ``max_changes`` changes, or when
    every pair has been revised once. The result is a *proposal* to discuss with the
    respondent, not a replacement of their judgement.

    Parameters
    ----------
    matrix : array_like or pandas.DataFrame
        Reciprocal matrix (order >= 3).
    threshold : float, default 0.1
        Target consistency ratio.
    max_changes : int, optional
        At most this many pairs are revised.
    round_to_scale : bool, default False
        Round each proposed value to the nearest value of Saaty's scale (1/9, ..., 1, ..., 9)
        in log terms, so that it can be put to the respondent as a judgement.
    random_index_table : str or dict, default "saaty"
        For the CR.

    Returns
    -------
    RepairResult
        ``matrix`` (proposal), ``changes`` (DataFrame), ``cr_before``, ``cr_after``.

    Examples
    --------
    >>> import pandas as pd
    >>> from ikmpolicy.mcda import repair_judgements
    >>> m = pd.DataFrame([[1, 2, 1/4], [1/2, 1, 3], [4, 1/3, 1]],
    ...                  index=list("ABC"), columns=list("ABC"))
    >>> r = repair_judgements(m)
    >>> r.cr_before > 0.1, r.cr_after <= 0.1
    (True, True)
    >>> r.changes[["criterion_a", "criterion_b"]].values.tolist()
    [['C', 'A']]
    """
    res = ahp(matrix, scale=None, random_index_table=random_index_table)
    cur = res.matrix.copy()
    labels = list(cur.index)
    cr_before = res.cr
    cr = cr_before
    changed: set[frozenset] = set()
    rows = []
    limit = max_changes if max_changes is not None else len(labels) * (len(labels) - 1) // 2
    scale_vals = np.array([1 / k for k in range(9, 1, -1)] + list(range(1, 10)), dtype=float)
    while cr > threshold and len(rows) < limit:
        cand = inconsistent_judgements(cur, top=None)
        cand = cand[
            [
                frozenset((a, b)) not in changed
                for a, b in zip(cand["criterion_a"], cand["criterion_b"], strict=True)
            ]
        ]
        if cand.empty:
            break
        a, b, old = cand.iloc[0][["criterion_a", "criterion_b", "value"]]
        trial = cur.copy()
        trial.loc[a, b] = np.nan
        trial.loc[b, a] = np.nan
        new = float(harker_complete(trial).loc[a, b])
        if round_to_scale:
            new = float(scale_vals[np.argmin(np.abs(np.log(scale_vals) - np.log(new)))])
        cur.loc[a, b] = new
        cur.loc[b, a] = 1.0 / new
        changed.add(frozenset((a, b)))
        cr = ahp(cur, scale=None, random_index_table=random_index_table).cr
        rows.append((a, b, float(old), new, cr))
    changes = pd.DataFrame(rows, columns=["criterion_a", "criterion_b", "old", "new", "cr"])
    return RepairResult(matrix=cur, changes=changes, cr_before=cr_before, cr_after=cr)
