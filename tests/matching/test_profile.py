"""The firm profile: latest assessment as of a date, never a personal column."""

from __future__ import annotations

import pandas as pd
import pytest

from ikmpolicy.matching import PERSONAL_COLUMNS, MatchingError, firm_profile


def test_sample_profile_has_one_row_per_firm_and_no_personal_column(sample):
    prof = firm_profile(sample["firms"], sample["assessments"], sample.indicators, "2025-12-31")
    assert list(prof.index) == list(sample["firms"]["firm_id"])
    assert not PERSONAL_COLUMNS & set(prof.columns)
    assert {"owner_name", "owner_phone"} <= PERSONAL_COLUMNS
    assert "business_name" not in prof.columns
    for indicator in sample.indicators["indicator"]:
        assert prof[indicator].dtype == float


def test_latest_assessment_on_or_before_the_date(sample):
    a = sample["assessments"]
    firm = a["firm_id"].value_counts().index[0]  # a firm assessed twice
    dates = sorted(a.loc[a["firm_id"] == firm, "assessment_date"])
    first, last = dates[0], dates[-1]
    between = first + (last - first) / 2
    early = firm_profile(sample["firms"], a, sample.indicators, between).loc[firm]
    late = firm_profile(sample["firms"], a, sample.indicators).loc[firm]
    assert early["assessment_date"] == first and late["assessment_date"] == last
    row = a[(a["firm_id"] == firm) & (a["assessment_date"] == first)].iloc[0]
    assert early["product_quality"] == row["product_quality"] or (
        pd.isna(early["product_quality"]) and pd.isna(row["product_quality"])
    )


def test_before_any_assessment_scores_are_missing_not_guessed(sample):
    prof = firm_profile(sample["firms"], sample["assessments"], sample.indicators, "2000-01-01")
    assert prof["assessment_date"].isna().all()
    assert prof[list(sample.indicators["indicator"])].isna().all().all()


def test_bad_date_and_missing_columns(sample):
    with pytest.raises(MatchingError, match="as_of: found 'soon'"):
        firm_profile(sample["firms"], sample["assessments"], sample.indicators, "soon")
    # read as every day parameter is (sessions.parse_day): pandas alone took 01/12/2025 for
    # 12 January, where an Indonesian analyst means 1 December
    with pytest.raises(MatchingError, match="as_of: found '01/12/2025'; expected a date"):
        firm_profile(sample["firms"], sample["assessments"], sample.indicators, "01/12/2025")
    with pytest.raises(MatchingError, match="table 'assessments': missing column 'licensing'"):
        firm_profile(
            sample["firms"], sample["assessments"].drop(columns="licensing"), sample.indicators
        )
    with pytest.raises(MatchingError, match="table 'firms': missing column 'has_sni'"):
        firm_profile(
            sample["firms"].drop(columns="has_sni"), sample["assessments"], sample.indicators
        )
