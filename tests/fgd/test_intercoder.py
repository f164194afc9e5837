"""Inter-coder agreement over coded segments, against hand computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ikmpolicy import fgd
from ikmpolicy.agreement import cohen_kappa

A = pd.Series([("x",), ("x", "y"), ("y",), ("x",), None], index=list("pqrst"))
B = pd.Series([("x",), ("x",), ("y",), ("y",), None], index=list("pqrst"))


def test_agreement_by_hand():
    t = fgd.coder_agreement(A, B, ["x", "y"]).set_index("code")
    # segments p, q, r, s (t: nobody coded it). Code x: A = 1101, B = 1100
    # p_o = 3/4, p_e = 3/4 * 1/2 + 1/4 * 1/2 = 1/2, kappa = (3/4 - 1/2) / (1/2) = 0.5
    assert t.loc["x", ["segments", "both", "only_a", "only_b", "neither"]].tolist() == [
        4,
        2,
        1,
        0,
        1,
    ]
    assert t.loc["x", "kappa"] == pytest.approx(0.5)
    # alpha: n = 8 values, o_01 + o_10 = 2, n_1 = 5, n_0 = 3: 1 - 7 * 2 / (2 * 5 * 3)
    assert t.loc["x", "alpha"] == pytest.approx(1 - 14 / 30)
    # code y: A = 0110, B = 0011: p_o = p_e = 1/2, kappa 0; alpha = 1 - 7 * 4 / (2 * 4 * 4)
    assert t.loc["y", "kappa"] == pytest.approx(0.0)
    assert t.loc["y", "alpha"] == pytest.approx(0.125)
    # pooled 8 judgements: p_o = 5/8, p_e = 1/2, kappa = 0.25
    assert t.loc["*", "segments"] == 4
    assert t.loc["*", "agreement"] == pytest.approx(5 / 8)
    assert t.loc["*", "kappa"] == pytest.approx(0.25)


def test_uncoded_text_does_not_inflate_agreement():
    ours = fgd.coder_agreement(A, B, ["x"]).set_index("code").loc["x", "kappa"]
    # had segment t (coded by nobody) counted as agreement on "absent":
    inflated = cohen_kappa([1, 1, 0, 1, 0], [1, 1, 0, 0, 0])
    assert inflated == pytest.approx(0.32 / 0.52)
    assert ours == pytest.approx(0.5) and inflated > ours


def test_undefined_agreement_is_nan_not_one():
    a = pd.Series([("x",), ("x",)])
    t = fgd.coder_agreement(a, a.copy(), ["x", "z"]).set_index("code")
    assert np.isnan(t.loc["z", "kappa"]) and np.isnan(t.loc["z", "alpha"])
    assert t.loc["z", "agreement"] == 1.0


def test_human_vs_automatic_on_the_sample(sample):
    from pathlib import Path

    cb = fgd.load_codebook(Path(__file__).resolve().parents[2] / "data/cilegon/codebook.csv")
    st = sample["statements"].copy()
    auto = fgd.code_statements(st, cb)
    base = fgd.final_codes(st, auto, cb)
    # a human who agrees with the automatic coder on every statement it coded
    st["code_human_1"] = [";".join(c) for c in base["auto"]]
    final = fgd.final_codes(st, auto, cb)
    t = fgd.human_auto_agreement(final, cb["code"]).set_index("code")
    assert t.loc["*", "kappa"] == pytest.approx(1.0)
    assert t.loc["*", "segments"] == auto["statement_id"].nunique()


def test_krippendorff_2011_binary_example_as_codes():
    # Krippendorff (2011), section A: Mary's and Dave's binary judgements of 10 units. As
    # presence of code "x" in segments that both coded (with "y" otherwise). Published alpha =
    # 0.095; kappa by hand: p_o = 6/10, p_e = .2 * .4 + .8 * .6 = .56, kappa = .04 / .44.
    mary = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    dave = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    a = pd.Series([("x",) if v else ("y",) for v in mary])
    b = pd.Series([("x",) if v else ("y",) for v in dave])
    t = fgd.coder_agreement(a, b, ["x"]).set_index("code")
    assert round(t.loc["x", "alpha"], 3) == 0.095
    assert t.loc["x", "kappa"] == pytest.approx(0.04 / 0.44)
    assert t.loc["x", "agreement"] == pytest.approx(0.6)
