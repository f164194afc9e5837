"""Sections about the stakeholders: helix coverage and balance, the collaboration network and
the power-interest map (the commitments ledger is in :mod:`.ledger`).

Every number comes from :mod:`ikmpolicy.pentahelix` and every figure is drawn there, in the
brief's helix colours; this module only picks, words and lays out.
"""

from __future__ import annotations

import pandas as pd

from ikmpolicy import pentahelix
from ikmpolicy.pentahelix import figures as pfigures
from ikmpolicy.report import figures as report_figures
from ikmpolicy.report.blocks import bullets, figure, note, paragraph, table
from ikmpolicy.report.content import Block, Heading, Section, Strong, runs
from ikmpolicy.report.figures import HELIX_COLOURS
from ikmpolicy.report.sections.context import (
    BriefContext,
    cite,
    helix_labels,
    model_helices,
    model_name,
    org_names,
    participants_with_helix,
    session_labels,
    session_order,
)

#: Page 2's attendance figure shows at most this many sessions (the latest), so it stays legible.
ATTENDANCE_SESSIONS = 6
#: Power or interest at or above this is "high" (middle of the 0-5 scale).
GRID_THRESHOLD = 2.5
#: ``scores_source`` values that mark power/interest scores as synthetic.
SYNTHETIC_SCORES = "synthetic"


# -- helix coverage and balance --------------------------------------------------------------


def coverage_of(ctx: BriefContext) -> pd.DataFrame:
    """Organisations per helix of the chosen model at every session (cached; see
    :func:`ikmpolicy.pentahelix.helix_coverage`)."""
    if "coverage" not in ctx.cache:
        helices, assigned = model_helices(ctx)
        ds = ctx.dataset
        ctx.cache["coverage"] = pentahelix.helix_coverage(
            ds["participation"], ds["stakeholders"], assigned, helices, sessions=session_order(ctx)
        )
    return ctx.cache["coverage"]


def helix_coverage(ctx: BriefContext) -> Section:
    """Who took part, by helix of the chosen model: the organisations with their roles, the
    balance index (Pielou's J), a plain warning for each absent helix with the role it leaves
    unplayed, and the same across sessions."""
    loc, ds = ctx.loc, ctx.dataset
    sid = ctx.session["session_id"]
    helices, _ = model_helices(ctx)
    labels = helix_labels(ctx, helices)
    coverage = coverage_of(ctx)
    balance = pentahelix.helix_balance(coverage).set_index("session_id")
    here = coverage[coverage["session_id"] == sid]
    mine = balance.loc[sid]
    model = model_name(ctx)
    parts: list[Block] = [
        paragraph(
            loc.t(
                "coverage.intro",
                model=model,
                orgs=int(mine["organisations"]),
                present=int(mine["helices_present"]),
                total=int(mine["helices_total"]),
            )
        )
    ]
    if mine["status"] == "no_participants":
        parts.append(note(loc.t("coverage.no_participants"), kind="warning"))
    else:
        warnings = pentahelix.absent_helix_warnings(here, ds["helix_models"], ctx.helix_model)
        for w in warnings.itertuples(index=False):
            role = str(getattr(w, f"role_{ctx.lang}") or "").strip()
            text = (
                loc.t("coverage.absent", helix=labels[w.helix], role=role)
                if role
                else loc.t("coverage.absent_no_role", helix=labels[w.helix])
            )
            parts.append(note(text, kind="warning"))
        if warnings.empty:
            parts.append(note(loc.t("coverage.complete")))
        status_text = {
            "present": loc.t("coverage.present"),
            "absent": loc.t("coverage.absent_status"),
            "unassigned": loc.t("coverage.unassigned_status"),
        }
        parts.append(
            table(
                here.assign(
                    label=here["helix"].map(labels), status_text=here["status"].map(status_text)
                )[["label", "organisations", "share", "status_text"]],
                headers=[
                    loc.t("coverage.helix"),
                    loc.t("coverage.organisations"),
                    loc.t("coverage.share"),
                    loc.t("coverage.status"),
                ],
                formats={"organisations": loc.number, "share": lambda v: loc.percent(v)},
                numeric=["organisations", "share"],
                caption=loc.t("coverage.table_session"),
            )
        )
        if int(mine["unassigned"]):
            parts.append(paragraph(loc.t("coverage.unassigned", n=int(mine["unassigned"]))))
        parts.append(_participants_table(ctx))
    parts.append(
        paragraph(
            loc.t("coverage.balance", j=loc.number(mine["balance"], 2))
            if pd.notna(mine["balance"])
            else loc.t("coverage.balance_none")
        )
    )

    parts.append(Heading(loc.t("coverage.across")))
    names = session_labels(ctx)
    names[pentahelix.ALL_SESSIONS] = loc.t("coverage.all_sessions")
    shown = balance.reset_index()
    shown["session"] = [
        names[s] + (f" ({loc.t('coverage.this_session')})" if s == sid else "")
        for s in shown["session_id"]
    ]
    shown["present_text"] = [
        loc.t("coverage.present_of", present=p, total=t)
        for p, t in zip(shown["helices_present"], shown["helices_total"], strict=True)
    ]
    shown["absent_text"] = [
        ", ".join(labels[h] for h in a) or loc.t("coverage.none_absent") for a in shown["absent"]
    ]
    parts.append(
        table(
            shown[["session", "organisations", "present_text", "balance", "absent_text"]],
            headers=[
                loc.t("coverage.session"),
                loc.t("coverage.organisations"),
                loc.t("coverage.helices_present"),
                loc.t("coverage.balance_col"),
                loc.t("coverage.absent_col"),
            ],
            formats={"organisations": loc.number, "balance": lambda v: loc.number(v, 2)},
            numeric=["organisations", "present_text", "balance"],
            caption=loc.t("coverage.table_across"),
        )
    )
    fig_labels = {**names, **labels, "organisations": loc.t("coverage.axis")}
    parts.append(
        figure(
            pfigures.coverage_figure(coverage, fig_labels, colours=HELIX_COLOURS),
            loc.t("coverage.figure", model=model),
        )
    )
    return Section(
        "helix-coverage",
        loc.t("stakeholder_section.coverage"),
        tuple(parts),
        lead=runs(loc.t("coverage.lead")),
        methods=runs(loc.t("coverage.method", k=int(mine["helices_total"]))),
        references=("shannon-1948", "pielou-1966"),
    )


def _participants_table(ctx: BriefContext):
    """The organisations at the session with helix, roles and delegates."""
    loc = ctx.loc
    people, helices = participants_with_helix(ctx)
    labels = helix_labels(ctx, helices)
    counts = pentahelix.helix_counts(people, helices)
    part = ctx.dataset["participation"]
    here = part[part["session_id"] == ctx.session["session_id"]]
    sources = here.groupby("org_id")["source_id"].agg(lambda x: tuple(dict.fromkeys(x)))
    shown = people.assign(
        helix_label=people["model_helix"].map(labels),
        role_text=people["roles"].map(
            lambda r: ", ".join(loc.t("role." + x) for x in r.split(";"))
        ),
        order=people["model_helix"].map({h: i for i, h in enumerate(counts["helix"])}),
        source=people["org_id"].map(
            lambda o: runs(
                *[
                    part
                    for k, s in enumerate(sources.get(o, ()))
                    for part in ([", "] if k else []) + list(cite(ctx, s))
                ]
            )
        ),
    ).sort_values(["order", "name"])
    return table(
        shown[["name", "helix_label", "role_text", "people", "source"]],
        headers=[
            loc.t("participation.org"),
            loc.t("participation.helix"),
            loc.t("participation.role"),
            loc.t("participation.people"),
            loc.t("ledger.source"),
        ],
        formats={"people": lambda v: loc.number(v) if pd.notna(v) else "–", "source": lambda v: v},
        numeric=["people"],
        caption=loc.t("participation.table"),
    )


# -- collaboration network and power-interest grid -------------------------------------------


def collaboration(ctx: BriefContext) -> Section:
    """The collaboration network coloured by helix with degree and betweenness, the brokers
    between helices and the isolated actors."""
    loc, ds = ctx.loc, ctx.dataset
    sid = ctx.session["session_id"]
    helices, assigned = model_helices(ctx)
    labels = helix_labels(ctx, helices)
    names = org_names(ctx)
    graph = pentahelix.collaboration_graph(
        ds["participation"], ds["commitments"], ds["stakeholders"], assigned
    )
    central = pentahelix.centrality_table(graph)
    number = {org: i + 1 for i, org in enumerate(central["org_id"])}
    here = set(ds["participation"].loc[ds["participation"]["session_id"] == sid, "org_id"])
    model = model_name(ctx)
    parts: list[Block] = [
        paragraph(
            loc.t("network.intro", orgs=graph.number_of_nodes(), links=graph.number_of_edges())
        ),
    ]
    helix_order = [*helices["helix"], pentahelix.UNASSIGNED]  # legends name those drawn
    fig = pfigures.network_figure(
        graph,
        helix_order,
        {**{o: str(n) for o, n in number.items()}, **labels},
        colours=HELIX_COLOURS,
    )
    parts.append(figure(fig, loc.t("network.figure", model=model)))
    brokers = central[central["broker"]].sort_values(
        ["brokerage", "org_id"], ascending=[False, True]
    )
    parts.append(
        paragraph(
            loc.t(
                "network.brokers",
                items="; ".join(
                    loc.t(
                        "network.broker_item", name=names[r.org_id], pairs=loc.number(r.brokerage)
                    )
                    for r in brokers.itertuples(index=False)
                ),
            )
            if not brokers.empty
            else loc.t("network.no_brokers")
        )
    )
    isolated = central[central["isolated"]]
    parts.append(
        paragraph(
            loc.t("network.isolated", items="; ".join(names[o] for o in isolated["org_id"]))
            if not isolated.empty
            else loc.t("network.no_isolated")
        )
    )
    shown = central.assign(
        number=central["org_id"].map(number),
        org=central["org_id"].map(names),
        helix_label=central["helix"].map(lambda h: labels.get(h, h)),
        here=[
            loc.t("network.at_session") if o in here else loc.t("network.not_at_session")
            for o in central["org_id"]
        ],
    )
    parts.append(
        table(
            shown[["number", "org", "helix_label", "degree", "betweenness", "brokerage", "here"]],
            headers=[
                loc.t("network.number"),
                loc.t("network.org"),
                loc.t("network.helix"),
                loc.t("network.degree"),
                loc.t("network.betweenness"),
                loc.t("network.brokerage"),
                loc.t("network.here"),
            ],
            formats={
                "degree": loc.number,
                "betweenness": lambda v: loc.number(v, 2),
                "brokerage": loc.number,
            },
            numeric=["number", "degree", "betweenness", "brokerage"],
            caption=loc.t("network.table"),
            style="compact",
        )
    )
    return Section(
        "collaboration",
        loc.t("stakeholder_section.collaboration"),
        tuple(parts),
        lead=runs(loc.t("network.lead")),
        methods=runs(loc.t("network.method")),
        references=("freeman-1977", "brandes-2001", "gould-fernandez-1989"),
    )


def power_interest(ctx: BriefContext) -> Section:
    """The power-interest map with its four quadrants (scores marked synthetic when they are);
    actors are numbered as in the collaboration network."""
    loc = ctx.loc
    ds = ctx.dataset
    st = ds["stakeholders"]
    helices, assigned = model_helices(ctx)
    labels = helix_labels(ctx, helices)
    helix_order = [*helices["helix"], pentahelix.UNASSIGNED]
    names = org_names(ctx)
    graph = pentahelix.collaboration_graph(ds["participation"], ds["commitments"], st, assigned)
    number = {org: i + 1 for i, org in enumerate(pentahelix.centrality_table(graph)["org_id"])}
    grid = pentahelix.power_interest_grid(st, GRID_THRESHOLD)
    title = loc.t("grid.title")
    if not (grid["quadrant"] != "unscored").any():
        return Section("power-interest", title, omitted=loc.t("grid.none"))
    parts: list[Block] = [paragraph(loc.t("grid.intro", threshold=loc.number(GRID_THRESHOLD, 1)))]
    sources = (
        st["scores_source"].fillna("").astype(str)
        if "scores_source" in st.columns
        else pd.Series("", index=st.index)
    )
    scored = grid["quadrant"] != "unscored"
    if sources[scored.to_numpy()].str.contains(SYNTHETIC_SCORES).any():
        parts.append(note(loc.t("grid.synthetic"), kind="synthetic"))
    quadrant_names = {q: loc.t(f"grid.q.{q}") for q in pentahelix.QUADRANTS}
    if scored.any():
        fig_labels = {
            **{o: str(number.get(o, o)) for o in grid["org_id"]},
            **quadrant_names,
            **labels,
            "power": loc.t("grid.fig.power"),
            "interest": loc.t("grid.fig.interest"),
        }
        helix_of = dict(zip(st["org_id"], assigned, strict=True))
        fig = pfigures.grid_figure(
            grid.assign(helix=grid["org_id"].map(helix_of)),
            GRID_THRESHOLD,
            fig_labels,
            helices=helix_order,
            colours=HELIX_COLOURS,
        )
        parts.append(figure(fig, loc.t("grid.figure")))
    rows = []
    for q in pentahelix.QUADRANTS:
        members = grid[grid["quadrant"] == q]["org_id"]
        members = sorted(members, key=lambda o: number.get(o, 0))
        rows.append(
            (
                quadrant_names[q],
                loc.t(f"grid.do.{q}"),
                "; ".join(f"{number[o]}. {names[o]}" if o in number else names[o] for o in members)
                or loc.t("grid.nobody"),
            )
        )
    parts.append(
        table(
            pd.DataFrame(rows, columns=["q", "do", "members"]),
            headers=[loc.t("grid.quadrant"), loc.t("grid.meaning"), loc.t("grid.members")],
            caption=loc.t("grid.table"),
        )
    )
    unscored = grid.loc[~scored, "org_id"]
    if not unscored.empty:
        parts.append(paragraph(loc.t("grid.unscored", items="; ".join(names[o] for o in unscored))))
    return Section(
        "power-interest",
        title,
        tuple(parts),
        lead=runs(loc.t("grid.lead")),
        methods=runs(loc.t("grid.method")),
        references=("mendelow-1991",),
    )


def helices_at_the_table(ctx: BriefContext) -> Section:
    """Page 2: who was at the table, one line per helix, and which helix was missing and what
    that costs."""
    loc = ctx.loc
    title = loc.t("section.helices")
    people, helices = participants_with_helix(ctx)
    if people.empty:
        return Section("helices", title, edition="brief", omitted=loc.t("coverage.no_participants"))
    labels = helix_labels(ctx, helices)
    roles = pentahelix.helix_roles(ctx.dataset["helix_models"], ctx.helix_model).set_index("helix")
    items = []
    for helix in helices["helix"]:
        mine = people[people["model_helix"] == helix]
        if mine.empty:
            role = str(roles.loc[helix, f"role_{ctx.lang}"] or "") if helix in roles.index else ""
            items.append(
                runs(
                    Strong(labels[helix] + ": "),
                    loc.t("helices.absent", role=role[:1].lower() + role[1:])
                    if role
                    else loc.t("helices.absent_no_role"),
                )
            )
        else:
            names = ", ".join(sorted(n.split(" (")[0] for n in mine["name"]))
            items.append(runs(Strong(labels[helix] + ": "), names))
    return Section(
        "helices", title, (*_attendance_figure(ctx, helices), bullets(items)), edition="brief"
    )


def _attendance_figure(ctx: BriefContext, helices: pd.DataFrame) -> tuple[Block, ...]:
    """Page 2's figure on the helices: who came to each of the last sessions up to this one
    (:data:`ATTENDANCE_SESSIONS` at most). Nothing for a first session: its five counts are in the
    lines below."""
    loc, sid = ctx.loc, ctx.session["session_id"]
    order = session_order(ctx)
    here = order.index(sid)
    sessions = order[max(0, here + 1 - ATTENDANCE_SESSIONS) : here + 1]
    if len(sessions) < 2:
        return ()
    coverage = coverage_of(ctx)
    counts = (
        coverage[coverage["session_id"].isin(sessions)]
        .pivot_table(index="helix", columns="session_id", values="organisations", aggfunc="sum")
        .reindex(index=list(helices["helix"]), columns=sessions)
        .fillna(0)
        .astype(int)
    )
    labels = {**session_labels(ctx), **helix_labels(ctx, helices)}
    absent = [labels[h] for h in counts.index if counts.loc[h].sum() == 0]
    alt = loc.t(
        "helices.figure_alt",
        items="; ".join(
            f"{labels[h]}: " + ", ".join(loc.number(int(n)) for n in counts.loc[h])
            for h in counts.index
        ),
    )
    caption = loc.t(
        "helices.figure_never" if absent else "helices.figure",
        sessions=loc.number(len(sessions)),
        never=loc.join(absent),
    )
    fig = report_figures.helix_attendance(counts, labels, sid, loc.number)
    # the lines below say who came to this session; the history goes when the pages are full
    return (figure(fig, caption, alt=alt, width=0.8, optional=2),)
