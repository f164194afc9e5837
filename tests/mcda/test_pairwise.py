"""Tests for pairwise_matrix, Harker completion, inconsistency listing and repair."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ikmpolicy.mcda import (
    JudgementError,
    ahp,
    harker_complete,
    inconsistent_judgements,
    pairwise_matrix,
    repair_judgements,
)


def _table(rows, file="pairwise.csv"):
    t = pd.DataFrame(rows, columns=["respondent_id", "criterion_a", "criterion_b", "value"])
    t.insert(0, "session_id", "S1")
    t.insert(2, "stakeholder_id", "ORG1")
    t["_row"] = np.arange(2, len(t) + 2)  # row 1 is the header in the user's file
    t["_file"] = file
    return t


def test_builds_reciprocal_matrices_per_respondent_in_given_order():
    t = _table(
        [
            ("R1", "B", "A", 3.0),
            ("R1", "A", "C", 1 / 5),
            ("R1", "B", "C", 2.0),
            ("R2", "A", "B", 1.0),
            ("R2", "C", "A", 1 / 3),
            ("R2", "B", "C", 1.0),
            ("R2", "A", "B", 1.0),  # exact duplicate: harmless
        ]
    )
    mats = pairwise_matrix(t, criteria=["C", "B", "A"])
    assert set(mats) == {"R1", "R2"}
    r1 = mats["R1"]
    assert list(r1.index) == ["C", "B", "A"] and list(r1.columns) == ["C", "B", "A"]
    assert r1.loc["B", "A"] == 3.0 and r1.loc["A", "B"] == pytest.approx(1 / 3)
    assert r1.loc["C", "A"] == pytest.approx(5.0)
    np.testing.assert_allclose(r1.to_numpy() * r1.to_numpy().T, 1.0)
    assert mats.imputed == {"R1": [], "R2": []}
    # Without `criteria`: order of first appearance.
    assert list(pairwise_matrix(t)["R1"].index) == ["B", "A", "C"]


def test_value_outside_scale_names_file_row_respondent_and_pair():
    t = _table([("R1", "A", "B", 3.0), ("R1", "A", "C", 10.0), ("R1", "B", "C", 1.0)])
    with pytest.raises(
        JudgementError,
        match=r"pairwise.csv row 3: judge R1, pair \(A, C\): value 10 is outside "
        r"Saaty's scale 1/9..9",
    ):
        pairwise_matrix(t)


def test_non_reciprocal_duplicate_is_refused():
    t = _table(
        [("R1", "A", "B", 3.0), ("R1", "B", "A", 3.0), ("R1", "A", "C", 1.0), ("R1", "B", "C", 1.0)]
    )
    with pytest.raises(
        JudgementError,
        match=r"row 3: judge R1, pair \(B, A\): value 3 is not "
        r"reciprocal to pairwise.csv row 2.*expected 1/3",
    ):
        pairwise_matrix(t)


def test_contradicting_duplicate_is_refused():
    t = _table([("R1", "A", "B", 3.0), ("R1", "A", "B", 5.0)])
    with pytest.raises(
        JudgementError,
        match=r"row 3: judge R1, pair \(A, B\): value 5 "
        r"contradicts pairwise.csv row 2",
    ):
        pairwise_matrix(t)


def test_self_comparison_must_be_one_and_unknown_criteria_are_named():
    with pytest.raises(JudgementError, match=r"compared with itself must be 1, got 3"):
        pairwise_matrix(_table([("R1", "A", "A", 3.0), ("R1", "A", "B", 2.0)]))
    with pytest.raises(JudgementError, match=r"criterion 'Z' is not one of the criteria"):
        pairwise_matrix(_table([("R1", "A", "Z", 3.0)]), criteria=["A", "B"])
    with pytest.raises(JudgementError, match=r"value 'x' is not a number"):
        pairwise_matrix(_table([("R1", "A", "B", "x")]))
    with pytest.raises(JudgementError, match=r"missing column"):
        pairwise_matrix(pd.DataFrame({"respondent_id": ["R1"], "value": [1.0]}))


def test_disconnected_comparisons_are_refused_with_the_groups():
    # R1 compares A-B and C-D only: nothing links {A, B} to {C, D}.
    t = _table([("R1", "A", "B", 3.0), ("R1", "C", "D", 2.0)])
    with pytest.raises(JudgementError, match=r"judge R1: .*disconnected: \{A, B\} \| \{C, D\}"):
        pairwise_matrix(t)
    # A criterion a respondent never compared is disconnected too.
    t = _table([("R1", "A", "B", 3.0), ("R2", "A", "C", 2.0), ("R2", "B", "C", 2.0)])
    with pytest.raises(JudgementError, match=r"judge R1: .*\{A, B\} \| \{C\}"):
        pairwise_matrix(t)


def test_missing_pairs_are_completed_by_harker_and_listed():
    # R1 skipped (A, C). The spanning tree A-B, B-C completes consistently: a_AC = 2 * 3.
    t = _table([("R1", "A", "B", 2.0), ("R1", "B", "C", 3.0)])
    mats = pairwise_matrix(t)
    assert mats.imputed["R1"] == [("A", "C")]
    assert np.isnan(mats.raw["R1"].loc["A", "C"])
    assert mats["R1"].loc["A", "C"] == pytest.approx(6.0)
    assert ahp(mats["R1"]).cr == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(JudgementError, match=r"missing comparisons \[\('A', 'C'\)\]"):
        pairwise_matrix(t, complete=False)


def test_harker_weights_are_the_eigenvector_of_the_completed_matrix():
    # Harker (1987): the completed matrix has the eigenvector of the modified matrix C as its own
    # principal eigenvector; checked with LAPACK, independently of our power iteration.
    nan = np.nan
    m = np.array([[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, nan], [1 / 2, 1 / 4, nan, 1]])
    full = harker_complete(m).to_numpy()
    c = np.nan_to_num(m, nan=0.0)
    c[np.diag_indices(4)] = 1 + np.isnan(m).sum(axis=1)
    vals, vecs = np.linalg.eig(c)
    w = np.abs(vecs[:, np.argmax(vals.real)].real)
    w /= w.sum()
    assert full[2, 3] == pytest.approx(w[2] / w[3], rel=1e-10)
    vals2, vecs2 = np.linalg.eig(full)
    w2 = np.abs(vecs2[:, np.argmax(vals2.real)].real)
    np.testing.assert_allclose(w2 / w2.sum(), w, rtol=1e-9)
    # Known entries are kept, reciprocity holds.
    np.testing.assert_array_equal(full[~np.isnan(m)], m[~np.isnan(m)])
    np.testing.assert_allclose(full * full.T, 1.0)


@st.composite
def consistent_with_holes(draw):
    n = draw(st.integers(3, 8))
    w = draw(arrays(np.float64, n, elements=st.floats(0.05, 1.0)))
    m = w[:, None] / w[None, :]
    # A random spanning tree keeps the comparisons connected; drop some other pairs.
    order = draw(st.permutations(range(n)))
    keep = {frozenset((order[k], order[draw(st.integers(0, k - 1))])) for k in range(1, n)}
    holes = np.zeros((n, n), bool)
    for i in range(n):
        for j in range(i + 1, n):
            if frozenset((i, j)) not in keep and draw(st.booleans()):
                holes[i, j] = holes[j, i] = True
    m = m.copy()
    m[holes] = np.nan
    return w / w.sum(), m


@settings(max_examples=100, deadline=None)
@given(consistent_with_holes())
def test_harker_restores_any_consistent_matrix(case):
    w, m = case
    full = harker_complete(m).to_numpy()
    np.testing.assert_allclose(full, w[:, None] / w[None, :], rtol=1e-8)


def test_inconsistent_judgements_points_at_the_planted_error():
    # Consistent judgements from w = (.4, .3, .2, .1), except A over D stated as 1/4 (not 4).
    w = np.array([0.4, 0.3, 0.2, 0.1])
    m = w[:, None] / w[None, :]
    m[0, 3], m[3, 0] = 1 / 4, 4
    labels = ["A", "B", "C", "D"]
    df = pd.DataFrame(m, index=labels, columns=labels)
    top = inconsistent_judgements(df, top=2)
    assert {top.loc[0, "criterion_a"], top.loc[0, "criterion_b"]} == {"A", "D"}
    assert top.loc[0, "deviation"] > top.loc[1, "deviation"] >= 1
    assert list(top.columns) == ["criterion_a", "criterion_b", "value", "implied", "deviation"]
    rep = repair_judgements(df, round_to_scale=True)
    assert rep.cr_before > 0.1 >= rep.cr_after
    assert {rep.changes.loc[0, "criterion_a"], rep.changes.loc[0, "criterion_b"]} == {"A", "D"}
    # The proposal restores the judgement the others imply (A over D = 4).
    assert rep.matrix.loc["A", "D"] == pytest.approx(4.0)
    assert rep.matrix.loc["D", "A"] == pytest.approx(0.25)
    assert rep.cr_after == pytest.approx(0.0, abs=1e-12)


def test_repair_leaves_consistent_matrices_alone():
    m = np.array([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    rep = repair_judgements(m)
    assert rep.changes.empty
    np.testing.assert_array_equal(rep.matrix.to_numpy(), m)
