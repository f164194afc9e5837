"""FGD figures: returned, not shown, labelled."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ikmpolicy.fgd import figures


def test_heatmap_writes_counts_and_uses_labels():
    m = pd.DataFrame([[3, 1], [1, 2]], index=["a", "b"], columns=["a", "b"])
    fig = figures.cooccurrence_heatmap(m, labels={"a": "Kemitraan"})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["3", "1", "1", "2"]
    assert ax.get_xticklabels()[0].get_text() == "Kemitraan"
    plt.close(fig)


def test_frequency_figure_has_one_bar_per_group_and_code():
    f = pd.DataFrame([[2, 0, 1], [1, 1, 0]], index=["s1", "s2"], columns=["a", "b", "c"])
    fig = figures.frequency_figure(f)
    assert len(fig.axes[0].patches) == 6
    plt.close(fig)
