"""The descriptive readiness profile, against a plain independent computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.profile import MIN_GROUP, dimension_profile, latest_assessments


def test_latest_is_the_last_date_per_firm(sample):
    latest = latest_assessments(sample["assessments"])
    assert latest["firm_id"].is_unique
    for row in latest.itertuples(index=False):
        dates = sample["assessments"].loc[
            sample["assessments"]["firm_id"] == row.firm_id, "assessment_date"
        ]
        assert row.assessment_date == dates.max()


def test_profile_matches_a_loop_over_firms(sample):
    indicators = list(sample.indicators["indicator"])
    latest = latest_assessments(sample["assessments"])
    result = dimension_profile(latest, sample["firms"], indicators, by="sub_sector")
    sector_of = dict(zip(sample["firms"]["firm_id"], sample["firms"]["sub_sector"], strict=True))
    for sector in result.index:
        rows = [r for r in latest.to_dict("records") if sector_of[r["firm_id"]] == sector]
        assert result.loc[sector, "firms"] == len(rows)
        for ind in indicators:
            values = [r[ind] for r in rows if not np.isnan(r[ind])]
            assert np.isclose(result.loc[sector, ind], sum(values) / len(values))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from("abc"), min_size=1, max_size=12))
def test_groups_below_the_minimum_are_suppressed(groups):
    n = len(groups)
    latest = pd.DataFrame({"firm_id": range(n), "q": np.arange(n, dtype=float)})
    firms = pd.DataFrame({"firm_id": range(n), "g": groups})
    result = dimension_profile(latest, firms, ["q"], by="g")
    for group, size in pd.Series(groups).value_counts().items():
        assert result.loc[group, "suppressed"] == (size < MIN_GROUP)
        assert np.isnan(result.loc[group, "q"]) == (size < MIN_GROUP)


def test_threshold_is_a_parameter_shared_with_the_index():
    from ikmpolicy.readiness import IndexSpec

    latest = pd.DataFrame({"firm_id": range(7), "q": np.arange(7.0)})
    firms = pd.DataFrame({"firm_id": range(7), "g": list("aaaabbb")})
    assert dimension_profile(latest, firms, ["q"], by="g")["suppressed"].tolist() == [False, False]
    strict = dimension_profile(latest, firms, ["q"], by="g", min_group=4)
    assert strict["suppressed"].tolist() == [False, True]
    assert np.isnan(strict.loc["b", "q"]) and strict.loc["a", "q"] == 1.5
    assert IndexSpec().min_group == MIN_GROUP == 3
