"""The partnership-readiness index with its uncertainty, sensitivity and change over time."""

from __future__ import annotations

import pandas as pd

from ikmpolicy import readiness
from ikmpolicy.readiness import figures as readiness_figures
from ikmpolicy.report.blocks import figure, note, paragraph, table
from ikmpolicy.report.content import Block, Group, Heading, Section, runs
from ikmpolicy.report.i18n import Locale
from ikmpolicy.report.sections.context import (
    BriefContext,
    latest_assessment,
    no_assessment_reason,
)
from ikmpolicy.report.sections.judgement import session_judgement_of

#: Monte Carlo of the readiness index: runs and seed (fixed, so the brief reproduces).
MC_REPLICATES = 1000
MC_SEED = 20250515
#: Firms shown in the rank table and the rank-interval figure.
TOP_FIRMS = 10
INTERVAL_FIRMS = 30


def figure_words(loc: Locale) -> dict[str, str]:
    """The words the readiness-index figures print, in the brief's language."""
    keys = (
        "median",
        "nominal",
        "rank_axis",
        "overall_score",
        "group",
        "before",
        "after",
        "mean_score",
    )
    return {k: loc.t("rindex.fig." + k) for k in keys}


def _index_weights(ctx: BriefContext) -> tuple[object, str]:
    """Dimension weights for the index: the session's AHP group weights when it has judgements,
    else those of the indicator table (equal when none is given)."""
    judged = session_judgement_of(ctx)
    if judged is not None:
        return judged[2].weights["all"].to_dict(), "ahp"
    return "metadata", "metadata"


def index_of(ctx: BriefContext):
    """The index over each firm's latest assessment on or before the reference date (the same
    firms every readiness figure of the brief counts), with its Monte Carlo:
    ``(assessments up to as_of, latest assessments, record, mc, weight source)``, or None
    without assessments. Computed once per brief (key points use it too)."""
    if "index" not in ctx.cache:
        ds = ctx.dataset
        assessments = ds["assessments"][ds["assessments"]["assessment_date"] <= ctx.as_of]
        result = None
        current = latest_assessment(ctx)
        if not current.empty:
            weights, weight_source = _index_weights(ctx)
            # one index "as of" the latest date: each firm enters with its latest scores
            as_of_latest = current.assign(assessment_date=current["assessment_date"].max())
            record = readiness.build_index(
                as_of_latest, ds.indicators, ds["firms"], dimension_weights=weights, zero="offset"
            )
            mc = readiness.monte_carlo(record, MC_REPLICATES, seed=MC_SEED)
            result = (assessments, current, record, mc, weight_source)
        ctx.cache["index"] = result
    return ctx.cache["index"]


def assessment_dates_text(ctx: BriefContext, latest: pd.DataFrame) -> str:
    """How many firms' latest assessment is from which date ("54 pada 10 November 2025, 6 pada
    10 Maret 2025"), latest first."""
    loc = ctx.loc
    counts = latest["assessment_date"].value_counts().sort_index(ascending=False)
    return ", ".join(
        loc.t("rindex.on_date", n=loc.number(int(n)), date=loc.date(d)) for d, n in counts.items()
    )


def _sobol_cell(loc, value: float, half: float, reliable: bool) -> str:
    """An index with its 95 % interval; the locale's dash when it is not reliable."""
    if not reliable:
        return loc.number(None)
    return f"{loc.number(value, 2)} ({loc.number(value - half, 2)}–{loc.number(value + half, 2)})"


def _sobol_parts(loc, mc) -> list[Block]:
    """The Sobol table: only reliable indices as numbers, with the runs that would do."""
    sobol = mc.sobol.sort_values("ST", ascending=False)
    if sobol.empty:
        return []
    parts: list[Block] = [
        table(
            pd.DataFrame(
                {
                    "factor": [loc.t("factor." + f) for f in sobol["factor"]],
                    "S1": [
                        _sobol_cell(loc, v, c, r)
                        for v, c, r in zip(
                            sobol["S1"], sobol["S1_conf"], sobol["S1_reliable"], strict=True
                        )
                    ],
                    "ST": [
                        _sobol_cell(loc, v, c, r)
                        for v, c, r in zip(
                            sobol["ST"], sobol["ST_conf"], sobol["ST_reliable"], strict=True
                        )
                    ],
                }
            ),
            headers=[loc.t("rindex.factor"), loc.t("rindex.s1"), loc.t("rindex.st")],
            numeric=["S1", "ST"],
            caption=loc.t("rindex.table_sobol"),
        )
    ]
    needed = sobol["runs_needed"].dropna()
    runs = loc.number(mc.n_runs)
    if len(needed):
        parts.append(
            paragraph(
                loc.t("rindex.sobol_flagged", runs=runs, needed=loc.number(int(needed.max())))
            )
        )
    elif not sobol["reliable"].all():
        parts.append(paragraph(loc.t("rindex.sobol_zero", runs=runs)))
    top = sobol.iloc[0]
    if top["ST_reliable"]:
        parts.append(paragraph(loc.t("rindex.sobol", factor=loc.t("factor." + top["factor"]))))
    elif len(needed):
        parts.append(
            paragraph(
                loc.t("rindex.sobol_unsettled", runs=runs, needed=loc.number(int(needed.max())))
            )
        )
    return parts


def readiness_index(ctx: BriefContext) -> Section:
    """The partnership-readiness index: ranks with their uncertainty, groups and main
    weaknesses."""
    loc, ds = ctx.loc, ctx.dataset
    built = index_of(ctx)
    if built is None:
        return Section("index", loc.t("section.index"), omitted=no_assessment_reason(ctx))
    assessments, current, record, mc, weight_source = built
    names = {r.dimension: ctx.label(r) for r in ds.indicators.itertuples(index=False)}
    included = record.included
    parts: list[Block] = [
        paragraph(
            loc.t(
                "rindex.intro",
                firms=loc.number(len(current)),
                dates=assessment_dates_text(ctx, current),
                ranked=loc.number(int(included.sum())),
                weights=loc.t("rindex.weights_" + weight_source),
            )
        )
    ]
    excluded = record.coverage[~record.coverage["included"]]
    if not excluded.empty:
        parts.append(
            note(
                loc.t(
                    "rindex.excluded",
                    n=len(excluded),
                    minimum=loc.percent(record.spec.min_coverage),
                    firms=", ".join(
                        f"{f} ({loc.percent(c)})" for f, c in excluded["coverage"].items()
                    ),
                ),
                kind="warning",
            )
        )
    dim_weights = record.dimension_weights.sort_values(ascending=False)
    parts.append(
        table(
            pd.DataFrame(
                {
                    "dimension": [names[d] for d in dim_weights.index],
                    "weight": dim_weights.to_numpy(),
                }
            ),
            headers=[loc.t("judgement.criterion"), loc.t("rindex.weight")],
            formats={"weight": lambda v: loc.percent(v, 1)},
            numeric=["weight"],
            caption=loc.t("rindex.table_weights"),
        )
    )
    ranks = mc.ranks.join(record.overall.rename("score")).join(
        ds["firms"].set_index("firm_id")["sub_sector"]
    )
    ranks = ranks.dropna(subset=["nominal_rank"]).sort_values("nominal_rank", kind="stable")
    sectors = ds["sub_sectors"].set_index("sub_sector")
    top = ranks.head(TOP_FIRMS)
    parts.append(
        table(
            pd.DataFrame(
                {
                    "rank": top["nominal_rank"].to_numpy(),
                    "firm": top.index,
                    "sub_sector": [ctx.label(sectors.loc[x]) for x in top["sub_sector"]],
                    "score": top["score"].to_numpy(),
                    "interval": [
                        f"{loc.number(a)}–{loc.number(b)}"
                        for a, b in zip(top["q_low"], top["q_high"], strict=True)
                    ],
                    "robustness": [loc.t("robustness." + x) for x in top["robustness"]],
                }
            ),
            headers=[
                loc.t("rindex.rank"),
                loc.t("rindex.firm"),
                loc.t("readiness.sub_sector"),
                loc.t("rindex.score"),
                loc.t("rindex.interval"),
                loc.t("rindex.robustness"),
            ],
            formats={"rank": loc.number, "score": lambda v: loc.number(v, 1)},
            numeric=["rank", "score"],
            caption=loc.t("rindex.table_top", n=len(top)),
        )
    )
    counts = ranks["robustness"].value_counts()
    parts.append(
        paragraph(
            loc.t(
                "rindex.robust",
                robust=int(counts.get("robust", 0)),
                fragile=int(counts.get("fragile", 0)),
                runs=mc.n_runs,
            )
        )
    )
    words = figure_words(loc)
    parts.append(
        figure(
            readiness_figures.rank_intervals(mc, INTERVAL_FIRMS, text=words),
            loc.t("rindex.figure_ranks", n=min(INTERVAL_FIRMS, len(ranks))),
        )
    )
    summary = record.group_summary("sub_sector")
    shown = summary[~summary["suppressed"]]  # groups below record.spec.min_group
    sector_label = {
        x: ctx.label(sectors.loc[x]) if x in sectors.index else x for x in summary.index
    }
    if shown.empty:  # every sub-sector too small: no empty table, no empty figure
        parts.append(
            note(
                loc.t(
                    "readiness.suppressed",
                    groups=loc.join(list(sector_label.values())),
                    n=record.spec.min_group,
                )
            )
        )
    else:
        parts.extend(_sector_parts(ctx, record, shown, sector_label, words))
    weakest = record.strengths_weaknesses(1)
    weakest = weakest[weakest["kind"] == "weakness"]["dimension"].value_counts()
    parts.append(
        table(
            pd.DataFrame(
                {"dimension": [names[d] for d in weakest.index], "firms": weakest.to_numpy()}
            ),
            headers=[loc.t("judgement.criterion"), loc.t("rindex.weak_firms")],
            formats={"firms": loc.number},
            numeric=["firms"],
            caption=loc.t("rindex.table_weak"),
        )
    )
    return Section(
        "index",
        loc.t("section.index"),
        tuple(parts),
        lead=runs(loc.t("rindex.lead")),
        methods=runs(loc.t("rindex.method")),
        references=("oecd-jrc-2008",),
    )


def _sector_parts(ctx, record, shown, sector_label, words) -> list[Block]:
    """The index per sub-sector: a table and a figure of the groups ``shown``."""
    loc = ctx.loc
    return [
        table(
            pd.DataFrame(
                {
                    "sub_sector": [sector_label[x] for x in shown.index],
                    "n": shown["n_firms"].to_numpy(),
                    "mean": shown["overall_mean"].to_numpy(),
                    "range": [
                        f"{loc.number(a, 1)}–{loc.number(b, 1)}"
                        for a, b in zip(shown["overall_min"], shown["overall_max"], strict=True)
                    ],
                }
            ),
            headers=[
                loc.t("readiness.sub_sector"),
                loc.t("readiness.firms"),
                loc.t("rindex.mean_score"),
                loc.t("rindex.range"),
            ],
            formats={"n": loc.number, "mean": lambda v: loc.number(v, 1)},
            numeric=["n", "mean"],
            caption=loc.t("rindex.table_sector"),
        ),
        figure(
            readiness_figures.subsector_comparison(
                record, labels=sector_label, text={**words, "group": loc.t("readiness.sub_sector")}
            ),
            loc.t("rindex.figure_sector"),
        ),
    ]


def index_sensitivity(ctx: BriefContext) -> Section:
    """Which method choice moves the ranking most (Sobol indices of the Monte Carlo)."""
    loc = ctx.loc
    title = loc.t("section.sensitivity")
    built = index_of(ctx)
    if built is None:
        return Section("sensitivity", title, omitted=no_assessment_reason(ctx))
    parts = _sobol_parts(loc, built[3])
    if not parts:
        return Section("sensitivity", title, omitted=loc.t("rindex.no_sobol"))
    return Section(
        "sensitivity",
        title,
        tuple(parts),
        lead=runs(loc.t("rindex.sobol_lead")),
        methods=runs(loc.t("rindex.sobol_method")),
        references=("sobol-2001", "saltelli-2010"),
    )


def index_change(ctx: BriefContext) -> Section:
    """Change of readiness between the two latest assessment dates."""
    loc, ds = ctx.loc, ctx.dataset
    title = loc.t("section.change")
    built = index_of(ctx)
    if built is None:
        return Section("change", title, omitted=no_assessment_reason(ctx))
    assessments = built[0]
    names = {r.dimension: ctx.label(r) for r in ds.indicators.itertuples(index=False)}
    words = figure_words(loc)
    parts: list[Block] = []
    dates = sorted(assessments["assessment_date"].unique())
    if len(dates) < 2:
        return Section("change", title, omitted=loc.t("rindex.one_date"))
    change = readiness.change_over_time(
        assessments, ds.indicators, ds["firms"], date_before=dates[-2], date_after=dates[-1]
    )
    tests = change.tests
    label = {**names, "overall": loc.t("rindex.overall")}
    heading = Heading(
        loc.t("rindex.change_title", before=loc.date(dates[-2]), after=loc.date(dates[-1]))
    )
    parts.append(
        Group(
            (
                heading,
                table(
                    pd.DataFrame(
                        {
                            "dimension": [label[d] for d in tests.index],
                            "n": tests["n_pairs"].to_numpy(),
                            "mean": tests["mean_change"].to_numpy(),
                            "up": tests["n_improved"].to_numpy(),
                            "down": tests["n_worsened"].to_numpy(),
                            "p": [loc.p_value(p) for p in tests["p_value"]],
                            "verdict": [
                                loc.t("rindex.improved" if p < 0.05 else "rindex.not_shown")
                                for p in tests["p_value"]
                            ],
                        }
                    ),
                    headers=[
                        loc.t("judgement.criterion"),
                        loc.t("rindex.pairs"),
                        loc.t("rindex.mean_change"),
                        loc.t("rindex.up"),
                        loc.t("rindex.down"),
                        "Wilcoxon",
                        loc.t("rindex.verdict"),
                    ],
                    formats={
                        "n": loc.number,
                        "mean": lambda v: loc.number(v, 1),
                        "up": loc.number,
                        "down": loc.number,
                    },
                    numeric=["n", "mean", "up", "down"],
                    caption=loc.t("rindex.table_change"),
                ),
            )
        )
    )
    parts.append(
        figure(
            readiness_figures.before_after(change, labels=label, text=words, p_text=loc.p_value),
            loc.t("rindex.figure_change"),
        )
    )
    return Section(
        "change",
        title,
        tuple(parts),
        lead=runs(loc.t("rindex.change_lead")),
        methods=runs(loc.t("rindex.change_method")),
        references=("wilcoxon-1945",),
    )
