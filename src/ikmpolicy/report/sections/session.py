"""Sections about the session itself: title, key points, facts and sources, who took part,
what was said and committed.
"""

from __future__ import annotations

import pandas as pd

from ikmpolicy import pentahelix, profile
from ikmpolicy.report import figures
from ikmpolicy.report.html import (
    Fragment,
    bullets,
    figure,
    join,
    note,
    paragraph,
    section,
    table,
    tag,
)
from ikmpolicy.report.sections.context import (
    BriefContext,
    cite,
    helix_labels,
    indicator_labels,
    latest_assessment,
    model_name,
    org_names,
    participants_with_helix,
    session_sources,
    sources_table,
    uses_synthetic,
)
from ikmpolicy.report.sections.index import index_of
from ikmpolicy.report.sections.judgement import session_judgement_of


def title_block(ctx: BriefContext) -> Fragment:
    """Title, date, place and the synthetic-data notice."""
    s, loc = ctx.session, ctx.loc
    when = loc.date(s["date"], s["date_precision"])
    if pd.notna(s["end_date"]):
        when = loc.t("date.range", start=when, end=loc.date(s["end_date"]))
    place = ", ".join(str(x) for x in (s["venue"], s["city"]) if x)
    parts = [
        tag("p", loc.t("brief.kicker"), cls="kicker"),
        tag("h1", s["title"]),
        tag("p", f"{loc.t('kind.' + s['kind'])} · {when} · {place}", cls="subtitle"),
        tag("p", loc.t("brief.as_of", date=loc.date(ctx.as_of)), cls="subtitle"),
    ]
    if uses_synthetic(ctx):
        parts.append(note(loc.t("brief.synthetic_notice"), "synthetic"))
    return tag("header", join(parts), cls="brief-title")


def key_points(ctx: BriefContext) -> Fragment:
    """The few facts an official should take away, each computed from the sections below."""
    loc = ctx.loc
    people, helices = participants_with_helix(ctx)
    counts = pentahelix.helix_counts(people, helices)
    modelled = counts[counts["helix"] != pentahelix.UNASSIGNED]
    present = int((modelled["organisations"] > 0).sum())
    labels = helix_labels(ctx, helices)
    absent = [labels[h] for h, n in zip(modelled["helix"], modelled["organisations"],
                                        strict=True) if n == 0]
    points = [loc.t("points.participation", orgs=len(people), present=present,
                    total=len(modelled))]
    if absent:
        points.append(loc.t("points.absent", helices=", ".join(absent)))
    st = ctx.dataset["statements"]
    cm = ctx.dataset["commitments"]
    sid = ctx.session["session_id"]
    points.append(loc.t("points.statements", statements=int((st["session_id"] == sid).sum()),
                        commitments=int((cm["session_id"] == sid).sum())))
    scores = latest_assessment(ctx)
    if not scores.empty:
        indicators = list(ctx.dataset.indicators["indicator"])
        overall = profile.dimension_profile(scores, ctx.dataset["firms"], indicators)
        if not overall["suppressed"].iloc[0]:
            means = overall[indicators].iloc[0].dropna().sort_values()
            names = indicator_labels(ctx)
            points.append(loc.t(
                "points.readiness", firms=int(overall["firms"].iloc[0]),
                weakest=names[means.index[0]], weak=loc.number(means.iloc[0], 1),
                strongest=names[means.index[-1]], strong=loc.number(means.iloc[-1], 1)))
    judged = session_judgement_of(ctx)
    if judged is not None:
        weights = judged[2].weights["all"]
        dims = {r.dimension: ctx.label(r) for r in ctx.dataset.indicators.itertuples(index=False)}
        points.append(loc.t("points.judgement", respondents=len(judged[2].respondents),
                            top=dims[weights.idxmax()], weight=loc.percent(weights.max(), 1)))
    built = index_of(ctx)
    if built is not None:
        robustness = built[3].ranks["robustness"]
        points.append(loc.t("points.index", robust=int((robustness == "robust").sum()),
                            ranked=int(robustness.isin(["robust", "fragile"]).sum())))
    return section("key-points", loc.t("section.key_points"), bullets(points))


def session_facts(ctx: BriefContext) -> Fragment:
    """The session as the sources record it, each source cited."""
    s, loc = ctx.session, ctx.loc
    names = org_names(ctx)
    date_text = loc.date(s["date"], s["date_precision"])
    if s["date_precision"] != "day" and s["date_text"]:
        date_text += f" ({s['date_text']})"
    rows = [
        (loc.t("facts.title"), s["title"]),
        (loc.t("facts.date"), date_text),
        (loc.t("facts.end_date"), loc.date(s["end_date"]) if pd.notna(s["end_date"]) else "–"),
        (loc.t("facts.venue"), s["venue"] or "–"),
        (loc.t("facts.city"), s["city"]),
        (loc.t("facts.organiser"), names.get(s["organiser"], loc.t("facts.not_stated"))),
        (loc.t("facts.kind"), loc.t("kind." + s["kind"])),
        (loc.t("facts.participants"),
         loc.number(s["participants"]) if pd.notna(s["participants"])
         else loc.t("facts.not_stated")),
    ]
    facts = table(pd.DataFrame(rows, columns=["k", "v"]),
                  headers=[loc.t("facts.item"), loc.t("facts.value")])
    src = sources_table(ctx)
    cites = []
    for source_id in session_sources(ctx):
        row = src.loc[source_id]
        cites.append(join([cite(ctx, source_id), f", “{row['title']}”",
                           f" ({row['date_text']})" if row["date_text"] else ""]))
    return section("session", loc.t("section.session"), facts,
                   tag("h3", loc.t("facts.sources")), bullets(cites))


def participation(ctx: BriefContext) -> Fragment:
    """Who took part, by helix of the chosen model (chart and table)."""
    loc = ctx.loc
    people, helices = participants_with_helix(ctx)
    labels = helix_labels(ctx, helices)
    counts = pentahelix.helix_counts(people, helices)
    model = model_name(ctx)
    parts: list[Fragment] = [paragraph(loc.t("participation.model", model=model))]
    if people.empty:
        parts.append(note(loc.t("participation.none"), "warning"))
        return section("participation", loc.t("section.participation"), *parts)
    parts.append(figure(figures.helix_bar(counts, labels, loc.t("participation.axis")),
                        loc.t("participation.figure", model=model)))
    shown = people.assign(
        helix_label=people["model_helix"].map(labels),
        role_text=people["roles"].map(
            lambda r: ", ".join(loc.t("role." + x) for x in r.split(";"))),
        order=people["model_helix"].map({h: i for i, h in enumerate(counts["helix"])}),
    ).sort_values(["order", "name"])
    parts.append(table(
        shown[["name", "helix_label", "role_text", "people"]],
        headers=[loc.t("participation.org"), loc.t("participation.helix"),
                 loc.t("participation.role"), loc.t("participation.people")],
        formats={"people": lambda v: loc.number(v) if pd.notna(v) else "–"},
        numeric=["people"]))
    return section("participation", loc.t("section.participation"), *parts)


def statements(ctx: BriefContext) -> Fragment:
    """What was said at the session, attributed to organisation and the speaker's office."""
    loc = ctx.loc
    sid = ctx.session["session_id"]
    names = org_names(ctx)
    st = ctx.dataset["statements"]
    st = st[st["session_id"] == sid]
    parts: list[Fragment] = []
    if st.empty:
        parts.append(paragraph(loc.t("statements.none")))
    for row in st.itertuples(index=False):
        text = f"“{row.text}”" if row.quote else row.text
        who = f"{row.speaker_office} — {names.get(row.org_id, row.org_id)}"
        kind = loc.t("statement_kind." + row.kind)
        if not row.quote:
            kind += " · " + loc.t("statements.paraphrase")
        parts.append(tag("blockquote", join([
            tag("p", text),
            tag("footer", join([f"{who} ({kind}); ", cite(ctx, row.source_id)])),
        ])))
    # the commitments of the session are in the ledger section, with their follow-up
    return section("statements", loc.t("section.statements"), *parts)
