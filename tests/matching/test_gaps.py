"""Gaps, certificates, KBLI fit, eligibility, status and capacity of firm x requirement pairs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.errors import InputError
from ikmpolicy.matching import STATUSES, MatchingError, requirement_gaps

from .matching_data import indicators, instances, profile, reference_pair, requirements

NAMES = ["i0", "i1", "i2"]  # i2 has direction -1: its level is the highest allowed


@pytest.fixture
def hand():
    ind = indicators((1, 1, -1))
    firms = profile(
        [
            {"id": "A", "kbli": "25111", "certs": ("nib", "sni"), "scores": [4, 3, 2]},
            {"id": "B", "kbli": "25111", "certs": ("nib",), "scores": [2, 3, 4]},
            {"id": "C", "kbli": "25920", "certs": ("nib", "sni"), "scores": [3, np.nan, 2]},
            {"id": "D", "kbli": "25931", "certs": (), "scores": [1, 1, 3]},
            {"id": "E", "kbli": "25111", "certs": ("nib",), "scores": [2.5, 3, 2]},
            {"id": "F", "kbli": "25920", "certs": (), "scores": [3, 3, 2]},
        ],
        NAMES,
    )
    reqs = requirements(
        [
            {"id": "R1", "kbli": ("25111", "25920"), "certs": ("nib", "sni"), "levels": [3, 3, 2]},
            {"id": "R2", "kbli": ("25931",), "certs": (), "levels": [None, None, 3]},
        ],
        NAMES,
    )
    return (
        firms,
        reqs,
        ind,
        requirement_gaps(firms, reqs, ind).set_index(["firm_id", "requirement_id"]),
    )


def test_hand_built_statuses(hand):
    *_, pairs = hand
    r1 = pairs.xs("R1", level="requirement_id")["status"].to_dict()
    assert r1 == {
        "A": "eligible",
        "B": "not_yet",
        "C": "unknown",
        "D": "no_kbli_fit",
        "E": "near_ready",
        "F": "not_yet",
    }
    assert pairs.loc[("D", "R2"), "status"] == "eligible"  # only waste <= 3 asked, 3 is fine
    assert pairs["eligible"].sum() == 2
    assert set(pairs["status"]) <= set(STATUSES)


def test_gaps_respect_direction_and_unknown_scores(hand):
    *_, pairs = hand
    b = pairs.loc[("B", "R1")]
    assert (b["gap_i0"], b["gap_i1"], b["gap_i2"]) == (1.0, 0.0, 2.0)  # waste 4 > at most 2
    assert b["dimension_gaps"] == 2 and b["unknown_dimensions"] == 0
    c = pairs.loc[("C", "R1")]
    assert math.isnan(c["gap_i1"]) and c["unknown_dimensions"] == 1 and c["dimension_gaps"] == 0
    assert pairs.loc[("E", "R1"), "gap_i0"] == 0.5
    # no level -> gap 0 even where the score is missing
    assert pairs.loc[("C", "R2"), "gap_i1"] == 0.0
    assert pairs.loc[("C", "R2"), "unknown_dimensions"] == 0


def test_certificates_and_kbli_lists(hand):
    *_, pairs = hand
    assert pairs.loc[("B", "R1"), "missing_certificates"] == ("sni",)
    assert pairs.loc[("F", "R1"), "missing_certificates"] == ("nib", "sni")
    assert pairs.loc[("F", "R1"), "kbli_fit"]  # 25920 is the second code of R1
    assert not pairs.loc[("F", "R2"), "kbli_fit"]
    assert pairs.loc[("D", "R2"), "missing_certificates"] == ()
    # F is two things away but both are certificates: at most one certificate is near-ready
    assert pairs.loc[("F", "R1"), "status"] == "not_yet"


def test_near_ready_thresholds_are_parameters(hand):
    firms, reqs, ind, _ = hand
    wide = requirement_gaps(firms, reqs, ind, max_gaps=3, max_certificates=2).set_index(
        ["firm_id", "requirement_id"]
    )
    assert wide.loc[("B", "R1"), "status"] == "near_ready"
    assert wide.loc[("F", "R1"), "status"] == "near_ready"
    assert wide.attrs["max_gaps"] == 3


def test_a_firm_never_assessed_is_unknown_not_guessed():
    ind = indicators((1,))
    firms = profile([{"scores": [np.nan], "certs": ("nib",)}], ["i0"])
    reqs = requirements([{"levels": [2.0], "certs": ("nib",)}], ["i0"])
    pair = requirement_gaps(firms, reqs, ind).iloc[0]
    assert pair["status"] == "unknown" and not pair["eligible"] and pair["fit"] == 0.0


def test_capacity_only_where_units_agree():
    ind = indicators((1,))
    firms = profile(
        [
            {"scores": [3], "capacity": 150.0, "unit": "Ton"},
            {"scores": [3], "capacity": 50.0, "unit": "ton"},
            {"scores": [3], "capacity": 500.0, "unit": "unit"},
            {"scores": [3]},
        ],
        ["i0"],
    )
    reqs = requirements(
        [
            {"levels": [2.0], "volume": 100.0, "unit": "ton"},
            {"levels": [2.0], "volume": 0.0, "unit": "ton"},
        ],
        ["i0"],
    )
    pairs = requirement_gaps(firms, reqs, ind)
    first = pairs[pairs["requirement_id"] == "R0"]
    assert first["capacity_status"].tolist() == ["enough", "partial", "unknown", "unknown"]
    assert first["capacity_share"].iloc[:2].tolist() == [1.5, 0.5]
    assert first["capacity_share"].iloc[2:].isna().all()
    assert (pairs.loc[pairs["requirement_id"] == "R1", "capacity_status"] == "unknown").all()


def test_rows_columns_and_attrs(hand):
    firms, reqs, ind, _ = hand
    pairs = requirement_gaps(firms, reqs, ind)
    assert len(pairs) == len(firms) * len(reqs)
    assert pairs[["firm_id", "requirement_id"]].drop_duplicates().shape[0] == len(pairs)
    for column in (
        "firm_id",
        "requirement_id",
        "buyer_id",
        "kbli_fit",
        "gap_i0",
        "gap_i1",
        "gap_i2",
        "missing_certificates",
        "dimension_gaps",
        "unknown_dimensions",
        "eligible",
        "status",
        "fit",
        "capacity_share",
        "capacity_status",
    ):
        assert column in pairs.columns
    assert pairs.attrs["weights_source"] == "equal"
    assert pairs["kbli_fit"].dtype == bool and pairs["eligible"].dtype == bool


@settings(max_examples=120, deadline=None)
@given(instances(), st.data())
def test_matches_the_per_pair_reference(instance, data):
    ind, firm_rows, req_rows = instance
    names = list(ind["indicator"])
    raw = data.draw(st.lists(st.floats(0.1, 5), min_size=len(names), max_size=len(names)))
    weights = dict(zip(ind["dimension"], raw, strict=True))
    firms = profile(firm_rows, names)
    reqs = requirements(req_rows, names)
    pairs = requirement_gaps(firms, reqs, ind, pd.Series(weights))
    assert pairs.attrs["weights_source"] == "given"
    per_indicator = {n: weights[d] for n, d in zip(names, ind["dimension"], strict=True)}
    k = 0
    for fi, f in enumerate(firm_rows):
        for r in req_rows:
            ref = reference_pair(
                f["scores"],
                f["certs"],
                f["kbli"],
                [np.nan if v is None else v for v in r["levels"]],
                r["certs"],
                r["kbli"],
                ind,
                per_indicator,
            )
            got = pairs.iloc[k]
            assert got["firm_id"] == firms.index[fi]
            for key in (
                "status",
                "eligible",
                "kbli_fit",
                "dimension_gaps",
                "unknown_dimensions",
                "missing_certificates",
            ):
                assert got[key] == ref[key], key
            for name in names:
                expect = ref["gaps"][name]
                assert (math.isnan(expect) and math.isnan(got[f"gap_{name}"])) or got[
                    f"gap_{name}"
                ] == pytest.approx(expect, abs=1e-12)
            assert got["fit"] == pytest.approx(ref["fit"], abs=1e-6)
            k += 1


# -- bad input ----------------------------------------------------------------------------------


def test_requirement_for_an_unknown_indicator_names_file_row_and_column(sample):
    reqs = sample["buyer_requirements"].copy()
    reqs["innovation"] = np.nan
    reqs.loc[2, "innovation"] = 4.0
    profile_ = pd.DataFrame(
        columns=["kbli", "has_nib", "has_sni", "has_iso9001", *sample.indicators["indicator"]]
    )
    with pytest.raises(MatchingError) as err:
        requirement_gaps(profile_, reqs, sample.indicators)
    message = str(err.value)
    assert f"buyer_requirements.csv, row {reqs.loc[2, '_row']}, column 'innovation'" in message
    assert "an indicator of the indicators table" in message
    assert isinstance(err.value, InputError)


@pytest.mark.parametrize(
    "change, pattern",
    [
        ({"i0": 7.0}, r"column 'i0': found 7.0; expected a level on the indicator's scale"),
        ({"certificates": ("halal",)}, r"column 'certificates': found 'halal'"),
        ({"kbli": ()}, r"column 'kbli'.*at least one KBLI"),
        ({"max_suppliers": 0}, r"column 'max_suppliers'"),
        ({"yearly_volume": -5.0}, r"column 'yearly_volume'"),
    ],
)
def test_bad_requirement_values(change, pattern):
    ind = indicators((1,))
    reqs = requirements([{"levels": [2.0]}, {"levels": [3.0]}], ["i0"])
    for column, value in change.items():
        reqs[column] = reqs[column].astype(object)
        reqs.at[1, column] = value
    with pytest.raises(MatchingError, match=r"table 'buyer_requirements', index 1, " + pattern):
        requirement_gaps(profile([{"scores": [3]}], ["i0"]), reqs, ind)


def test_duplicate_requirement_id():
    reqs = requirements([{"levels": [2.0], "id": "R"}, {"levels": [3.0], "id": "R"}], ["i0"])
    with pytest.raises(MatchingError, match="unique requirement id"):
        requirement_gaps(profile([{"scores": [3]}], ["i0"]), reqs, indicators((1,)))


def test_profile_without_an_indicator_column():
    reqs = requirements([{"levels": [2.0, 3.0]}], ["i0", "i1"])
    with pytest.raises(MatchingError, match="missing column.*i1"):
        requirement_gaps(profile([{"scores": [3]}], ["i0"]), reqs, indicators((1, 1)))
