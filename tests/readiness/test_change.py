"""Change between two dates, with the Wilcoxon signed-rank test checked against scipy."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ikmpolicy.readiness import (
    IndexDataError,
    IndexSpecError,
    assessments_on,
    change_over_time,
)

from .readiness_data import INDICATORS, make_sample


@pytest.fixture
def two_dates():
    a, firms = make_sample(date="2024-05-01")
    rng = np.random.default_rng(11)
    b = a.copy()
    b["assessment_date"] = pd.Timestamp("2025-05-01")
    b[INDICATORS] = np.clip(b[INDICATORS] + rng.integers(-1, 3, size=(len(b), 9)), 1, 5)
    return pd.concat([a, b], ignore_index=True), firms


def test_changes_by_hand(meta):
    a = pd.DataFrame(
        {
            "firm_id": ["A", "B", "A", "B"],
            "assessment_date": pd.to_datetime(["2024-01-01"] * 2 + ["2025-01-01"] * 2),
            **{i: [1.0, 3.0, 2.0, 3.0] for i in INDICATORS},
        }
    )
    res = change_over_time(a, meta)
    row = res.changes[(res.changes.firm_id == "A") & (res.changes.dimension == "licensing")]
    assert row["before"].item() == 0.0 and row["after"].item() == 25.0  # goalposts 1..5
    assert row["change"].item() == 25.0


def test_wilcoxon_matches_scipy(meta, two_dates):
    data, firms = two_dates
    res = change_over_time(data, meta, firms)
    for lev in ["licensing", "overall"]:
        d = res.changes.loc[res.changes.dimension == lev, "change"].dropna().to_numpy()
        d = d[np.abs(d) > 1e-12]
        ref = stats.wilcoxon(d, alternative="greater")
        assert res.tests.loc[lev, "p_value"] == pytest.approx(ref.pvalue)
        assert res.tests.loc[lev, "statistic"] == pytest.approx(ref.statistic)
    assert res.tests.loc["overall", "p_value"] < 0.01  # the group did improve
    assert res.tests.loc["overall", "n_pairs"] == 60


def test_no_change_gives_p_one(meta):
    a, firms = make_sample()
    b = a.assign(assessment_date=pd.Timestamp("2025-01-01"))
    res = change_over_time(pd.concat([a, b]), meta, firms)
    assert (res.tests["p_value"] == 1.0).all()
    assert (res.tests["n_nonzero"] == 0).all()


def test_refuses_non_comparable_choices(meta, two_dates):
    data, firms = two_dates
    with pytest.raises(IndexSpecError, match="'goalposts'"):
        change_over_time(data, meta, firms, normalisation="minmax")
    with pytest.raises(IndexSpecError, match="PCA"):
        change_over_time(data, meta, firms, dimension_weights="pca")
    with pytest.raises(IndexSpecError, match="no assessment on 2023-01-01"):
        change_over_time(data, meta, firms, date_before="2023-01-01")
    with pytest.raises(IndexDataError, match="two assessment dates"):
        change_over_time(make_sample()[0], meta)


def test_assessments_on_the_latest_date_by_default(two_dates):
    data, _ = two_dates
    date, rows = assessments_on(data)
    assert date == pd.Timestamp("2025-05-01")
    assert len(rows) == (data["assessment_date"] == date).sum() > 0


def test_assessments_on_a_date_given_as_text_or_date(two_dates):
    data, _ = two_dates
    for given in ("2024-05-01", pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-01").date()):
        date, rows = assessments_on(data, given)
        assert date == pd.Timestamp("2024-05-01")
        assert (rows["assessment_date"] == date).all() and len(rows) > 0


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("01/05/2024", "expected a date YYYY-MM-DD"),  # pandas would read 5 January
        ("2024-13-01", "expected a date YYYY-MM-DD"),
        ("mei 2024", "expected a date YYYY-MM-DD"),
        ("2023-01-01", "expected a date with assessments (there is none on 2023-01-01)"),
    ],
)
def test_assessments_on_a_bad_date_names_the_value_and_the_dates(two_dates, given, why):
    data, _ = two_dates
    with pytest.raises(IndexSpecError) as err:
        assessments_on(data, given)
    message = str(err.value)
    assert message.startswith(f"assessment_date: found {given!r}; {why}")
    assert message.endswith("dates in the data: 2024-05-01, 2025-05-01")


def test_hollander_wolfe_depression_example(meta):
    # Hollander, M. & Wolfe, D. A. (1973), Nonparametric Statistical Methods, Wiley, pp. 29f.,
    # the worked example of R's ?wilcox.test: Hamilton depression scale of 9 patients at the
    # first (x) and second (y) visit; wilcox.test(x, y, paired = TRUE, alternative = "greater")
    # gives V = 40, p-value = 0.01953 (exact). Here every indicator of firm i holds y_i + 1.5
    # at the first date and x_i + 1.5 at the second (inside the 1-5 scale), so each firm's
    # change is 25 (x_i - y_i) on the 0-100 goalposts scale: the same signed ranks.
    x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    firms = [f"P{i}" for i in range(9)]
    rows = [
        {"firm_id": f, "assessment_date": pd.Timestamp(day), **dict.fromkeys(INDICATORS, v + 1.5)}
        for day, values in (("2024-01-01", y), ("2024-06-01", x))
        for f, v in zip(firms, values, strict=True)
    ]
    res = change_over_time(pd.DataFrame(rows), meta)
    overall = res.tests.loc["overall"]
    assert overall["n_pairs"] == 9 and overall["n_nonzero"] == 9
    assert overall["statistic"] == pytest.approx(40.0)
    assert overall["p_value"] == pytest.approx(0.01953, abs=5e-6)
