"""Figures for the brief: helix coverage, commitments timeline, network, power-interest grid.

Every function returns a matplotlib Figure (Agg backend, nothing shown) and draws the same
picture from the same data: the network layout uses a fixed seed. Text on a figure comes from
the ``labels`` mapping (code -> display text) so the report layer can translate it; a code
without a label is shown as it is.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .coverage import ALL_SESSIONS  # noqa: E402
from .grid import QUADRANTS  # noqa: E402
from .ledger import STATES  # noqa: E402

_PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
            "#666666")
_STATE_COLOURS = {"done": "#1b9e77", "overdue": "#d7301f", "open": "#2c7fb8",
                  "no_due_date": "#999999"}


def _t(labels: dict | None, code) -> str:
    return str((labels or {}).get(code, code))


def helix_colours(helices) -> dict[str, str]:
    """A fixed colour per helix id, in the model's order (unassigned in grey).

    Examples
    --------
    >>> helix_colours(["a", "b"])["unassigned"]
    '#bbbbbb'
    """
    colours = {h: _PALETTE[i % len(_PALETTE)] for i, h in enumerate(helices)}
    colours["unassigned"] = "#bbbbbb"
    return colours


def coverage_figure(coverage: pd.DataFrame, labels: dict | None = None) -> Figure:
    """Stacked bars: organisations per helix, one bar per session (pooled bar last).

    Examples
    --------
    >>> cov = pd.DataFrame({"session_id": ["s", "s"], "helix": ["a", "b"],
    ...                     "organisations": [2, 0], "share": [1.0, 0.0],
    ...                     "status": ["present", "absent"]})
    >>> len(coverage_figure(cov).axes)
    1
    """
    table = coverage.pivot_table(index="session_id", columns="helix", values="organisations",
                                 aggfunc="sum", sort=False).fillna(0)
    order = [s for s in table.index if s != ALL_SESSIONS] + \
        [s for s in table.index if s == ALL_SESSIONS]
    helices = list(dict.fromkeys(coverage["helix"]))
    table = table.reindex(index=order, columns=helices)
    colours = helix_colours([h for h in helices if h != "unassigned"])
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(order) + 1.5))
    left = pd.Series(0.0, index=table.index)
    for h in helices:
        ax.barh([_t(labels, s) for s in table.index], table[h], left=left, color=colours[h],
                label=_t(labels, h))
        left += table[h]
    ax.invert_yaxis()
    ax.set_xlabel(_t(labels, "organisations"))
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    return fig


def ledger_timeline(ledger: pd.DataFrame, as_of, labels: dict | None = None) -> Figure:
    """Commitments on a time line: made at the session start, due at ``due_end``.

    A commitment whose session date is unknown is drawn at the left edge with a hollow marker;
    one without a due date has no line to a due date. The ``as_of`` day is a dashed line.

    Examples
    --------
    >>> led = pd.DataFrame({"commitment_id": ["a"], "session_start": [pd.Timestamp("2025-01-01")],
    ...                     "due_end": [pd.Timestamp("2025-06-30")], "state": ["overdue"]})
    >>> ledger_timeline(led, "2025-09-01").axes[0].get_title()
    'commitments'
    """
    as_of = pd.Timestamp(as_of)
    fig, ax = plt.subplots(figsize=(8, 0.35 * max(len(ledger), 3) + 1.5))
    known = pd.concat([ledger["session_start"], ledger["due_end"], pd.Series([as_of])]).dropna()
    left = known.min() - pd.Timedelta(days=60)
    for y, row in enumerate(ledger.itertuples(index=False)):
        colour = _STATE_COLOURS.get(row.state, "#999999")
        start = row.session_start if pd.notna(row.session_start) else left
        hollow = pd.isna(row.session_start)
        if pd.notna(row.due_end):
            ax.plot([start, row.due_end], [y, y], color=colour, lw=2)
            ax.plot([row.due_end], [y], marker="|", ms=12, color=colour)
        ax.plot([start], [y], marker="o", color=colour,
                mfc="white" if hollow else colour, ms=7)
    ax.axvline(as_of, ls="--", color="black", lw=1)
    ax.set_yticks(range(len(ledger)))
    ax.set_yticklabels([_t(labels, c) for c in ledger["commitment_id"]])
    ax.invert_yaxis()
    ax.set_title(_t(labels, "commitments"))
    for state in STATES:
        ax.plot([], [], marker="o", ls="", color=_STATE_COLOURS[state], label=_t(labels, state))
    ax.legend(loc="upper right", fontsize="small")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def network_figure(g: nx.Graph, helices, labels: dict | None = None, seed: int = 20250515,
                   show_isolated: bool = True) -> Figure:
    """The collaboration network, nodes coloured by helix, edge width by weight.

    The spring layout uses the fixed ``seed`` so the same data draw the same picture.

    Examples
    --------
    >>> g = nx.Graph([("a", "b", {"weight": 2})])
    >>> nx.set_node_attributes(g, {"a": "x", "b": "y"}, "helix")
    >>> len(network_figure(g, ["x", "y"]).axes)
    1
    """
    if not show_isolated:
        g = g.subgraph([n for n in g if g.degree(n) > 0]).copy()
    nodes = sorted(g.nodes)
    h = nx.Graph()
    h.add_nodes_from(nodes)
    h.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)))
    pos = nx.spring_layout(h, seed=seed, weight="weight")
    colours = helix_colours(list(helices))
    fig, ax = plt.subplots(figsize=(8, 6))
    widths = [0.5 + d.get("weight", 1) for _, _, d in h.edges(data=True)]
    nx.draw_networkx_edges(h, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.7)
    node_helix = [g.nodes[n].get("helix", "unassigned") for n in nodes]
    nx.draw_networkx_nodes(h, pos, nodelist=nodes, ax=ax, node_size=300,
                           node_color=[colours.get(x, "#bbbbbb") for x in node_helix])
    nx.draw_networkx_labels(h, pos, labels={n: _t(labels, n) for n in nodes}, ax=ax,
                            font_size=7)
    for helix in dict.fromkeys(node_helix):
        ax.scatter([], [], color=colours.get(helix, "#bbbbbb"), label=_t(labels, helix))
    ax.legend(loc="best", fontsize="small")
    ax.set_axis_off()
    fig.tight_layout()
    return fig


def grid_figure(grid: pd.DataFrame, threshold: float = 2.5, labels: dict | None = None) -> Figure:
    """The power-interest grid with its four quadrants named; unscored actors are left out.

    Examples
    --------
    >>> grid = pd.DataFrame({"org_id": ["a"], "power": [4.0], "interest": [1.0],
    ...                      "quadrant": ["keep_satisfied"]})
    >>> texts = [t.get_text() for t in grid_figure(grid).axes[0].texts]
    >>> "keep_satisfied" in texts and "manage_closely" in texts
    True
    """
    fig, ax = plt.subplots(figsize=(7, 6))
    ax.axvline(threshold, color="grey", lw=1)
    ax.axhline(threshold, color="grey", lw=1)
    lo, hi = threshold / 2, threshold + (5 - threshold) / 2
    # (interest, power) centre of each quadrant, in QUADRANTS order
    centres = [(hi, hi), (lo, hi), (hi, lo), (lo, lo)]
    for quadrant, (x, y) in zip(QUADRANTS, centres, strict=True):
        ax.text(x, y, _t(labels, quadrant), ha="center", va="center", color="#bbbbbb",
                fontsize=12, zorder=0)
    scored = grid[grid["quadrant"] != "unscored"]
    ax.scatter(scored["interest"], scored["power"], color="#2c7fb8", zorder=2)
    for row in scored.itertuples(index=False):
        ax.annotate(_t(labels, row.org_id), (row.interest, row.power), fontsize=7,
                    xytext=(3, 3), textcoords="offset points")
    ax.set_xlim(-0.2, 5.2)
    ax.set_ylim(-0.2, 5.2)
    ax.set_xlabel(_t(labels, "interest"))
    ax.set_ylabel(_t(labels, "power"))
    fig.tight_layout()
    return fig
