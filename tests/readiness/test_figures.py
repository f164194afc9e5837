"""Figures: each returns a Figure, draws without pyplot, and draws the same twice."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ikmpolicy.readiness import build_index, change_over_time, figures, monte_carlo

from .readiness_data import INDICATORS, make_meta, make_sample


def pixels(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


@pytest.fixture(scope="module")
def objects():
    meta = make_meta()
    a, firms = make_sample()
    rec = build_index(a, meta, firms)
    mc = monte_carlo(rec, 60, seed=1)
    b = a.assign(assessment_date=pd.Timestamp("2025-05-01"))
    b[INDICATORS] = np.clip(b[INDICATORS] + 1, 1, 5)
    ch = change_over_time(pd.concat([a, b]), meta, firms)
    return rec, mc, ch


@pytest.mark.parametrize("name", ["profile_heatmap", "rank_intervals", "subsector_comparison",
                                  "before_after"])
def test_figure_is_deterministic(objects, name):
    rec, mc, ch = objects
    arg = {"profile_heatmap": rec, "rank_intervals": mc, "subsector_comparison": rec,
           "before_after": ch}[name]
    f1 = getattr(figures, name)(arg)
    f2 = getattr(figures, name)(arg)
    assert isinstance(f1, Figure)
    assert np.array_equal(pixels(f1), pixels(f2))
