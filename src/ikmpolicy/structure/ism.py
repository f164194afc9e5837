"""Interpretive Structural Modelling (ISM): from experts' SSIM to levels.

Steps (Warfield 1974, 1976; Sage 1977):

1. **SSIM to initial reachability matrix.** For a pair (i, j) judged ``V`` (i leads to j),
   ``A`` (j leads to i), ``X`` (both) or ``O`` (neither), the entries are V: r_ij = 1,
   r_ji = 0; A: r_ij = 0, r_ji = 1; X: both 1; O: both 0. The diagonal is 1 (every element
   reaches itself).
2. **Aggregation across experts** (:func:`aggregate_reachability`). For each ordered pair
   (i, j), the share of the experts who judged the pair and whose judgement means i leads to j.
   The entry is 1 when the share is above ``threshold`` (default 0.5: a strict majority); a
   share exactly at the threshold is a tie, 1 with ``include_ties=True`` and 0 otherwise
   (default). A pair no expert judged is 0 and listed in ``unjudged``.
3. **Transitivity** (:func:`transitive_closure`). The final reachability matrix is the boolean
   transitive closure (Warshall 1962): if i reaches k and k reaches j, then i reaches j. The
   entries added this way are marked (written ``1*`` in the tables).
4. **Level partitioning** (:func:`level_partition`). For each element, the reachability set R
   (the elements it reaches, itself included), the antecedent set A (the elements that reach
   it) and their intersection. Elements with R ∩ A = R form the current top level; they are
   removed and the step is repeated on the rest. Level 1 is the top of the hierarchy (the
   elements most led to); the last level holds the root drivers.
5. **Driving power and dependence** (:func:`driving_dependence`): the row and column sums of
   the final reachability matrix (the diagonal included).

References
----------
Warfield, J. N. (1974). "Developing interconnection matrices in structural modeling".
*IEEE Transactions on Systems, Man, and Cybernetics* SMC-4(1), 81-87.
Warfield, J. N. (1976). *Societal Systems: Planning, Policy and Complexity*. Wiley.
Sage, A. P. (1977). *Methodology for Large-Scale Systems*. McGraw-Hill.
Warshall, S. (1962). "A theorem on Boolean matrices". *Journal of the ACM* 9(1), 11-12.
Attri, R., Dev, N. & Sharma, V. (2013). "Interpretive Structural Modelling (ISM) approach:
an overview". *Research Journal of Management Sciences* 2(2), 3-8.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ikmpolicy.errors import InputError

RELATIONS = ("V", "A", "X", "O")
#: (i leads to j, j leads to i) for each SSIM symbol.
_LINKS = {"V": (1, 0), "A": (0, 1), "X": (1, 1), "O": (0, 0)}


class ISMInputError(InputError):
    """An SSIM or reachability matrix the ISM steps cannot use."""


@dataclass(frozen=True)
class LevelPartition:
    """Result of :func:`level_partition`.

    Attributes
    ----------
    levels : pandas.Series
        Element -> level (1 = top).
    iterations : list of pandas.DataFrame
        One table per iteration: for each element still in play, ``reachability``,
        ``antecedent`` and ``intersection`` (tuples of elements) and ``top`` (True when the
        element takes the iteration's level).
    table : pandas.DataFrame
        One row per element with the sets of the iteration in which it took its level and
        its ``level``: the table ISM studies publish.
    """

    levels: pd.Series
    iterations: list[pd.DataFrame]
    table: pd.DataFrame


@dataclass(frozen=True)
class AggregatedSSIM:
    """Result of :func:`aggregate_reachability`.

    Attributes
    ----------
    matrix : pandas.DataFrame
        Initial reachability matrix of the group (0/1, diagonal 1).
    share : pandas.DataFrame
        Share of the experts who judged (i, j) and see i leading to j (NaN: nobody judged).
    experts : pandas.DataFrame
        Number of experts who judged each pair (symmetric).
    unjudged : list of tuple
        Pairs (i, j), i before j, that no expert judged (left at 0).
    """

    matrix: pd.DataFrame
    share: pd.DataFrame
    experts: pd.DataFrame
    unjudged: list[tuple]


def _labels(elements: Sequence) -> list:
    labels = list(elements)
    if len(set(labels)) != len(labels):
        dup = sorted({str(e) for e in labels if labels.count(e) > 1})
        raise ISMInputError(f"elements listed more than once: {', '.join(dup)}")
    if not labels:
        raise ISMInputError("no elements to structure")
    return labels


def _check_pair_rows(ssim: pd.DataFrame, pos: dict) -> None:
    for column in ("element_i", "element_j", "relation"):
        if column not in ssim.columns:
            raise ISMInputError(
                f"SSIM table: missing column '{column}'; expected element_i, "
                "element_j, relation (V, A, X or O)"
            )
    for idx, i, j, rel in zip(
        ssim.index, ssim["element_i"], ssim["element_j"], ssim["relation"], strict=True
    ):
        where = f"SSIM row {ssim.at[idx, '_row']}" if "_row" in ssim.columns else f"SSIM {idx!r}"
        for element in (i, j):
            if element not in pos:
                raise ISMInputError(
                    f"{where}: element {element!r} is not one of the elements "
                    f"({', '.join(map(str, pos))})"
                )
        if i == j:
            raise ISMInputError(f"{where}: element {i!r} compared with itself")
        if rel not in _LINKS:
            raise ISMInputError(f"{where}: relation {rel!r}; expected one of V, A, X, O")


def initial_reachability(ssim: pd.DataFrame, elements: Sequence) -> pd.DataFrame:
    """One expert's initial reachability matrix from their SSIM rows.

    Parameters
    ----------
    ssim : pandas.DataFrame
        Columns ``element_i``, ``element_j``, ``relation`` (V, A, X, O); each pair once.
    elements : sequence
        The elements, in the order of the matrix.

    Returns
    -------
    pandas.DataFrame
        0/1 matrix (int), rows "from", columns "to", diagonal 1. Pairs not judged are 0.

    Examples
    --------
    >>> t = pd.DataFrame({"element_i": ["a", "a", "b"], "element_j": ["b", "c", "c"],
    ...                   "relation": ["V", "O", "A"]})
    >>> initial_reachability(t, ["a", "b", "c"]).to_numpy().tolist()
    [[1, 1, 0], [0, 1, 0], [0, 1, 1]]
    """
    result = aggregate_reachability(ssim.assign(expert_id="_"), elements)
    return result.matrix


def ssim_from_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """The long SSIM table from the square form papers print (upper triangle holds V/A/X/O).

    Cells on and below the diagonal are ignored; an empty upper cell is a pair not judged.

    Examples
    --------
    >>> m = pd.DataFrame([["", "V", "O"], ["", "", "A"], ["", "", ""]],
    ...                  index=list("abc"), columns=list("abc"))
    >>> ssim_from_matrix(m).values.tolist()
    [['a', 'b', 'V'], ['a', 'c', 'O'], ['b', 'c', 'A']]
    """
    labels = list(matrix.index)
    if labels != list(matrix.columns):
        raise ISMInputError(
            "SSIM matrix: rows and columns must list the same elements in the same order"
        )
    rows = []
    for a in range(len(labels)):
        for b in range(a + 1, len(labels)):
            value = matrix.iat[a, b]
            text = (
                ""
                if value is None or (isinstance(value, float) and np.isnan(value))
                else str(value).strip().upper()
            )
            if text:
                rows.append((labels[a], labels[b], text))
    return pd.DataFrame(rows, columns=["element_i", "element_j", "relation"])


def aggregate_reachability(
    ssim: pd.DataFrame,
    elements: Sequence,
    threshold: float = 0.5,
    include_ties: bool = False,
    expert: str = "expert_id",
) -> AggregatedSSIM:
    """The group's initial reachability matrix from several experts' SSIM rows.

    Parameters
    ----------
    ssim : pandas.DataFrame
        Columns ``element_i``, ``element_j``, ``relation`` and ``expert`` (one row per expert
        and pair, the pair in either order).
    elements : sequence
        The elements, in the order of the matrix.
    threshold : float, default 0.5
        An entry is 1 when the share of experts who see i leading to j is above it.
    include_ties : bool, default False
        Whether a share exactly equal to ``threshold`` counts as a link.
    expert : str
        Column naming the expert.

    Returns
    -------
    AggregatedSSIM
        ``matrix`` (0/1), ``share``, ``experts`` (count per pair) and ``unjudged`` pairs.

    Examples
    --------
    Three experts: two see a -> b, one sees both ways; the strict majority keeps a -> b only.

    >>> t = pd.DataFrame({"expert_id": [1, 2, 3], "element_i": ["a", "a", "b"],
    ...                   "element_j": ["b", "b", "a"], "relation": ["V", "V", "X"]})
    >>> r = aggregate_reachability(t, ["a", "b"])
    >>> r.matrix.to_numpy().tolist(), r.share.round(2).to_numpy().tolist()
    ([[1, 1], [0, 1]], [[1.0, 1.0], [0.33, 1.0]])
    """
    if not 0 <= threshold < 1:
        raise ISMInputError(f"threshold {threshold!r}: expected a share in [0, 1)")
    labels = _labels(elements)
    pos = {e: k for k, e in enumerate(labels)}
    _check_pair_rows(ssim, pos)
    n = len(labels)
    votes = np.zeros((n, n))
    judges = np.zeros((n, n))
    seen: set[tuple] = set()
    who = ssim[expert] if expert in ssim.columns else pd.Series("_", index=ssim.index)
    for person, i, j, rel in zip(
        who, ssim["element_i"], ssim["element_j"], ssim["relation"], strict=True
    ):
        a, b = pos[i], pos[j]
        key = (person, min(a, b), max(a, b))
        if key in seen:
            raise ISMInputError(f"expert {person!r} judged the pair {i}/{j} more than once")
        seen.add(key)
        forward, backward = _LINKS[rel]
        votes[a, b] += forward
        votes[b, a] += backward
        judges[a, b] += 1
        judges[b, a] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(judges > 0, votes / np.where(judges > 0, judges, 1), np.nan)
    tie = np.isclose(share, threshold)
    link = (share > threshold) & ~tie
    if include_ties:
        link |= tie
    matrix = np.where(np.isnan(share), 0, link.astype(int))
    np.fill_diagonal(matrix, 1)
    np.fill_diagonal(share, 1.0)
    unjudged = [
        (labels[a], labels[b]) for a in range(n) for b in range(a + 1, n) if judges[a, b] == 0
    ]
    index = pd.Index(labels)
    return AggregatedSSIM(
        matrix=pd.DataFrame(matrix.astype(int), index=index, columns=index),
        share=pd.DataFrame(share, index=index, columns=index),
        experts=pd.DataFrame(judges.astype(int), index=index, columns=index),
        unjudged=unjudged,
    )


def _as_boolean(matrix: pd.DataFrame) -> np.ndarray:
    m = pd.DataFrame(matrix)
    if m.shape[0] != m.shape[1] or list(m.index) != list(m.columns):
        raise ISMInputError(
            "reachability matrix: rows and columns must list the same elements "
            f"in the same order; found {list(m.index)} and {list(m.columns)}"
        )
    values = m.to_numpy()
    try:
        numbers = values.astype(float)
    except (TypeError, ValueError) as exc:
        raise ISMInputError(f"reachability matrix: entries must be 0 or 1 ({exc})") from None
    if not np.isin(numbers, (0.0, 1.0)).all():
        i, j = np.argwhere(~np.isin(numbers, (0.0, 1.0)))[0]
        raise ISMInputError(
            f"reachability matrix, row {m.index[i]!r}, column "
            f"{m.columns[j]!r}: found {values[i, j]!r}; expected 0 or 1"
        )
    return numbers.astype(bool)


def transitive_closure(matrix: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Final reachability matrix (Warshall's boolean closure) and the entries it added.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Initial reachability matrix (0/1, square, same labels on both axes). The diagonal is
        set to 1.

    Returns
    -------
    final : pandas.DataFrame
        0/1 (int): i reaches j directly or through other elements.
    added : pandas.DataFrame
        bool: entries that are 1 in ``final`` only by transitivity (``1*``).

    Examples
    --------
    >>> m = pd.DataFrame([[1, 1, 0], [0, 1, 1], [0, 0, 1]], index=list("abc"),
    ...                  columns=list("abc"))
    >>> final, added = transitive_closure(m)
    >>> final.to_numpy().tolist(), added.to_numpy().sum()
    ([[1, 1, 1], [0, 1, 1], [0, 0, 1]], np.int64(1))
    """
    start = _as_boolean(matrix)
    np.fill_diagonal(start, True)
    reach = start.copy()
    for k in range(reach.shape[0]):
        # i reaches j when i reaches k and k reaches j (Warshall 1962)
        reach |= reach[:, [k]] & reach[[k], :]
    index = pd.Index(list(matrix.index))
    return (
        pd.DataFrame(reach.astype(int), index=index, columns=index),
        pd.DataFrame(reach & ~start, index=index, columns=index),
    )


def level_partition(final: pd.DataFrame) -> LevelPartition:
    """Partition the elements into levels from the final reachability matrix.

    Parameters
    ----------
    final : pandas.DataFrame
        A transitive reachability matrix (see :func:`transitive_closure`).

    Returns
    -------
    LevelPartition
        ``levels`` (element -> level, 1 = top), the ``iterations`` and the summary ``table``.

    Raises
    ------
    ISMInputError
        If the matrix is not transitive (partitioning is defined on the final matrix only).

    Examples
    --------
    >>> m = pd.DataFrame([[1, 1, 1], [0, 1, 1], [0, 0, 1]], index=list("abc"),
    ...                  columns=list("abc"))
    >>> level_partition(m).levels.to_dict()
    {'a': 3, 'b': 2, 'c': 1}
    """
    reach = _as_boolean(final)
    np.fill_diagonal(reach, True)
    labels = list(final.index)
    closed = reach.copy()
    for k in range(len(labels)):
        closed |= closed[:, [k]] & closed[[k], :]
    if (closed != reach).any():
        i, j = np.argwhere(closed != reach)[0]
        raise ISMInputError(
            f"reachability matrix is not transitive: {labels[i]!r} reaches {labels[j]!r} through "
            "other elements but the entry is 0; partition the final matrix "
            "(transitive_closure)"
        )
    remaining = list(range(len(labels)))
    levels: dict = {}
    iterations: list[pd.DataFrame] = []
    rows: dict = {}
    level = 0
    while remaining:
        level += 1
        keep = np.array(remaining)
        sub = reach[np.ix_(keep, keep)]
        records = []
        for pos, element in enumerate(keep):
            r_set = tuple(labels[k] for k in keep[sub[pos]])
            a_set = tuple(labels[k] for k in keep[sub[:, pos]])
            inter = tuple(x for x in r_set if x in set(a_set))
            top = len(inter) == len(r_set)
            records.append((labels[element], r_set, a_set, inter, top))
        frame = pd.DataFrame(
            records, columns=["element", "reachability", "antecedent", "intersection", "top"]
        ).set_index("element")
        iterations.append(frame)
        tops = [e for e, t in zip(keep, frame["top"], strict=True) if t]
        for element in tops:
            levels[labels[element]] = level
            rows[labels[element]] = (
                *frame.loc[labels[element], ["reachability", "antecedent", "intersection"]],
                level,
            )
        remaining = [e for e in remaining if e not in set(tops)]
    table = pd.DataFrame.from_dict(
        rows, orient="index", columns=["reachability", "antecedent", "intersection", "level"]
    ).loc[labels]
    table.index.name = "element"
    return LevelPartition(
        levels=pd.Series(levels, name="level").loc[labels], iterations=iterations, table=table
    )


def driving_dependence(final: pd.DataFrame) -> pd.DataFrame:
    """Driving power (row sums) and dependence (column sums) of the final matrix.

    Examples
    --------
    >>> m = pd.DataFrame([[1, 1], [0, 1]], index=list("ab"), columns=list("ab"))
    >>> driving_dependence(m).to_dict("list")
    {'driving_power': [2, 1], 'dependence': [1, 2]}
    """
    reach = _as_boolean(final).astype(int)
    return pd.DataFrame(
        {"driving_power": reach.sum(axis=1), "dependence": reach.sum(axis=0)},
        index=pd.Index(list(final.index), name="element"),
    )


@dataclass(frozen=True)
class ISMResult:
    """Everything ISM derives from one SSIM (see :func:`ism`)."""

    initial: pd.DataFrame  #: initial reachability matrix (0/1)
    final: pd.DataFrame  #: final reachability matrix (0/1)
    added: pd.DataFrame  #: entries added by transitivity (bool)
    partition: LevelPartition
    power: pd.DataFrame  #: driving_power and dependence per element
    aggregation: AggregatedSSIM | None = None

    @property
    def levels(self) -> pd.Series:
        """The level of each element (1 = the top of the model)."""
        return self.partition.levels

    def marked(self) -> pd.DataFrame:
        """The final matrix as published: ``"1"``, ``"1*"`` (by transitivity) or ``"0"``."""
        text = self.final.astype(str)
        return text.mask(self.added, "1*")


def ism(
    ssim: pd.DataFrame,
    elements: Sequence,
    threshold: float = 0.5,
    include_ties: bool = False,
    expert: str = "expert_id",
) -> ISMResult:
    """Run ISM on the SSIM rows of one or several experts.

    Parameters are those of :func:`aggregate_reachability` (one expert: the aggregation keeps
    their judgement as it is).

    Examples
    --------
    >>> t = pd.DataFrame({"element_i": ["a", "b", "a"], "element_j": ["b", "c", "c"],
    ...                   "relation": ["V", "V", "O"]})
    >>> r = ism(t, ["a", "b", "c"])
    >>> r.marked().loc["a"].tolist(), r.levels.tolist()
    (['1', '1', '1*'], [3, 2, 1])
    """
    aggregated = aggregate_reachability(ssim, elements, threshold, include_ties, expert)
    final, added = transitive_closure(aggregated.matrix)
    return ISMResult(
        initial=aggregated.matrix,
        final=final,
        added=added,
        partition=level_partition(final),
        power=driving_dependence(final),
        aggregation=aggregated,
    )
