"""Sections about the stakeholders: helix coverage and balance, the commitments ledger and its
follow-up across sessions, the collaboration network and the power-interest map.

Every number comes from :mod:`ikmpolicy.pentahelix`; this module only picks, words and lays out.
"""

from __future__ import annotations

import pandas as pd

from ikmpolicy import pentahelix
from ikmpolicy.pentahelix import figures as pfigures
from ikmpolicy.report.figures import HELIX_COLOURS
from ikmpolicy.report.html import (
    Fragment,
    figure,
    note,
    paragraph,
    section,
    table,
    tag,
)
from ikmpolicy.report.sections.context import (
    BriefContext,
    helix_labels,
    org_names,
)

#: Largest figure that fits an A4 page of the brief (inches).
MAX_WIDTH, MAX_HEIGHT = 7.0, 8.0
#: Power or interest at or above this is "high" (middle of the 0-5 scale).
GRID_THRESHOLD = 2.5
#: ``scores_source`` values that mark power/interest scores as synthetic.
SYNTHETIC_SCORES = "synthetic"


def fit(fig, width: float = MAX_WIDTH, height: float = MAX_HEIGHT):
    """Shrink a figure (keeping its proportions) so it fits ``width`` x ``height`` inches."""
    w, h = fig.get_size_inches()
    scale = min(1.0, width / w, height / h)
    if scale < 1.0:
        fig.set_size_inches(w * scale, h * scale)
        fig.tight_layout()
    return fig


def _colour(helix: str) -> str:
    return HELIX_COLOURS.get(helix, "#607d8b")


def brief_colours_coverage(fig, helices: list[str], labels: dict[str, str]):
    """Give the coverage bars the brief's helix colours (as in the participation chart) and
    put the legend under the chart, where it hides no bar."""
    from matplotlib.patches import Patch

    ax = fig.axes[0]
    if len(ax.containers) == len(helices):
        for helix, bars in zip(helices, ax.containers, strict=True):
            for bar in bars:
                bar.set_facecolor(_colour(helix))
        ax.legend(handles=[Patch(color=_colour(h), label=labels.get(h, h)) for h in helices],
                  loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=min(len(helices), 3),
                  frameon=False, fontsize="small")
        fig.tight_layout()
    return fig


def brief_colours_network(fig, graph, helices: list[str], labels: dict[str, str]):
    """Give the network's nodes the brief's helix colours, legend under the drawing."""
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D

    ax = fig.axes[0]
    nodes = sorted(graph.nodes)
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and len(coll.get_offsets()) == len(nodes):
            coll.set_facecolor([_colour(graph.nodes[n].get("helix")) for n in nodes])
            break
    else:
        return fig
    ax.legend(handles=[Line2D([], [], marker="o", ls="", color=_colour(h),
                              label=labels.get(h, h)) for h in helices],
              loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(len(helices), 5),
              frameon=False, fontsize="small")
    fig.tight_layout()
    return fig


def brief_layout_timeline(fig):
    """Move the timeline's legend above the chart (inside, it hid commitments)."""
    ax = fig.axes[0]
    handles, names = ax.get_legend_handles_labels()
    ax.set_title("")
    ax.legend(handles, names, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(names), frameon=False, fontsize="small")
    fig.tight_layout()
    return fig


def brief_layout_grid(fig, scored_helix: list[str], helices: list[str],
                      labels: dict[str, str], quadrant_names: dict[str, str]):
    """Colour the grid's actors by helix, put the quadrant names in the corners and spread
    the numbers of actors that sit close together so they do not overlap."""
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation

    ax = fig.axes[0]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    if points and len(points[0].get_offsets()) == len(scored_helix):
        points[0].set_facecolor([_colour(h) for h in scored_helix])
        points[0].set_edgecolor("white")
        shown = [h for h in helices if h in set(scored_helix)]
        ax.legend(handles=[Line2D([], [], marker="o", ls="", color=_colour(h),
                                  label=labels.get(h, h)) for h in shown],
                  loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=min(len(shown), 5),
                  frameon=False, fontsize="small")
    corners = {"manage_closely": (5.15, 5.15, "right", "top"),
               "keep_satisfied": (-0.15, 5.15, "left", "top"),
               "keep_informed": (5.15, -0.15, "right", "bottom"),
               "monitor": (-0.15, -0.15, "left", "bottom")}
    by_text = {quadrant_names[q]: q for q in corners}
    for text in ax.texts:
        if not isinstance(text, Annotation) and text.get_text() in by_text:
            x, y, ha, va = corners[by_text[text.get_text()]]
            text.set_position((x, y))
            text.set_horizontalalignment(ha)
            text.set_verticalalignment(va)
            text.set_color("#999999")
    fig.tight_layout()
    _spread_labels(ax, [t for t in ax.texts if isinstance(t, Annotation)])
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
        return hits + sum(1 for p in points if p is not own and b[0] - 3 < p[0] < b[2] + 3
                          and b[1] - 3 < p[1] < b[3] + 3)

    for ann in sorted(annotations, key=lambda a: (-a.xy[1], a.xy[0], a.get_text())):
        origin = where[id(ann)]
        scored = [(clashes(box(origin, dx, dy, ann.get_text()), origin), k)
                  for k, (dx, dy) in enumerate(candidates)]
        dx, dy = candidates[min(scored)[1]]
        ann.set_position((dx, dy))
        ann.set_horizontalalignment("left" if dx > 0 else "right")
        ann.set_fontsize(fontsize)
        boxes.append(box(origin, dx, dy, ann.get_text()))


# -- shared look-ups ------------------------------------------------------------------------

def model_name(ctx: BriefContext) -> str:
    key = f"helix_model.{ctx.helix_model}"
    return ctx.loc.t(key) if ctx.loc.has(key) else ctx.helix_model


def model_helices(ctx: BriefContext) -> tuple[pd.DataFrame, pd.Series]:
    """The helices of the chosen model and each stakeholder's helix under it."""
    ds = ctx.dataset
    helices = pentahelix.helix_model(ds["helix_models"], ctx.helix_model)
    assigned = pentahelix.assign_helices(ds["stakeholders"], ds["helix_models"],
                                         ds["helix_assignment"], ctx.helix_model)
    return helices, assigned


def session_order(ctx: BriefContext) -> list[str]:
    """Session ids in time order (sessions with an unknown date last, as in the ledger)."""
    sessions = ctx.dataset["fgd_sessions"]
    start = [pentahelix.period_start(d, p) if pd.notna(d) else pd.NaT
             for d, p in zip(sessions["date"], sessions["date_precision"], strict=True)]
    frame = pd.DataFrame({"sid": sessions["session_id"].to_numpy(),
                          "start": pd.to_datetime(pd.Series(start, dtype="object"))})
    return list(frame.sort_values("start", na_position="last", kind="stable")["sid"])


def session_labels(ctx: BriefContext) -> dict[str, str]:
    """A short label per session: kind and date ("FGD, 15 Mei 2025")."""
    loc = ctx.loc
    labels = {}
    for s in ctx.dataset["fgd_sessions"].itertuples(index=False):
        when = loc.date(s.date if pd.notna(s.date) else None, s.date_precision)
        key = f"session_label.{s.kind}"
        labels[s.session_id] = (loc.t(key, date=when) if loc.has(key)
                                else f"{s.kind}, {when}")
    return labels


# -- helix coverage and balance --------------------------------------------------------------

def helix_coverage(ctx: BriefContext) -> Fragment:
    """Organisations per helix of the chosen model at this session and across sessions, the
    balance index (Pielou's J, stated) and a plain warning for each absent helix with the role
    it leaves unplayed."""
    loc, ds = ctx.loc, ctx.dataset
    sid = ctx.session["session_id"]
    helices, assigned = model_helices(ctx)
    labels = helix_labels(ctx, helices)
    order = session_order(ctx)
    coverage = pentahelix.helix_coverage(ds["participation"], ds["stakeholders"], assigned,
                                         helices, sessions=order)
    balance = pentahelix.helix_balance(coverage).set_index("session_id")
    here = coverage[coverage["session_id"] == sid]
    mine = balance.loc[sid]
    model = model_name(ctx)
    parts: list[Fragment] = [paragraph(loc.t(
        "coverage.intro", model=model, orgs=int(mine["organisations"]),
        present=int(mine["helices_present"]), total=int(mine["helices_total"])))]
    if mine["status"] == "no_participants":
        parts.append(note(loc.t("coverage.no_participants"), "warning"))
    else:
        warnings = pentahelix.absent_helix_warnings(here, ds["helix_models"], ctx.helix_model)
        for w in warnings.itertuples(index=False):
            role = str(getattr(w, f"role_{ctx.lang}") or "").strip()
            text = (loc.t("coverage.absent", helix=labels[w.helix], role=role)
                    if role else loc.t("coverage.absent_no_role", helix=labels[w.helix]))
            parts.append(note(text, "warning"))
        if warnings.empty:
            parts.append(note(loc.t("coverage.complete")))
        status_text = {"present": loc.t("coverage.present"),
                       "absent": loc.t("coverage.absent_status"),
                       "unassigned": loc.t("coverage.unassigned_status")}
        parts.append(table(
            here.assign(label=here["helix"].map(labels),
                        status_text=here["status"].map(status_text))[
                ["label", "organisations", "share", "status_text"]],
            headers=[loc.t("coverage.helix"), loc.t("coverage.organisations"),
                     loc.t("coverage.share"), loc.t("coverage.status")],
            formats={"organisations": loc.number, "share": lambda v: loc.percent(v)},
            numeric=["organisations", "share"], caption=loc.t("coverage.table_session")))
        if int(mine["unassigned"]):
            parts.append(paragraph(loc.t("coverage.unassigned", n=int(mine["unassigned"]))))
    parts.append(paragraph(
        loc.t("coverage.balance", j=loc.number(mine["balance"], 2))
        if pd.notna(mine["balance"]) else loc.t("coverage.balance_none")))
    parts.append(paragraph(loc.t("coverage.method", k=int(mine["helices_total"])),
                           cls="method"))

    parts.append(tag("h3", loc.t("coverage.across")))
    names = session_labels(ctx)
    names[pentahelix.ALL_SESSIONS] = loc.t("coverage.all_sessions")
    shown = balance.reset_index()
    shown["session"] = [names[s] + (f" ({loc.t('coverage.this_session')})" if s == sid else "")
                        for s in shown["session_id"]]
    shown["present_text"] = [loc.t("coverage.present_of", present=p, total=t) for p, t in
                             zip(shown["helices_present"], shown["helices_total"], strict=True)]
    shown["absent_text"] = [", ".join(labels[h] for h in a) or loc.t("coverage.none_absent")
                            for a in shown["absent"]]
    parts.append(table(
        shown[["session", "organisations", "present_text", "balance", "absent_text"]],
        headers=[loc.t("coverage.session"), loc.t("coverage.organisations"),
                 loc.t("coverage.helices_present"), loc.t("coverage.balance_col"),
                 loc.t("coverage.absent_col")],
        formats={"organisations": loc.number, "balance": lambda v: loc.number(v, 2)},
        numeric=["organisations", "present_text", "balance"],
        caption=loc.t("coverage.table_across")))
    fig_labels = {**names, **labels, "organisations": loc.t("coverage.axis")}
    fig = brief_colours_coverage(pfigures.coverage_figure(coverage, fig_labels),
                                 list(dict.fromkeys(coverage["helix"])), fig_labels)
    parts.append(figure(fit(fig), loc.t("coverage.figure", model=model)))
    return section("helix-coverage", loc.t("stakeholder_section.coverage"), *parts)


# -- commitments ledger ----------------------------------------------------------------------

def ledger_of(ctx: BriefContext) -> pd.DataFrame:
    """The commitments ledger on the brief's reference date (cached)."""
    if "ledger" not in ctx.cache:
        ds = ctx.dataset
        ctx.cache["ledger"] = pentahelix.commitment_ledger(
            ds["commitments"], ctx.as_of, stakeholders=ds["stakeholders"],
            sessions=ds["fgd_sessions"], themes=ds["codebook"]["code"])
    return ctx.cache["ledger"]


def theme_labels(ctx: BriefContext) -> dict[str, str]:
    """The codebook's label of each theme in the brief's language."""
    return {r.code: ctx.label(r) for r in ctx.dataset["codebook"].itertuples(index=False)}


def commitments_ledger(ctx: BriefContext) -> Fragment:
    """Every commitment with actor, session, theme, due date and status; what was promised,
    done and overdue per session; a timeline. No due date is ever invented."""
    loc = ctx.loc
    sid = ctx.session["session_id"]
    title = loc.t("stakeholder_section.ledger")
    led = ledger_of(ctx)
    if led.empty:
        return section("commitments-ledger", title, paragraph(loc.t("ledger.none")))
    names = org_names(ctx)
    themes = theme_labels(ctx)
    sessions = session_labels(ctx)
    states = {s: loc.t(f"ledger.state.{s}") for s in pentahelix.STATES}
    counts = led["state"].value_counts()
    as_of = loc.date(ctx.as_of)
    dated = led[led["session_start"].notna()]
    span = dated if not dated.empty else led
    parts: list[Fragment] = [paragraph(loc.t(
        "ledger.intro", total=len(led), sessions=led["session_id"].nunique(),
        first=sessions.get(span["session_id"].iloc[0], ""),
        last=sessions.get(span["session_id"].iloc[-1], ""),
        here=int((led["session_id"] == sid).sum()), date=as_of,
        **{s: int(counts.get(s, 0)) for s in ("done", "overdue", "open")},
        no_due=int(counts.get("no_due_date", 0))))]
    no_due = int(counts.get("no_due_date", 0))
    if no_due == len(led):
        parts.append(note(loc.t("ledger.no_due_all"), "warning"))
    elif no_due:
        parts.append(note(loc.t("ledger.no_due_some", n=no_due)))
    overdue = led[led["overdue"]]
    if not overdue.empty:
        parts.append(note(loc.t("ledger.overdue", items="; ".join(
            loc.t("ledger.overdue_item", id=r.commitment_id, actor=names.get(r.org_id, r.org_id),
                  days=loc.number(int(r.days_overdue)))
            for r in overdue.itertuples(index=False))), "warning"))

    def session_text(s: str) -> str:
        return sessions.get(s, s) + (f" ({loc.t('ledger.this_session')})" if s == sid else "")

    parts.append(tag("h3", loc.t("ledger.followup")))
    summary = pentahelix.ledger_summary(led, by="session_id")
    in_order = [s for s in dict.fromkeys(led["session_id"]) if s in summary.index]
    summary = summary.loc[in_order].reset_index()
    summary["session"] = summary["session_id"].map(session_text)
    number_cols = ["total", *pentahelix.STATES]
    parts.append(table(
        summary[["session", *number_cols]],
        headers=[loc.t("ledger.session"), loc.t("ledger.total"),
                 *[states[s] for s in pentahelix.STATES]],
        formats={c: loc.number for c in number_cols}, numeric=number_cols,
        caption=loc.t("ledger.table_followup", date=as_of)))
    fig_labels = {**states, "commitments": loc.t("ledger.fig.commitments"),
                  **{r.commitment_id: f"{r.commitment_id} · {sessions.get(r.session_id, '')}"
                     for r in led.itertuples(index=False)}}
    fig = brief_layout_timeline(pfigures.ledger_timeline(led, ctx.as_of, fig_labels))
    parts.append(figure(fit(fig), loc.t("ledger.figure", date=as_of)))

    def actor_text(row) -> str:
        actor = names.get(row.org_id, row.org_id)
        if row.partner_ids:
            partners = ", ".join(names.get(p, p) for p in row.partner_ids)
            actor += " " + loc.t("ledger.with", partners=partners)
        return actor

    def status_text(row) -> str:
        text = loc.t("status." + row.status)
        if row.state == "overdue":
            text += "; " + loc.t("ledger.overdue_days", days=loc.number(int(row.days_overdue)))
        elif row.state == "open":
            text += "; " + states["open"]
        note_text = getattr(row, "status_note", None)
        if isinstance(note_text, str) and note_text.strip():
            text += f" ({note_text.strip()})"
        return text

    parts.append(tag("h3", loc.t("ledger.all")))
    for session_id, rows in led.groupby("session_id", sort=False):
        shown = pd.DataFrame({
            "id": rows["commitment_id"],
            "actor": [actor_text(r) for r in rows.itertuples(index=False)],
            "text": rows["text"],
            "theme": rows["theme"].map(lambda t: themes.get(t, t)),
            "due": [loc.date(d, p) if p != "unknown" else loc.t("ledger.no_due")
                    for d, p in zip(rows["due_date"], rows["due_precision"], strict=True)],
            "status": [status_text(r) for r in rows.itertuples(index=False)],
        })
        parts.append(table(
            shown, headers=[loc.t("ledger.id"), loc.t("ledger.actor"), loc.t("ledger.text"),
                            loc.t("ledger.theme"), loc.t("ledger.due"), loc.t("ledger.status")],
            caption=session_text(session_id)))
    return section("commitments-ledger", title, *parts)


# -- collaboration network and power-interest grid -------------------------------------------

def collaboration(ctx: BriefContext) -> Fragment:
    """The collaboration network coloured by helix with degree and betweenness, the brokers
    between helices and the isolated actors; then the power-interest map with its four
    quadrants (scores marked synthetic when they are)."""
    loc, ds = ctx.loc, ctx.dataset
    sid = ctx.session["session_id"]
    helices, assigned = model_helices(ctx)
    labels = helix_labels(ctx, helices)
    names = org_names(ctx)
    graph = pentahelix.collaboration_graph(ds["participation"], ds["commitments"],
                                           ds["stakeholders"], assigned)
    central = pentahelix.centrality_table(graph)
    number = {org: i + 1 for i, org in enumerate(central["org_id"])}
    here = set(ds["participation"].loc[ds["participation"]["session_id"] == sid, "org_id"])
    model = model_name(ctx)
    parts: list[Fragment] = [
        paragraph(loc.t("network.intro", orgs=graph.number_of_nodes(),
                        links=graph.number_of_edges())),
    ]
    helix_order = [h for h in [*helices["helix"], pentahelix.UNASSIGNED]
                   if h in set(central["helix"])]
    fig = pfigures.network_figure(graph, helix_order,
                                  {**{o: str(n) for o, n in number.items()}, **labels})
    fig = brief_colours_network(fig, graph, helix_order, labels)
    for text in fig.axes[0].texts:  # node numbers, readable on the dark helix colours
        text.set_color("white")
        text.set_fontweight("bold")
    parts.append(figure(fit(fig, height=6.0), loc.t("network.figure", model=model)))
    brokers = central[central["broker"]].sort_values(["brokerage", "org_id"],
                                                    ascending=[False, True])
    parts.append(paragraph(
        loc.t("network.brokers", items="; ".join(
            loc.t("network.broker_item", name=names[r.org_id], pairs=loc.number(r.brokerage))
            for r in brokers.itertuples(index=False)))
        if not brokers.empty else loc.t("network.no_brokers")))
    isolated = central[central["isolated"]]
    parts.append(paragraph(
        loc.t("network.isolated", items="; ".join(names[o] for o in isolated["org_id"]))
        if not isolated.empty else loc.t("network.no_isolated")))
    shown = central.assign(
        number=central["org_id"].map(number), org=central["org_id"].map(names),
        helix_label=central["helix"].map(lambda h: labels.get(h, h)),
        here=[loc.t("network.at_session") if o in here else loc.t("network.not_at_session")
              for o in central["org_id"]])
    parts.append(paragraph(loc.t("network.method"), cls="method"))
    parts.append(table(
        shown[["number", "org", "helix_label", "degree", "betweenness", "brokerage", "here"]],
        headers=[loc.t("network.number"), loc.t("network.org"), loc.t("network.helix"),
                 loc.t("network.degree"), loc.t("network.betweenness"),
                 loc.t("network.brokerage"), loc.t("network.here")],
        formats={"degree": loc.number, "betweenness": lambda v: loc.number(v, 2),
                 "brokerage": loc.number},
        numeric=["number", "degree", "betweenness", "brokerage"], caption=loc.t("network.table")))
    parts.extend(_power_interest(ctx, number, assigned, helix_order, labels))
    return section("collaboration", loc.t("stakeholder_section.collaboration"), *parts)


def _power_interest(ctx: BriefContext, number: dict[str, int], assigned: pd.Series,
                    helices: list[str], labels: dict[str, str]) -> list[Fragment]:
    loc = ctx.loc
    st = ctx.dataset["stakeholders"]
    names = org_names(ctx)
    grid = pentahelix.power_interest_grid(st, GRID_THRESHOLD)
    parts: list[Fragment] = [
        tag("h3", loc.t("grid.title")),
        paragraph(loc.t("grid.intro", threshold=loc.number(GRID_THRESHOLD, 1))),
    ]
    sources = st["scores_source"].fillna("").astype(str) if "scores_source" in st.columns \
        else pd.Series("", index=st.index)
    scored = grid["quadrant"] != "unscored"
    if sources[scored.to_numpy()].str.contains(SYNTHETIC_SCORES).any():
        parts.append(note(loc.t("grid.synthetic"), "synthetic"))
    quadrant_names = {q: loc.t(f"grid.q.{q}") for q in pentahelix.QUADRANTS}
    if scored.any():
        fig_labels = {**{o: str(number.get(o, o)) for o in grid["org_id"]}, **quadrant_names,
                      "power": loc.t("grid.fig.power"), "interest": loc.t("grid.fig.interest")}
        helix_of = dict(zip(st["org_id"], assigned, strict=True))
        fig = brief_layout_grid(pfigures.grid_figure(grid, GRID_THRESHOLD, fig_labels),
                                [helix_of[o] for o in grid.loc[scored, "org_id"]], helices,
                                labels, quadrant_names)
        parts.append(figure(fit(fig, height=6.0), loc.t("grid.figure")))
    rows = []
    for q in pentahelix.QUADRANTS:
        members = grid[grid["quadrant"] == q]["org_id"]
        members = sorted(members, key=lambda o: number.get(o, 0))
        rows.append((quadrant_names[q], loc.t(f"grid.do.{q}"),
                     "; ".join(f"{number[o]}. {names[o]}" if o in number else names[o]
                               for o in members) or loc.t("grid.nobody")))
    parts.append(table(pd.DataFrame(rows, columns=["q", "do", "members"]),
                       headers=[loc.t("grid.quadrant"), loc.t("grid.meaning"),
                                loc.t("grid.members")], caption=loc.t("grid.table")))
    unscored = grid.loc[~scored, "org_id"]
    if not unscored.empty:
        parts.append(paragraph(loc.t("grid.unscored",
                                     items="; ".join(names[o] for o in unscored))))
    return parts
