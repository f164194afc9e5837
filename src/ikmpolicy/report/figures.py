"""Figures of the brief (matplotlib, Agg backend, fixed fonts so the PNG bytes reproduce)."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import ikmpolicy.plotting  # noqa: F401  (Agg backend, labels drawn as text)
from ikmpolicy.palette import (
    SEQUENTIAL,
    STATUS_COLOURS,
    helix_colours,
    helix_style,
)

#: One colour per helix id (Okabe-Ito; see :mod:`ikmpolicy.palette`).
HELIX_COLOURS = helix_colours(
    ["government", "academia", "business", "ikm", "large_industry", "community", "media"]
)
_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "ikmpolicy",
}


def mean_score_heatmap(
    profile: pd.DataFrame,
    row_labels: list[str],
    col_labels: list[str],
    scale: tuple[float, float],
    number,
    colour_label: str,
):
    """Heat map of mean scores (rows x columns); suppressed (NaN) cells are left blank."""
    values = profile.to_numpy(dtype=float)
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(1.25 * len(col_labels) + 3.6, 0.42 * len(row_labels) + 1.4))
        image = ax.imshow(
            np.ma.masked_invalid(values),
            cmap=SEQUENTIAL,
            vmin=scale[0],
            vmax=scale[1],
            aspect="auto",
        )
        ax.set_xticks(range(len(col_labels)), col_labels)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(row_labels)), row_labels)
        middle = (scale[0] + scale[1]) / 2
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                # cividis is dark at the low end: white figures there, black on the light end
                ax.text(
                    j,
                    i,
                    number(value),
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="white" if value < middle else "black",
                )
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        fig.colorbar(image, ax=ax, fraction=0.04, pad=0.03, label=colour_label)
        fig.tight_layout()
    return fig


def weights_by_group(
    weights: pd.DataFrame,
    row_labels: list[str],
    col_labels: list[str],
    groups: list[str],
    xlabel: str,
    percent,
):
    """Dot plot: one line per criterion, one dot per group (a helix id, or "all": the balanced
    weights in black), weights on x; each helix keeps its colour and marker."""
    styles = [
        helix_style(g) if g != "all" else {"colour": "#000000", "marker": "|"} for g in groups
    ]
    with plt.rc_context(_STYLE):
        n_rows, n_cols = weights.shape
        fig, ax = plt.subplots(figsize=(7.0, 0.38 * n_rows + 1.4))
        y = np.arange(n_rows)[::-1]
        ax.hlines(y, weights.min(axis=1), weights.max(axis=1), color="#cccccc", zorder=1)
        for k in range(n_cols):
            ax.scatter(
                weights.iloc[:, k].to_numpy(),
                y,
                s=40 if groups[k] != "all" else 160,
                color=styles[k]["colour"],
                zorder=2,
                marker=styles[k]["marker"],
                label=col_labels[k],
                # an unfilled marker ("|") has no edge to draw; filled ones get a thin one
                edgecolor="#333333" if groups[k] != "all" else None,
                linewidth=0.4 if groups[k] != "all" else 2.0,
            )
        ax.set_yticks(y, row_labels)
        ax.set_xlabel(xlabel)
        ax.set_xlim(left=0)
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: percent(v)))
        ax.grid(axis="x", color="#eeeeee")
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(n_cols, 3), frameon=False
        )
        fig.tight_layout()
    return fig


def fit(fig, width: float = 7.0, height: float = 8.0):
    """Shrink a figure drawn elsewhere (keeping its proportions) to fit ``width`` x ``height``
    inches, so it stays on an A4 page."""
    w, h = fig.get_size_inches()
    scale = min(1.0, width / w, height / h)
    if scale < 1.0:
        fig.set_size_inches(w * scale, h * scale)
        fig.tight_layout()
    return fig


def eligibility_grid(
    summary: pd.DataFrame,
    row_labels: list[str],
    groups: list[str],
    columns: dict[str, str],
    words: dict[str, str],
):
    """Sub-sectors (rows) against buyer requirements (columns): each cell says how many firms
    are eligible now and near-ready ("3 · 2"), coloured by the best outlook (eligible now,
    near-ready, not yet; hatched where no firm of the row fits the requirement's KBLI).

    ``summary`` is :func:`ikmpolicy.matching.partnership_summary` (rows for ``groups``).
    """
    from matplotlib.patches import Patch, Rectangle

    reqs = list(columns)
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(1.05 * len(reqs) + 2.6, 0.55 * len(groups) + 1.6))
        cells = summary.set_index(["sub_sector", "requirement_id"])
        for i, group in enumerate(groups):
            for j, req in enumerate(reqs):
                row = cells.loc[(group, req)] if (group, req) in cells.index else None
                fits = row is not None and int(row["kbli_fit"]) > 0
                outlook = row["outlook"] if fits else "not_yet"
                colour = STATUS_COLOURS.get(
                    "eligible"
                    if outlook == "now"
                    else "near_ready"
                    if outlook == "soon"
                    else "not_yet"
                )
                ax.add_patch(
                    Rectangle(
                        (j, i),
                        1,
                        1,
                        facecolor=colour if fits else "white",
                        edgecolor="white" if fits else "#bbbbbb",
                        hatch="" if fits else "///",
                        linewidth=1.5,
                    )
                )
                if fits:
                    text = f"{int(row['eligible_now'])} · {int(row['near_ready'])}"
                    ax.text(
                        j + 0.5,
                        i + 0.5,
                        text,
                        ha="center",
                        va="center",
                        fontsize=9,
                        color="black" if outlook == "now" else "white",
                    )
        ax.set_xlim(0, len(reqs))
        ax.set_ylim(len(groups), 0)
        ax.set_xticks(
            [j + 0.5 for j in range(len(reqs))],
            [textwrap.fill(columns[r], 14) for r in reqs],
            fontsize=7.5,
        )
        ax.xaxis.tick_top()
        ax.set_yticks(
            [i + 0.5 for i in range(len(groups))],
            [textwrap.fill(label, 22) for label in row_labels],
            fontsize=8,
        )
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        handles = [
            Patch(facecolor=STATUS_COLOURS["eligible"], label=words["now"]),
            Patch(facecolor=STATUS_COLOURS["near_ready"], label=words["soon"]),
            Patch(facecolor=STATUS_COLOURS["not_yet"], label=words["not_yet"]),
            Patch(facecolor="white", edgecolor="#bbbbbb", hatch="///", label=words["no_fit"]),
        ]
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.02),
            ncol=2,
            frameon=False,
            fontsize=7.5,
        )
        fig.tight_layout()
    return fig


def readiness_glance(
    means: pd.Series,
    weights: pd.Series | None,
    scale: tuple[float, float],
    labels: dict[str, str],
    words: dict[str, str],
    number,
    percent,
):
    """Mean score per dimension (bars on the scale), with the participants' weight of each
    dimension written beside its bar when the session has judgements."""
    order = means.sort_values().index
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(6.6, 0.26 * len(order) + 0.85))
        y = np.arange(len(order))
        ax.barh(
            y,
            means[order] - scale[0],
            left=scale[0],
            color=helix_style("government")["colour"],
            height=0.62,
        )
        for yi, dim in zip(y, order, strict=True):
            ax.text(means[dim] + 0.04, yi, number(means[dim]), va="center", fontsize=8)
            if weights is not None and dim in weights.index:
                ax.text(
                    scale[1] + 0.15,
                    yi,
                    percent(weights[dim]),
                    va="center",
                    fontsize=8,
                    color="#333333",
                )
        ax.set_yticks(y, [labels.get(d, d) for d in order], fontsize=8)
        ax.set_xlim(scale[0], scale[1])
        ax.set_xlabel(words["axis"])
        if weights is not None:
            ax.text(
                scale[1] + 0.15,
                len(order) - 0.3,
                words["weight"],
                fontsize=8,
                fontweight="bold",
                va="bottom",
            )
        fig.tight_layout()
    return fig


def helix_attendance(counts: pd.DataFrame, labels: dict[str, str], this: str, number):
    """Organisations of each helix (rows) at each session (columns, in time order): a marker in
    the helix's colour and shape, sized by the count and with the count beside it; a dash where
    the helix was absent; the column of ``this`` session shaded.

    Examples
    --------
    >>> counts = pd.DataFrame({"s1": [2, 0], "s2": [1, 3]}, index=["academia", "media"])
    >>> fig = helix_attendance(counts, {}, "s2", str)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['2', '–', '1', '3']
    """
    helices, sessions = list(counts.index), list(counts.columns)
    biggest = max(1, int(counts.to_numpy().max()) if counts.size else 1)
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(6.6, 0.17 * len(helices) + 0.55))
        if this in sessions:
            at = sessions.index(this)
            ax.axvspan(at - 0.5, at + 0.5, color="#e6edf5", zorder=0)
        for xi, session in enumerate(sessions):
            for yi, helix in enumerate(helices):
                n = int(counts.loc[helix, session])
                if not n:
                    ax.text(xi, yi, "–", ha="center", va="center", color="#555555", fontsize=9)
                    continue
                style = helix_style(helix)
                ax.scatter(
                    xi,
                    yi,
                    s=18 + 70 * n / biggest,
                    marker=style["marker"],
                    color=style["colour"],
                    edgecolors="#333333",
                    linewidths=0.4,
                    zorder=3,
                )
                ax.text(xi + 0.14, yi, number(n), va="center", fontsize=8)
        ax.set_xticks(
            range(len(sessions)),
            # about 80 characters of 7-point type fit across; each session gets its share
            [textwrap.fill(labels.get(s, s), max(10, 80 // len(sessions) - 2)) for s in sessions],
            fontsize=7,
        )
        ax.set_yticks(range(len(helices)), [labels.get(h, h) for h in helices], fontsize=8)
        ax.set_xlim(-0.5, len(sessions) - 0.5)
        ax.set_ylim(len(helices) - 0.5, -0.5)
        ax.spines[["left", "bottom"]].set_visible(False)
        ax.tick_params(length=0)
        fig.tight_layout()
    return fig


def budget_curve(curve: pd.DataFrame, words: dict[str, str], rupiah, number):
    """What each budget step buys: IKM made eligible (bars) and the mean readiness rise per
    IKM served (line; no point where none is served), one step per column, the budget that
    buys everything last."""
    x = np.arange(len(curve))
    firms = curve["eligible_firms"].to_numpy(dtype=float)
    gain = curve["mean_gain"].to_numpy(dtype=float)
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(5.6, 2.3))
        bars = ax.bar(
            x, firms, width=0.55, color=helix_style("government")["colour"], label=words["firms"]
        )
        ax.bar_label(bars, labels=[number(v) for v in firms], fontsize=8, padding=2)
        ax.set_xticks(x, [rupiah(v) for v in curve["budget_idr"]], fontsize=8)
        ax.set_xlabel(words["budget"])
        ax.set_ylabel(words["firms"], fontsize=8)
        ax.set_ylim(0, max(1.0, firms.max() * 1.3) if len(firms) else 1.0)
        ax.yaxis.get_major_locator().set_params(integer=True)
        twin = ax.twinx()
        twin.plot(
            x,
            gain,
            color=helix_style("business")["colour"],
            marker="s",
            ls="--",
            label=words["gain"],
        )
        twin.set_ylabel(words["gain_axis"], fontsize=8)  # the legend names the line in full
        twin.set_ylim(0, max(1.0, np.nanmax(gain) * 1.3) if np.isfinite(gain).any() else 1.0)
        twin.spines["right"].set_visible(True)
        handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
        ax.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncol=2,
            frameon=False,
            fontsize=7.5,
        )
        fig.tight_layout()
    return fig
