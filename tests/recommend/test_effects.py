"""The array kernel against the library's own definitions (independent computations):
apply_programmes + requirement_gaps for eligibility, build_index (goalposts) for readiness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ikmpolicy import matching, programmes, readiness
from ikmpolicy.recommend.effects import (
    EPS,
    EffectModel,
    action_effects,
    effect_model,
    programme_arrays,
)


@pytest.fixture(scope="module")
def setup(sample):
    prof = matching.firm_profile(sample["firms"], sample["assessments"], sample.indicators)
    reqs = sample["buyer_requirements"]
    gaps = matching.requirement_gaps(prof, reqs, sample.indicators)
    model = effect_model(prof, reqs, sample.indicators, gaps)
    cat = programmes.load_catalogue(sample)
    return sample, prof, reqs, gaps, model, cat, programme_arrays(cat, model)


def eligible_table(gaps, model):
    table = gaps.pivot(index="firm_id", columns="requirement_id", values="eligible")
    return table.reindex(index=model.firms, columns=model.requirements).to_numpy(bool)


def test_eligibility_before_any_programme(setup):
    _, _, _, gaps, model, _, _ = setup
    every = np.arange(len(model.firms))
    assert (model.eligible(every, model.scores, model.held) == eligible_table(gaps, model)).all()


@pytest.mark.parametrize(
    "sequence",
    [
        ["certification_testing"],
        ["standardisation"],
        ["licensing_assistance"],
        ["training", "equipment_aid"],
        ["standardisation", "certification_testing"],
    ],
)
@pytest.mark.parametrize("gain", ["gain_low", "gain_mid", "gain_high"])
def test_matches_apply_programmes_and_requirement_gaps(setup, sequence, gain):
    sample, prof, reqs, gaps, model, cat, arrays = setup
    every = np.arange(len(model.firms))
    gains = {"gain_low": arrays.low, "gain_mid": arrays.mid, "gain_high": arrays.high}[gain]
    made, _, _ = action_effects(model, arrays, every, arrays.positions(sequence), gains)
    after = programmes.apply_programmes(prof, cat, sequence, gain=gain)
    expected = eligible_table(matching.requirement_gaps(after, reqs, sample.indicators), model)
    assert ((eligible_table(gaps, model) | made) == expected).all()


def test_runs_axis_gives_each_run_its_own_gains(setup):
    _, _, _, _, model, _, arrays = setup
    every = np.arange(len(model.firms))
    steps = arrays.positions(["standardisation"])
    runs = np.stack([arrays.low, arrays.high])
    made, gain, closed = action_effects(model, arrays, every, steps, runs)
    low = action_effects(model, arrays, every, steps, arrays.low)
    high = action_effects(model, arrays, every, steps, arrays.high)
    assert closed is None
    assert (made[0] == low[0]).all() and (made[1] == high[0]).all()
    assert np.allclose(gain[0], low[1]) and np.allclose(gain[1], high[1])
    assert (gain[1] >= gain[0] - 1e-12).all()


def index_overall(sample, scores_frame, weights=None):
    """The readiness index's own composite: goalposts, no imputation, no outlier treatment."""
    frame = scores_frame.reset_index()
    record = readiness.build_index(
        frame,
        sample.indicators,
        normalisation="goalposts",
        outliers="none",
        imputation="none",
        min_coverage=0,
        dimension_weights=weights or "metadata",
    )
    return record.overall.reindex(scores_frame.index).to_numpy(float)


def test_readiness_gain_is_the_change_of_the_goalposts_index(setup):
    sample, prof, _, _, model, cat, arrays = setup
    ids = list(model.indicators)
    assessed = prof["assessment_date"].notna().to_numpy()
    every = np.flatnonzero(assessed)
    _, gain, _ = action_effects(
        model, arrays, every, arrays.positions(["integrated_centre"]), arrays.mid
    )
    after = programmes.apply_programmes(prof, cat, ["integrated_centre"])
    before_idx = index_overall(sample, prof.loc[assessed, ids])
    after_idx = index_overall(sample, after.loc[assessed, ids])
    assert np.allclose(gain, after_idx - before_idx)
    assert gain.max() > 0


def test_dimension_weights_follow_the_index(setup):
    sample, prof, reqs, gaps, _, _, _ = setup
    dims = list(dict.fromkeys(sample.indicators["dimension"]))
    weights = dict(zip(dims, np.arange(1, len(dims) + 1), strict=True))
    model = effect_model(prof, reqs, sample.indicators, gaps, dimension_weights=weights)
    ids = list(model.indicators)
    assessed = prof["assessment_date"].notna().to_numpy()
    ours = model.composite(model.scores[assessed])
    assert np.allclose(ours, index_overall(sample, prof.loc[assessed, ids], weights))


def test_gaps_closed_counts_what_requirement_gaps_sees(setup):
    sample, prof, reqs, gaps, model, cat, arrays = setup
    every = np.arange(len(model.firms))
    _, _, closed = action_effects(
        model, arrays, every, arrays.positions(["standardisation"]), arrays.mid
    )
    after = matching.requirement_gaps(
        programmes.apply_programmes(prof, cat, ["standardisation"]), reqs, sample.indicators
    )
    cols = [c for c in gaps.columns if c.startswith("gap_")]

    def open_gaps(table):
        t = table[table["kbli_fit"]].set_index(["firm_id", "requirement_id"])
        return (t[cols] > 1e-9).sum(axis=1) + t["missing_certificates"].map(len)

    diff = (open_gaps(gaps) - open_gaps(after)).groupby(level=[0, 1]).sum()
    ours = pd.DataFrame(closed, index=model.firms, columns=model.requirements).stack()
    ours = ours[ours.index.isin(diff.index)]
    assert (ours.reindex(diff.index) == diff).all()
    assert diff.sum() > 0


def eligible_as_written(model, rows, scores, held):
    """The eligibility rule written out: each level met in its direction (a missing level is
    met, a missing score meets none), every certificate asked for held, a KBLI fit."""
    s = scores[..., :, None, :]
    lv = model.levels[None, :, :]
    with np.errstate(invalid="ignore"):
        up = s >= lv - EPS
        down = s <= lv + EPS
    meets = np.where(np.isnan(lv), True, np.where(model.direction > 0, up, down))
    certs = ~(model.required & ~held[..., :, None, :]).any(axis=-1)
    return model.kbli_fit[rows] & certs & meets.all(axis=-1)


@st.composite
def eligibility_cases(draw):
    n, f, i, r, c = (draw(st.integers(1, k)) for k in (3, 5, 4, 4, 3))
    values = st.one_of(
        st.sampled_from([np.nan, 0.0, 1.0, 2.0, 2.0 - EPS / 2, 2.0 + EPS, np.inf, -np.inf]),
        st.floats(-5, 5),
    )
    levels = draw(hnp.arrays(float, (r, i), elements=values))
    model = EffectModel(
        firms=pd.Index([f"f{k}" for k in range(f)]),
        indicators=tuple(f"i{k}" for k in range(i)),
        scores=draw(hnp.arrays(float, (f, i), elements=values)),
        direction=draw(hnp.arrays(float, i, elements=st.sampled_from([1.0, -1.0, 0.0]))),
        scale_min=np.zeros(i),
        scale_max=np.full(i, 5.0),
        goal_low=np.zeros(i),
        goal_high=np.full(i, 5.0),
        membership=np.eye(i),
        dimensions=tuple(f"d{k}" for k in range(i)),
        dimension_weight=np.full(i, 1 / i),
        held=draw(hnp.arrays(bool, (f, c))),
        requirements=pd.Index([f"r{k}" for k in range(r)]),
        buyers=np.array(["b"] * r),
        levels=levels,
        required=draw(hnp.arrays(bool, (r, c))),
        kbli_fit=draw(hnp.arrays(bool, (f, r))),
    )
    rows = np.array(draw(st.lists(st.integers(0, f - 1), min_size=1, max_size=4)))
    runs = draw(hnp.arrays(float, (n, len(rows), i), elements=values))
    held = draw(hnp.arrays(bool, (n, len(rows), c)))
    return model, rows, runs, held


@settings(max_examples=300, deadline=None)
@given(eligibility_cases())
def test_eligibility_is_the_rule_as_written(case):
    model, rows, runs, held = case
    np.testing.assert_array_equal(
        model.eligible(rows, runs, held), eligible_as_written(model, rows, runs, held)
    )
    one = model.eligible(rows, model.scores[rows], model.held[rows])
    np.testing.assert_array_equal(
        one, eligible_as_written(model, rows, model.scores[rows], model.held[rows])
    )
