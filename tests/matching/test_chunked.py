"""Eligibility counts in chunks equal the statuses of requirement_gaps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.matching import (
    STATUSES,
    MatchingError,
    eligibility_counts,
    firm_profile,
    requirement_gaps,
)

from .matching_data import instances, profile, requirements


@settings(max_examples=80, deadline=None)
@given(instances(max_firms=8, max_reqs=4), st.integers(1, 9))
def test_chunked_counts_equal_the_pair_statuses(instance, chunk):
    ind, firm_rows, req_rows = instance
    names = list(ind["indicator"])
    prof, reqs = profile(firm_rows, names), requirements(req_rows, names)
    pairs = requirement_gaps(prof, reqs, ind)
    expect = pairs.groupby(["requirement_id", "status"]).size().unstack(fill_value=0)
    expect = expect.reindex(columns=list(STATUSES), fill_value=0)
    got = eligibility_counts(prof, reqs, ind, chunk_size=chunk).set_index("requirement_id")
    assert (got[list(STATUSES)] == expect.reindex(got.index)).all().all()
    assert (got["firms"] == len(prof)).all()


def test_sample_counts_by_sub_sector(sample):
    ind = sample.indicators
    prof = firm_profile(sample["firms"], sample["assessments"], ind, "2025-12-31")
    reqs = sample["buyer_requirements"]
    pairs = requirement_gaps(prof, reqs, ind).merge(
        prof["sub_sector"], left_on="firm_id", right_index=True
    )
    got = eligibility_counts(prof, reqs, ind, by="sub_sector", chunk_size=13)
    for status in STATUSES:
        expect = (
            (pairs["status"] == status)
            .groupby([pairs["sub_sector"], pairs["requirement_id"]])
            .sum()
        )
        assert got.set_index(["sub_sector", "requirement_id"])[status].to_dict() == expect.to_dict()
    assert got[list(STATUSES)].sum(axis=1).eq(got["firms"]).all()


def test_bad_chunk_size_and_group_column(sample):
    ind = sample.indicators
    prof = firm_profile(sample["firms"], sample["assessments"], ind)
    with pytest.raises(MatchingError, match="chunk_size"):
        eligibility_counts(prof, sample["buyer_requirements"], ind, chunk_size=0)
    with pytest.raises(MatchingError, match="no column 'size'"):
        eligibility_counts(prof, sample["buyer_requirements"], ind, by="size")
    assert np.issubdtype(
        eligibility_counts(prof, sample["buyer_requirements"], ind)["eligible"].dtype, np.integer
    )
