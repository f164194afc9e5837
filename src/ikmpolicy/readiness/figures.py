"""Figures of the readiness index (matplotlib).

Every function builds a :class:`matplotlib.figure.Figure` directly (no ``pyplot`` state, no
``show``) and returns it; nothing is random, so the same input draws the same figure. Labels
are ids unless ``labels`` maps them to display text, and axis words are English unless ``text``
replaces them (keys of :data:`TEXT`); the report layer passes translations of both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from matplotlib.figure import Figure

from .change import ChangeResult
from .errors import IndexDataError
from .index import IndexRecord
from .uncertainty import UncertaintyResult

#: Words drawn on the figures, in English; pass ``text={...}`` to replace any of them.
TEXT = {
    "dimension": "dimension",
    "firm_by_rank": "firm (by overall rank)",
    "score": "score",
    "median": "median",
    "nominal": "nominal",
    "rank_axis": "rank (1 = most ready); bar = 5–95 % interval",
    "overall_score": "overall readiness score",
    "group": "group",
    "before": "before",
    "after": "after",
    "mean_score": "mean score",
}


def _lab(labels: Mapping[str, str] | None, key: str) -> str:
    return str(labels.get(key, key)) if labels else str(key)


def _words(text: Mapping[str, str] | None) -> dict[str, str]:
    return {**TEXT, **(text or {})}


def profile_heatmap(
    record: IndexRecord,
    max_firms: int = 60,
    labels: Mapping[str, str] | None = None,
    text: Mapping[str, str] | None = None,
) -> Figure:
    """Heat map of dimension scores, firms (best first) × dimensions.

    Parameters
    ----------
    record : IndexRecord
    max_firms : int
        Show the best ``max_firms`` ranked firms.
    labels : mapping, optional
        Dimension id → display label.

    Examples
    --------
    >>> import pandas as pd
    >>> from ikmpolicy.readiness import build_index
    >>> meta = pd.DataFrame({"indicator": ["q", "t"], "dimension": ["q", "t"],
    ...                      "scale_min": 1, "scale_max": 5, "direction": 1})
    >>> rec = build_index(pd.DataFrame({"firm_id": list("AB"), "q": [5, 1], "t": [2, 3]}), meta)
    >>> type(profile_heatmap(rec)).__name__
    'Figure'
    """
    inc = record.included[record.included].index
    order = record.ranks["overall"].loc[inc].sort_values(kind="stable").index[:max_firms]
    data = record.dimension_scores.loc[order]
    fig = Figure(figsize=(1.0 + 0.8 * data.shape[1], 1.5 + 0.22 * len(order)), layout="constrained")
    ax = fig.add_subplot()
    lo, hi = record.spec.scale if record.spec.normalisation != "zscore" else (None, None)
    im = ax.imshow(
        data.to_numpy(dtype=float),
        aspect="auto",
        cmap="RdYlGn",
        vmin=lo,
        vmax=hi,
        interpolation="nearest",
    )
    ax.set_xticks(
        range(data.shape[1]), [_lab(labels, c) for c in data.columns], rotation=45, ha="right"
    )
    ax.set_yticks(range(len(order)), [str(i) for i in order], fontsize=7)
    words = _words(text)
    ax.set_xlabel(words["dimension"])
    ax.set_ylabel(words["firm_by_rank"])
    fig.colorbar(im, ax=ax, label=words["score"])
    return fig


def rank_intervals(
    result: UncertaintyResult, max_firms: int = 60, text: Mapping[str, str] | None = None
) -> Figure:
    """Nominal rank (dot), median rank (tick) and the 5–95 % interval (bar) per firm.

    Robust ranks are drawn in dark blue, fragile ones in orange.
    """
    t = (
        result.ranks.dropna(subset=["nominal_rank"])
        .sort_values("nominal_rank", kind="stable")
        .head(max_firms)
    )
    fig = Figure(figsize=(7, 1.5 + 0.2 * len(t)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(t))
    colour = np.where(t["robustness"].to_numpy() == "robust", "#1f4e79", "#e07b00")
    ax.hlines(y, t["q_low"], t["q_high"], colors=colour, linewidth=3, alpha=0.6)
    words = _words(text)
    ax.scatter(t["median_rank"], y, marker="|", s=80, color="black", label=words["median"])
    ax.scatter(t["nominal_rank"], y, s=18, color=colour, zorder=3, label=words["nominal"])
    ax.set_yticks(y, [str(i) for i in t.index], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(words["rank_axis"])
    ax.legend(loc="lower right", fontsize=7)
    return fig


def subsector_comparison(
    record: IndexRecord,
    by: str = "sub_sector",
    labels: Mapping[str, str] | None = None,
    text: Mapping[str, str] | None = None,
    min_group: int | None = None,
) -> Figure:
    """Overall scores per group (box plot with every firm as a dot), groups sorted by median.

    Groups of fewer than ``min_group`` ranked firms (default: the record's ``spec.min_group``,
    3) are left out of the figure altogether, box and dots: a figure must not show the scores
    of one or two identifiable firms. ``record.group_summary(by)`` says which were left out.

    Examples
    --------
    >>> import pandas as pd
    >>> from ikmpolicy.readiness import build_index
    >>> meta = pd.DataFrame({"indicator": ["q"], "dimension": ["q"], "scale_min": 1,
    ...                      "scale_max": 5, "direction": 1})
    >>> data = pd.DataFrame({"firm_id": list("ABCDE"), "q": [5, 4, 3, 2, 1]})
    >>> firms = pd.DataFrame({"firm_id": list("ABCDE"), "sub_sector": list("xxxyy")})
    >>> fig = subsector_comparison(build_index(data, meta, firms))
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ['x']
    """
    if record.firms is None or by not in record.firms.columns:
        raise IndexDataError(f"sub-sector comparison: no firm column {by!r}")
    min_group = record.spec.min_group if min_group is None else int(min_group)
    inc = record.included[record.included].index
    g = record.firms[by].reindex(inc).astype(str)
    s = record.overall.loc[inc]
    sizes = g.value_counts()
    shown = [k for k in sizes.index if sizes[k] >= min_group]
    names = sorted(shown, key=lambda k: (-float(s[g == k].median()), k))
    data = [s[g == k].to_numpy() for k in names]
    fig = Figure(figsize=(1.5 + 1.2 * max(len(names), 1), 4), layout="constrained")
    ax = fig.add_subplot()
    if data:
        ax.boxplot(data, showfliers=False)
    for i, v in enumerate(data, start=1):
        # fixed, evenly spread offsets instead of random jitter: the figure is deterministic
        off = np.linspace(-0.15, 0.15, len(v)) if len(v) > 1 else np.zeros(len(v))
        ax.scatter(i + off, np.sort(v), s=10, alpha=0.6, color="#1f4e79")
    ax.set_xticks(
        range(1, len(names) + 1), [_lab(labels, k) for k in names], rotation=20, ha="right"
    )
    words = _words(text)
    ax.set_ylabel(words["overall_score"])
    ax.set_xlabel(words.get("group", by) if text and "group" in text else by)
    return fig


def before_after(
    change: ChangeResult,
    labels: Mapping[str, str] | None = None,
    text: Mapping[str, str] | None = None,
    p_text: Callable[[float], str] | None = None,
) -> Figure:
    """Mean score before and after per dimension (dumbbell), with the Wilcoxon p-value.

    ``p_text`` writes a p-value (default ``p=0.012``); the report passes the locale's.
    """
    p_text = p_text or (lambda v: f"p={v:.3f}")
    c = change.changes
    levels = list(dict.fromkeys(c["dimension"]))
    m = c.groupby("dimension", sort=False)[["before", "after"]].mean().reindex(levels)
    fig = Figure(figsize=(7, 1.2 + 0.4 * len(levels)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(levels))
    ax.hlines(y, m["before"], m["after"], color="grey")
    words = _words(text)
    ax.scatter(m["before"], y, color="#999999", label=words["before"], zorder=3)
    ax.scatter(m["after"], y, color="#1f4e79", label=words["after"], zorder=3)
    p = change.tests.reindex(levels)["p_value"]
    ax.set_yticks(
        y,
        [
            f"{_lab(labels, k)} ({p_text(v)})" if np.isfinite(v) else _lab(labels, k)
            for k, v in zip(levels, p, strict=False)
        ],
    )
    ax.invert_yaxis()
    ax.set_xlabel(words["mean_score"])
    ax.legend(loc="lower right", fontsize=8)
    return fig
