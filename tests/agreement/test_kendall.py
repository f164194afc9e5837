"""Kendall's W against R's irr / DescTools documented examples."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ikmpolicy.agreement import AgreementError, kendall_w

# R package irr, data(anxiety): 20 subjects rated by 3 raters (also in DescTools::KendallW's
# examples). kendall(anxiety, correct = TRUE): Wt = 0.5396569, Chisq(19) = 30.76,
# p-value = 0.04288 (DescTools::KendallW(anxiety, TRUE, test = TRUE) documented output).
ANXIETY = pd.DataFrame(
    {
        "rater1": [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
        "rater2": [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
        "rater3": [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
    }
)


def test_irr_anxiety_with_tie_correction():
    res = kendall_w(ANXIETY)
    assert res["W"] == pytest.approx(0.5396569, abs=5e-8)
    assert round(res["chi2"], 2) == 30.76
    assert res["dof"] == 19
    assert round(res["pval"], 5) == 0.04288
    assert (res["n_items"], res["n_raters"]) == (20, 3)
    # Without the correction W is smaller (ties inflate the denominator's shortfall).
    assert kendall_w(ANXIETY, correct_ties=False)["W"] < res["W"]


def test_siegel_castellan_1988_example():
    # Siegel & Castellan (1988), as documented in DescTools::KendallW: 8 items ranked by 3
    # raters (ids 4, 21, 11): W = 0.6560847, chi-squared = 13.778, df = 7, p = 0.05528 (equal to
    # Friedman's test on the same data).
    d = pd.DataFrame(
        {
            "id4": [5, 6, 7, 1, 2, 4, 3, 8],
            "id21": [1, 7, 6, 2, 3, 5, 4, 8],
            "id11": [4, 5, 1, 3, 2, 7, 6, 8],
        },
        index=[
            "airfare",
            "climate",
            "season",
            "people",
            "program",
            "publicity",
            "present",
            "interest",
        ],
    )
    res = kendall_w(d)
    assert res["W"] == pytest.approx(0.6560847, abs=5e-8)
    assert round(res["chi2"], 3) == 13.778
    assert round(res["pval"], 5) == 0.05528


def test_perfect_and_listwise_missing():
    d = pd.DataFrame({"a": [1, 2, 3, 4], "b": [10, 20, 30, 40], "c": [1, 2, 3, np.nan]})
    res = kendall_w(d)
    assert res["W"] == pytest.approx(1.0)
    assert res["n_items"] == 3
    with pytest.raises(ValueError, match="at least 2 items"):
        kendall_w(pd.DataFrame({"a": [1], "b": [2]}))


def test_agreement_strength_bands():
    from ikmpolicy.agreement import agreement_strength

    # Schmidt (1997), Table 1: each published point falls in the band of its own word
    published = {0.1: "very_weak", 0.3: "weak", 0.5: "moderate", 0.7: "strong", 0.9: "very_strong"}
    for w, word in published.items():
        assert agreement_strength(w) == word
    assert agreement_strength(0.0) == "very_weak" and agreement_strength(1.0) == "very_strong"
    assert agreement_strength(0.2) == "weak"  # bands are closed below
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        agreement_strength(1.2)


def test_nag_g08daf_example_with_ties():
    # NAG Library, routine G08DAF (Kendall's coefficient of concordance), example program
    # results: k = 3 comparisons of n = 10 objects, scores with ties; W corrected for ties as
    # Siegel (1956). Published: W = 0.828, significance = 0.008.
    d = pd.DataFrame(
        {
            "c1": [1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
            "c2": [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
            "c3": [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0],
        }
    )
    res = kendall_w(d)
    assert round(res["W"], 3) == 0.828
    assert round(res["pval"], 3) == 0.008
    assert res["dof"] == 9


def test_undefined_w_raises_instead_of_nan():
    from ikmpolicy.agreement import AgreementError

    # every rater ties all items: with the tie correction W = 0/0
    flat = pd.DataFrame({"a": [1, 1, 1], "b": [2, 2, 2]})
    with pytest.raises(AgreementError, match="undefined"):
        kendall_w(flat)
    with pytest.raises(AgreementError, match="numeric"):
        kendall_w(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]}))


# Friedman (1937), Table V, reprinted as Siegel (1956), *Nonparametric Statistics for the
# Behavioral Sciences*, Table N: exact P(chi_r^2 >= value) for k items and N raters without
# ties (chi_r^2 = N (k - 1) W). (k, N): {chi_r^2: P}
FRIEDMAN_TABLE = {
    (3, 3): {6.0: 0.028, 4.667: 0.194, 2.667: 0.361, 2.0: 0.528, 0.667: 0.944},
    (3, 4): {8.0: 0.0046, 6.5: 0.042, 6.0: 0.069, 4.5: 0.125, 3.5: 0.273, 2.0: 0.431},
    (4, 2): {6.0: 0.042, 5.4: 0.167, 4.8: 0.208, 4.2: 0.375, 3.6: 0.458, 3.0: 0.542},
    (4, 3): {9.0: 0.0017, 8.2: 0.017, 7.4: 0.033, 7.0: 0.054, 6.6: 0.075, 5.8: 0.148},
}


def _brute_force_tail(ranks: np.ndarray) -> float:
    """The exact p-value by listing every order of every rater's ranks (an independent oracle:
    no states merged)."""
    import itertools

    n, m = ranks.shape

    def spread(sums):
        mean = sum(sums) / n
        return sum((r - mean) ** 2 for r in sums)

    observed = spread(ranks.sum(axis=1).tolist())
    orders = [list(itertools.permutations(ranks[:, j].tolist())) for j in range(m)]
    hits = total = 0
    for combo in itertools.product(*orders):
        total += 1
        hits += spread([sum(col) for col in zip(*combo, strict=True)]) >= observed - 1e-9
    return hits / total


def _design_with(k: int, raters: int, chi_r: float) -> pd.DataFrame:
    """Some ranking of k items by ``raters`` raters whose chi_r^2 is ``chi_r`` (searched)."""
    import itertools

    rows = list(itertools.permutations(range(1, k + 1)))
    for combo in itertools.product(rows, repeat=raters - 1):
        d = pd.DataFrame([list(range(1, k + 1)), *combo]).T
        if abs(kendall_w(d)["chi2"] - chi_r) < 1e-3:
            return d
    raise AssertionError(f"no design with chi_r^2 = {chi_r}")


@pytest.mark.parametrize(
    "k, raters, chi_r, p",
    [(k, n, c, p) for (k, n), row in FRIEDMAN_TABLE.items() for c, p in row.items()],
)
def test_exact_pvalue_matches_friedmans_table(k, raters, chi_r, p):
    res = kendall_w(_design_with(k, raters, chi_r), method="exact")
    assert res["test"] == "exact"
    # the table prints three decimals (four below 0.01)
    assert res["pval"] == pytest.approx(p, abs=0.0006 if p > 0.01 else 0.00006)


@given(
    st.integers(2, 4).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(1, 3), min_size=n, max_size=n), min_size=2, max_size=4
        )
    )
)
@settings(max_examples=40, deadline=None)
def test_exact_pvalue_equals_brute_force_with_ties(columns):
    import math

    d = pd.DataFrame(columns).T  # items x raters, scores with ties
    assume(math.factorial(len(d)) ** d.shape[1] <= 20_000)  # the oracle lists every order
    ranks = d.rank(axis=0).to_numpy()
    try:
        res = kendall_w(d, method="exact")
    except AgreementError:  # every rater tied every item: W undefined
        assume(False)
    assert res["test"] == "exact"
    assert res["pval"] == pytest.approx(_brute_force_tail(ranks), abs=1e-12)


def test_estimated_pvalue_is_close_to_the_exact_one(monkeypatch):
    import ikmpolicy.agreement.kendall as kendall

    d = _design_with(4, 3, 7.0)  # exact P = 0.054 (Friedman's table)
    exact = kendall_w(d, method="exact")["pval"]
    monkeypatch.setattr(kendall, "EXACT_WORK", 0)
    res = kendall_w(d, method="exact")
    assert res["test"] == "permutation"
    se = (exact * (1 - exact) / kendall.N_RESAMPLES) ** 0.5
    assert abs(res["pval"] - exact) < 4 * se
    assert kendall_w(d, method="exact")["pval"] == res["pval"]  # fixed seed: reproducible


def test_auto_is_exact_up_to_seven_items_and_chi_square_above():
    rng = np.random.default_rng(7)
    for n, test in ((7, {"exact", "permutation"}), (8, {"chi2"})):
        d = pd.DataFrame([rng.permutation(n) + 1 for _ in range(3)]).T
        res = kendall_w(d, method="auto")
        assert res["test"] in test
        assert kendall_w(d)["test"] == "chi2"  # the default stays R's chi-square
    assert kendall_w(ANXIETY, method="auto")["pval"] == pytest.approx(0.04288, abs=5e-6)
    with pytest.raises(AgreementError, match="unknown method"):
        kendall_w(ANXIETY, method="fisher")
