"""Follow-up across sessions: earlier recommendations recomputed as of their day, and the take-up
rule on commitments."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from ikmpolicy.recommend import recommend_for_session
from ikmpolicy.recommend.follow_up import follow_up, session_end, takes_up

LATER = "studi-tiru-bandung-2025-10"
EARLIER = "fgd-2025-05-15"


@pytest.mark.parametrize(
    "date,precision,end_date,expected",
    [
        ("2022", "year", None, "2022-12-31"),
        ("2024-02", "month", None, "2024-02-29"),
        ("2025-05-15", "day", None, "2025-05-15"),
        ("2025-10-14", "day", "2025-10-16", "2025-10-16"),
    ],
)
def test_session_end(date, precision, end_date, expected):
    s = pd.Series(
        {
            "date": date,
            "date_precision": precision,
            "end_date": pd.Timestamp(end_date) if end_date else pd.NaT,
        }
    )
    assert str(session_end(s).date()) == expected
    assert pd.isna(
        session_end(pd.Series({"date": None, "date_precision": "unknown", "end_date": pd.NaT}))
    )


def test_take_up_rule():
    rec = {
        "programmes": ("standardisation",),
        "lead_id": "bbspji_lm",
        "themes": ("quality_standardisation",),
    }
    assert takes_up({"intervention_id": "standardisation", "org_id": "x", "theme": "y"}, rec)
    assert not takes_up(
        {"intervention_id": "training", "org_id": "bbspji_lm", "theme": "quality_standardisation"},
        rec,
    )
    assert takes_up(
        {"intervention_id": None, "org_id": "bbspji_lm", "theme": "quality_standardisation"}, rec
    )
    assert not takes_up(
        {
            "intervention_id": None,
            "org_id": "disperindag_cilegon",
            "theme": "quality_standardisation",
        },
        rec,
    )
    assert not takes_up(
        {"intervention_id": float("nan"), "org_id": "bbspji_lm", "theme": "partnership"}, rec
    )


def with_commitment(sample, **row):
    ds = copy.copy(sample)
    ds.tables = dict(sample.tables)
    cm = sample["commitments"]
    new = {c: None for c in cm.columns}
    new.update(
        {
            "commitment_id": "cm-test",
            "session_id": LATER,
            "partner_ids": (),
            "text": "uji",
            "due_date": None,
            "due_precision": "unknown",
            "status": "planned",
            "source_id": "ikmpolicy-synthetic",
        }
    )
    new.update(row)
    ds.tables["commitments"] = pd.concat([cm, pd.DataFrame([new])], ignore_index=True)
    return ds


def test_earlier_recommendations_are_recomputed_as_of_their_day(sample):
    history = follow_up(sample, LATER, "2025-11-10")
    assert set(history["session_id"]) == {EARLIER}
    assert history.attrs["sessions"][EARLIER] == len(history)
    then = recommend_for_session(sample, EARLIER, "2025-05-15", n_runs=0, follow_up=False)
    assert list(history["action_id"]) == list(then.top.index)
    assert (history["as_of"] == pd.Timestamp("2025-05-15")).all()
    # nothing in the sample takes them up: cm-011 is Disperindag's, on partnership
    assert not history["taken_up"].any()
    # the sessions before any assessment give nothing to follow up
    assert follow_up(sample, EARLIER, "2025-11-10").empty


def test_a_later_commitment_takes_a_recommendation_up(sample):
    history = follow_up(sample, LATER, "2025-11-10")
    first = history.iloc[0]
    named = with_commitment(
        sample,
        org_id="disperindag_cilegon",
        theme="partnership",
        intervention_id=first["programmes"][0],
    )
    got = follow_up(named, LATER, "2025-11-10")
    assert got.iloc[0]["taken_up"] and got.iloc[0]["commitment_ids"] == ("cm-test",)
    assert got.iloc[0]["commitment_states"] == ("no_due_date",)
    by_lead = with_commitment(sample, org_id=first["lead_id"], theme=first["themes"][0])
    assert follow_up(by_lead, LATER, "2025-11-10").iloc[0]["taken_up"]
    other = with_commitment(sample, org_id="cmm", theme=first["themes"][0])
    assert not follow_up(other, LATER, "2025-11-10").iloc[0]["taken_up"]


def test_no_later_commitment_yet_is_not_taken_up(sample):
    """The sessions after the earlier one have no commitment recorded yet (the FGD was just
    held): each earlier recommendation is followed up as not taken up, no KeyError."""
    ds = copy.copy(sample)
    ds.tables = dict(sample.tables)
    cm = sample["commitments"]
    ds.tables["commitments"] = cm[cm["session_id"] != LATER].reset_index(drop=True)
    history = follow_up(ds, LATER, "2025-11-10")
    assert len(history) == len(follow_up(sample, LATER, "2025-11-10")) > 0
    assert not history["taken_up"].any()
    assert (history["commitment_ids"] == ()).all()
