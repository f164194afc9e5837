"""Power-interest grid: the four named quadrants, boundaries, unscored actors, bad scores."""

from __future__ import annotations

import pandas as pd
import pytest

from ikmpolicy import pentahelix as ph


def test_quadrants_and_boundary():
    st = pd.DataFrame(
        {
            "org_id": list("abcdef"),
            "power": [2.5, 5.0, 2.4, 0.0, None, 3.0],
            "interest": [2.5, 0.0, 5.0, 2.4, 4.0, None],
        }
    )
    grid = ph.power_interest_grid(st).set_index("org_id")["quadrant"]
    assert grid.to_dict() == {
        "a": "manage_closely",
        "b": "keep_satisfied",
        "c": "keep_informed",
        "d": "monitor",
        "e": "unscored",
        "f": "unscored",
    }
    # a stricter threshold moves the boundary actor down
    assert ph.power_interest_grid(st, threshold=3)["quadrant"].iloc[0] == "monitor"


def test_sample_actors_are_placed_by_their_scores(sample):
    st = sample["stakeholders"]
    grid = ph.power_interest_grid(st).set_index("org_id")
    for row in st.itertuples(index=False):
        high_power, high_interest = row.power >= 2.5, row.interest >= 2.5
        expected = {
            (True, True): "manage_closely",
            (True, False): "keep_satisfied",
            (False, True): "keep_informed",
            (False, False): "monitor",
        }
        assert grid.loc[row.org_id, "quadrant"] == expected[(high_power, high_interest)]
    blank = st.assign(power=float("nan"))
    assert set(ph.power_interest_grid(blank)["quadrant"]) == {"unscored"}


def test_out_of_range_score_is_a_clear_error(sample):
    st = sample["stakeholders"].copy()
    st.loc[st.index[1], "power"] = 7
    with pytest.raises(
        ph.PentahelixInputError, match=r"stakeholders.csv, row 3, column 'power': found 7"
    ):
        ph.power_interest_grid(st)
    with pytest.raises(ValueError, match="threshold"):
        ph.power_interest_grid(sample["stakeholders"], threshold=9)
