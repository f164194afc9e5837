"""MICMAC quadrants with the midpoint rule (values equal to the midpoint are low)."""

from __future__ import annotations

import pandas as pd

from ikmpolicy.structure import micmac, quadrant


def test_midpoint_rule_counts_ties_as_low():
    assert quadrant(3, 3, 3) == "autonomous"
    assert quadrant(3.5, 3, 3) == "independent"
    assert quadrant(3, 3.5, 3) == "dependent"
    assert quadrant(4, 4, 3) == "linkage"


def test_chain_of_six_has_drivers_below_and_outcomes_above():
    labels = list("abcdef")
    final = pd.DataFrame(
        [[int(j >= i) for j in range(6)] for i in range(6)], index=labels, columns=labels
    )
    table = micmac(final)
    assert table.attrs["midpoint"] == 3
    assert table["driving_power"].tolist() == [6, 5, 4, 3, 2, 1]
    assert table["quadrant"].tolist() == ["independent"] * 3 + ["dependent"] * 3
    assert micmac(final, midpoint=0)["quadrant"].eq("linkage").all()
