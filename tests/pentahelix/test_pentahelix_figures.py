"""Figures: returned, not shown, deterministic, quadrants named, drawn in the colours and
within the size asked for, legends clear of the data."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_hex
from matplotlib.text import Annotation

from ikmpolicy import pentahelix as ph
from ikmpolicy.pentahelix import figures


def _graph(sample):
    assigned = ph.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "classic"
    )
    g = ph.collaboration_graph(
        sample["participation"], sample["commitments"], sample["stakeholders"], assigned
    )
    return g, ph.helix_model(sample["helix_models"], "classic")["helix"]


def _points(fig):
    """The scatter collections of a figure's first axes (one per helix marker)."""
    from matplotlib.collections import PathCollection

    return [
        c for c in fig.axes[0].collections if isinstance(c, PathCollection) and len(c.get_offsets())
    ]


def test_network_drawing_is_deterministic(sample):
    g, helices = _graph(sample)
    first = figures.network_figure(g, helices)
    second = figures.network_figure(g, helices)
    pos = [
        np.concatenate([np.asarray(c.get_offsets()) for c in _points(f)]) for f in (first, second)
    ]
    assert len(pos[0]) == len(g) and np.allclose(pos[0], pos[1])
    plt.close("all")


def test_grid_names_the_four_quadrants():
    grid = ph.power_interest_grid(pd.DataFrame({"org_id": ["a"], "power": [4], "interest": [4]}))
    fig = figures.grid_figure(grid, labels={"manage_closely": "Kelola erat"})
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"Kelola erat", "keep_satisfied", "keep_informed", "monitor"} <= texts
    plt.close(fig)


def test_timeline_and_coverage_figures(sample):
    led = ph.commitment_ledger(sample["commitments"], "2026-01-01", sessions=sample["fgd_sessions"])
    fig = figures.ledger_timeline(led, "2026-01-01")
    assert len(fig.axes[0].get_yticklabels()) == len(led)
    helices = ph.helix_model(sample["helix_models"], "classic")
    assigned = ph.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "classic"
    )
    cov = ph.helix_coverage(sample["participation"], sample["stakeholders"], assigned, helices)
    fig2 = figures.coverage_figure(cov)
    assert [t.get_text() for t in fig2.axes[0].get_legend().get_texts()] == list(helices["helix"])
    plt.close("all")


# -- the figures draw right the first time: colours, size, legends, labels ----------------------


def _coverage(sample):
    helices = ph.helix_model(sample["helix_models"], "classic")
    assigned = ph.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "classic"
    )
    return ph.helix_coverage(
        sample["participation"], sample["stakeholders"], assigned, helices
    ), assigned


def _grid(sample):
    _, assigned = _coverage(sample)
    st = sample["stakeholders"]
    grid = ph.power_interest_grid(st)
    return grid.assign(helix=grid["org_id"].map(dict(zip(st["org_id"], assigned, strict=True))))


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=72)
    plt.close(fig)
    return buffer.getvalue()


def _inside(inner, outer, slack: float = 1.0) -> bool:
    return (
        inner.x0 >= outer.x0 - slack
        and inner.y0 >= outer.y0 - slack
        and inner.x1 <= outer.x1 + slack
        and inner.y1 <= outer.y1 + slack
    )


def test_coverage_bars_take_the_given_helix_colour(sample):
    cov, _ = _coverage(sample)
    fig = figures.coverage_figure(cov, colours={"business": "#123456"})
    ax = fig.axes[0]
    helices = list(dict.fromkeys(cov["helix"]))
    bars = ax.containers[helices.index("business")]
    assert {to_hex(b.get_facecolor()) for b in bars} == {"#123456"}
    others = ax.containers[helices.index("government")]
    assert {to_hex(b.get_facecolor()) for b in others} == {
        figures.helix_colours([h for h in helices if h != "unassigned"])["government"]
    }
    legend = {
        t.get_text(): to_hex(h.get_facecolor())
        for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles, strict=True)
    }
    assert legend["business"] == "#123456"
    plt.close(fig)


def test_network_nodes_take_the_given_helix_colour_and_white_numbers(sample):
    g, helices = _graph(sample)
    fig = figures.network_figure(g, helices, colours={"government": "#00ff00"})
    ax = fig.axes[0]
    nodes = sorted(g.nodes)
    # one marker shape per helix: the nodes of each helix are one collection of one colour
    faces = [to_hex(c.get_facecolor()[0]) for c in _points(fig) for _ in c.get_offsets()]
    government = [n for n in nodes if g.nodes[n].get("helix") == "government"]
    assert len(faces) == len(nodes)
    assert government and faces.count("#00ff00") == len(government)
    assert {to_hex(t.get_color()) for t in ax.texts} == {"#ffffff"}
    # the legend names only the helices drawn, in the model's order
    drawn = {g.nodes[n].get("helix") for n in nodes}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [h for h in helices if h in drawn]
    plt.close(fig)


def test_grid_colours_actors_by_helix_when_the_grid_has_a_helix_column(sample):
    grid = _grid(sample)
    fig = figures.grid_figure(
        grid, helices=["academia", "business", "government"], colours={"academia": "#abcdef"}
    )
    ax = fig.axes[0]
    scored = grid[grid["quadrant"] != "unscored"]
    faces = [to_hex(c.get_facecolor()[0]) for c in _points(fig) for _ in c.get_offsets()]
    assert len(faces) == len(scored)
    assert faces.count("#abcdef") == int((scored["helix"] == "academia").sum()) > 0
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        h for h in ("academia", "business", "government") if h in set(scored["helix"])
    ]
    plt.close(fig)
    plain = figures.grid_figure(grid.drop(columns="helix"))
    assert plain.axes[0].get_legend() is None
    plt.close(plain)


def test_figures_keep_within_the_size_limit(sample):
    cov, _ = _coverage(sample)
    g, helices = _graph(sample)
    led = ph.commitment_ledger(sample["commitments"], "2026-01-01", sessions=sample["fgd_sessions"])
    drawn = {
        "coverage": lambda **k: figures.coverage_figure(cov, **k),
        "timeline": lambda **k: figures.ledger_timeline(led, "2026-01-01", **k),
        "network": lambda **k: figures.network_figure(g, helices, **k),
        "grid": lambda **k: figures.grid_figure(_grid(sample), **k),
    }
    for name, draw in drawn.items():
        width, height = draw().get_size_inches()
        assert width <= 7.0 + 1e-9
        assert height <= (6.0 if name in ("network", "grid") else 8.0) + 1e-9
        natural = draw(max_size=None).get_size_inches()
        small = draw(max_size=(6.0, 3.5)).get_size_inches()
        assert small[0] <= 6.0 + 1e-9 and small[1] <= 3.5 + 1e-9
        assert np.isclose(small[0], 6.0) or np.isclose(small[1], 3.5)  # no smaller than asked
        assert np.isclose(small[0] / small[1], natural[0] / natural[1])  # same proportions
        plt.close("all")
    assert tuple(figures.network_figure(g, helices, max_size=None).get_size_inches()) == (8, 6)
    plt.close("all")


def test_legends_sit_outside_the_data(sample):
    cov, _ = _coverage(sample)
    led = ph.commitment_ledger(sample["commitments"], "2026-01-01", sessions=sample["fgd_sessions"])
    for fig, where in [
        (figures.coverage_figure(cov), "below"),
        (figures.ledger_timeline(led, "2026-01-01", title=False), "above"),
        (figures.grid_figure(_grid(sample)), "below"),
    ]:
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        legend, box = ax.get_legend().get_window_extent(renderer), ax.get_window_extent(renderer)
        assert legend.y1 <= box.y0 if where == "below" else legend.y0 >= box.y1
        assert _inside(legend, fig.bbox)  # and inside the figure, not cut off
        plt.close(fig)
    inside = figures.coverage_figure(cov, legend="lower right")
    assert inside.axes[0].get_legend()._loc == 4  # a matplotlib loc stays inside the axes
    plt.close(inside)


def test_timeline_title_can_be_left_to_the_caption(sample):
    led = ph.commitment_ledger(sample["commitments"], "2026-01-01", sessions=sample["fgd_sessions"])
    fig = figures.ledger_timeline(led, "2026-01-01", {"commitments": "Komitmen"})
    assert fig.axes[0].get_title() == "Komitmen"
    assert figures.ledger_timeline(led, "2026-01-01", title=False).axes[0].get_title() == ""
    plt.close("all")


def test_grid_labels_are_spread_so_none_overlap(sample):
    grid = _grid(sample)  # numbered, as in the brief
    fig = figures.grid_figure(grid, labels={o: str(i + 1) for i, o in enumerate(grid["org_id"])})
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    boxes = [a.get_window_extent(renderer) for a in ax.texts if isinstance(a, Annotation)]
    assert len(boxes) == (grid["quadrant"] != "unscored").sum() > 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    # quadrant names sit in the corners, inside the axes
    names = [t for t in ax.texts if not isinstance(t, Annotation)]
    assert len(names) == 4 and all(
        _inside(t.get_window_extent(renderer), ax.get_window_extent(renderer)) for t in names
    )
    plt.close(fig)


def test_figures_are_the_same_bytes_twice(sample):
    cov, _ = _coverage(sample)
    g, helices = _graph(sample)
    led = ph.commitment_ledger(sample["commitments"], "2026-01-01", sessions=sample["fgd_sessions"])
    for draw in (
        lambda: figures.coverage_figure(cov, colours={"media": "#d4a017"}),
        lambda: figures.ledger_timeline(led, "2026-01-01"),
        lambda: figures.network_figure(g, helices),
        lambda: figures.grid_figure(_grid(sample)),
    ):
        assert _png(draw()) == _png(draw())


def test_every_word_drawn_comes_from_the_labels(sample):
    grid = _grid(sample)
    codes = [*grid["org_id"], *set(grid["helix"]), *ph.QUADRANTS, "power", "interest"]
    labels = {c: f"«{c}»" for c in codes}
    fig = figures.grid_figure(grid, labels=labels)
    ax = fig.axes[0]
    words = [
        t.get_text()
        for t in [*ax.texts, ax.xaxis.label, ax.yaxis.label, *ax.get_legend().get_texts()]
    ]
    assert words and all(w.startswith("«") and w.endswith("»") for w in words)
    plt.close(fig)
