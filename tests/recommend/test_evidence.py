"""Evidence trails: gap numbers against requirement_gaps, statements of the session only and
attributed to organisations, open commitments, sources, and the rule that hides an action."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ikmpolicy import matching, programmes
from ikmpolicy.recommend.evidence import (
    MIN_GROUP,
    FirmGaps,
    evidence_trail,
    session_evidence,
)
from ikmpolicy.sessions import session_order


@pytest.fixture(scope="module")
def base(sample):
    prof = matching.firm_profile(sample["firms"], sample["assessments"], sample.indicators)
    gaps = matching.requirement_gaps(prof, sample["buyer_requirements"], sample.indicators)
    cat = programmes.load_catalogue(sample)
    return sample, prof, gaps, cat


def action(
    participants,
    programme_ids=("standardisation",),
    themes=("quality_standardisation",),
    lead="bbspji_lm",
    opened=(),
):
    return pd.Series(
        {
            "participants": tuple(participants),
            "programmes": tuple(programme_ids),
            "themes": tuple(themes),
            "lead_id": lead,
            "requirements_opened": opened,
        }
    )


def test_gap_numbers_are_those_of_requirement_gaps(base):
    sample, prof, gaps, cat = base
    session = session_evidence(sample, "fgd-2025-05-15", "2025-11-10", session_order(sample))
    firms = list(prof.index[prof["sub_sector"] == "parts_fabrication"][:10])
    ev = evidence_trail(
        action(firms),
        gaps,
        cat,
        list(sample.indicators["indicator"]),
        sample["buyer_requirements"],
        session,
    )
    fit = gaps[gaps["firm_id"].isin(firms) & gaps["kbli_fit"]]
    worst = fit.groupby("firm_id")["gap_quality_management"].max()
    short = worst[worst > 0]
    row = ev.gaps.set_index("item").loc["quality_management"]
    assert row["firms"] == len(short)
    assert (
        row["mean_gap"] == pytest.approx(short.mean())
        if len(short) >= MIN_GROUP
        else np.isnan(row["mean_gap"])
    )
    iso = ev.gaps.set_index("item").loc["iso9001"]
    lacking = fit[[("iso9001" in m) for m in fit["missing_certificates"]]]["firm_id"].nunique()
    assert iso["kind"] == "certificate" and iso["firms"] == lacking
    # the precomputed summary gives the same trail
    same = evidence_trail(
        action(firms),
        FirmGaps.of(gaps, list(sample.indicators["indicator"])),
        cat,
        list(sample.indicators["indicator"]),
        sample["buyer_requirements"],
        session,
    )
    pd.testing.assert_frame_equal(same.gaps, ev.gaps)


def test_small_groups_get_counts_but_no_average(base):
    sample, prof, gaps, cat = base
    session = session_evidence(sample, "fgd-2025-05-15", "2025-11-10", session_order(sample))
    fit = gaps[gaps["kbli_fit"] & (gaps["gap_quality_management"] > 0)]
    two = list(fit["firm_id"].unique()[:2])
    ev = evidence_trail(
        action(two),
        gaps,
        cat,
        list(sample.indicators["indicator"]),
        sample["buyer_requirements"],
        session,
    )
    row = ev.gaps.set_index("item").loc["quality_management"]
    assert row["firms"] == 2 and np.isnan(row["mean_gap"])


def test_statements_commitments_sources_and_links(base):
    sample, prof, gaps, cat = base
    session = session_evidence(sample, "fgd-2025-05-15", "2025-11-10", session_order(sample))
    firms = list(prof.index[:5])
    ev = evidence_trail(
        action(
            firms, ("certification_testing",), ("certification_testing",), opened=(("REQ-01", 2),)
        ),
        gaps,
        cat,
        list(sample.indicators["indicator"]),
        sample["buyer_requirements"],
        session,
    )
    # st-007: BBSPJI "siap mendampingi ... sertifikasi dan pengujian produk"
    assert "st-007" in set(ev.statements["statement_id"])
    assert set(ev.statements["org_id"]) <= {"bbspji_lm", "disperindag_cilegon"}
    assert "speaker_office" not in ev.statements.columns
    # cm-005: BBSPJI's commitment on certification at this session, status unknown (open)
    assert "cm-005" in set(ev.commitments["commitment_id"])
    assert (ev.commitments["state"] != "done").all()
    assert set(ev.links) == {"statement", "commitment", "lead_present"}
    assert ev.requirements.to_dict("records") == [
        {"requirement_id": "REQ-01", "buyer_id": "krakatau_baja_konstruksi", "firms": 2}
    ]
    assert {"mitraaspirasi-2025-05-15", "sindonews-2014-04-15", "ikmpolicy-assumption"} <= set(
        ev.sources
    )
    assert ev.reason is None


def test_the_rule_that_hides_an_action(base):
    sample, prof, gaps, cat = base
    # the 2022 partnership meeting: no statements; its one commitment is on partnership
    session = session_evidence(sample, "temu-kemitraan-2022", "2025-11-10", session_order(sample))
    firms = list(prof.index[:5])
    unlinked = evidence_trail(
        action(firms),
        gaps,
        cat,
        list(sample.indicators["indicator"]),
        sample["buyer_requirements"],
        session,
    )
    assert unlinked.links == () and unlinked.reason == "no_session_link"
    linked = evidence_trail(
        action(firms, ("partnership_meeting",), ("partnership",), lead="kemenperin_ikm_lmea"),
        gaps,
        cat,
        list(sample.indicators["indicator"]),
        sample["buyer_requirements"],
        session,
    )
    assert linked.links == ("commitment",)
    met = gaps.groupby("firm_id")[[c for c in gaps.columns if c.startswith("gap_")]].max()
    no_gap = [f for f in met.index if (met.loc[f].fillna(0) == 0).all()]
    blank = evidence_trail(
        action(
            no_gap or ["none"],
            ("partnership_meeting",),
            ("partnership",),
            lead="kemenperin_ikm_lmea",
        ),
        gaps,
        cat,
        list(sample.indicators["indicator"]),
        sample["buyer_requirements"],
        session,
    )
    assert not blank.numeric and blank.reason == "no_numeric_evidence"


def test_later_commitments_are_not_known_earlier(base):
    sample, *_ = base
    early = session_evidence(sample, "monitoring-2024-12-08", "2024-12-31", session_order(sample))
    assert set(early.commitments["session_id"]) <= {"temu-kemitraan-2022", "monitoring-2024-12-08"}
    assert "cm-005" not in set(early.commitments["commitment_id"])


def test_actions_on_the_same_themes_share_the_drawing_not_the_frames(base):
    """What the session offers is drawn once per themes and programmes; each action still gets
    its own frames, equal to those drawn for it alone, and its own lead link."""
    sample, prof, gaps, cat = base
    order = session_order(sample)
    shared = session_evidence(sample, "fgd-2025-05-15", "2025-11-10", order)
    indicators = list(sample.indicators["indicator"])
    reqs = sample["buyer_requirements"]
    one = action(prof.index[:4], ("certification_testing",), ("certification_testing",))
    two = action(
        prof.index[4:9], ("certification_testing",), ("certification_testing",), lead="nobody"
    )
    a, b = (evidence_trail(x, gaps, cat, indicators, reqs, shared) for x in (one, two))
    for x, ev in ((one, a), (two, b)):
        alone = session_evidence(sample, "fgd-2025-05-15", "2025-11-10", order)
        expected = evidence_trail(x, gaps, cat, indicators, reqs, alone)
        for name in ("gaps", "requirements", "statements", "commitments"):
            pd.testing.assert_frame_equal(getattr(ev, name), getattr(expected, name))
        assert (ev.sources, ev.links) == (expected.sources, expected.links)
    assert "lead_present" in a.links and "lead_present" not in b.links
    assert a.statements is not b.statements and a.commitments is not b.commitments
