"""Candidate actions on the shipped sample: who takes part, at what cost, with whom, and what
the programme then does (checked against apply_programmes + requirement_gaps)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ikmpolicy import matching, programmes
from ikmpolicy.matching.near_ready import near_ready
from ikmpolicy.recommend.candidates import action_id, candidate_actions, nominal_effects
from ikmpolicy.recommend.effects import action_effects, effect_model, programme_arrays

SESSION = "fgd-2025-05-15"


@pytest.fixture(scope="module")
def built(sample):
    prof = matching.firm_profile(sample["firms"], sample["assessments"], sample.indicators)
    reqs = sample["buyer_requirements"]
    gaps = matching.requirement_gaps(prof, reqs, sample.indicators)
    cat = programmes.load_catalogue(sample)
    near = near_ready(gaps, prof, cat, reqs, sample.indicators)
    model = effect_model(prof, reqs, sample.indicators, gaps)
    arrays = programme_arrays(cat, model)
    part = sample["participation"]
    present = list(part.loc[part["session_id"] == SESSION, "org_id"])
    actions, excluded = candidate_actions(
        prof, cat, model, arrays, near, sample["stakeholders"], present
    )
    return (
        sample,
        prof,
        cat,
        near,
        model,
        arrays,
        present,
        nominal_effects(actions, model, arrays),
        excluded,
    )


def test_participants_can_take_part_and_fit_the_group(built):
    _, prof, cat, near, _, _, _, actions, _ = built
    for aid, row in actions.iterrows():
        members = list(row["participants"])
        first = row["programmes"][0]
        assert programmes.can_take_part(prof, cat, first).loc[members].all(), aid
        assert prof.loc[members, "assessment_date"].notna().all()
        if row["target_kind"] == "sub_sector":
            assert (prof.loc[members, "sub_sector"] == row["target_id"]).all()
        else:
            ready = set(near.loc[near["requirement_id"] == row["target_id"], "firm_id"])
            assert set(members) <= ready, aid
        assert row["firms"] == len(members) >= 3
        assert aid == action_id(row["programmes"], row["target_kind"], row["target_id"])


def test_capacity_cost_and_time(built):
    _, _, cat, _, _, _, _, actions, _ = built
    progs = cat.programmes
    for aid, row in actions.iterrows():
        caps = [progs.at[p, "capacity"] for p in row["programmes"]]
        assert row["firms"] <= min(int(c) for c in caps if not pd.isna(c)), aid
        unit = sum(progs.at[p, "unit_cost_idr"] for p in row["programmes"])
        assert row["cost_idr"] == pytest.approx(unit * row["firms"])
        if len(row["programmes"]) == 1:
            assert row["months"] == progs.at[row["programmes"][0], "months_to_effect"]
        assert row["pool"] >= row["firms"]
    capped = actions[actions["pool"] > actions["firms"]]
    assert len(capped) > 0  # the sample has programmes with more takers than seats


def test_the_firms_a_programme_helps_most_take_the_seats(built):
    """When seats are short, no firm left out would gain more than a firm let in (most
    requirements made eligible first, then the readiness gain)."""
    _, prof, cat, _, model, arrays, _, actions, _ = built
    capped = actions[
        (actions["pool"] > actions["firms"]) & (actions["target_kind"] == "sub_sector")
    ]
    assert len(capped)
    for aid, row in capped.iterrows():
        (programme,) = row["programmes"]
        can = programmes.can_take_part(prof, cat, programme)
        group = prof.index[
            (prof["sub_sector"] == row["target_id"]) & can & prof["assessment_date"].notna()
        ]
        made, gain, _ = action_effects(
            model, arrays, model.rows(group), arrays.positions([programme]), arrays.mid
        )
        k = arrays.positions([programme])[0]
        held = model.held[model.rows(group)]
        helped = (gain > 0) | (arrays.delivers[k] & ~held).any(axis=1)
        keys = pd.Series(list(zip(made.sum(axis=1), np.round(gain, 9), strict=True)), index=group)[
            helped
        ]
        assert len(keys) == row["pool"], aid
        inside = keys[keys.index.isin(row["participants"])]
        outside = keys[~keys.index.isin(row["participants"])]
        assert min(inside) >= max(outside), aid


def test_partners_are_present_and_fit_the_programme(built):
    sample, _, cat, _, _, _, present, actions, _ = built
    st = sample["stakeholders"].set_index("org_id")
    owners = set(cat.programmes["owner_id"].dropna())
    for aid, row in actions.iterrows():
        helices = {h for p in row["programmes"] for h in cat.programmes.at[p, "partner_helices"]}
        for partner in row["partner_ids"]:
            assert partner != row["lead_id"]
            assert st.at[partner, "sub_type"] != "ikm"  # the beneficiaries are not partners
            if partner not in owners or len(row["programmes"]) == 1:
                assert partner in present and st.at[partner, "helix"] in helices, aid
        assert row["lead_helix"] == st.at[row["lead_id"], "helix"]


def test_small_groups_are_set_aside(built):
    *_, actions, excluded = built
    assert set(excluded["reason"]) <= {"fewer_firms", "duplicate"}
    assert (excluded.loc[excluded["reason"] == "fewer_firms", "firms"] < 3).all()
    assert not set(excluded["action_id"]) & set(actions.index)


def test_nominal_effects_match_the_library(built):
    sample, prof, cat, _, _, _, _, actions, _ = built
    reqs = sample["buyer_requirements"]
    before = matching.requirement_gaps(prof, reqs, sample.indicators)
    was = set(map(tuple, before.loc[before["eligible"], ["firm_id", "requirement_id"]].to_numpy()))
    for aid, row in actions.iterrows():
        members = list(row["participants"])
        sub = prof.loc[members]
        after = programmes.apply_programmes(sub, cat, row["programmes"])
        now = matching.requirement_gaps(after, reqs, sample.indicators)
        made = {
            p
            for p in map(tuple, now.loc[now["eligible"], ["firm_id", "requirement_id"]].to_numpy())
            if p not in was
        }
        assert set(row["eligible_pairs"]) == made, aid
        assert row["n_eligible_firms"] == len({f for f, _ in made})
        assert sum(n for _, n in row["requirements_opened"]) == len(made)
    assert actions["n_eligible_pairs"].sum() > 0
    assert (actions["readiness_gain_mean"] > 0).all()
