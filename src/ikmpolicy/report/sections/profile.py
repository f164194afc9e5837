"""The descriptive readiness profile of the surveyed firms."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pandas as pd

from ikmpolicy import profile
from ikmpolicy.report import figures
from ikmpolicy.report.blocks import figure, note, paragraph, table
from ikmpolicy.report.content import Block, Section, runs
from ikmpolicy.report.sections.context import (
    BriefContext,
    indicator_labels,
    latest_assessment,
    no_assessment_reason,
)


def readiness_profile(ctx: BriefContext) -> Section:
    """Mean readiness score per dimension, overall and by sub-sector (small groups suppressed)."""
    loc, ds = ctx.loc, ctx.dataset
    latest = latest_assessment(ctx)
    parts: list[Block] = []
    if latest.empty:
        return Section("readiness", loc.t("section.readiness"), omitted=no_assessment_reason(ctx))
    ind = ds.indicators
    indicators = list(ind["indicator"])
    names = indicator_labels(ctx)
    dates = latest["assessment_date"]
    parts.append(
        paragraph(
            loc.t(
                "readiness.intro",
                firms=len(latest),
                dates=loc.date_range(dates.min(), dates.max()),
                low=loc.number(ind["scale_min"].min()),
                high=loc.number(ind["scale_max"].max()),
            )
        )
    )
    overall = profile.dimension_profile(latest, ds["firms"], indicators)
    answered = latest[indicators].notna().sum()
    rows = pd.DataFrame(
        {
            "dimension": [names[i] for i in indicators],
            "mean": overall[indicators].iloc[0].to_numpy(),
            "answered": answered.to_numpy(),
        }
    ).sort_values("mean", ascending=False, kind="stable")
    parts.append(
        table(
            rows,
            headers=[
                loc.t("readiness.dimension"),
                loc.t("readiness.mean"),
                loc.t("readiness.answered"),
            ],
            formats={"mean": lambda v: loc.number(v, 2), "answered": lambda v: loc.number(v)},
            numeric=["mean", "answered"],
            caption=loc.t("readiness.table_overall"),
        )
    )
    by_sector = profile.dimension_profile(latest, ds["firms"], indicators, by="sub_sector")
    sectors = ds["sub_sectors"].set_index("sub_sector")
    sector_label = {
        s: ctx.label(sectors.loc[s]) if s in sectors.index else s for s in by_sector.index
    }
    shown = by_sector[~by_sector["suppressed"]]  # small sub-sectors: in no table or figure
    if not shown.empty:
        # sub-sectors as columns (few, wrapped names), dimensions as rows: fits a portrait page
        col_labels = [
            textwrap.fill(f"{sector_label[s]} (n={n})", 16)
            for s, n in zip(shown.index, shown["firms"], strict=True)
        ]
        fig = figures.mean_score_heatmap(
            shown[indicators].T,
            [names[i] for i in indicators],
            col_labels,
            (float(ind["scale_min"].min()), float(ind["scale_max"].max())),
            lambda v: loc.number(v, 1),
            loc.t("readiness.colour"),
        )
        parts.append(figure(fig, loc.t("readiness.figure")))
        means = shown[indicators]
        summary = pd.DataFrame(
            {
                "sub_sector": [sector_label[s] for s in shown.index],
                "firms": shown["firms"].to_numpy(),
                "weakest": [
                    f"{names[means.loc[s].idxmin()]} ({loc.number(means.loc[s].min(), 1)})"
                    for s in shown.index
                ],
                "strongest": [
                    f"{names[means.loc[s].idxmax()]} ({loc.number(means.loc[s].max(), 1)})"
                    for s in shown.index
                ],
            }
        )
        parts.append(
            table(
                summary,
                headers=[
                    loc.t("readiness.sub_sector"),
                    loc.t("readiness.firms"),
                    loc.t("readiness.weakest"),
                    loc.t("readiness.strongest"),
                ],
                formats={"firms": loc.number},
                numeric=["firms"],
                caption=loc.t("readiness.table_sector"),
            )
        )
    suppressed = [sector_label[s] for s in by_sector.index[by_sector["suppressed"]]]
    if suppressed:
        parts.append(
            note(loc.t("readiness.suppressed", groups=loc.join(suppressed), n=profile.MIN_GROUP))
        )
    return Section(
        "readiness",
        loc.t("section.readiness"),
        tuple(parts),
        lead=runs(loc.t("readiness.lead")),
        methods=runs(loc.t("readiness.method")),
    )


def lowest_shown(means: pd.Series, shown: Callable[[float], str]) -> list:
    """The dimensions a reader sees as lowest: every one whose mean, written as the brief
    writes it (``shown``), equals the lowest, in the order of ``means``.

    A sentence or caption naming one of them "the weakest" would pick it by the order of the
    table; when all are returned, none is weaker than another.

    Examples
    --------
    >>> lowest_shown(pd.Series({"a": 3.04, "b": 2.96, "c": 3.4}), lambda v: f"{v:.1f}")
    ['a', 'b']
    """
    text = means.map(shown)
    lowest = text[means.idxmin()]
    return [i for i in means.index if text[i] == lowest]


def readiness_at_a_glance(ctx: BriefContext) -> Section:
    """Page 2: readiness in one figure: the mean score per dimension, with the participants'
    weights beside it (the same firms as every readiness figure of the brief)."""
    from ikmpolicy.report.sections.judgement import session_judgement_of

    loc, ds = ctx.loc, ctx.dataset
    title = loc.t("section.readiness_glance")
    latest = latest_assessment(ctx)
    if latest.empty:
        return Section(
            "readiness-glance", title, edition="brief", omitted=no_assessment_reason(ctx)
        )
    ind = ds.indicators
    indicators = list(ind["indicator"])
    overall = profile.dimension_profile(latest, ds["firms"], indicators)
    if overall["suppressed"].iloc[0]:
        return Section(
            "readiness-glance",
            title,
            edition="brief",
            omitted=loc.t("readiness.suppressed_all", n=profile.MIN_GROUP),
        )
    means = overall[indicators].iloc[0].astype(float).dropna()
    judged = session_judgement_of(ctx)
    weights = None
    if judged is not None:  # dimension weights shown against each of its indicators
        dims = ind.set_index("indicator")["dimension"]
        group = judged[2].weights["all"]
        weights = pd.Series(
            {
                i: group[dims[i]] / (dims == dims[i]).sum()
                for i in means.index
                if dims[i] in group.index
            }
        )
    names = indicator_labels(ctx)
    scale = (float(ind["scale_min"].min()), float(ind["scale_max"].max()))
    fig = figures.readiness_glance(
        means,
        weights,
        scale,
        names,
        {
            "axis": loc.t("readiness.glance_axis", firms=loc.number(len(latest))),
            "weight": loc.t("readiness.glance_weight"),
        },
        lambda v: loc.number(v, 1),
        lambda v: loc.percent(v),
    )
    lowest = lowest_shown(means, lambda v: loc.number(v, 1))
    alt = loc.t(
        "readiness.glance_alt",
        items="; ".join(f"{names[i]} {loc.number(means[i], 1)}" for i in means.sort_values().index),
    )
    caption = loc.t(
        "readiness.glance_caption"
        if weights is not None
        else "readiness.glance_caption_no_weights",
        firms=loc.number(len(latest)),
        weakest=loc.join([names[i].lower() for i in lowest])
        if len(lowest) < len(means) or len(means) == 1
        else loc.t("readiness.glance_none_weakest"),
    )
    return Section(
        "readiness-glance", title, (figure(fig, caption, alt=alt, width=0.8),), edition="brief"
    )
