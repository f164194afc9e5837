"""Cronbach's alpha against R psych values reproduced in pingouin's test suite."""

import numpy as np
import pandas as pd
import pytest

from ikmpolicy.agreement import cronbach_alpha

# pingouin, datasets/cronbach_alpha.csv (15 respondents x 10 items), long format. pingouin's
# tests/test_reliability.py compares with R psych::alpha: alpha = 0.592, 95% CI [0.195, 0.840].
SCORES = {
    "Q1": [3, 5, 7, 2, 6, 1, 4, 2, 6, 5, 4, 4, 5, 6, 4],
    "Q2": [2, 4, 3, 4, 5, 2, 3, 4, 5, 4, 3, 2, 5, 5, 3],
    "Q3": [4, 6, 5, 3, 6, 3, 5, 4, 5, 6, 5, 3, 6, 5, 5],
    "Q4": [1, 3, 5, 3, 5, 4, 3, 3, 5, 4, 2, 2, 2, 4, 5],
    "Q5": [4, 5, 6, 2, 4, 2, 5, 7, 1, 3, 5, 5, 3, 2, 3],
    "Q6": [5, 1, 4, 2, 4, 5, 2, 2, 6, 5, 3, 3, 3, 2, 1],
    "Q7": [1, 2, 3, 2, 4, 2, 1, 2, 5, 3, 2, 4, 2, 1, 3],
    "Q8": [4, 5, 3, 6, 6, 3, 2, 4, 2, 1, 3, 2, 4, 4, 2],
    "Q9": [3, 5, 6, 6, 7, 5, 4, 6, 3, 7, 4, 3, 4, 6, 3],
    "Q10": [2, 5, 5, 3, 5, 2, 3, 5, 2, 2, 1, 4, 5, 5, 4],
}

# pingouin, datasets/cronbach_wide_missing.csv (12 x 11, binary, 3 missing). R
# psych::alpha(data, use = "pairwise"): 0.732661, CI [0.435, 0.909]; on complete cases:
# 0.801695, CI [0.533, 0.947] (pingouin tests/test_reliability.py).
WIDE_MISSING = """1,1,1,1,1,1,1,1,1,1,1
1,1,1,1,1,1,1,1,0,1,0
,0,1,1,,1,1,1,1,0,0
1,1,1,0,1,1,0,1,1,0,0
1,1,1,1,1,0,0,0,1,0,0
0,1,,0,1,1,1,1,0,0,0
1,1,1,1,0,0,1,0,0,0,0
1,1,1,1,1,0,0,0,0,0,0
0,1,0,1,1,0,0,0,0,1,0
1,0,0,1,0,1,0,0,,0,0
1,1,1,0,0,0,0,0,0,0,0
1,0,0,1,0,0,0,0,0,0,0"""


def _wide_missing():
    rows = [
        [float(v) if v else np.nan for v in line.split(",")] for line in WIDE_MISSING.splitlines()
    ]
    return pd.DataFrame(rows, columns=[f"Q{i}" for i in range(1, 12)])


def test_psych_example_complete_data():
    res = cronbach_alpha(pd.DataFrame(SCORES))
    assert round(res["alpha"], 3) == 0.592
    assert round(res["ci_low"], 3) == 0.195
    assert round(res["ci_high"], 3) == 0.840
    assert (res["n"], res["k"]) == (15, 10)


def test_psych_example_with_missing_values():
    data = _wide_missing()
    pw = cronbach_alpha(data)
    assert round(pw["alpha"], 6) == 0.732661
    assert (round(pw["ci_low"], 3), round(pw["ci_high"], 3)) == (0.435, 0.909)
    lw = cronbach_alpha(data, nan_policy="listwise")
    assert round(lw["alpha"], 6) == 0.801695
    assert (round(lw["ci_low"], 3), round(lw["ci_high"], 3)) == (0.533, 0.947)
    assert lw["n"] == 9


def test_variance_formula_and_bad_input():
    x = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [2, 2, 3, 5, 5], "q3": [1, 3, 3, 4, 4]})
    k = 3
    item_var = x.var(ddof=1).sum()
    total_var = x.sum(axis=1).var(ddof=1)
    assert cronbach_alpha(x)["alpha"] == pytest.approx(k / (k - 1) * (1 - item_var / total_var))
    with pytest.raises(ValueError, match="at least 2 items"):
        cronbach_alpha(x[["q1"]])
    with pytest.raises(ValueError, match="nan_policy"):
        cronbach_alpha(x, nan_policy="omit")


def test_mtcars_easystats_performance():
    # R datasets::mtcars, columns cyl, gear, carb, hp (32 cars). easystats' performance package
    # tests cronbachs_alpha() on them: 0.09463206 (tests/testthat/test-cronbachs_alpha.R).
    cyl = [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8]
    cyl += [6, 8, 4]
    gear = [4, 4, 4, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 4, 5, 5]
    gear += [5, 5, 5, 4]
    carb = [4, 4, 1, 1, 2, 1, 4, 2, 2, 4, 4, 3, 3, 3, 4, 4, 4, 1, 2, 1, 1, 2, 2, 4, 2, 1, 2, 2]
    carb += [4, 6, 8, 2]
    hp = [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66]
    hp += [52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109]
    x = pd.DataFrame({"cyl": cyl, "gear": gear, "carb": carb, "hp": hp})
    # transcription check against mtcars' well-known means (6.1875, 3.6875, 2.8125, 146.6875)
    assert x.mean().tolist() == [6.1875, 3.6875, 2.8125, 146.6875]
    assert cronbach_alpha(x)["alpha"] == pytest.approx(0.09463206, abs=5e-9)


def test_ltm_tutorial_low_consistency_example():
    # GeeksforGeeks, "How to Calculate Cronbach's Alpha in R?" (2022): ltm::cronbach.alpha on
    # this 11 x 3 sample_data prints alpha: 0.231.
    x = pd.DataFrame(
        {
            "var1": [1, 2, 1, 2, 1, 2, 1, 3, 3, 1, 4],
            "var2": [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3],
            "var3": [2, 1, 3, 1, 2, 3, 3, 4, 4, 2, 1],
        }
    )
    assert round(cronbach_alpha(x)["alpha"], 3) == 0.231


def test_non_numeric_scores_raise_agreement_error():
    from ikmpolicy.agreement import AgreementError

    with pytest.raises(AgreementError, match="numeric"):
        cronbach_alpha(pd.DataFrame({"a": ["x", "y", "z"], "b": [1, 2, 3]}))
