"""Section about the commitments ledger: every commitment with actor, theme, due date and
status, and its follow-up across sessions.

Every number comes from :mod:`ikmpolicy.pentahelix`; this module only picks, words and lays out.
"""

from __future__ import annotations

import pandas as pd

from ikmpolicy import pentahelix
from ikmpolicy.pentahelix import figures as pfigures
from ikmpolicy.report.blocks import figure, note, paragraph, table
from ikmpolicy.report.content import Block, Heading, Section, runs
from ikmpolicy.report.sections.context import (
    BriefContext,
    cite,
    org_names,
    session_labels,
    theme_labels,
    with_rejected_rows,
)


def ledger_of(ctx: BriefContext) -> pd.DataFrame:
    """The commitments ledger on the brief's reference date (cached): the commitments made at
    sessions held by then or of unknown date, as the follow-up of recommendations counts them
    (a commitment made after the reference day cannot be followed up on it)."""
    if "ledger" not in ctx.cache:
        ds = ctx.dataset
        led = pentahelix.commitment_ledger(
            ds["commitments"],
            ctx.as_of,
            stakeholders=ds["stakeholders"],
            sessions=ds["fgd_sessions"],
            themes=ds["codebook"]["code"],
        )
        made = led["session_start"].isna() | (led["session_start"] <= ctx.as_of)
        ctx.cache["ledger"] = led[made].reset_index(drop=True)
    return ctx.cache["ledger"]


def no_commitments_reason(ctx: BriefContext) -> str:
    """Why the ledger is empty: no commitment recorded, and the commitments validation rejected
    (an empty owner or a misspelt header rejects them all: the data then do record some)."""
    return with_rejected_rows(ctx.loc, ctx.dataset, ctx.loc.t("ledger.none"), ["commitments"])


#: What a commitment that is not done needs next, in the order an official acts on it: chase
#: it up (overdue), name an owner, agree a due date.
NEEDS = ("overdue", "no_owner", "no_due")


def needs_of(led: pd.DataFrame) -> pd.Series:
    """What each commitment needs next (one of :data:`NEEDS`), None when it is done or on time.

    Examples
    --------
    >>> led = pd.DataFrame({"state": ["done", "overdue", "no_due_date", "no_due_date", "open"],
    ...                     "overdue": [False, True, False, False, False],
    ...                     "org_id": ["a", "b", None, "c", "d"]})
    >>> needs_of(led).tolist()
    [None, 'overdue', 'no_owner', 'no_due', None]
    """
    need = pd.Series([None] * len(led), index=led.index, dtype="object")
    open_ = led["state"] != "done"
    need[open_ & (led["state"] == "no_due_date")] = "no_due"
    need[open_ & led["org_id"].isna()] = "no_owner"
    need[open_ & led["overdue"].astype(bool)] = "overdue"
    return need


def needs_phrase(loc, needs: pd.Series, whole: int) -> str:
    """The needs counted in words ("2 lewat tenggat dan 3 tanpa tenggat"), or "semuanya ..."
    when one need covers all ``whole`` commitments; no count of zero is written."""
    counted = {
        "overdue": lambda n: loc.tn("needs.overdue", n),
        "no_owner": lambda n: loc.tn("needs.no_owner", n),
        "no_due": lambda n: loc.tn("needs.no_due", n),
    }
    counts = needs.value_counts()
    present = [(k, int(counts[k])) for k in NEEDS if counts.get(k, 0)]
    if len(present) == 1 and present[0][1] == whole:
        return loc.t(f"needs.all_{present[0][0]}")
    return loc.join([counted[k](n) for k, n in present])


def commitments_ledger(ctx: BriefContext) -> Section:
    """Every commitment with actor, session, theme, due date and status; what was promised,
    done and overdue per session; a timeline. No due date is ever invented."""
    loc = ctx.loc
    sid = ctx.session["session_id"]
    title = loc.t("stakeholder_section.ledger")
    led = ledger_of(ctx)
    if led.empty:
        return Section("commitments-ledger", title, omitted=no_commitments_reason(ctx))
    names = org_names(ctx)
    themes = theme_labels(ctx)
    sessions = session_labels(ctx)
    states = {s: loc.t(f"ledger.state.{s}") for s in pentahelix.STATES}
    counts = led["state"].value_counts()
    no_due = int(counts.get("no_due_date", 0))
    as_of = loc.date(ctx.as_of)
    dated = led[led["session_start"].notna()]
    span = dated if not dated.empty else led
    parts: list[Block] = [
        paragraph(
            loc.t(
                "ledger.intro" if led["session_id"].nunique() > 1 else "ledger.intro_one",
                total=len(led),
                sessions=led["session_id"].nunique(),
                first=sessions.get(span["session_id"].iloc[0], ""),
                last=sessions.get(span["session_id"].iloc[-1], ""),
                here=int((led["session_id"] == sid).sum()),
                date=as_of,
                **{s: int(counts.get(s, 0)) for s in ("done", "overdue", "open")},
                no_due=no_due,
            )
        )
    ]
    if no_due == len(led):
        parts.append(note(loc.t("ledger.no_due_all"), kind="warning"))
    elif no_due:
        parts.append(note(loc.t("ledger.no_due_some", n=no_due)))
    overdue = led[led["overdue"]]
    if not overdue.empty:
        parts.append(
            note(
                loc.t(
                    "ledger.overdue",
                    items="; ".join(
                        loc.tn(
                            "ledger.overdue_item",
                            int(r.days_overdue),
                            id=r.commitment_id,
                            actor=names.get(r.org_id, r.org_id),
                        )
                        for r in overdue.itertuples(index=False)
                    ),
                ),
                kind="warning",
            )
        )

    def session_text(s: str) -> str:
        return sessions.get(s, s) + (f" ({loc.t('ledger.this_session')})" if s == sid else "")

    parts.append(Heading(loc.t("ledger.followup")))
    summary = pentahelix.ledger_summary(led, by="session_id")
    in_order = [s for s in dict.fromkeys(led["session_id"]) if s in summary.index]
    summary = summary.loc[in_order].reset_index()
    summary["session"] = summary["session_id"].map(session_text)
    number_cols = ["total", *pentahelix.STATES]
    parts.append(
        table(
            summary[["session", *number_cols]],
            headers=[
                loc.t("ledger.session"),
                loc.t("ledger.total"),
                *[states[s] for s in pentahelix.STATES],
            ],
            formats={c: loc.number for c in number_cols},
            numeric=number_cols,
            caption=loc.t("ledger.table_followup", date=as_of),
        )
    )
    fig_labels = {
        **states,
        "commitments": loc.t("ledger.fig.commitments"),
        **{
            r.commitment_id: f"{r.commitment_id} · {sessions.get(r.session_id, '')}"
            for r in led.itertuples(index=False)
        },
    }
    parts.append(
        figure(
            pfigures.ledger_timeline(
                led, ctx.as_of, fig_labels, title=False, date_text=lambda d: loc.date(d, "month")
            ),
            loc.t("ledger.figure", date=as_of),
        )
    )

    def actor_text(row) -> str:
        owned = isinstance(row.org_id, str)  # None/NaN: the meeting named no owner yet
        actor = names.get(row.org_id, row.org_id) if owned else loc.t("follow_up.nobody")
        if row.partner_ids:
            partners = ", ".join(names.get(p, p) for p in row.partner_ids)
            actor += " " + loc.t("ledger.with", partners=partners)
        return actor

    def status_text(row) -> str:
        text = loc.t("status." + row.status)
        if row.state == "overdue":
            text += "; " + loc.tn("ledger.overdue_days", int(row.days_overdue))
        elif row.state == "open":
            text += "; " + states["open"]
        note_text = getattr(row, "status_note", None)
        if isinstance(note_text, str) and note_text.strip():
            text += f" ({note_text.strip()})"
        return text

    parts.append(Heading(loc.t("ledger.all")))
    headers = [
        loc.t(f"ledger.{k}") for k in ("id", "actor", "text", "theme", "due", "status", "source")
    ]
    for session_id, rows in led.groupby("session_id", sort=False):
        shown = pd.DataFrame(
            {
                "id": rows["commitment_id"],
                "actor": [actor_text(r) for r in rows.itertuples(index=False)],
                "text": rows["text"],
                "theme": rows["theme"].map(lambda t: themes.get(t, t)),
                "due": [
                    loc.date(d, p) if p != "unknown" else loc.t("ledger.no_due")
                    for d, p in zip(rows["due_date"], rows["due_precision"], strict=True)
                ],
                "status": [status_text(r) for r in rows.itertuples(index=False)],
                "source": [cite(ctx, x) for x in rows["source_id"]],
            }
        )
        parts.append(
            table(
                shown,
                headers=headers,
                caption=session_text(session_id),
                formats={"source": lambda v: v},
                style="compact",
            )
        )
    return Section(
        "commitments-ledger",
        title,
        tuple(parts),
        lead=runs(loc.t("ledger.lead")),
        methods=runs(loc.t("ledger.method")),
    )
