"""Annex sections about the session itself: its facts and sources, and what was said."""

from __future__ import annotations

import pandas as pd

from ikmpolicy.report.blocks import bullets, table
from ikmpolicy.report.content import Heading, Quote, Section, runs
from ikmpolicy.report.sections.context import (
    BriefContext,
    cite,
    org_names,
    session_sources,
    session_when,
    sources_table,
)


def session_facts(ctx: BriefContext) -> Section:
    """The session as the sources record it, each source cited."""
    s, loc = ctx.session, ctx.loc
    names = org_names(ctx)
    date_text = session_when(ctx)
    if s["date_precision"] != "day" and s["date_text"]:
        date_text += f" ({s['date_text']})"
    rows = [
        (loc.t("facts.title"), s["title"]),
        (loc.t("facts.date"), date_text),
        (loc.t("facts.venue"), s["venue"] or "–"),
        (loc.t("facts.city"), s["city"]),
        (loc.t("facts.organiser"), names.get(s["organiser"], loc.t("facts.not_stated"))),
        (loc.t("facts.kind"), loc.sentence(loc.t("kind." + s["kind"]))),
        (
            loc.t("facts.participants"),
            loc.number(s["participants"])
            if pd.notna(s["participants"])
            else loc.t("facts.not_stated"),
        ),
    ]
    facts = table(
        pd.DataFrame(rows, columns=["k", "v"]),
        headers=[loc.t("facts.item"), loc.t("facts.value")],
        row_headers=True,
    )
    src = sources_table(ctx)
    cites = []
    for source_id in session_sources(ctx):
        row = src.loc[source_id]
        cites.append(
            runs(
                cite(ctx, source_id),
                f", “{row['title']}”",
                f" ({row['date_text']})" if row["date_text"] else "",
            )
        )
    return Section(
        "session",
        loc.t("section.session"),
        (facts, Heading(loc.t("facts.sources")), bullets(cites)),
        lead=runs(loc.t("facts.lead")),
    )


def statement_numbers(ctx: BriefContext) -> dict[str, str]:
    """A short number per statement of the session ("P1", "P2"...), used to refer to it."""
    st = ctx.dataset["statements"]
    mine = st[st["session_id"] == ctx.session["session_id"]]
    prefix = ctx.loc.t("statements.prefix")
    return {sid: f"{prefix}{k}" for k, sid in enumerate(mine["statement_id"], start=1)}


def statements(ctx: BriefContext) -> Section:
    """What was said at the session, numbered, attributed to the organisation and the speaker's
    office (never a private name); the themes section refers to these numbers."""
    loc = ctx.loc
    sid = ctx.session["session_id"]
    names = org_names(ctx)
    st = ctx.dataset["statements"]
    st = st[st["session_id"] == sid]
    title = loc.t("section.statements")
    if st.empty:
        return Section("statements", title, omitted=loc.t("statements.none"))
    numbers = statement_numbers(ctx)
    blocks = []
    for row in st.itertuples(index=False):
        kind = loc.t("statement_kind." + row.kind)
        if not row.quote:
            kind += " · " + loc.t("statements.paraphrase")
        who = runs(
            f"{numbers[row.statement_id]} · {row.speaker_office} — "
            f"{names.get(row.org_id, row.org_id)} ({kind}); ",
            cite(ctx, row.source_id),
        )
        blocks.append(Quote(row.text, who, verbatim=bool(row.quote)))
    # the commitments of the session are in the ledger section, with their follow-up
    return Section(
        "statements",
        title,
        tuple(blocks),
        lead=runs(loc.t("statements.lead", n=loc.number(len(st)))),
    )
