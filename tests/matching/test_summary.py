"""Partnership summary: counts per sub-sector and requirement add up."""

from __future__ import annotations

import pytest

from ikmpolicy.matching import (
    MatchingError,
    firm_profile,
    near_ready,
    partnership_summary,
    requirement_gaps,
)
from ikmpolicy.programmes import load_catalogue


@pytest.fixture(scope="module")
def matched(sample):
    ind = sample.indicators
    prof = firm_profile(sample["firms"], sample["assessments"], ind, "2025-12-31")
    reqs = sample["buyer_requirements"]
    pairs = requirement_gaps(prof, reqs, ind)
    near = near_ready(pairs, prof, load_catalogue(sample), reqs, ind)
    return prof, pairs, near, partnership_summary(pairs, prof, near)


def test_counts_add_up(matched):
    prof, pairs, near, summary = matched
    groups = prof["sub_sector"].nunique()
    assert len(summary) == groups * pairs["requirement_id"].nunique()
    assert (
        summary["firms"] == summary["eligible_now"] + summary["near_ready"] + summary["not_yet"]
    ).all()
    per_req = summary.groupby("requirement_id")[
        ["firms", "eligible_now", "near_ready", "kbli_fit", "unknown"]
    ].sum()
    assert (per_req["firms"] == len(prof)).all()
    assert (
        per_req["eligible_now"].to_dict()
        == pairs[pairs["eligible"]]
        .groupby("requirement_id")
        .size()
        .reindex(per_req.index, fill_value=0)
        .to_dict()
    )
    assert per_req["near_ready"].sum() == int(near["reachable"].sum())
    assert per_req["kbli_fit"].sum() == int(pairs["kbli_fit"].sum())
    assert per_req["unknown"].sum() == int((pairs["status"] == "unknown").sum())
    # firms of a group that the KBLI list does not cover are never eligible or near-ready
    none = summary[summary["kbli_fit"] == 0]
    assert (none["eligible_now"] == 0).all() and (none["near_ready"] == 0).all()


def test_outlook_words(matched):
    *_, summary = matched
    now = summary["eligible_now"] > 0
    soon = ~now & (summary["near_ready"] > 0)
    assert (summary.loc[now, "outlook"] == "now").all()
    assert (summary.loc[soon, "outlook"] == "soon").all()
    assert (summary.loc[~now & ~soon, "outlook"] == "not_yet").all()
    assert set(summary["outlook"]) == {"now", "soon", "not_yet"}


def test_without_near_ready_nobody_is_soon(matched):
    prof, pairs, _, _ = matched
    summary = partnership_summary(pairs, prof, None)
    assert (summary["near_ready"] == 0).all()
    assert (summary["firms"] == summary["eligible_now"] + summary["not_yet"]).all()


def test_group_by_another_column_and_bad_column(matched):
    prof, pairs, near, _ = matched
    prof = prof.assign(size=["big" if i % 2 else "small" for i in range(len(prof))])
    summary = partnership_summary(pairs, prof, near, by="size")
    assert set(summary["size"]) == {"big", "small"}
    with pytest.raises(MatchingError, match="no column 'district'"):
        partnership_summary(pairs, prof, near, by="district")


def test_small_groups_are_kept_here(matched):
    prof, pairs, near, _ = matched
    lonely = prof.copy()
    lonely.loc[lonely.index[0], "sub_sector"] = "lonely"
    summary = partnership_summary(pairs, lonely, near)
    assert (summary.loc[summary["sub_sector"] == "lonely", "firms"] == 1).all()
