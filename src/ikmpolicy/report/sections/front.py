"""Page 1 and page 4 of the brief: the masthead, the key messages, what needs follow-up, and
how to read the brief.

An official reads page 1 and nothing else; everything on it is a finding with its number and
what follows from it, computed once in the sections of the annex and reused here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ikmpolicy.paths import annex_file
from ikmpolicy.report.blocks import bullets, note, paragraph, table
from ikmpolicy.report.content import Block, Masthead, Section, Strong
from ikmpolicy.report.sections.context import (
    BriefContext,
    org_names,
    publisher_of,
    session_when,
    sourced_records,
    synthetic_inputs,
    theme_labels,
)
from ikmpolicy.report.sections.ledger import (
    NEEDS,
    ledger_of,
    needs_of,
    needs_phrase,
    no_commitments_reason,
)
from ikmpolicy.report.sections.messages import key_findings, message_title


def synthetic_notice(ctx: BriefContext) -> str:
    """The notice naming every synthetic or assumed input ("" when the data are all real),
    then which of the session's own records come from the sources cited (those not synthetic)."""
    inputs = synthetic_inputs(ctx)
    if not inputs:
        return ""
    loc = ctx.loc
    names = [loc.t(f"table_name.{t}") if loc.has(f"table_name.{t}") else t for t in inputs]
    notice = loc.t("brief.synthetic_notice", inputs=loc.join(names))
    records = sourced_records(ctx)  # what is not synthetic, and only that, is said to be cited
    return f"{notice} {loc.t('brief.synthetic_sourced', records=records)}" if records else notice


def running_header(ctx: BriefContext) -> str:
    """The line printed at the top of every page when any input is synthetic."""
    return ctx.loc.t("brief.synthetic_running") if synthetic_inputs(ctx) else ""


def masthead(ctx: BriefContext) -> Section:
    """Issuing office and series, a title that states the message, the event, the issue date
    and the synthetic-data notice."""
    s, loc = ctx.session, ctx.loc
    pub = publisher_of(ctx)
    kicker = " · ".join(x for x in (pub["office"], f"{pub['series']} {s['session_id']}") if x)
    place = ", ".join(str(x) for x in (s["venue"], s["city"]) if x)
    subtitle = loc.t(
        "brief.subtitle",
        kind=loc.t("kind." + s["kind"]),
        title=s["title"],
        when=session_when(ctx),
        place=place,
    )
    issued = loc.t("brief.issued", date=loc.date(ctx.as_of))
    title = message_title(ctx)
    block = Masthead(kicker, title, subtitle, issued, synthetic_notice(ctx))
    meta = {
        "title": title,
        "lang": ctx.lang,
        "running_header": running_header(ctx),
        "issued": ctx.as_of.date().isoformat(),
        "fgd_id": s["session_id"],
        "contact": pub["contact"],
        "office": pub["office"],
    }
    return Section("masthead", "", (block,), edition="brief", meta=meta)


def key_messages(ctx: BriefContext) -> Section:
    """Pesan kunci: three to five findings, each with its number and what follows from it."""
    loc = ctx.loc
    findings = key_findings(ctx)
    return Section(
        "key-messages", loc.t("section.key_messages"), (bullets(findings),), edition="brief"
    )


def follow_up_needed(ctx: BriefContext) -> Section:
    """Commitments overdue, or with no owner or no due date, on the reference date."""
    loc = ctx.loc
    title = loc.t("section.follow_up")
    led = ledger_of(ctx)
    if led.empty:
        return Section("follow-up", title, edition="brief", omitted=no_commitments_reason(ctx))
    names = org_names(ctx)
    themes = theme_labels(ctx)
    needs = needs_of(led)
    pending = led.assign(need=needs)[needs.notna()]
    blocks: list[Block] = []
    if pending.empty:
        blocks.append(paragraph(loc.t("follow_up.none", date=loc.date(ctx.as_of))))
        return Section("follow-up", title, tuple(blocks), edition="brief")
    blocks.append(
        paragraph(
            loc.tn(
                "follow_up.intro",
                len(pending),
                needs=needs_phrase(loc, pending["need"], len(pending)),
                date=loc.date(ctx.as_of),
            )
        )
    )

    def why(row) -> str:
        if row.need == "overdue":
            return loc.tn("follow_up.overdue", int(row.days_overdue))
        return loc.t(f"follow_up.{row.need}")

    # overdue first, then no owner, then no due date; within each, the most recent sessions:
    # what an official can still act on
    order = {need: k for k, need in enumerate(NEEDS)}
    pending = pending.assign(_o=pending["need"].map(order)).sort_values(
        ["_o", "session_start"], ascending=[True, False], na_position="last", kind="stable"
    )
    shown = pending.head(MAX_FOLLOW_UP)
    frame = pd.DataFrame(
        {
            "who": [
                names.get(o, loc.t("follow_up.nobody"))
                if pd.notna(o)
                else loc.t("follow_up.nobody")
                for o in shown["org_id"]
            ],
            "what": [_shorten(t, 12) for t in shown["text"]],
            "theme": [themes.get(t, t) for t in shown["theme"]],
            "why": [why(r) for r in shown.itertuples(index=False)],
        }
    )
    blocks.append(
        table(
            frame,
            headers=[
                loc.t("follow_up.who"),
                loc.t("follow_up.what"),
                loc.t("follow_up.theme"),
                loc.t("follow_up.why"),
            ],
            style="compact",
        )
    )
    if len(pending) > len(shown):
        blocks.append(
            paragraph(
                loc.t("follow_up.more", n=loc.number(len(pending) - len(shown))), style="small"
            )
        )
    return Section("follow-up", title, tuple(blocks), edition="brief")


#: At most this many commitments are listed on page 1 (the ledger in the annex has all).
MAX_FOLLOW_UP = 3


def _shorten(text: str, words: int) -> str:
    parts = str(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def how_to_read(ctx: BriefContext) -> Section:
    """Page 4: the method in five sentences, the limits of the data, what the previous brief
    recommended, where the annex and the data are, and whom to contact."""
    from ikmpolicy.report.sections.messages import method_sentences, previous_brief

    loc = ctx.loc
    pub = publisher_of(ctx)
    blocks: list[Block] = [paragraph(" ".join(method_sentences(ctx)))]
    limits = [loc.t("reading.limit_sources")]
    if synthetic_inputs(ctx):  # the masthead names them; said once, not twice
        limits.append(loc.t("reading.limit_synthetic"))
    blocks.append(paragraph(Strong(loc.t("reading.limits")), " ", " ".join(limits)))
    blocks.extend(previous_brief(ctx))
    fgd = ctx.session["session_id"]
    tables = sum(1 for name in ctx.dataset.tables if not ctx.dataset[name].empty)
    blocks.append(
        paragraph(
            Strong(loc.t("reading.where")),
            " ",
            loc.t(
                "reading.annex",
                annex=annex_file(ctx.lang, ".html"),
                fgd=fgd,
                data=Path(str(ctx.dataset.root)).name,
                tables=loc.number(tables),
            ),
        )
    )
    if pub["contact"]:
        blocks.append(
            note(
                Strong(loc.t("reading.contact")),
                " ",
                f"{pub['office']} · {pub['contact']}" if pub["office"] else pub["contact"],
            )
        )
    return Section("how-to-read", loc.t("section.how_to_read"), tuple(blocks), edition="brief")
