"""Figures of the structural analysis: the ISM digraph by level, the MICMAC plane, and MACTOR's
actor map and mobilisation on objectives.

Every function returns a matplotlib Figure (Agg backend) and draws the same picture from the
same data. Colours are the Okabe & Ito (2008) palette, which readers with the common colour
vision deficiencies can tell apart; quadrants are also named in words. Text from data is drawn
with ``parse_math=False`` so a ``$`` in a label is shown as typed, and long labels are wrapped.

References
----------
Okabe, M. & Ito, K. (2008). *Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people*. J*Fly, Japan.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from .ism import ISMResult  # noqa: E402
from .micmac import QUADRANTS  # noqa: E402

#: Okabe-Ito colours.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
QUADRANT_COLOURS = {
    "autonomous": OKABE_ITO["grey"],
    "dependent": OKABE_ITO["sky_blue"],
    "linkage": OKABE_ITO["orange"],
    "independent": OKABE_ITO["vermillion"],
}
MAX_SIZE = (7.0, 8.0)  # fits a page of A4


def _t(labels: Mapping | None, key) -> str:
    return str((labels or {}).get(key, key))


def _wrap(text: str, width: int) -> str:
    # break unbroken strings too, so a long word cannot run off the figure
    return "\n".join(textwrap.wrap(text, width, break_long_words=True)[:6]) or " "


def _components(result: ISMResult) -> tuple[nx.DiGraph, dict]:
    """Condensation of the final digraph (mutually reaching elements share a node), with the
    transitive links removed: the edges an ISM diagram draws."""
    graph = nx.DiGraph()
    labels = list(result.final.index)
    graph.add_nodes_from(labels)
    values = result.final.to_numpy()
    graph.add_edges_from(
        (labels[i], labels[j]) for i, j in zip(*np.nonzero(values), strict=True) if i != j
    )
    condensed = nx.condensation(graph)
    reduced = nx.transitive_reduction(condensed)
    members = {c: sorted(condensed.nodes[c]["members"], key=labels.index) for c in condensed}
    return reduced, members


def ism_digraph(
    result: ISMResult,
    labels: Mapping | None = None,
    colours: Mapping[str, str] | None = None,
    width: float = 7.0,
    wrap: int = 22,
) -> Figure:
    """The ISM model: elements by level (level 1 at the top), transitive links removed.

    Elements that reach each other (a cycle, e.g. an ``X`` judgement) share one box, written
    with ``⇄`` between them. An arrow from a box to another reads "leads to".

    Parameters
    ----------
    result : ISMResult
        From :func:`ikmpolicy.structure.ism`.
    labels : mapping, optional
        Element id -> display text (default: the id).
    colours : mapping, optional
        Element id -> face colour (e.g. by MICMAC quadrant); default light grey.
    width : float
        Figure width in inches.
    wrap : int
        Characters per label line.
    """
    reduced, members = _components(result)
    levels = result.levels
    level_of = {c: int(levels[m[0]]) for c, m in members.items()}
    n_levels = max(level_of.values())
    rows: dict[int, list] = {}
    for c in sorted(members, key=lambda c: list(result.final.index).index(members[c][0])):
        rows.setdefault(level_of[c], []).append(c)
    x: dict = {}
    for level in range(1, n_levels + 1):  # top down: order by the boxes they lead to
        row = rows.get(level, [])
        if level > 1:

            def pull(c):
                targets = [x[t] for t in reduced.successors(c) if t in x]
                return float(np.mean(targets)) if targets else 0.5

            row.sort(key=pull)
        for k, c in enumerate(row):
            x[c] = (k + 1) / (len(row) + 1)
    height = min(MAX_SIZE[1], 1.0 + 1.25 * n_levels)
    fig, ax = plt.subplots(figsize=(min(width, MAX_SIZE[0]), height))
    ax.set_xlim(0, 1)
    ax.set_ylim(n_levels + 0.6, 0.4)
    ax.axis("off")
    boxes = {}
    max_row = max(len(r) for r in rows.values())
    chars = max(8, min(wrap, int(wrap * 4 / max(max_row, 1))))
    for c, ids in members.items():
        text = "\n⇄ ".join(_wrap(_t(labels, e), chars) for e in ids)
        face = (colours or {}).get(ids[0], "#f2f2f2")
        boxes[c] = ax.text(
            x[c],
            level_of[c],
            text,
            ha="center",
            va="center",
            fontsize=7.5,
            parse_math=False,
            zorder=3,
            bbox={
                "boxstyle": "round,pad=0.4",
                "facecolor": face,
                "edgecolor": "#333333",
                "linewidth": 0.8,
            },
        )
    for level in range(1, n_levels + 1):
        ax.text(0.0, level, f"{level}", ha="left", va="center", fontsize=8, color="#555555")
    for source, target in reduced.edges:
        ax.annotate(
            "",
            xy=(x[target], level_of[target]),
            xytext=(x[source], level_of[source]),
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#333333",
                "linewidth": 0.9,
                "shrinkA": 14,
                "shrinkB": 14,
                "patchA": boxes[source].get_bbox_patch(),
                "patchB": boxes[target].get_bbox_patch(),
            },
            zorder=2,
        )
    fig.tight_layout()
    return fig


def micmac_figure(
    table: pd.DataFrame,
    labels: Mapping | None = None,
    quadrant_names: Mapping | None = None,
    axis_labels: tuple[str, str] = ("Dependence", "Driving power"),
    size: float = 6.0,
) -> Figure:
    """The MICMAC plane: dependence (x) against driving power (y), cut at the midpoint.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`ikmpolicy.structure.micmac` (``attrs["midpoint"]`` gives the cut).
    labels : mapping, optional
        Element id -> text drawn beside its point (default: the id; keep them short).
    quadrant_names : mapping, optional
        Quadrant -> name shown in its corner (default: the quadrant code).
    axis_labels : (str, str)
        Axis titles (x, y).
    """
    n = len(table)
    cut = table.attrs.get("midpoint", n / 2)
    fig, ax = plt.subplots(figsize=(min(size, MAX_SIZE[0]), min(size, MAX_SIZE[1])))
    ax.set_xlim(0, n + 0.5)
    ax.set_ylim(0, n + 0.5)
    ax.axvline(cut, color="#555555", linewidth=0.8)
    ax.axhline(cut, color="#555555", linewidth=0.8)
    corners = {
        "autonomous": (0.2, 0.2, "left", "bottom"),
        "dependent": (n + 0.3, 0.2, "right", "bottom"),
        "linkage": (n + 0.3, n + 0.3, "right", "top"),
        "independent": (0.2, n + 0.3, "left", "top"),
    }
    for roman, name in zip(("I", "II", "III", "IV"), QUADRANTS, strict=True):
        cx, cy, ha, va = corners[name]
        ax.text(
            cx,
            cy,
            f"{roman} {_t(quadrant_names, name)}",
            ha=ha,
            va=va,
            fontsize=8,
            color="#333333",
            parse_math=False,
            bbox={"facecolor": QUADRANT_COLOURS[name], "alpha": 0.25, "edgecolor": "none"},
        )
    groups = table.groupby(["dependence", "driving_power"], sort=True)
    for (dep, drive), group in groups:
        colour = QUADRANT_COLOURS[group["quadrant"].iloc[0]]
        ax.scatter([dep], [drive], s=36, color=colour, edgecolor="#222222", zorder=3)
        text = _wrap(", ".join(_t(labels, e) for e in group.index), 18)
        ax.annotate(
            text,
            (dep, drive),
            xytext=(5, 4),
            textcoords="offset points",
            fontsize=7.5,
            parse_math=False,
            zorder=4,
        )
    ax.set_xlabel(axis_labels[0])
    ax.set_ylabel(axis_labels[1])
    ax.set_xticks(range(0, n + 1))
    ax.set_yticks(range(0, n + 1))
    ax.set_aspect("equal")
    fig.tight_layout()
    return fig


def quadrant_legend(ax, names: Mapping | None = None) -> None:
    """A legend of the quadrant colours below ``ax`` (for the digraph coloured by quadrant)."""
    handles = [
        Patch(facecolor=QUADRANT_COLOURS[q], edgecolor="#333333", label=_t(names, q))
        for q in QUADRANTS
    ]
    fig = ax.figure
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=7.5, frameon=False)
    fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, 0.1))


def mactor_map(
    power: pd.DataFrame,
    labels: Mapping | None = None,
    axis_labels: tuple[str, str] = ("Dependence", "Influence"),
    size: float = 6.0,
) -> Figure:
    """MACTOR's map of influences and dependences between actors (Godet 2001).

    Parameters
    ----------
    power : pandas.DataFrame
        From :func:`ikmpolicy.pentahelix.actor_power` (``influence``, ``dependence``).
    labels : mapping, optional
        Actor id -> short display name.
    """
    fig, ax = plt.subplots(figsize=(min(size, MAX_SIZE[0]), min(size * 0.8, MAX_SIZE[1])))
    x, y = power["dependence"].to_numpy(float), power["influence"].to_numpy(float)
    ax.axvline(float(np.mean(x)), color="#777777", linewidth=0.8, linestyle="--")
    ax.axhline(float(np.mean(y)), color="#777777", linewidth=0.8, linestyle="--")
    ax.scatter(x, y, s=40, color=OKABE_ITO["blue"], edgecolor="#222222", zorder=3)
    for actor, xi, yi in zip(power.index, x, y, strict=True):
        ax.annotate(
            _wrap(_t(labels, actor), 20),
            (xi, yi),
            xytext=(5, 4),
            textcoords="offset points",
            fontsize=7.5,
            parse_math=False,
        )
    pad_x, pad_y = max(1.0, 0.15 * (x.max() - x.min())), max(1.0, 0.15 * (y.max() - y.min()))
    ax.set_xlim(max(0, x.min() - pad_x), x.max() + 2 * pad_x)
    ax.set_ylim(max(0, y.min() - pad_y), y.max() + pad_y)
    ax.set_xlabel(axis_labels[0])
    ax.set_ylabel(axis_labels[1])
    fig.tight_layout()
    return fig


def mobilisation_figure(
    mobilised: pd.DataFrame,
    labels: Mapping | None = None,
    legend: tuple[str, str] = ("for", "against"),
    width: float = 6.5,
) -> Figure:
    """Support and opposition on each objective (power-weighted positions, Godet's 3MAO).

    Parameters
    ----------
    mobilised : pandas.DataFrame
        From :func:`ikmpolicy.pentahelix.mobilisation` (``for``, ``against``).
    """
    n = len(mobilised)
    fig, ax = plt.subplots(figsize=(min(width, MAX_SIZE[0]), min(1.2 + 0.45 * n, MAX_SIZE[1])))
    ys = np.arange(n)
    ax.barh(ys, mobilised["for"], color=OKABE_ITO["green"], label=legend[0])
    ax.barh(ys, -mobilised["against"], color=OKABE_ITO["vermillion"], label=legend[1])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(ys)
    ax.set_yticklabels([_wrap(_t(labels, o), 28) for o in mobilised.index], fontsize=8)
    for tick in ax.get_yticklabels():
        tick.set_parse_math(False)
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
