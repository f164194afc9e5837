"""Figures for the FGD analysis: code frequencies and the co-occurrence heat map.

Each returns a matplotlib Figure (Agg backend, nothing shown). Text comes from ``labels``
(code -> display text) so the report layer can translate it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import ikmpolicy.plotting  # noqa: F401  (Agg backend, labels drawn as text)
from ikmpolicy.palette import SEQUENTIAL  # noqa: E402


def _t(labels: dict | None, code) -> str:
    return str((labels or {}).get(code, code))


def cooccurrence_heatmap(matrix: pd.DataFrame, labels: dict | None = None) -> Figure:
    """Heat map of :func:`~ikmpolicy.fgd.frequencies.cooccurrence`, counts written in cells.

    Examples
    --------
    >>> m = pd.DataFrame([[2, 1], [1, 1]], index=["a", "b"], columns=["a", "b"])
    >>> [t.get_text() for t in cooccurrence_heatmap(m).axes[0].texts]
    ['2', '1', '1', '1']
    """
    n = len(matrix)
    fig, ax = plt.subplots(figsize=(0.5 * n + 3, 0.5 * n + 2.5))
    values = matrix.to_numpy()
    image = ax.imshow(values, cmap=SEQUENTIAL, vmin=0)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xticklabels([_t(labels, c) for c in matrix.columns], rotation=60, ha="right", fontsize=8)
    ax.set_yticklabels([_t(labels, c) for c in matrix.index], fontsize=8)
    top = values.max() if values.size else 0
    for i in range(n):
        for j in range(n):
            ax.text(
                j,
                i,
                str(int(values[i, j])),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if top and values[i, j] < top / 2 else "black",
            )
    fig.colorbar(image, ax=ax, shrink=0.7)
    fig.tight_layout()
    return fig


def frequency_figure(frequencies: pd.DataFrame, labels: dict | None = None) -> Figure:
    """Grouped horizontal bars: statements per code, one bar colour per group (row).

    Examples
    --------
    >>> f = pd.DataFrame([[2, 0]], index=["s"], columns=["a", "b"])
    >>> len(frequency_figure(f).axes[0].patches)
    2
    """
    codes = list(frequencies.columns)
    groups = list(frequencies.index)
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(codes) * max(1, len(groups)) ** 0.5 + 1.5))
    height = 0.8 / max(1, len(groups))
    y = np.arange(len(codes))
    for k, g in enumerate(groups):
        ax.barh(y + k * height, frequencies.loc[g].to_numpy(), height=height, label=_t(labels, g))
    ax.set_yticks(y + height * (len(groups) - 1) / 2)
    ax.set_yticklabels([_t(labels, c) for c in codes], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(_t(labels, "statements"))
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig
