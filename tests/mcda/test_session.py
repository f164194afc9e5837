"""session_judgement on the sample FGD, against an independent numpy computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ikmpolicy.mcda import pairwise_matrix, session_judgement

# Saaty's random index for n = 9 (Saaty 1980): 1.45
RI9 = 1.45


def principal(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


@pytest.fixture(scope="module")
def fgd(sample):
    pw = sample["pairwise"]
    rows = pw[pw["session_id"] == "fgd-2025-05-15"]
    helix = sample["stakeholders"].set_index("org_id")["helix"]
    groups = rows.drop_duplicates("respondent_id").set_index("respondent_id")["org_id"].map(helix)
    return rows, groups, session_judgement(rows, groups)


def test_individual_cr_and_group_weights_match_numpy(fgd):
    rows, _, result = fgd
    completed = pairwise_matrix(rows)
    stack = np.stack([m.to_numpy() for m in completed.values()])
    crs = []
    for m in stack:
        _, lam = principal(m)
        crs.append((lam - 9) / 8 / RI9)
    np.testing.assert_allclose(result.respondents["cr"].to_numpy(), crs, atol=1e-9)
    group, _ = principal(np.exp(np.log(stack).mean(axis=0)))
    np.testing.assert_allclose(result.weights["all"].to_numpy(), group, atol=1e-9)
    keep = np.array(crs) <= 0.10
    consistent, _ = principal(np.exp(np.log(stack[keep]).mean(axis=0)))
    np.testing.assert_allclose(result.weights["consistent"].to_numpy(), consistent, atol=1e-9)
    assert result.respondents["consistent"].tolist() == list(keep)


def test_weights_per_group_sum_to_one_and_single_member_is_its_own(fgd):
    rows, groups, result = fgd
    np.testing.assert_allclose(result.by_group.sum().to_numpy(), 1.0)
    assert set(groups) <= set(result.by_group.columns)
    sizes = groups.value_counts()
    for group in sizes.index[sizes == 1]:
        member = groups.index[groups == group][0]
        own, _ = principal(pairwise_matrix(rows)[member].to_numpy())
        np.testing.assert_allclose(result.by_group[group].to_numpy(), own, atol=1e-9)


def test_agreement_is_kendalls_w_of_the_priorities(fgd):
    rows, _, result = fgd
    completed = pairwise_matrix(rows)
    ranks = pd.DataFrame(
        {r: pd.Series(principal(m.to_numpy())[0]).rank() for r, m in completed.items()}
    )
    m, n = ranks.shape[1], ranks.shape[0]
    s = ((ranks.sum(axis=1) - ranks.sum(axis=1).mean()) ** 2).sum()
    # tie correction (Siegel & Castellan 1988, eq. 9.16): T = sum of t^3 - t over tie groups
    ties = sum(((c.value_counts() ** 3) - c.value_counts()).sum() for _, c in ranks.items())
    assert result.agreement["W"] == pytest.approx(12 * s / (m**2 * (n**3 - n) - m * ties))


def test_inconsistent_respondents_get_the_pair_to_reconsider(fgd):
    rows, _, result = fgd
    who = result.respondents
    assert who.loc[who["consistent"], "reconsider_a"].isna().all()
    completed = pairwise_matrix(rows)
    for r in who.index[~who["consistent"]]:
        m = completed[r].to_numpy()
        w, _ = principal(m)
        deviation = np.abs(np.log(m * w[None, :] / w[:, None]))
        i, j = np.unravel_index(np.argmax(deviation), deviation.shape)
        labels = list(completed[r].index)
        assert {who.loc[r, "reconsider_a"], who.loc[r, "reconsider_b"]} == {labels[i], labels[j]}
        a = labels.index(who.loc[r, "reconsider_a"])
        b = labels.index(who.loc[r, "reconsider_b"])
        assert who.loc[r, "reconsider_implied"] == pytest.approx(w[a] / w[b])


def test_respondents_who_weigh_everything_equally_agree_but_rank_nothing(sample):
    """All judgements 1 for every respondent: equal weights, and Kendall's W is 0/0 (each
    rater ties all items; Siegel & Castellan's tie-corrected denominator is zero), so W, chi2
    and p are NaN rather than an error that would stop the brief."""
    pw = sample["pairwise"]
    rows = pw[pw["session_id"] == "fgd-2025-05-15"].assign(value=1.0)
    helix = sample["stakeholders"].set_index("org_id")["helix"]
    groups = rows.drop_duplicates("respondent_id").set_index("respondent_id")["org_id"].map(helix)
    result = session_judgement(rows, groups)
    n = len(result.weights)
    np.testing.assert_allclose(result.weights["all"].to_numpy(), 1 / n)
    assert np.isnan(result.agreement[["W", "chi2", "pval"]].astype(float)).all()
    assert result.agreement["n_raters"] == groups.size
