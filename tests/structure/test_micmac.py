"""MICMAC quadrants with the midpoint rule (values equal to the midpoint are low).

The rule as Indonesian ISM studies state it after Marimin (2004) and Eriyatno: sector 1
(autonomous) when DP <= 0.5X and D <= 0.5X, sector 2 (dependent) when DP <= 0.5X and D > 0.5X,
sector 3 (linkage) when both are > 0.5X, sector 4 (independent) when DP > 0.5X and D <= 0.5X,
X the number of sub-elements (an IPB thesis, "Klasifikasi sub elemen", stored copy at
https://text-id.123dok.com/document/8ydjgd56y-klasifikasi-sub-elemen-tinjauan-pustaka.html;
the copy drops the ">" signs, which the sector names restore). No study with numbers printing
its quadrants could be read in full, so the cases below are built by hand.
"""

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
