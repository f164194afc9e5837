"""ISM: published cases, an independent computation (networkx) and properties."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.structure import (
    ISMInputError,
    aggregate_reachability,
    driving_dependence,
    ism,
    level_partition,
    ssim_from_matrix,
    transitive_closure,
)

# Published final reachability sets of 20 elements T1..T20 (PubMed Central article PMC9444705,
# Table 6, "Reachable set, antecedent set and their intersection table", first iteration).
PMC9444705_REACH = {
    1: [1, 5, 10, 11, 13],
    2: [2, 4, 5, 7, 8, 9, 10, 11, 12, 13],
    3: [3, 5, 10, 11, 13],
    4: [4, 5, 7, 10, 11, 12, 13],
    5: [5, 10, 11, 13],
    6: [5, 6, 10, 11, 13],
    7: [4, 5, 7, 10, 11, 12, 13],
    8: [4, 5, 7, 8, 10, 11, 12, 13],
    9: [2, 4, 5, 7, 8, 9, 10, 11, 12, 13],
    10: [5, 10, 11, 13],
    11: [5, 10, 11, 13],
    12: [4, 5, 7, 10, 11, 12, 13],
    13: [5, 10, 11, 13],
    14: [2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14],
    15: [4, 5, 7, 10, 11, 12, 13, 15],
    16: [5, 10, 11, 13, 16],
    17: [2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 17],
    18: [2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 18],
    19: [1, 5, 10, 11, 13, 19],
    20: [2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 20],
}
# The same table's antecedent and intersection sets as printed. T1's antecedent set is printed
# "1, 12", but T12's own reachability set (above) does not hold 1 while T19's does: a misprint
# for "1, 19", which is what the reachability sets give.
PMC9444705_ANTECEDENT = {
    1: [1, 19],
    2: [2, 9, 14, 17, 18, 20],
    3: [3],
    4: [2, 4, 7, 8, 9, 12, 14, 15, 17, 18, 20],
    5: list(range(1, 21)),
    6: [6],
    7: [2, 4, 7, 8, 9, 12, 14, 15, 17, 18, 20],
    8: [2, 8, 9, 14, 17, 18, 20],
    9: [2, 9, 14, 17, 18, 20],
    10: list(range(1, 21)),
    11: list(range(1, 21)),
    12: [2, 4, 7, 8, 9, 12, 14, 15, 17, 18, 20],
    13: list(range(1, 21)),
    14: [14],
    15: [15],
    16: [16],
    17: [17],
    18: [18],
    19: [19],
    20: [20],
}
PMC9444705_INTERSECTION = {
    1: [1],
    2: [2, 9],
    3: [3],
    4: [4, 7, 12],
    5: [5, 10, 11, 13],
    6: [6],
    7: [4, 7, 12],
    8: [8],
    9: [2, 9],
    10: [5, 10, 11, 13],
    11: [5, 10, 11, 13],
    12: [4, 7, 12],
    13: [5, 10, 11, 13],
    14: [14],
    15: [15],
    16: [16],
    17: [17],
    18: [18],
    19: [19],
    20: [20],
}


def _matrix(reach: dict) -> pd.DataFrame:
    labels = list(reach)
    return pd.DataFrame(
        [[int(j in reach[i]) for j in labels] for i in labels], index=labels, columns=labels
    )


def test_pmc9444705_sets_of_the_first_iteration():
    final = _matrix(PMC9444705_REACH)
    first = level_partition(final).iterations[0]
    for element in PMC9444705_REACH:
        assert list(first.loc[element, "reachability"]) == PMC9444705_REACH[element]
        assert list(first.loc[element, "antecedent"]) == PMC9444705_ANTECEDENT[element]
        assert list(first.loc[element, "intersection"]) == PMC9444705_INTERSECTION[element]
    # the top level of the first iteration: R = R ∩ A holds for T5, T10, T11, T13 only
    assert sorted(first.index[first["top"]]) == [5, 10, 11, 13]


def test_pmc9444705_matrix_is_already_transitive_and_powers_are_set_sizes():
    final = _matrix(PMC9444705_REACH)
    closed, added = transitive_closure(final)
    assert not added.to_numpy().any()
    power = driving_dependence(closed)
    assert power["driving_power"].to_dict() == {k: len(v) for k, v in PMC9444705_REACH.items()}
    assert power["dependence"].to_dict() == {k: len(v) for k, v in PMC9444705_ANTECEDENT.items()}


def test_warfield_divisibility_example():
    # Dialogic Design Science wiki, "Partitioning of an Element" (after Warfield 1976): the
    # relation "i divides j" on {1, 2, 3, 4} has the reachability matrix printed there.
    printed = pd.DataFrame(
        [[1, 1, 1, 1], [0, 1, 0, 1], [0, 0, 1, 0], [0, 0, 0, 1]],
        index=[1, 2, 3, 4],
        columns=[1, 2, 3, 4],
    )
    derived = pd.DataFrame(
        [[int(j % i == 0) for j in range(1, 5)] for i in range(1, 5)],
        index=[1, 2, 3, 4],
        columns=[1, 2, 3, 4],
    )
    assert (printed == derived).all().all()
    final, added = transitive_closure(printed)
    assert not added.to_numpy().any()
    # numbers nothing else divides are on top; 1 divides all and is the root
    assert level_partition(final).levels.to_dict() == {1: 3, 2: 2, 3: 1, 4: 1}


def test_ssim_symbols_and_transitive_entries_marked():
    ssim = ssim_from_matrix(
        pd.DataFrame(
            [["", "V", "O", "O"], ["", "", "V", "A"], ["", "", "", "O"], ["", "", "", ""]],
            index=list("abcd"),
            columns=list("abcd"),
        )
    )
    result = ism(ssim, list("abcd"))
    assert result.initial.to_numpy().tolist() == [
        [1, 1, 0, 0],
        [0, 1, 1, 0],
        [0, 0, 1, 0],
        [0, 1, 0, 1],
    ]
    marked = result.marked()
    assert marked.loc["a", "c"] == "1*" and marked.loc["d", "c"] == "1*"
    assert marked.loc["a", "b"] == "1" and marked.loc["c", "a"] == "0"
    assert result.levels.to_dict() == {"a": 3, "b": 2, "c": 1, "d": 3}


def test_aggregation_rule_majority_and_ties():
    rows = [(e, "a", "b", r) for e, r in [(1, "V"), (2, "V"), (3, "O"), (4, "X")]]
    t = pd.DataFrame(rows, columns=["expert_id", "element_i", "element_j", "relation"])
    strict = aggregate_reachability(t, ["a", "b"])
    assert strict.share.loc["a", "b"] == 0.75 and strict.share.loc["b", "a"] == 0.25
    assert strict.matrix.loc["a", "b"] == 1 and strict.matrix.loc["b", "a"] == 0
    tie = t.assign(relation=["V", "V", "O", "O"])
    assert aggregate_reachability(tie, ["a", "b"]).matrix.loc["a", "b"] == 0
    assert aggregate_reachability(tie, ["a", "b"], include_ties=True).matrix.loc["a", "b"] == 1
    assert aggregate_reachability(tie, ["a", "b"], threshold=0.4).matrix.loc["a", "b"] == 1


def test_unjudged_pair_is_no_link_and_reported():
    t = pd.DataFrame({"element_i": ["a"], "element_j": ["b"], "relation": ["V"]})
    result = aggregate_reachability(t, ["a", "b", "c"])
    assert result.unjudged == [("a", "c"), ("b", "c")]
    assert result.matrix.loc["a", "c"] == 0


@pytest.mark.parametrize(
    "rows, message",
    [
        ([("a", "a", "V")], "itself"),
        ([("a", "z", "V")], "not one of the elements"),
        ([("a", "b", "Q")], "expected one of V, A, X, O"),
        ([("a", "b", "V"), ("b", "a", "A")], "more than once"),
    ],
)
def test_bad_ssim_is_refused(rows, message):
    t = pd.DataFrame(rows, columns=["element_i", "element_j", "relation"])
    with pytest.raises(ISMInputError, match=message):
        ism(t, ["a", "b"])


def test_partition_refuses_a_matrix_that_is_not_transitive():
    m = pd.DataFrame([[1, 1, 0], [0, 1, 1], [0, 0, 1]], index=list("abc"), columns=list("abc"))
    with pytest.raises(ISMInputError, match="not transitive"):
        level_partition(m)


matrices = st.integers(1, 9).flatmap(
    lambda n: st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=n, max_size=n)
)


@settings(max_examples=80, deadline=None)
@given(matrices)
def test_closure_properties(rows):
    n = len(rows)
    start = pd.DataFrame(np.array(rows, dtype=int), index=range(n), columns=range(n))
    final, added = transitive_closure(start)
    r = final.to_numpy().astype(bool)
    # transitive, idempotent, contains the start and the diagonal
    assert not ((r.astype(int) @ r.astype(int) > 0) & ~r).any()
    again, more = transitive_closure(final)
    assert (again == final).all().all() and not more.to_numpy().any()
    assert (r >= (np.array(rows, dtype=bool) | np.eye(n, dtype=bool))).all()
    # the same as networkx's transitive closure (an independent computation)
    graph = nx.from_numpy_array(np.array(rows, dtype=int), create_using=nx.DiGraph)
    closure = nx.transitive_closure(graph, reflexive=True)
    expected = nx.to_numpy_array(closure, nodelist=range(n), dtype=int).astype(bool)
    assert (r == expected).all()
    # levels partition the elements; driving power and dependence are row and column sums
    part = level_partition(final)
    assert sorted(part.levels.index) == list(range(n))
    assert set(part.levels) == set(range(1, part.levels.max() + 1))
    power = driving_dependence(final)
    assert (power["driving_power"].to_numpy() == r.sum(axis=1)).all()
    assert (power["dependence"].to_numpy() == r.sum(axis=0)).all()
    # an independent definition of the level: 1 + the highest level among the elements reached
    # outside the element's own cycle (condensation of the digraph)
    cond = nx.condensation(nx.from_numpy_array(r.astype(int), create_using=nx.DiGraph))
    level = {}
    for c in reversed(list(nx.topological_sort(cond))):
        level[c] = 1 + max((level[s] for s in cond.successors(c)), default=0)
    for c in cond:
        for member in cond.nodes[c]["members"]:
            assert part.levels[member] == level[c]
