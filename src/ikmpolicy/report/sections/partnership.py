"""Partnership potential: which IKM can supply which buyer now, soon, or not yet, and what
stands in the way.

Numbers come from :mod:`ikmpolicy.matching` (computed once per brief and shared with the
recommendations); groups of fewer than :data:`ikmpolicy.profile.MIN_GROUP` firms are not shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ikmpolicy import matching, profile
from ikmpolicy.matching.near_ready import near_ready
from ikmpolicy.programmes import load_catalogue
from ikmpolicy.report import figures
from ikmpolicy.report.blocks import figure, note, paragraph, table
from ikmpolicy.report.content import Block, Runs, Section, runs
from ikmpolicy.report.sections.context import (
    BriefContext,
    indicator_labels,
    org_names,
    with_rejected_rows,
)
from ikmpolicy.report.sections.judgement import session_judgement_of


@dataclass(frozen=True)
class Partnership:
    """What the brief shows of the partnership potential (one computation per brief)."""

    profile: pd.DataFrame
    pairs: pd.DataFrame
    near: pd.DataFrame
    summary: pd.DataFrame
    assignment: pd.DataFrame


def partnership_of(ctx: BriefContext) -> Partnership | None:
    """Firms against buyer requirements as of the reference date; None without firms
    assessed or without requirements. Cached."""
    if "partnership" not in ctx.cache:
        ds = ctx.dataset
        reqs = ds["buyer_requirements"]
        result = None
        prof = matching.firm_profile(ds["firms"], ds["assessments"], ds.indicators, as_of=ctx.as_of)
        prof = prof[prof["assessment_date"].notna()]
        if not reqs.empty and not prof.empty:
            judged = session_judgement_of(ctx)
            weights = judged[2].weights["all"] if judged is not None else None
            pairs = matching.requirement_gaps(prof, reqs, ds.indicators, weights)
            near = near_ready(pairs, prof, load_catalogue(ds), reqs, ds.indicators)
            summary = matching.partnership_summary(pairs, prof, near)
            assignment = matching.assign_suppliers(pairs)
            result = Partnership(prof, pairs, near, summary, assignment)
        ctx.cache["partnership"] = result
    return ctx.cache["partnership"]


def _no_partnership(ctx: BriefContext) -> str:
    tables = ["assessments", "buyer_requirements"]
    return with_rejected_rows(ctx.loc, ctx.dataset, ctx.loc.t("partnership.none"), tables)


def requirement_labels(ctx: BriefContext) -> dict[str, str]:
    """``REQ-02`` -> ``"REQ-02 PT Krakatau Steel"`` (short buyer name)."""
    names = org_names(ctx)
    reqs = ctx.dataset["buyer_requirements"]
    return {
        r.requirement_id: f"{r.requirement_id} {_short(names.get(r.buyer_id, r.buyer_id))}"
        for r in reqs.itertuples(index=False)
    }


def _short(name: str) -> str:
    """An organisation's name without its bracketed note ("PT Krakatau Steel (Persero)")."""
    return name.split(" (")[0]


def sub_sector_labels(ctx: BriefContext) -> dict[str, str]:
    """Sub-sector id to its name in the brief's language."""
    return {r.sub_sector: ctx.label(r) for r in ctx.dataset["sub_sectors"].itertuples(index=False)}


def _shown_groups(part: Partnership) -> list[str]:
    counts = part.profile["sub_sector"].value_counts()
    return [g for g in counts.index if counts[g] >= profile.MIN_GROUP]


def blockers(part: Partnership, top: int = 3) -> pd.DataFrame:
    """The gaps that block most firm-requirement pairs a firm fits by KBLI but does not meet:
    ``item``, ``kind`` (indicator or certificate) and ``pairs`` blocked, most first."""
    fitting = part.pairs[part.pairs["kbli_fit"] & ~part.pairs["eligible"]]
    rows = []
    for col in [c for c in fitting.columns if c.startswith("gap_")]:
        n = int((fitting[col] > 0).sum())
        if n:
            rows.append((col[4:], "indicator", n))
    certs = fitting["missing_certificates"].explode().dropna().value_counts()
    rows += [(c, "certificate", int(n)) for c, n in certs.items()]
    frame = pd.DataFrame(rows, columns=["item", "kind", "pairs"])
    return frame.sort_values(["pairs", "item"], ascending=[False, True]).head(top)


def _blocker_text(ctx: BriefContext, frame: pd.DataFrame) -> str:
    loc = ctx.loc
    names = indicator_labels(ctx)
    items = []
    for row in frame.itertuples(index=False):
        what = (
            names.get(row.item, row.item).lower()
            if row.kind == "indicator"
            else loc.t(f"recommend.certificate.{row.item}")
        )
        items.append(loc.t("partnership.blocker", item=what, pairs=loc.number(row.pairs)))
    return "; ".join(items)


def partnership_finding(ctx: BriefContext) -> Runs | None:
    """Page 1's finding on partnership potential (None when it cannot be computed)."""
    part = partnership_of(ctx)
    if part is None:
        return None
    loc = ctx.loc
    pairs = part.pairs
    firms = part.profile.index.nunique()
    eligible = set(pairs.loc[pairs["eligible"], "firm_id"])
    now = len(eligible)
    # near-ready for some buyer and eligible for none yet
    soon = len(set(part.near.loc[part.near["reachable"], "firm_id"]) - eligible)
    # no count of zero in a sentence: "belum ada", not "sebanyak 0"
    key = (
        "points.partnership"
        + {
            (True, True): "",
            (True, False): "_none_near",
            (False, True): "_none_now",
            (False, False): "_none",
        }[(now > 0, soon > 0)]
    )
    return runs(
        loc.t(
            key,
            now=loc.number(now),
            firms=loc.number(firms),
            soon=loc.number(soon),
            blockers=_blocker_text(ctx, blockers(part)),
        )
    )


def partnership_potential(ctx: BriefContext) -> Section:
    """Page 2: sub-sectors against buyer requirements (eligible now / near-ready / not yet),
    and the gaps that stand in the way."""
    loc = ctx.loc
    title = loc.t("section.partnership")
    part = partnership_of(ctx)
    if part is None:
        return Section("partnership", title, edition="brief", omitted=_no_partnership(ctx))
    groups = _shown_groups(part)
    summary = part.summary[part.summary["sub_sector"].isin(groups)]
    all_labels = requirement_labels(ctx)
    shown = _shown_requirements(summary, list(all_labels))
    req_labels = {r: all_labels[r] for r in shown}
    summary = summary[summary["requirement_id"].isin(shown)]
    sector_labels = sub_sector_labels(ctx)
    words = {k: loc.t(f"partnership.fig.{k}") for k in ("now", "soon", "not_yet", "no_fit")}
    blocks: list[Block] = [
        paragraph(
            loc.t(
                "partnership.intro",
                firms=loc.number(len(part.profile)),
                requirements=loc.number(part.pairs["requirement_id"].nunique()),
                date=loc.date(ctx.as_of),
            )
        ),
    ]
    if groups:  # every sub-sector below the minimum: a grid of nothing is left out
        fig = figures.eligibility_grid(
            summary, [sector_labels.get(g, g) for g in groups], groups, req_labels, words
        )
        blocks.append(
            figure(
                fig,
                loc.t("partnership.figure"),
                alt=_grid_alt(ctx, summary, sector_labels, req_labels),
                width=0.95,
            )
        )
        if len(shown) < len(all_labels):
            blocks.append(
                paragraph(
                    loc.t("partnership.columns_shown", shown=len(shown), total=len(all_labels)),
                    style="small",
                )
            )
    found = blockers(part)
    if not found.empty:  # no firm fits a buyer's KBLI: nothing blocks, "menghalangi: ." said
        blocks.append(paragraph(loc.t("partnership.blockers", items=_blocker_text(ctx, found))))
    hidden = sorted(set(part.profile["sub_sector"]) - set(groups))
    if hidden:
        blocks.append(
            paragraph(
                loc.t(
                    "partnership.suppressed",
                    n=profile.MIN_GROUP,
                    groups=loc.join([sector_labels.get(g, g) for g in hidden]),
                ),
                style="small",
            )
        )
    return Section("partnership", title, tuple(blocks), edition="brief")


#: Buyer requirements a page-wide grid can hold with its labels readable.
MAX_GRID_REQUIREMENTS = 8


def _shown_requirements(summary: pd.DataFrame, requirements: list[str]) -> list[str]:
    """The requirements page 2's grid shows, in their order: all of them up to
    :data:`MAX_GRID_REQUIREMENTS`, else those with the most IKM eligible now, then near-ready
    (thirty buyers' columns made a grid no one could read).

    Examples
    --------
    >>> s = pd.DataFrame({"requirement_id": list("abc"), "eligible_now": [0, 2, 1],
    ...                   "near_ready": [5, 0, 0]})
    >>> _shown_requirements(s, list("abc"))
    ['a', 'b', 'c']
    """
    if len(requirements) <= MAX_GRID_REQUIREMENTS:
        return requirements
    totals = summary.groupby("requirement_id")[["eligible_now", "near_ready"]].sum()
    totals = totals.reindex(requirements, fill_value=0)
    totals["order"] = range(len(totals))
    best = totals.sort_values(
        ["eligible_now", "near_ready", "order"], ascending=[False, False, True]
    ).index[:MAX_GRID_REQUIREMENTS]
    return [r for r in requirements if r in set(best)]


def _grid_alt(ctx, summary, sector_labels, req_labels) -> str:
    """The grid in words, for readers who do not see the picture."""
    loc = ctx.loc
    parts = []
    for row in summary.itertuples(index=False):
        if row.eligible_now or row.near_ready:
            parts.append(
                loc.t(
                    "partnership.alt_cell",
                    group=sector_labels.get(row.sub_sector),
                    requirement=req_labels.get(row.requirement_id),
                    now=loc.number(row.eligible_now),
                    soon=loc.number(row.near_ready),
                )
            )
    return "; ".join(parts) or loc.t("partnership.alt_none")


def partnership_detail(ctx: BriefContext) -> Section:
    """Annex: every buyer requirement with the firms that meet it now, the near-ready ones and
    the cheapest path to eligibility, capacity against the buyer's volume, and the best
    assignment of suppliers."""
    loc = ctx.loc
    title = loc.t("section.partnership_detail")
    part = partnership_of(ctx)
    if part is None:
        return Section("partnership-detail", title, omitted=_no_partnership(ctx))
    req_labels = requirement_labels(ctx)
    reqs = ctx.dataset["buyer_requirements"].set_index("requirement_id")
    pairs = part.pairs
    rows = []
    for rid, group in pairs.groupby("requirement_id", sort=True):
        near = part.near[(part.near["requirement_id"] == rid) & part.near["reachable"]]
        capacity = group.loc[group["eligible"], "capacity_status"].value_counts()
        cheapest = near["path_cost_idr"].min() if not near.empty else float("nan")
        rows.append(
            {
                "requirement": req_labels.get(rid, rid),
                "product": reqs.loc[rid, "product"],
                "fit": int(group["kbli_fit"].sum()),
                "now": int(group["eligible"].sum()),
                "near": len(near),
                "cheapest": loc.rupiah_compact(cheapest) if pd.notna(cheapest) else "–",
                "assigned": int((part.assignment["requirement_id"] == rid).sum()),
                "capacity": loc.t(
                    "partnership.capacity_counts",
                    enough=loc.number(int(capacity.get("enough", 0))),
                    partial=loc.number(int(capacity.get("partial", 0))),
                    unknown=loc.number(int(capacity.get("unknown", 0))),
                ),
            }
        )
    frame = pd.DataFrame(rows)
    numbers = ["fit", "now", "near", "assigned"]
    blocks: list[Block] = [
        table(
            frame,
            headers=[loc.t(f"partnership.col.{c}") for c in frame.columns],
            formats={c: loc.number for c in numbers},
            numeric=numbers,
            caption=loc.t("partnership.table_requirements"),
            style="compact",
        )
    ]
    blocks.append(_near_table(ctx, part))
    weights = part.pairs.attrs.get("weights_source", "equal")
    blocks.append(note(loc.t("partnership.internal")))
    return Section(
        "partnership-detail",
        title,
        tuple(blocks),
        lead=runs(loc.t("partnership.detail_lead")),
        methods=runs(
            loc.t(
                "partnership.method",
                weights=loc.t(f"partnership.weights.{weights}")
                if loc.has(f"partnership.weights.{weights}")
                else weights,
            )
        ),
    )


def _near_table(ctx: BriefContext, part: Partnership):
    """Near-ready pairs by requirement and cheapest path (counts, firm codes never names)."""
    loc = ctx.loc
    from ikmpolicy.recommend.wording import names_from

    names = names_from(ctx.dataset, load_catalogue(ctx.dataset))
    programmes = names.programmes[ctx.lang]
    near = part.near[part.near["reachable"]].copy()
    req_labels = requirement_labels(ctx)
    if near.empty:
        return paragraph(loc.t("partnership.no_near"))
    near["path_text"] = [" + ".join(programmes.get(p, p) for p in path) for path in near["path"]]
    grouped = (
        near.groupby(["requirement_id", "path_text"], sort=True)
        .agg(
            firms=("firm_id", "nunique"),
            cost=("path_cost_idr", "median"),
            months=("path_months", "max"),
        )
        .reset_index()
    )
    grouped["requirement"] = grouped["requirement_id"].map(req_labels)
    return table(
        grouped[["requirement", "path_text", "firms", "cost", "months"]],
        headers=[
            loc.t("partnership.col.requirement"),
            loc.t("partnership.path"),
            loc.t("partnership.col.near"),
            loc.t("partnership.cost_per_firm"),
            loc.t("partnership.months"),
        ],
        formats={
            "firms": loc.number,
            "cost": loc.rupiah_compact,
            "months": lambda v: loc.number(v) if pd.notna(v) else "–",
        },
        numeric=["firms", "cost", "months"],
        caption=loc.t("partnership.table_near"),
        style="compact",
    )
