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


@pytest.mark.parametrize(
    "name", ["profile_heatmap", "rank_intervals", "subsector_comparison", "before_after"]
)
def test_figure_is_deterministic(objects, name):
    rec, mc, ch = objects
    arg = {
        "profile_heatmap": rec,
        "rank_intervals": mc,
        "subsector_comparison": rec,
        "before_after": ch,
    }[name]
    f1 = getattr(figures, name)(arg)
    f2 = getattr(figures, name)(arg)
    assert isinstance(f1, Figure)
    assert np.array_equal(pixels(f1), pixels(f2))


def test_subsector_comparison_draws_no_small_group():
    meta = make_meta()
    a, firms = make_sample()
    firms = firms.copy()
    firms.loc[:1, "sub_sector"] = "tiny"  # two firms
    rec = build_index(a, meta, firms)
    fig = figures.subsector_comparison(rec)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert "tiny" not in labels and len(labels) == 4
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    ranked = rec.included & (rec.firms["sub_sector"] != "tiny")
    assert dots == int(ranked.sum())
    # a threshold of 2 shows it again; a threshold above every group shows nothing
    assert "tiny" in [
        t.get_text()
        for t in figures.subsector_comparison(rec, min_group=2).axes[0].get_xticklabels()
    ]
    empty = figures.subsector_comparison(rec, min_group=1000).axes[0]
    assert not empty.collections and not empty.get_xticklabels()
