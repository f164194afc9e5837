"""recommend_for_session on the shipped sample: what is shown is backed by numbers and tied to
the session, the ranking is the library's MCDA, the result is identical on rerun."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from ikmpolicy import mcda
from ikmpolicy.recommend import (
    CRITERIA,
    RecommendError,
    criteria_weights,
    recommend_for_session,
    recommendations_table,
)
from ikmpolicy.recommend.candidates import nominal_effects
from ikmpolicy.recommend.session import leading_actions
from ikmpolicy.recommend.wording import excluded_sentence, portfolio_sentence
from ikmpolicy.report.i18n import Locale

REASONS = {"fewer_firms", "duplicate", "no_numeric_evidence", "no_session_link"}
SESSION = "fgd-2025-05-15"  # as in conftest.py; budget, runs and seed are read from parameters


def test_every_shown_recommendation_has_numbers_and_a_session_link(recs, sample):
    assert len(recs.actions) > 0
    part = sample["participation"]
    present = set(part.loc[part["session_id"] == SESSION, "org_id"])
    statements = sample["statements"]
    session_statements = set(statements.loc[statements["session_id"] == SESSION, "statement_id"])
    for aid, row in recs.actions.iterrows():
        ev = recs.evidence[aid]
        numbers = (ev.gaps["firms"] > 0).any() or row["n_eligible_pairs"] > 0
        assert numbers, aid
        assert ev.links, aid
        if "lead_present" in ev.links:
            assert row["lead_id"] in present
        if "statement" in ev.links:
            assert set(ev.statements["statement_id"]) <= session_statements
            assert all(set(c) & set(row["themes"]) for c in ev.statements["codes"])
        # attributed to the organisation, never to a person
        assert "speaker_office" not in ev.statements.columns


def test_what_is_not_shown_is_counted_with_its_reason(recs):
    assert set(recs.excluded["reason"]) <= REASONS
    assert not set(recs.excluded["action_id"]) & set(recs.actions.index)
    assert (recs.excluded.loc[recs.excluded["reason"] == "fewer_firms", "firms"] < 3).all()
    assert (recs.actions["firms"] >= 3).all()
    text = excluded_sentence(recs.excluded, Locale("id"))
    assert text.startswith(f"Sebanyak {len(recs.excluded)} calon tindakan")


def test_ranking_is_topsis_on_the_criteria(recs):
    """Independent computation: the criteria rebuilt from the action columns, then
    ikmpolicy.mcda.topsis called directly."""
    a = recs.actions
    months = a["months"].fillna(a["months"].max())
    x = pd.DataFrame(
        {
            "eligible_pairs": a["eligible_pairs"].map(len),
            "readiness_gain": a["readiness_gain_total"],
            "cost_idr": a["cost_idr"],
            "months": months,
            "priority": a["priority"],
        }
    )
    keep = [c for c in CRITERIA if x[c].nunique() > 1]
    w = criteria_weights()[keep].to_numpy()
    direct = mcda.topsis(x[keep], w, [CRITERIA[c] for c in keep])
    assert (direct["rank"] == a["rank"]).all()
    assert np.allclose(direct["closeness"], a["score"])
    assert (np.diff(a["rank"].to_numpy()) >= 0).all()  # shown best first


def test_priority_is_the_ahp_weight_on_the_dimensions_moved(recs, sample):
    w = recs.weights
    effects = sample["intervention_effects"]
    dims = dict(zip(sample.indicators["indicator"], sample.indicators["dimension"], strict=True))
    for aid, row in recs.actions.iterrows():
        moved = {
            dims[i]
            for p in row["programmes"]
            for i in effects.loc[effects["intervention_id"] == p, "indicator"]
        }
        assert row["priority"] == pytest.approx(w[sorted(moved)].sum()), aid
    assert recs.parameters["weights_source"] == "ahp"
    assert recs.weights.sum() == pytest.approx(1.0)


def test_intervals_and_robustness(recs):
    runs = recs.parameters["n_runs"]
    a = recs.actions
    assert (a["eligible_pairs_low"] <= a["eligible_pairs_high"]).all()
    assert (a["readiness_mean_low"] <= a["readiness_mean_high"] + 1e-12).all()
    assert (a["q_low"] <= a["median_rank"]).all() and (a["median_rank"] <= a["q_high"]).all()
    limit = max(1.0, 0.10 * len(a))
    robust = (
        ((a["q_high"] - a["q_low"]) <= limit)
        & (a["rank"] >= a["q_low"])
        & (a["rank"] <= a["q_high"])
    )
    assert (a["robustness"] == np.where(robust, "robust", "fragile")).all()
    assert runs > 0


def test_portfolio_and_curve(recs):
    budget = recs.parameters["budget_idr"]
    p = recs.portfolio
    assert p.cost_idr <= budget
    assert set(recs.actions.index[recs.actions["in_portfolio"]]) == set(p.selected)
    curve = recs.budget_curve
    assert {250e6, 500e6, 1e9} <= set(curve["budget_idr"])
    assert (curve["kind"] == "all").sum() == 1
    step = curve.loc[curve["budget_idr"] == budget].iloc[0]
    assert step["eligible_pairs"] == p.eligible_pairs
    assert recs.next_step is not None and recs.next_step["budget_idr"] > budget
    assert portfolio_sentence(p, Locale("id")).startswith("Dengan anggaran Rp500 juta")


def test_top_three_lead_with_different_actions(recs):
    top = recs.top
    assert 1 <= len(top) <= 3
    assert list(top.index) == [i for i in recs.actions.index if i in set(top.index)]
    for i, a in enumerate(top.index):
        for b in top.index[i + 1 :]:
            same = top.at[a, "programmes"] == top.at[b, "programmes"]
            assert not (same and set(top.at[a, "participants"]) & set(top.at[b, "participants"]))


def test_identical_on_rerun(recs, sample):
    par = recs.parameters
    again = recommend_for_session(
        sample,
        par["session_id"],
        None,
        budget_idr=par["budget_idr"],
        n_runs=par["n_runs"],
        seed=par["seed"],
    )
    pd.testing.assert_frame_equal(again.actions, recs.actions)
    pd.testing.assert_frame_equal(again.budget_curve, recs.budget_curve)
    pd.testing.assert_frame_equal(again.excluded, recs.excluded)
    pd.testing.assert_frame_equal(again.follow_up, recs.follow_up)
    assert again.portfolio == recs.portfolio
    assert again.sentences("id").equals(recs.sentences("id"))


def test_flat_table_holds_no_firm_and_no_person(recs, sample):
    table = recommendations_table(recs, "en")
    assert len(table) == len(recs.actions)
    assert list(table["action_id"]) == list(recs.actions.index)
    firm_ids = set(sample["firms"]["firm_id"])
    owners = set(sample["firms"]["owner_name"].dropna())
    for value in table.astype(str).to_numpy().ravel():
        assert not any(f in value for f in firm_ids)
        assert not any(o in value for o in owners)
    assert table["text"].tolist() == recs.sentences("en").tolist()
    for text in table["text"]:
        assert not re.match(r"\S*\d", text)


def test_other_methods_weights_and_multiplier(sample):
    vik = recommend_for_session(sample, SESSION, None, method="vikor", n_runs=0, follow_up=False)
    x = pd.DataFrame(
        {
            "eligible_pairs": vik.actions["n_eligible_pairs"],
            "readiness_gain": vik.actions["readiness_gain_total"],
            "cost_idr": vik.actions["cost_idr"],
            "months": vik.actions["months"],
            "priority": vik.actions["priority"],
        }
    )
    direct = mcda.vikor(x, criteria_weights().to_numpy(), list(CRITERIA.values()))
    assert (direct["rank"] == vik.actions["rank"]).all()
    assert (vik.actions["robustness"] == "not_ranked").all()
    dims = list(dict.fromkeys(sample.indicators["dimension"]))
    given = {d: 1.0 for d in dims}
    eq = recommend_for_session(sample, SESSION, None, weights=given, n_runs=0, follow_up=False)
    assert eq.parameters["weights_source"] == "given"
    assert np.allclose(eq.weights, 1 / len(dims))
    zero = recommend_for_session(
        sample, SESSION, None, effect_multiplier=0.0, n_runs=0, follow_up=False
    )
    # with no gain only the certificates a programme delivers can still open a requirement
    delivers = sample["interventions"].set_index("intervention_id")["delivers"]
    certless = [not any(delivers[p] for p in ps) for ps in zero.actions["programmes"]]
    assert (zero.actions.loc[certless, "n_eligible_pairs"] == 0).all()
    assert (zero.actions["readiness_gain_total"].abs() < 1e-12).all()
    assert len(zero.actions) < len(vik.actions)


def test_more_effect_never_makes_fewer_firms_eligible(sample):
    low = recommend_for_session(
        sample, SESSION, None, effect_multiplier=0.5, n_runs=0, follow_up=False
    )
    assert low.actions["n_eligible_pairs"].sum() >= 0
    high = nominal_effects(
        low.actions.drop(
            columns=[
                "eligible_pairs",
                "n_eligible_pairs",
                "n_eligible_firms",
                "requirements_opened",
                "gaps_closed",
                "readiness_gain_total",
                "readiness_gain_mean",
            ]
        ),
        *_model(sample),
    )
    assert (high["n_eligible_pairs"] >= low.actions["n_eligible_pairs"]).all()


def _model(sample):
    from ikmpolicy import matching, programmes
    from ikmpolicy.recommend.effects import effect_model, programme_arrays

    prof = matching.firm_profile(sample["firms"], sample["assessments"], sample.indicators)
    gaps = matching.requirement_gaps(prof, sample["buyer_requirements"], sample.indicators)
    model = effect_model(prof, sample["buyer_requirements"], sample.indicators, gaps)
    return model, programme_arrays(programmes.load_catalogue(sample), model)


def test_bad_requests(sample):
    with pytest.raises(RecommendError, match="session 'nope'"):
        recommend_for_session(sample, "nope", None)
    with pytest.raises(RecommendError, match="method"):
        recommend_for_session(sample, SESSION, None, method="electre")
    with pytest.raises(RecommendError, match="weights.*unknown: speed"):
        recommend_for_session(
            sample, SESSION, None, weights={"speed": 1}, n_runs=0, follow_up=False
        )
    dims = list(dict.fromkeys(sample.indicators["dimension"]))
    with pytest.raises(RecommendError, match=f"0 leaves one out.*missing: {dims[1]}, "):
        # one dimension named: the others would have weighed 0 without a word
        recommend_for_session(
            sample, SESSION, None, weights={dims[0]: 3}, n_runs=0, follow_up=False
        )
    with pytest.raises(RecommendError, match="effect multiplier"):
        recommend_for_session(
            sample, SESSION, None, effect_multiplier=-1, n_runs=0, follow_up=False
        )


def test_require_actions_passes_when_actions_are_shown(recs):
    recs.require_actions()


def test_require_actions_names_an_as_of_before_every_assessment(sample):
    """The notebook went on to an IndexError inside pandas on ``rec.top.index[0]``."""
    rec = recommend_for_session(sample, SESSION, "2025-01-01", n_runs=0, follow_up=False)
    assert rec.top.empty and rec.parameters["assessed_firms"] == 0
    with pytest.raises(RecommendError, match=r"^as_of '2025-01-01': no firm has an assessment"):
        rec.require_actions()


def test_as_of_must_be_yyyy_mm_dd(sample):
    """pandas would read 01/12/2025 as 12 January 2025, silently."""
    with pytest.raises(
        ValueError, match=r"^as_of: found '01/12/2025'; expected a date YYYY-MM-DD$"
    ):
        recommend_for_session(sample, SESSION, "01/12/2025", n_runs=0, follow_up=False)


@pytest.mark.parametrize("session", ["monitoring-2024-12-08", "fgd-kemenperin-royale-krakatau"])
def test_leading_actions_are_the_top_of_the_whole_recommendation(sample, session):
    """What the follow-up computes of an earlier session is what the full run shows first."""
    whole = recommend_for_session(sample, session, "2025-12-01", n_runs=0, follow_up=False)
    alone = leading_actions(sample, session, "2025-12-01", n_runs=0)
    pd.testing.assert_frame_equal(alone, whole.top, check_exact=True)
