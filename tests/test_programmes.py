"""Tests for the programme catalogue: loading and its errors, who can take part, the effects."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.errors import InputError
from ikmpolicy.programmes import (
    Catalogue,
    CatalogueError,
    apply_programmes,
    can_take_part,
    load_catalogue,
)


def _tables(sample) -> dict[str, pd.DataFrame]:
    names = ("interventions", "intervention_effects", "intervention_prerequisites", "indicators")
    return {name: sample[name].copy() for name in names}


def _indicators() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["q", "waste"],
            "dimension": ["q", "waste"],
            "scale_min": [1.0, 0.0],
            "scale_max": [5.0, 10.0],
            "direction": [1, -1],
        }
    )


def _catalogue(prereq_waste: float | None = None) -> Catalogue:
    """train: q +1; clean: waste -3 (direction -1), delivers SNI, needs NIB (and optionally
    waste at most ``prereq_waste``)."""
    prog = pd.DataFrame(
        {
            "intervention_id": ["train", "clean"],
            "targets": [("q",), ("waste",)],
            "unit_cost_idr": [5e6, 20e6],
            "months_to_effect": [3, None],
            "delivers": [(), ("sni",)],
            "prereq_certificates": [(), ("nib",)],
        }
    )
    eff = pd.DataFrame(
        {
            "intervention_id": ["train", "clean"],
            "indicator": ["q", "waste"],
            "gain_low": [0.5, 1.0],
            "gain_mid": [1.0, 3.0],
            "gain_high": [1.5, 4.0],
            "source_id": "x",
        }
    )
    tables = {"interventions": prog, "intervention_effects": eff, "indicators": _indicators()}
    if prereq_waste is not None:
        tables["intervention_prerequisites"] = pd.DataFrame(
            {
                "intervention_id": ["clean"],
                "indicator": ["waste"],
                "min_level": [prereq_waste],
                "source_id": ["x"],
            }
        )
    return load_catalogue(tables)


def _profile(**columns) -> pd.DataFrame:
    base = {
        "has_nib": [True],
        "has_sni": [False],
        "has_iso9001": [False],
        "q": [2.0],
        "waste": [6.0],
    }
    base |= columns
    n = max(len(v) for v in base.values())
    base = {k: v * n if len(v) == 1 else v for k, v in base.items()}
    return pd.DataFrame(base, index=pd.Index([f"f{i}" for i in range(n)], name="firm_id"))


# -- loading -----------------------------------------------------------------------------------


def test_sample_catalogue_loads_with_every_table(sample):
    cat = load_catalogue(sample)
    assert len(cat.programmes) == len(sample["interventions"])
    assert cat.programmes.index.name == "intervention_id"
    assert str(cat.programmes["months_to_effect"].dtype) == "Int64"
    assert cat.effects.index.names == ["intervention_id", "indicator"]
    assert len(cat.effects) == len(sample["intervention_effects"])
    for iid, indicator in cat.effects.index:
        assert indicator in cat.programmes.at[iid, "targets"]
    # the matrices line up with the tables
    gains = cat.gain_matrix()
    row = sample["intervention_effects"].iloc[0]
    assert gains.loc[row["intervention_id"], row["indicator"]] == row["gain_mid"]
    assert cat.prerequisite_matrix().notna().sum().sum() == len(
        sample["intervention_prerequisites"]
    )


def test_negative_cost_is_named_by_file_row_and_column(sample):
    tables = _tables(sample)
    frame = tables["interventions"]
    frame.loc[2, "unit_cost_idr"] = -1.0
    with pytest.raises(CatalogueError) as err:
        load_catalogue(tables)
    message = str(err.value)
    assert f"interventions.csv, row {frame.loc[2, '_row']}" in message
    assert "column 'unit_cost_idr'" in message and "-1.0" in message and "at least 0" in message
    assert isinstance(err.value, InputError) and isinstance(err.value, ValueError)


def test_programme_targeting_an_unknown_indicator(sample):
    tables = _tables(sample)
    frame = tables["interventions"]
    frame.at[1, "targets"] = ("technology_equipment", "innovation")
    with pytest.raises(
        CatalogueError,
        match=rf"interventions.csv, row {frame.at[1, '_row']}, "
        r"column 'targets': found 'innovation'; expected an indicator",
    ):
        load_catalogue(tables)


def test_effect_for_an_indicator_not_in_the_catalogue(sample):
    tables = _tables(sample)
    frame = tables["intervention_effects"]
    frame.loc[0, "indicator"] = "innovation"
    with pytest.raises(
        CatalogueError,
        match=rf"intervention_effects.csv, row {frame.at[0, '_row']}"
        r", column 'indicator': found 'innovation'; expected an indicator of the "
        r"indicators table",
    ):
        load_catalogue(tables)


def test_effect_outside_the_programmes_targets(sample):
    tables = _tables(sample)
    frame = tables["intervention_effects"]
    frame.loc[0, "indicator"] = "digital_marketing"  # training does not target it
    with pytest.raises(CatalogueError, match="one of the programme's targets"):
        load_catalogue(tables)


def test_effect_for_an_unknown_programme(sample):
    tables = _tables(sample)
    tables["intervention_effects"].loc[0, "intervention_id"] = "teleportation"
    with pytest.raises(CatalogueError, match="column 'intervention_id': found 'teleportation'"):
        load_catalogue(tables)


@pytest.mark.parametrize(
    "low, mid, high, column", [(0.5, 0.2, 0.7, "gain_mid"), (-0.1, 0.2, 0.7, "gain_low")]
)
def test_gains_out_of_order_or_negative(low, mid, high, column):
    tables = {
        "interventions": pd.DataFrame(
            {"intervention_id": ["t"], "targets": [("q",)], "unit_cost_idr": [1.0]}
        ),
        "intervention_effects": pd.DataFrame(
            {
                "intervention_id": ["t"],
                "indicator": ["q"],
                "gain_low": [low],
                "gain_mid": [mid],
                "gain_high": [high],
                "source_id": ["x"],
            }
        ),
        "indicators": _indicators(),
    }
    with pytest.raises(
        CatalogueError, match=f"table 'intervention_effects', index 0, column '{column}'"
    ):
        load_catalogue(tables)


def test_prerequisite_off_the_scale(sample):
    tables = _tables(sample)
    frame = tables["intervention_prerequisites"]
    frame.loc[0, "min_level"] = 7.0
    with pytest.raises(
        CatalogueError,
        match=r"column 'min_level': found 7.0; expected a level on "
        r"the indicator's scale \(1 to 5\)",
    ):
        load_catalogue(tables)


def test_unknown_certificate_delivered():
    tables = {
        "interventions": pd.DataFrame(
            {
                "intervention_id": ["t"],
                "targets": [("q",)],
                "unit_cost_idr": [1.0],
                "delivers": [("halal",)],
            }
        ),
        "indicators": _indicators(),
    }
    with pytest.raises(CatalogueError, match="column 'delivers': found 'halal'"):
        load_catalogue(tables)


# -- who can take part -------------------------------------------------------------------------


def test_can_take_part_needs_certificates_and_levels_in_the_good_direction():
    cat = _catalogue(prereq_waste=5.0)  # waste is "at most 5" (direction -1)
    prof = _profile(has_nib=[True, True, False, True, pd.NA], waste=[4.0, 6.0, 4.0, np.nan, 4.0])
    assert can_take_part(prof, cat, "clean").tolist() == [True, False, False, False, False]
    assert can_take_part(prof, cat, "train").all()  # no prerequisite at all


def test_unknown_programme_is_an_input_error():
    with pytest.raises(InputError, match="programme 'fly': not in the catalogue"):
        can_take_part(_profile(), _catalogue(), "fly")


# -- effects ------------------------------------------------------------------------------------


def test_apply_moves_scores_in_the_good_direction_and_clips_to_the_scale():
    prof = _profile(q=[2.0, 4.5, np.nan], waste=[6.0, 2.0, 6.0])
    after = apply_programmes(prof, _catalogue(), ["train", "clean"])
    assert after["q"].tolist()[:2] == [3.0, 5.0]  # +1, clipped at 5
    assert np.isnan(after["q"].iloc[2])  # an unknown score stays unknown
    assert after["waste"].tolist() == [3.0, 0.0, 3.0]  # -3 (higher is worse), clipped at 0
    assert after["has_sni"].tolist() == [True, True, True]  # delivered
    assert after.attrs["participants"] == {"train": 3, "clean": 3}
    assert prof["q"].iloc[0] == 2.0  # the input is not changed


def test_firms_that_cannot_take_part_are_unchanged():
    prof = _profile(has_nib=[True, False])
    after = apply_programmes(prof, _catalogue(), ["clean"])
    assert after.loc["f1"].equals(prof.loc["f1"])
    assert after.loc["f0", "waste"] == 3.0


def test_a_prerequisite_can_be_met_by_an_earlier_programme():
    # cert needs q >= 3; pre raises q by 1, so pre then cert works and cert then pre does not
    prog = pd.DataFrame(
        {
            "intervention_id": ["pre", "cert"],
            "targets": [("q",), ("q",)],
            "unit_cost_idr": [1.0, 1.0],
            "delivers": [(), ("iso9001",)],
        }
    )
    eff = pd.DataFrame(
        {
            "intervention_id": ["pre"],
            "indicator": ["q"],
            "gain_low": [1.0],
            "gain_mid": [1.0],
            "gain_high": [1.0],
            "source_id": ["x"],
        }
    )
    pre = pd.DataFrame(
        {"intervention_id": ["cert"], "indicator": ["q"], "min_level": [3.0], "source_id": ["x"]}
    )
    cat = load_catalogue(
        {
            "interventions": prog,
            "intervention_effects": eff,
            "intervention_prerequisites": pre,
            "indicators": _indicators(),
        }
    )
    prof = _profile(q=[2.0])
    assert apply_programmes(prof, cat, ["pre", "cert"])["has_iso9001"].iloc[0]
    assert not apply_programmes(prof, cat, ["cert", "pre"])["has_iso9001"].iloc[0]


def test_sampled_gains_replace_the_expected_ones():
    cat = _catalogue()
    sampled = cat.effects["gain_high"].rename("draw")
    a = apply_programmes(_profile(), cat, ["train", "clean"], gain=sampled)
    b = apply_programmes(_profile(), cat, ["train", "clean"], gain="gain_high")
    c = apply_programmes(_profile(), cat, ["train", "clean"], gain=sampled.to_frame())
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)
    with pytest.raises(InputError, match="no value for programme 'train', indicator 'q'"):
        apply_programmes(_profile(), cat, ["train"], gain=sampled.iloc[:1])
    with pytest.raises(InputError, match="gain 'gain_best'"):
        apply_programmes(_profile(), cat, ["train"], gain="gain_best")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(1, 5), min_size=1, max_size=6),
    st.lists(st.floats(0, 10), min_size=1, max_size=6),
    st.permutations(["train", "clean"]),
)
def test_without_prerequisites_the_order_does_not_matter_and_nothing_gets_worse(qs, wastes, order):
    n = min(len(qs), len(wastes))
    prof = _profile(q=qs[:n], waste=wastes[:n])
    cat = _catalogue()
    after = apply_programmes(prof, cat, order)
    ref = apply_programmes(prof, cat, ["train", "clean"])
    pd.testing.assert_frame_equal(after, ref, check_exact=False, atol=1e-12)
    assert (after["q"] >= prof["q"] - 1e-12).all()
    assert (after["waste"] <= prof["waste"] + 1e-12).all()
    assert after["q"].between(1, 5).all() and after["waste"].between(0, 10).all()


def test_each_programme_taken_once_per_listing():
    # listing a programme twice applies it twice: the caller decides (documented behaviour)
    prof = _profile(q=[1.0])
    once = apply_programmes(prof, _catalogue(), ["train"])["q"].iloc[0]
    twice = apply_programmes(prof, _catalogue(), ["train", "train"])["q"].iloc[0]
    assert (once, twice) == (2.0, 3.0)
