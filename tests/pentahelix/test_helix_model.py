"""Helix models held as data: classic and Cilegon's variant."""

from __future__ import annotations

import pytest

from ikmpolicy import pentahelix


def assigned(sample, model):
    helix = pentahelix.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], model
    )
    return dict(zip(sample["stakeholders"]["org_id"], helix, strict=True))


def test_classic_model_uses_the_classic_helix(sample):
    helix = assigned(sample, "classic")
    assert helix["krakatau_steel"] == "business"
    assert helix["ikm_logam_cilegon"] == "business"
    assert helix["disperindag_cilegon"] == "government"


def test_cilegon_model_splits_business_and_has_no_media(sample):
    helix = assigned(sample, "cilegon")
    assert helix["krakatau_steel"] == "large_industry"
    assert helix["ikm_logam_cilegon"] == "ikm"
    assert helix["cmm"] == "community"
    models = sample["helix_models"]
    assert "media" not in set(models.loc[models["model"] == "cilegon", "helix"])


def test_counts_include_absent_helices(sample):
    helix = pentahelix.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "classic"
    )
    people = pentahelix.session_participants(
        sample["participation"], sample["stakeholders"], helix, "fgd-kemenperin-royale-krakatau"
    )
    counts = pentahelix.helix_counts(
        people, pentahelix.helix_model(sample["helix_models"], "classic")
    ).set_index("helix")
    # Kemenperin, Pemkot Cilegon and Dinkop Surakarta; six companies and the IKM
    assert counts.loc["government", "organisations"] == 3
    assert counts.loc["business", "organisations"] == 7
    assert counts.loc["media", "organisations"] == 0
    assert counts["share"].sum() == pytest.approx(1.0)
    ikm = people.set_index("org_id").loc["ikm_logam_cilegon"]
    assert ikm["people"] == 40 and ikm["roles"] == "exhibitor;participant"


def test_unknown_model_is_a_clear_error(sample):
    with pytest.raises(pentahelix.HelixModelError, match="classic"):
        pentahelix.helix_model(sample["helix_models"], "hexahelix")
