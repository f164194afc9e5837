"""Policy recommendations: who should do what, for which IKM, at what cost, with what effect
and evidence; what a budget buys; what earlier briefs recommended and what happened to it.

Every number comes from :func:`ikmpolicy.recommend.recommend_for_session` (computed once per
brief); the sentences come from :mod:`ikmpolicy.recommend.wording`.
"""

from __future__ import annotations

import pandas as pd

from ikmpolicy.recommend import recommend_for_session
from ikmpolicy.recommend.follow_up import recommendations_table, session_end
from ikmpolicy.recommend.portfolio import BRIEF_STEPS_IDR
from ikmpolicy.recommend.ranking import CRITERIA
from ikmpolicy.recommend.session import leading
from ikmpolicy.recommend.wording import (
    MAX_PARTNERS_NAMED,
    action_sentence,
    excluded_sentence,
    gaps_sentence,
    named_few,
    next_step_sentence,
    portfolio_sentence,
    programme_phrase,
)
from ikmpolicy.report import figures
from ikmpolicy.report.blocks import figure, note, paragraph, table
from ikmpolicy.report.content import Block, BulletList, Runs, Section, Strong, runs
from ikmpolicy.report.sections.context import (
    BriefContext,
    cite,
    org_names,
    session_labels,
    synthetic_sources,
    with_rejected_rows,
)
from ikmpolicy.report.sections.session import statement_numbers

#: Monte Carlo runs and seed of the recommendations (fixed: the brief reproduces).
RUNS, SEED = 500, 20250515
#: Earlier recommendations listed on page 4 (the most recent sessions first).
MAX_PREVIOUS = 3
#: Rows of the recommendation table in the brief (the annex lists every action).
BRIEF_ROWS = 5
#: Buyers named in the title; ids of statements and commitments named in an evidence line
#: (the others are counted: a region with thirty buyers and 300 commitments still gets a title
#: that reads and a brief of four pages).
MAX_BUYERS_NAMED = 2
MAX_IDS_NAMED = 6


def missing_inputs(dataset, as_of) -> list[str]:
    """What the data lack for recommendations, as catalogue keys (``recommendations.missing.*``):
    a firm assessed by ``as_of``, a buyer requirement, a programme."""
    missing = []
    if not (dataset["assessments"]["assessment_date"] <= as_of).any():
        missing.append("assessed")
    if dataset["buyer_requirements"].empty:
        missing.append("requirements")
    if dataset["interventions"].empty:
        missing.append("programmes")
    return missing


#: The table behind each input of :func:`missing_inputs`
MISSING_TABLES = {
    "assessed": "assessments",
    "requirements": "buyer_requirements",
    "programmes": "interventions",
}


def no_data_sentence(loc, missing: list[str], dataset) -> str:
    """Why there are no recommendations, naming each table that lacks rows, and the rows of
    those tables that validation rejected (a table may lack rows only for that)."""
    items = [loc.t("recommendations.missing." + key) for key in missing]
    reason = loc.t("recommendations.no_data", missing=loc.join(items))
    return with_rejected_rows(loc, dataset, reason, [MISSING_TABLES[key] for key in missing])


def recommendations_of(ctx: BriefContext):
    """The session's recommendations as of the reference date (cached); None when the data
    lack an input (:func:`missing_inputs`)."""
    if "recommendations" not in ctx.cache:
        ds = ctx.dataset
        result = None
        if not missing_inputs(ds, ctx.as_of):
            result = recommend_for_session(
                ds,
                ctx.session["session_id"],
                ctx.as_of,
                budget_idr=ctx.parameters.get("budget_idr"),
                n_runs=RUNS,
                seed=SEED,
            )
        ctx.cache["recommendations"] = result
    return ctx.cache["recommendations"]


def headline(ctx: BriefContext) -> str:
    """The brief's title from its top recommendation ("" when there is none)."""
    rec = recommendations_of(ctx)
    if rec is None or rec.top.empty:
        return ""
    from ikmpolicy.report.sections.messages import capitalised_count

    loc = ctx.loc
    top = rec.top.iloc[0]
    programme = programme_phrase(top["programmes"], loc, rec.names)
    months = top["months"]
    time = (
        loc.tn("recommend.months", int(round(float(months))))
        if pd.notna(months)
        else loc.t("recommend.months_unknown")
    )
    if int(top["n_eligible_firms"]) > 0:
        buyers = [
            _short(org_names(ctx).get(rec.names.buyers.get(r, ""), r))
            for r, _ in top["requirements_opened"]
        ]
        return loc.t(
            "headline.eligible",
            count=capitalised_count(ctx, top["n_eligible_firms"]),
            group=_group(ctx, rec, top),
            buyers=ctx.loc.join(
                named_few(
                    list(dict.fromkeys(buyers)),
                    MAX_BUYERS_NAMED,
                    lambda n: loc.tn("headline.more_buyers", n),
                )
            ),
            time=time,
            programme=programme,
        )
    return loc.t(
        "headline.readiness",
        count=capitalised_count(ctx, top["firms"]),
        group=_group(ctx, rec, top),
        programme=programme,
        time=time,
    )


def _short(name: str) -> str:
    return name.split(" (")[0]


def _no_data(ctx: BriefContext) -> str:
    return no_data_sentence(ctx.loc, missing_inputs(ctx.dataset, ctx.as_of), ctx.dataset)


def _group(ctx: BriefContext, rec, action) -> str:
    if action["target_kind"] == "sub_sector":
        label = rec.names.groups[ctx.lang].get(action["target_id"], action["target_id"])
        return label[:1].lower() + label[1:]
    return ctx.loc.t("headline.near_group")


def budget_finding(ctx: BriefContext) -> Runs | None:
    """Page 1's finding on what the budget buys: with a budget given (``budget_idr``), what
    its portfolio funds; else the smallest budget step that makes the most firms eligible, and
    what larger steps add."""
    rec = recommendations_of(ctx)
    if rec is not None and rec.portfolio is not None:
        funded = _funded_sentence(ctx, rec)
        return runs(portfolio_sentence(rec.portfolio, ctx.loc), *([" ", funded] if funded else []))
    if rec is None or rec.budget_curve.empty:
        return None
    loc = ctx.loc
    steps = rec.budget_curve[rec.budget_curve["kind"] == "step"]
    if steps.empty or int(steps["eligible_firms"].max()) == 0:
        return None
    best = int(steps["eligible_firms"].max())
    first = steps[steps["eligible_firms"] == best].iloc[0]
    larger = steps[steps["budget_idr"] > first["budget_idr"]]
    text = loc.t(
        "points.budget",
        budget=loc.rupiah_compact(float(first["budget_idr"])),
        firms=loc.number(best),
        reached=loc.number(int(first["firms_served"])),
    )
    top = larger.iloc[-1] if not larger.empty else None
    # what the larger budget adds, when it adds anything (free programmes: nothing)
    if top is not None and (
        top["firms_served"] > first["firms_served"]
        or top["readiness_gain"] > first["readiness_gain"] + 1e-9
    ):
        # IKM served, not seats: a firm in two programmes is one IKM; its gain is the mean
        # rise of their index (the sum over participants is no point on a 0–100 index)
        text += " " + loc.t(
            "points.budget_more",
            budget=loc.rupiah_compact(float(top["budget_idr"])),
            reached=loc.number(int(top["firms_served"])),
            gain=loc.number(float(top["mean_gain"]), 1),
        )
    return runs(text)


#: Funded actions named on page 1; the rest are counted.
FUNDED_NAMED = 3


def _funded_sentence(ctx: BriefContext, rec) -> str:
    """Which actions the budget's portfolio funds, by rank ("" when it funds none): the top
    recommendations are ranked on every criterion, so the funded ones may not be among them."""
    loc = ctx.loc
    funded = rec.actions[rec.actions["in_portfolio"]].sort_values("rank")
    if funded.empty:
        return ""
    items = named_few(
        [
            loc.t(
                "recommendations.funds_item",
                action=_action_phrase(ctx, rec, a),
                rank=loc.number(int(a["rank"])),
                total=loc.number(len(rec.actions)),
            )
            for _, a in funded.iterrows()
        ],
        FUNDED_NAMED,
        lambda n: loc.tn("recommendations.funds_more", n),
    )
    return loc.t("recommendations.funds", items=loc.join(items))


def _action_phrase(ctx: BriefContext, rec, action) -> str:
    """The programme and its target in a few words ("pendampingan sertifikasi bagi 10 IKM
    baja ringan")."""
    return ctx.loc.t(
        "recommend.follow_up_action",
        programme=programme_phrase(action["programmes"], ctx.loc, rec.names),
        firms=_target(ctx, rec, action),
    )


def _package_phrase(ctx: BriefContext, rec, action) -> list:
    """Whether a top recommendation is in the portfolio of the budget given ([] without one)."""
    if rec.portfolio is None:
        return []
    key = "in_package" if action["in_portfolio"] else "not_in_package"
    budget = ctx.loc.rupiah_compact(rec.portfolio.budget_idr)
    return [" ", ctx.loc.t(f"recommendations.{key}", budget=budget)]


def _evidence_line(ctx: BriefContext, rec, aid: str, named: int | None = MAX_IDS_NAMED) -> Runs:
    """The evidence of one action in one line: the gaps with numbers, the statements that
    asked for it (by number), open commitments, the articles; ``named`` statements and
    commitments are named, the rest counted (None: all)."""
    loc = ctx.loc
    ev = rec.evidence[aid]
    numbers = statement_numbers(ctx)
    parts: list = []
    gaps = gaps_sentence(ev.gaps.head(2), loc, rec.names)
    if gaps:
        parts.append(gaps + " ")
    said = (
        [numbers.get(s, s) for s in ev.statements["statement_id"]]
        if not ev.statements.empty
        else []
    )
    if said:
        parts.append(loc.t("recommendations.said", refs=_ids_text(said, named, loc)) + " ")
    if not ev.commitments.empty:
        ids = _ids_text(list(ev.commitments["commitment_id"]), named, loc)
        parts.append(loc.t("recommendations.commitments", ids=ids) + " ")
    fake = synthetic_sources(ctx)
    articles = [
        s for s in ev.sources if s in set(ctx.dataset["sources"]["source_id"]) and s not in fake
    ]
    cited: list = []
    for k, source in enumerate(articles):
        cited.extend([", "] if k else [])
        cited.extend(cite(ctx, source))
    if cited:
        parts += [loc.t("recommendations.sources") + " ", *cited]
    return runs(*parts)


def _ids_text(ids: list[str], named: int | None, loc) -> str:
    """Ids as a list ("P1, P2, P4"); beyond ``named`` of them the rest are counted
    ("cm-01, ..., cm-06, dan 54 lainnya")."""
    if named is None or len(ids) <= named:
        return ", ".join(ids)
    return loc.join(named_few(ids, named, lambda n: loc.tn("recommendations.more_ids", n)))


def top_recommendations(ctx: BriefContext) -> Section:
    """Page 1: the top three recommendations: who leads, with whom, for which IKM, cost, time,
    expected effect with its interval, robust or fragile."""
    loc = ctx.loc
    title = loc.t("section.top_recommendations")
    rec = recommendations_of(ctx)
    if rec is None or rec.top.empty:
        return Section("top-recommendations", title, edition="brief", omitted=_why_none(ctx, rec))
    items = []
    total = len(rec.actions)
    for _, action in rec.top.iterrows():
        items.append(
            runs(
                action_sentence(action, loc, rec.names),
                " ",
                Strong(_robustness_phrase(ctx, action, total)),
                *_package_phrase(ctx, rec, action),
            )
        )
    blocks: list[Block] = [BulletList(tuple(items), ordered=True)]
    return Section("top-recommendations", title, tuple(blocks), edition="brief")


def _robustness_phrase(ctx: BriefContext, action, total: int) -> str:
    """Robust or fragile, with the rank interval, in a few words."""
    loc = ctx.loc
    if pd.isna(action.get("q_low", float("nan"))):
        return loc.t("recommendations.untested")
    robustness = loc.t(f"recommend.robustness.{action['robustness']}").capitalize()
    low, high = int(action["q_low"]), int(action["q_high"])
    if low == high:  # "peringkat 1", not "peringkat 1–1"
        return loc.t(
            "recommendations.robustness_one",
            robustness=robustness,
            rank=loc.number(low),
            total=loc.number(total),
        )
    return loc.t(
        "recommendations.robustness",
        robustness=robustness,
        low=loc.number(low),
        high=loc.number(high),
        total=loc.number(total),
    )


def no_recommendation_finding(ctx: BriefContext) -> Runs | None:
    """Page 1's finding when the brief recommends nothing: why (None when it recommends)."""
    rec = recommendations_of(ctx)
    if rec is not None and not rec.top.empty:
        return None
    return runs(_why_none(ctx, rec))


def _why_none(ctx: BriefContext, rec) -> str:
    loc = ctx.loc
    if rec is None:
        return _no_data(ctx)
    return excluded_sentence(rec.excluded, loc) or loc.t("recommendations.none")


def recommendation_table(ctx: BriefContext) -> Section:
    """Page 3: the recommendations in full (action, lead and partners, target, cost, time,
    expected effect, robustness, evidence in one line) and what each budget step buys."""
    loc = ctx.loc
    title = loc.t("section.recommendations")
    rec = recommendations_of(ctx)
    if rec is None or rec.actions.empty:
        return Section("recommendations", title, edition="brief", omitted=_why_none(ctx, rec))
    shown = leading(rec.actions, BRIEF_ROWS)  # different actions, not one action twice
    blocks: list[Block] = [_actions_table(ctx, rec, shown)]
    blocks.extend(_budget_blocks(ctx, rec))
    return Section("recommendations", title, tuple(blocks), edition="brief")


def _actions_table(
    ctx: BriefContext,
    rec,
    shown: pd.DataFrame,
    evidence: bool = True,
    named: int | None = MAX_PARTNERS_NAMED,
):
    """The actions as a table; ``named``: partners and ids named per cell before the rest are
    counted (None: all, as the annex lists them)."""
    loc = ctx.loc
    names = org_names(ctx)
    helix = rec.names.helices[ctx.lang]

    def funded(action) -> bool:
        return rec.portfolio is not None and bool(action["in_portfolio"])

    rows = []
    for aid, a in shown.iterrows():
        lead = (
            _short(names.get(a["lead_id"], str(a["lead_id"])))
            if pd.notna(a["lead_id"])
            else loc.t("recommendations.lead_open")
        )
        who = f"{lead} ({helix.get(a['lead_helix'], a['lead_helix']).lower()})"
        if len(a["partner_ids"]):
            partners = [_short(names.get(p, p)) for p in a["partner_ids"]]
            if named is not None:
                partners = named_few(
                    partners, named, lambda n: loc.tn("recommend.more_partners", n)
                )
            who += "; " + loc.t("recommendations.with", partners=loc.join(partners))
        effect = loc.t(
            "recommendations.effect",
            firms=loc.number(int(a["n_eligible_firms"])),
            pairs=_range(
                loc,
                a.get("eligible_pairs_low", float("nan")),
                a.get("eligible_pairs_high", float("nan")),
            ),
            gain=loc.number(float(a["readiness_gain_mean"]), 1),
        )
        robust = loc.t(f"recommend.robustness.{a.get('robustness', 'not_ranked')}")
        time = (
            loc.tn("recommend.months", int(round(float(a["months"]))))
            if pd.notna(a["months"])
            else loc.t("recommend.months_unknown")
        )
        action = programme_phrase(a["programmes"], loc, rec.names)
        row = {
            "rank": int(a["rank"]),
            "action": f"{action[:1].upper()}{action[1:]}: {_target(ctx, rec, a)}",
            "who": who,
            "cost": f"{loc.rupiah_compact(float(a['cost_idr']))}; {time}"
            + (f"; {loc.t('recommendations.in_package_short')}" if funded(a) else ""),
            "effect": f"{effect} ({robust})",
        }
        if evidence:
            row["evidence"] = _evidence_line(
                ctx, rec, aid, None if named is None else MAX_IDS_NAMED
            )
        rows.append(row)
    frame = pd.DataFrame(rows)
    return table(
        frame,
        headers=[loc.t(f"recommendations.col.{c}") for c in frame.columns],
        formats={"rank": loc.number, "evidence": lambda v: v},
        numeric=["rank"],
        caption=loc.t(
            "recommendations.table",
            shown=loc.number(len(shown)),
            total=loc.number(len(rec.actions)),
        ),
        style="compact",
    )


def _range(loc, low, high) -> str:
    """A range of counts ("4–6"), or one number when both ends agree."""
    lo, hi = loc.number(low), loc.number(high)
    return lo if lo == hi else f"{lo}–{hi}"


def _target(ctx: BriefContext, rec, action) -> str:
    loc = ctx.loc
    if action["target_kind"] == "requirement":
        return loc.t(
            "recommendations.target_requirement",
            firms=loc.number(int(action["firms"])),
            requirement=action["target_id"],
        )
    group = rec.names.groups[ctx.lang].get(action["target_id"], action["target_id"])
    return loc.t(
        "recommendations.target_group", firms=loc.number(int(action["firms"])), group=group.lower()
    )


def _budget_blocks(ctx: BriefContext, rec) -> list[Block]:
    loc = ctx.loc
    curve = rec.budget_curve
    blocks: list[Block] = []
    if curve.empty:
        return blocks
    words = {
        "budget": loc.t("recommendations.fig.budget"),
        "firms": loc.t("recommendations.fig.firms"),
        "gain": loc.t("recommendations.fig.gain"),
        "gain_axis": loc.t("recommendations.fig.gain_axis"),
    }
    fig = figures.budget_curve(curve, words, loc.rupiah_compact, loc.number)
    steps = curve[curve["kind"] == "step"]
    # one sentence per step, opening with a word, not with the rupiah figure
    text = " ".join(
        loc.t(
            "recommendations.step",
            budget=loc.rupiah_compact(r.budget_idr),
            actions=loc.tn("recommend.n_actions", int(r.n_actions)),
            firms=loc.number(int(r.eligible_firms)),
            pairs=loc.tn("recommend.n_pairs", int(r.eligible_pairs)),
            reached=loc.number(int(r.firms_served)),
        )
        + (
            loc.t("recommendations.step_gain", gain=loc.number(r.mean_gain, 1))
            if r.firms_served
            else ""
        )
        + "."
        for r in steps.itertuples(index=False)
    )
    everything = curve[curve["kind"] == "all"]
    if not everything.empty:
        text += " " + loc.t(
            "recommend.everything", budget=loc.rupiah_compact(float(everything["cost_idr"].iloc[0]))
        )
    # the paragraph below says what the curve shows: the first thing a full brief leaves out
    blocks.append(
        figure(fig, loc.t("recommendations.figure_budget"), alt=text, width=0.7, optional=1)
    )
    blocks.append(paragraph(text))
    if rec.portfolio is not None:
        blocks.append(
            paragraph(
                portfolio_sentence(rec.portfolio, loc), " ", next_step_sentence(rec.next_step, loc)
            )
        )
    return blocks


def previous_recommendations(ctx: BriefContext) -> list[Block]:
    """Page 4: what earlier sessions' briefs recommended and whether a commitment took it up."""
    loc = ctx.loc
    rec = recommendations_of(ctx)
    if rec is None:
        return []
    history = rec.follow_up
    lead = Strong(loc.t("reading.previous"))
    if history.empty:
        return [paragraph(lead, " ", _why_no_earlier(ctx, history.attrs.get("sessions", {})))]
    items = []
    labels = session_labels(ctx)
    shown = history.head(MAX_PREVIOUS)
    for _, row in shown.iterrows():
        # the target as the table names it, so one programme for two groups reads as two
        key = "recommend.follow_up_taken" if row["taken_up"] else "recommend.follow_up_open"
        items.append(
            runs(
                loc.t(
                    key,
                    session=labels.get(row["session_id"], row["session_id"]),
                    action=_action_phrase(ctx, rec, row),
                    commitments=", ".join(row["commitment_ids"]),
                )
            )
        )
    if len(history) > len(shown):
        items.append(
            runs(loc.t("recommendations.previous_more", n=loc.number(len(history) - len(shown))))
        )
    return [paragraph(lead), BulletList(tuple(items))]


def _why_no_earlier(ctx: BriefContext, considered) -> str:
    """Why page 4 follows up no earlier recommendation: no earlier session held, or the data
    each earlier session lacked on its day (when they all lacked the same), or none qualified."""
    loc = ctx.loc
    if not considered:
        return loc.t("recommend.follow_up_first")
    sessions = ctx.dataset["fgd_sessions"].set_index("session_id")
    lacking = [set(missing_inputs(ctx.dataset, session_end(sessions.loc[s]))) for s in considered]
    common = [key for key in MISSING_TABLES if all(key in lack for lack in lacking)]
    if not common:
        return loc.t("recommend.follow_up_none")
    missing = loc.join([loc.t("recommend.follow_up_lacked." + key) for key in common])
    return loc.t("recommend.follow_up_none_missing", missing=missing)


def recommendations_detail(ctx: BriefContext) -> Section:
    """Annex: every action considered, its criteria, rank interval and evidence; the actions
    left out and why; the MCDA and Monte Carlo settings."""
    loc = ctx.loc
    title = loc.t("section.recommendations_detail")
    rec = recommendations_of(ctx)
    if rec is None:
        return Section("recommendations-detail", title, omitted=_no_data(ctx))
    blocks: list[Block] = []
    if not rec.actions.empty:
        blocks.append(_actions_table(ctx, rec, rec.actions, named=None))
    excluded = excluded_sentence(rec.excluded, loc)
    if excluded:
        blocks.append(note(excluded))
    params = rec.parameters
    weights = (
        loc.t("recommend.weights_ahp", respondents=loc.number(params["respondents"]))
        if params.get("weights_source") == "ahp"
        else loc.t("recommend.weights_equal")
    )
    blocks.append(paragraph(weights))
    method = loc.t(
        "recommendations.method",
        method=params["method"].upper().replace("_", " "),
        runs=loc.number(params["n_runs"]),
        seed=params["seed"],
        criteria=loc.join(
            [
                loc.t(f"recommendations.criterion.{c}")
                if loc.has(f"recommendations.criterion.{c}")
                else c
                # none used: no action was ranked (or none told apart); name those it ranks by
                for c in params.get("criteria_used", ()) or CRITERIA
            ]
        ),
    )
    ctx.cache["recommendations_csv"] = recommendations_table(rec, ctx.lang)
    return Section(
        "recommendations-detail",
        title,
        tuple(blocks),
        lead=runs(loc.t("recommendations.detail_lead")),
        methods=runs(method),
        references=(
            "hwang-yoon-1981",
            "opricovic-tzeng-2004",
            "brans-vincke-1985",
            "huangfu-hall-2018",
        ),
        meta={"recommendations": _csv_rows(ctx)},
    )


def _csv_rows(ctx: BriefContext) -> list[dict]:
    """The recommendations as plain rows (written beside the brief as a CSV table)."""
    frame = ctx.cache.get("recommendations_csv")
    if frame is None or frame.empty:
        return []
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


__all__ = [
    "BRIEF_STEPS_IDR",
    "budget_finding",
    "headline",
    "previous_recommendations",
    "recommendation_table",
    "recommendations_detail",
    "recommendations_of",
    "top_recommendations",
]
