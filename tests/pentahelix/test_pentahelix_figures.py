"""Figures: returned, not shown, deterministic, quadrants named."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ikmpolicy import pentahelix as ph
from ikmpolicy.pentahelix import figures


def _graph(sample):
    assigned = ph.assign_helices(sample["stakeholders"], sample["helix_models"],
                                 sample["helix_assignment"], "classic")
    g = ph.collaboration_graph(sample["participation"], sample["commitments"],
                               sample["stakeholders"], assigned)
    return g, ph.helix_model(sample["helix_models"], "classic")["helix"]


def test_network_drawing_is_deterministic(sample):
    g, helices = _graph(sample)
    first = figures.network_figure(g, helices)
    second = figures.network_figure(g, helices)
    pos = [np.asarray(c.get_offsets()) for f in (first, second) for c in f.axes[0].collections
           if len(c.get_offsets()) == len(g)]
    assert len(pos) == 2 and np.allclose(pos[0], pos[1])
    plt.close("all")


def test_grid_names_the_four_quadrants():
    grid = ph.power_interest_grid(pd.DataFrame({"org_id": ["a"], "power": [4],
                                                "interest": [4]}))
    fig = figures.grid_figure(grid, labels={"manage_closely": "Kelola erat"})
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"Kelola erat", "keep_satisfied", "keep_informed", "monitor"} <= texts
    plt.close(fig)


def test_timeline_and_coverage_figures(sample):
    led = ph.commitment_ledger(sample["commitments"], "2026-01-01",
                               sessions=sample["fgd_sessions"])
    fig = figures.ledger_timeline(led, "2026-01-01")
    assert len(fig.axes[0].get_yticklabels()) == len(led)
    helices = ph.helix_model(sample["helix_models"], "classic")
    assigned = ph.assign_helices(sample["stakeholders"], sample["helix_models"],
                                 sample["helix_assignment"], "classic")
    cov = ph.helix_coverage(sample["participation"], sample["stakeholders"], assigned, helices)
    fig2 = figures.coverage_figure(cov)
    assert [t.get_text() for t in fig2.axes[0].get_legend().get_texts()] == list(
        helices["helix"])
    plt.close("all")
