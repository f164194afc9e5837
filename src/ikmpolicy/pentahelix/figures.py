"""Figures for the brief: helix coverage, commitments timeline, network, power-interest grid.

Every function returns a matplotlib Figure (Agg backend, nothing shown) and draws the same
picture from the same data: the network layout uses a fixed seed and the labels of the grid
are placed by a deterministic search. Text on a figure comes from the ``labels`` mapping
(code -> display text) so the report layer can translate it; a code without a label is shown
as it is.

The figures are drawn to be used as they are:

* ``colours`` (helix id -> colour) gives the helices their colours; a helix it does not name
  keeps its colour from :func:`helix_colours`.
* ``max_size`` (width, height in inches) bounds the figure: a drawing larger than that is
  drawn smaller, keeping its proportions (the defaults fit a page of A4). ``None``: no bound.
* Legends sit outside the axes (``legend="below"`` or ``"above"``) so they hide no data; any
  other value is a matplotlib ``loc`` inside the axes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

import ikmpolicy.plotting  # noqa: F401  (Agg backend, labels drawn as text)
from ikmpolicy.palette import GREY, STATE_STYLE, helix_style  # noqa: E402

from .coverage import ALL_SESSIONS  # noqa: E402
from .grid import QUADRANTS  # noqa: E402
from .ledger import STATES  # noqa: E402

#: Largest figure (inches) that fits an A4 page; drawings (network, grid) are kept lower.
MAX_SIZE, MAX_SIZE_DRAWING = (7.0, 8.0), (7.0, 6.0)

_UNASSIGNED = GREY
#: Where each quadrant's name goes on the 0-5 grid: (interest, power, ha, va).
_CORNERS = {
    "manage_closely": (5.15, 5.15, "right", "top"),
    "keep_satisfied": (-0.15, 5.15, "left", "top"),
    "keep_informed": (5.15, -0.15, "right", "bottom"),
    "monitor": (-0.15, -0.15, "left", "bottom"),
}


def _t(labels: Mapping | None, code) -> str:
    return str((labels or {}).get(code, code))


def helix_colours(helices, colours: Mapping[str, str] | None = None) -> dict[str, str]:
    """A fixed colour per helix id (:mod:`ikmpolicy.palette`; unassigned in grey); ``colours``
    overrides the colour of the helices it names.

    Examples
    --------
    >>> helix_colours(["a", "b"])["unassigned"]
    '#999999'
    >>> helix_colours(["a", "b"], {"b": "#000000"})["b"]
    '#000000'
    """
    chosen = {h: helix_style(h)["colour"] for h in helices}
    chosen["unassigned"] = _UNASSIGNED
    chosen.update(colours or {})
    return chosen


def _figure(width: float, height: float, max_size: tuple[float, float] | None):
    """A figure of ``width`` x ``height`` inches, shrunk (same proportions) to ``max_size``."""
    if max_size is not None:
        scale = min(1.0, max_size[0] / width, max_size[1] / height)
        width, height = width * scale, height * scale
    return plt.subplots(figsize=(width, height))


def _legend(ax, handles: list, where: str, ncol: int, gap: float = 0.0) -> None:
    """A legend that hides no data: a row centred ``below`` or flush right ``above`` the axes
    (``gap`` in axes fractions leaves room for tick labels), else inside the axes at the
    matplotlib ``loc``."""
    if not handles:
        return
    if where == "below":
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -gap),
            ncol=min(len(handles), ncol),
            frameon=False,
            fontsize="small",
        )
    elif where == "above":  # flush right: the axes of a long-labelled chart sit right
        ax.legend(
            handles=handles,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0 + gap),
            ncol=min(len(handles), ncol),
            frameon=False,
            fontsize="small",
        )
    else:
        ax.legend(handles=handles, loc=where, fontsize="small")


def _dot(colour: str, label: str, marker: str = "o") -> Line2D:
    return Line2D(
        [],
        [],
        marker=marker,
        ls="",
        color=colour,
        label=label,
        markeredgecolor="#333333",
        markeredgewidth=0.4,
    )


def coverage_figure(
    coverage: pd.DataFrame,
    labels: Mapping | None = None,
    *,
    colours: Mapping[str, str] | None = None,
    max_size: tuple[float, float] | None = MAX_SIZE,
    legend: str = "below",
) -> Figure:
    """Stacked bars: organisations per helix, one bar per session (pooled bar last); the legend
    names every helix of the model, absent ones too.

    Examples
    --------
    >>> cov = pd.DataFrame({"session_id": ["s", "s"], "helix": ["a", "b"],
    ...                     "organisations": [2, 0], "share": [1.0, 0.0],
    ...                     "status": ["present", "absent"]})
    >>> len(coverage_figure(cov).axes)
    1
    """
    table = coverage.pivot_table(
        index="session_id", columns="helix", values="organisations", aggfunc="sum", sort=False
    ).fillna(0)
    order = [s for s in table.index if s != ALL_SESSIONS] + [
        s for s in table.index if s == ALL_SESSIONS
    ]
    helices = list(dict.fromkeys(coverage["helix"]))
    table = table.reindex(index=order, columns=helices)
    palette = helix_colours([h for h in helices if h != "unassigned"], colours)
    fig, ax = _figure(8, 0.5 * len(order) + 1.5, max_size)
    left = pd.Series(0.0, index=table.index)
    for h in helices:
        ax.barh(
            [_t(labels, s) for s in table.index],
            table[h],
            left=left,
            color=palette[h],
            hatch=helix_style(h)["hatch"],
            edgecolor="#333333",
            linewidth=0.4,
            label=_t(labels, h),
        )
        left += table[h]
    ax.invert_yaxis()
    ax.set_xlabel(_t(labels, "organisations"))
    _legend(
        ax,
        [
            Patch(
                facecolor=palette[h],
                hatch=helix_style(h)["hatch"],
                edgecolor="#333333",
                label=_t(labels, h),
            )
            for h in helices
        ],
        legend,
        ncol=3,
        gap=0.16,
    )
    fig.tight_layout()
    return fig


def ledger_timeline(
    ledger: pd.DataFrame,
    as_of,
    labels: Mapping | None = None,
    *,
    title: bool = True,
    max_size: tuple[float, float] | None = MAX_SIZE,
    legend: str = "above",
    date_text=None,
) -> Figure:
    """Commitments on a time line: made at the session start, due at ``due_end``.

    A commitment whose session date is unknown is drawn at the left edge with a hollow marker;
    one without a due date has no line to a due date. The ``as_of`` day is a dashed line.
    ``title=False`` leaves out the title (when a caption says it). ``date_text`` (a function
    of a date) writes the dates on the axis in the reader's language ("Mei 2025").

    Examples
    --------
    >>> led = pd.DataFrame({"commitment_id": ["a"], "session_start": [pd.Timestamp("2025-01-01")],
    ...                     "due_end": [pd.Timestamp("2025-06-30")], "state": ["overdue"]})
    >>> ledger_timeline(led, "2025-09-01").axes[0].get_title()
    'commitments'
    """
    as_of = pd.Timestamp(as_of)
    fig, ax = _figure(8, 0.35 * max(len(ledger), 3) + 1.5, max_size)
    known = pd.concat([ledger["session_start"], ledger["due_end"], pd.Series([as_of])]).dropna()
    left = known.min() - pd.Timedelta(days=60)
    for y, row in enumerate(ledger.itertuples(index=False)):
        colour, marker = STATE_STYLE.get(row.state, (GREY, "o"))
        start = row.session_start if pd.notna(row.session_start) else left
        hollow = pd.isna(row.session_start)
        if pd.notna(row.due_end):
            ax.plot([start, row.due_end], [y, y], color=colour, lw=2)
            ax.plot([row.due_end], [y], marker="|", ms=12, color=colour)
        ax.plot(
            [start],
            [y],
            marker=marker,
            color=colour,
            mfc="white" if hollow else colour,
            mec=colour,
            ms=7,
        )
    ax.axvline(as_of, ls="--", color="black", lw=1)
    ax.set_yticks(range(len(ledger)))
    ax.set_yticklabels([_t(labels, c) for c in ledger["commitment_id"]])
    ax.invert_yaxis()
    if title:  # above the legend when the legend is above the axes
        ax.set_title(_t(labels, "commitments"), pad=22 if legend == "above" else 6)
    _legend(
        ax,
        [
            ax.plot(
                [],
                [],
                marker=STATE_STYLE[s][1],
                ls="",
                color=STATE_STYLE[s][0],
                label=_t(labels, s),
            )[0]
            for s in STATES
        ],
        legend,
        ncol=len(STATES),
    )
    if date_text is not None:
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _: date_text(mdates.num2date(x).date()))
        )
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def network_figure(
    g: nx.Graph,
    helices,
    labels: Mapping | None = None,
    seed: int = 20250515,
    show_isolated: bool = True,
    *,
    colours: Mapping[str, str] | None = None,
    max_size: tuple[float, float] | None = MAX_SIZE_DRAWING,
    legend: str = "below",
) -> Figure:
    """The collaboration network, nodes coloured by helix (labels in white), edge width by
    weight; the legend names the helices drawn, in the order of ``helices``.

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
    palette = helix_colours(list(helices), colours)
    fig, ax = _figure(8, 6, max_size)
    widths = [0.5 + d.get("weight", 1) for _, _, d in h.edges(data=True)]
    nx.draw_networkx_edges(h, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.7)
    node_helix = [g.nodes[n].get("helix", "unassigned") for n in nodes]
    for helix in dict.fromkeys(node_helix):  # one marker per helix: told apart in grey too
        members = [n for n, x in zip(nodes, node_helix, strict=True) if x == helix]
        nx.draw_networkx_nodes(
            h,
            pos,
            nodelist=members,
            ax=ax,
            node_size=340,
            node_color=palette.get(helix, _UNASSIGNED),
            node_shape=helix_style(helix)["marker"],
            edgecolors="#333333",
            linewidths=0.5,
        )
    nx.draw_networkx_labels(
        h,
        pos,
        labels={n: _t(labels, n) for n in nodes},
        ax=ax,
        font_size=7,
        font_color="white",
        font_weight="bold",
    )
    drawn = set(node_helix)
    shown = [x for x in dict.fromkeys([*helices, *node_helix]) if x in drawn]
    _legend(
        ax,
        [_dot(palette.get(x, _UNASSIGNED), _t(labels, x), helix_style(x)["marker"]) for x in shown],
        legend,
        ncol=5,
    )
    ax.set_axis_off()
    fig.tight_layout()
    return fig


def grid_figure(
    grid: pd.DataFrame,
    threshold: float = 2.5,
    labels: Mapping | None = None,
    *,
    helices: Sequence[str] | None = None,
    colours: Mapping[str, str] | None = None,
    max_size: tuple[float, float] | None = MAX_SIZE_DRAWING,
    legend: str = "below",
) -> Figure:
    """The power-interest grid with its four quadrants named in its corners; unscored actors
    are left out. Each actor's label is placed where it overlaps no other label or point.

    With a ``helix`` column in ``grid`` the actors are coloured by helix and a legend names the
    helices drawn (in the order of ``helices`` when given).

    Examples
    --------
    >>> grid = pd.DataFrame({"org_id": ["a"], "power": [4.0], "interest": [1.0],
    ...                      "quadrant": ["keep_satisfied"]})
    >>> texts = [t.get_text() for t in grid_figure(grid).axes[0].texts]
    >>> "keep_satisfied" in texts and "manage_closely" in texts
    True
    """
    fig, ax = _figure(7, 6, max_size)
    ax.axvline(threshold, color="grey", lw=1)
    ax.axhline(threshold, color="grey", lw=1)
    for quadrant in QUADRANTS:
        x, y, ha, va = _CORNERS[quadrant]
        ax.text(x, y, _t(labels, quadrant), ha=ha, va=va, color="#999999", fontsize=12, zorder=0)
    scored = grid[grid["quadrant"] != "unscored"]
    if "helix" in scored.columns:
        drawn = list(scored["helix"].fillna("unassigned"))
        order = [x for x in dict.fromkeys([*(helices or []), *drawn]) if x in set(drawn)]
        palette = helix_colours(order, colours)
        for helix in order:  # one marker per helix: told apart in grey too
            mine = scored[[x == helix for x in drawn]]
            ax.scatter(
                mine["interest"],
                mine["power"],
                color=palette[helix],
                marker=helix_style(helix)["marker"],
                edgecolor="#333333",
                linewidth=0.4,
                zorder=2,
            )
        _legend(
            ax,
            [_dot(palette[x], _t(labels, x), helix_style(x)["marker"]) for x in order],
            legend,
            ncol=5,
            gap=0.1,
        )
    else:
        ax.scatter(
            scored["interest"], scored["power"], color=helix_style("government")["colour"], zorder=2
        )
    notes = [
        ax.annotate(
            _t(labels, row.org_id),
            (row.interest, row.power),
            fontsize=7,
            xytext=(3, 3),
            textcoords="offset points",
        )
        for row in scored.itertuples(index=False)
    ]
    ax.set_xlim(-0.2, 5.2)
    ax.set_ylim(-0.2, 5.2)
    ax.set_xlabel(_t(labels, "interest"))
    ax.set_ylabel(_t(labels, "power"))
    fig.tight_layout()
    _spread_labels(ax, notes)
    fig.tight_layout()
    return fig


def _spread_labels(ax, annotations, fontsize: float = 7.5) -> None:
    """Place each point's label (offset in points) where it overlaps no label placed before
    and no other point: a greedy, deterministic search over a few positions around it."""
    scale = 72.0 / ax.figure.dpi
    where = {id(a): ax.transData.transform(a.xy) * scale for a in annotations}
    points = list(where.values())
    candidates = [(5, -3), (-5, -3), (5, 2), (-5, 2), (5, -8), (-5, -8), (16, -3), (-16, -3)]
    boxes: list[tuple[float, float, float, float]] = []

    def box(origin, dx, dy, text):
        width, height = 0.62 * fontsize * len(text), fontsize
        x0 = origin[0] + dx if dx > 0 else origin[0] + dx - width
        return (x0, origin[1] + dy, x0 + width, origin[1] + dy + height)

    def clashes(b, own) -> int:
        hits = sum(1 for o in boxes if b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3])
        return hits + sum(
            1
            for p in points
            if p is not own and b[0] - 3 < p[0] < b[2] + 3 and b[1] - 3 < p[1] < b[3] + 3
        )

    for ann in sorted(annotations, key=lambda a: (-a.xy[1], a.xy[0], a.get_text())):
        origin = where[id(ann)]
        scored = [
            (clashes(box(origin, dx, dy, ann.get_text()), origin), k)
            for k, (dx, dy) in enumerate(candidates)
        ]
        dx, dy = candidates[min(scored)[1]]
        ann.set_position((dx, dy))
        ann.set_horizontalalignment("left" if dx > 0 else "right")
        ann.set_fontsize(fontsize)
        boxes.append(box(origin, dx, dy, ann.get_text()))
