"""Kendall's W against R's irr / DescTools documented examples."""

import numpy as np
import pandas as pd
import pytest

from ikmpolicy.agreement import kendall_w

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
