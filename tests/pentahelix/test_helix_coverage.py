"""Coverage and balance of the helices: hand-computed balance indices, the sample's gaps."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ikmpolicy import pentahelix as ph


def test_balance_index_hand_computed_cases():
    assert ph.balance_index([1, 1, 1, 1, 1]) == 1.0
    assert ph.balance_index([4, 0, 0, 0, 0]) == 0.0
    # p = (3/4, 1/4): H = -(0.75 ln 0.75 + 0.25 ln 0.25) = 0.562335; J = H / ln 2
    assert ph.balance_index([3, 1]) == pytest.approx(0.811278, abs=1e-6)
    # p = (1/2, 1/4, 1/4, 0, 0): H = 1.039721; k = 5 helices, J = H / ln 5
    assert ph.balance_index([2, 1, 1, 0, 0]) == pytest.approx(0.646015, abs=1e-6)
    # an absent helix lowers the index: same shares over a 3-helix model
    assert ph.balance_index([2, 1, 1]) > ph.balance_index([2, 1, 1, 0, 0])


def test_balance_index_undefined_and_bad_counts():
    assert math.isnan(ph.balance_index([0, 0, 0]))
    assert math.isnan(ph.balance_index([3]))
    with pytest.raises(ValueError, match="non-negative"):
        ph.balance_index([1, -1])


def _classic(sample):
    helices = ph.helix_model(sample["helix_models"], "classic")
    assigned = ph.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "classic"
    )
    return helices, assigned


def test_sample_fgd_2025_has_no_media_and_no_community(sample):
    helices, assigned = _classic(sample)
    cov = ph.helix_coverage(sample["participation"], sample["stakeholders"], assigned, helices)
    one = cov[cov["session_id"] == "fgd-2025-05-15"].set_index("helix")
    # Disperindag and BBSPJI; the IKM and the practitioners; the academics (Fakta Banten)
    assert one["organisations"].to_dict() == {
        "academia": 1,
        "business": 2,
        "community": 0,
        "government": 2,
        "media": 0,
    }
    assert one.loc["media", "status"] == "absent"
    bal = ph.helix_balance(cov).set_index("session_id")
    row = bal.loc["fgd-2025-05-15"]
    assert row["absent"] == ("community", "media")
    assert row["status"] == "absent_helix"
    # p = (0.4, 0.4, 0.2): H = 1.054920, J = H / ln 5
    assert row["balance"] == pytest.approx(0.655459, abs=1e-6)
    warn = ph.absent_helix_warnings(cov, sample["helix_models"], "classic")
    media = warn[(warn["session_id"] == "fgd-2025-05-15") & (warn["helix"] == "media")]
    assert media["code"].tolist() == ["absent"]
    assert media["role_id"].tolist() == ["Promosi dan publikasi"]


def test_pooled_row_counts_distinct_organisations(sample):
    helices, assigned = _classic(sample)
    cov = ph.helix_coverage(sample["participation"], sample["stakeholders"], assigned, helices)
    pooled = cov[cov["session_id"] == ph.ALL_SESSIONS]
    assert pooled["organisations"].sum() == sample["participation"]["org_id"].nunique()
    assert pooled.set_index("helix").loc["media", "organisations"] == 0
    assert pooled["share"].sum() == pytest.approx(1.0)


def test_cilegon_model_has_no_media_helix_to_miss(sample):
    helices = ph.helix_model(sample["helix_models"], "cilegon")
    assigned = ph.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "cilegon"
    )
    cov = ph.helix_coverage(
        sample["participation"],
        sample["stakeholders"],
        assigned,
        helices,
        sessions=["fgd-kemenperin-royale-krakatau"],
    )
    assert "media" not in set(cov["helix"])
    one = cov[cov["session_id"] == "fgd-kemenperin-royale-krakatau"].set_index("helix")
    assert one.loc["large_industry", "organisations"] == 6
    assert one.loc["ikm", "organisations"] == 1


def test_unknown_helix_is_a_clear_error(sample):
    helices, assigned = _classic(sample)
    bad = assigned.copy()
    bad.iloc[2] = "medai"
    with pytest.raises(ph.HelixModelError, match=r"stakeholders.csv, row 4, column 'helix'.*medai"):
        ph.helix_coverage(sample["participation"], sample["stakeholders"], bad, helices)


def test_participant_missing_from_stakeholders_is_a_clear_error():
    st = pd.DataFrame({"org_id": ["a"], "helix": ["government"]})
    part = pd.DataFrame(
        {"session_id": ["s"], "org_id": ["ghost"], "_row": [7], "_file": ["participation.csv"]}
    )
    with pytest.raises(ph.PentahelixInputError, match="participation.csv, row 7.*'ghost'"):
        ph.helix_coverage(part, st, st["helix"], pd.DataFrame({"helix": ["government"]}))


def test_roles_come_from_the_data(sample):
    roles = ph.helix_roles(sample["helix_models"], "cilegon").set_index("helix")
    assert roles.loc["large_industry", "role_en"] == "Opening partnership opportunities"
    edited = sample["helix_models"].copy()
    edited.loc[edited["helix"] == "academia", "role_en"] = "Testing"
    assert (
        ph.helix_roles(edited, "classic").set_index("helix").loc["academia", "role_en"] == "Testing"
    )


def test_balance_index_against_scikit_bio_published_cases():
    # scikit-bio, skbio/diversity/alpha/tests/test_base.py, test_pielou_e: pielou_e of
    # [1, 1, 196, 1, 1] is 0.078 (an example the test takes from the University of Maryland
    # Sea Grant lesson "biofilm/diverse.htm"), and of the counts [0, 1, 1, 4, 2, 5, 2, 4, 1, 2]
    # 0.92485490560. scikit-bio divides by the log of the number of *observed* categories (its
    # pielou_e([1, 1, 1, 1, 0, 0]) is 1), where balance_index divides by the log of the
    # model's helices, present or not; the two agree when no category is empty.
    assert ph.balance_index([1, 1, 196, 1, 1]) == pytest.approx(0.078, abs=5e-4)
    observed = [1, 1, 4, 2, 5, 2, 4, 1, 2]  # the non-zero counts of the second case
    assert ph.balance_index(observed) == pytest.approx(0.92485490560, abs=1e-10)
    assert ph.balance_index([1, 1, 1, 1, 0, 0]) == pytest.approx(math.log(4) / math.log(6))


@pytest.mark.parametrize(
    "counts", [[3, 1], [2, 1, 1, 0, 0], [7, 0, 2, 2, 9], [1, 2, 3, 4, 5, 6], [0, 5, 0]]
)
def test_balance_index_is_scipy_entropy_over_log_k(counts):
    # independent computation: scipy.stats.entropy (natural log, normalises the counts)
    from scipy.stats import entropy

    assert ph.balance_index(counts) == pytest.approx(entropy(counts) / math.log(len(counts)))
