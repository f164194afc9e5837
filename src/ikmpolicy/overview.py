"""``reports/index.html``: the overview across sessions.

Links to every brief and annex that exists, then what only a view across sessions shows:
commitments followed over time, themes rising or fading, readiness change between assessment
dates, and the recommendations earlier briefs made and whether a commitment took them up. It is
made from the data (and the briefs present in the output folder), not from a notebook, and
written with the same templates as the briefs.

It describes the data as they stood on its reference day (:func:`ikmpolicy.sessions.known_on`):
a session held after that day, with its statements and commitments, and an assessment dated
after it are left out of every section, as ``brief --all`` leaves out such a session's brief.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ikmpolicy.io import write_atomic
from ikmpolicy.paths import annex_file, brief_file
from ikmpolicy.report.blocks import note, table
from ikmpolicy.report.content import Block, Link, Masthead, Section, runs
from ikmpolicy.report.i18n import Locale
from ikmpolicy.sessions import (
    held_after,
    known_on,
    reference_day,
    session_labels,
    session_order,
)
from ikmpolicy.validation import Dataset

#: The files of a brief folder the overview links to, in this order.
LINKED = (
    ("brief", ".html"),
    ("brief", ".pdf"),
    ("brief", ".docx"),
    ("annex", ".html"),
    ("annex", ".pdf"),
)
_FILE_NAME = {"brief": brief_file, "annex": annex_file}


def _links(loc: Locale, root: Path, session_id: str) -> tuple:
    parts: list = []
    for lang in ("id", "en"):
        for doc, ext in LINKED:
            name = f"{session_id}/{_FILE_NAME[doc](lang, ext)}"
            if (root / name).is_file():
                if parts:
                    parts.append(" · ")
                label = loc.t(f"overview.{doc}") + f" {lang.upper()} {ext[1:].upper()}"
                parts.append(Link(label, name))
    return runs(*parts) if parts else runs("–")


def briefs_table(
    dataset: Dataset, loc: Locale, root: Path, left_out: Sequence[str] = (), as_of=None
) -> Section:
    """Every session with links to its briefs and annexes that exist in ``root``; a note names
    the sessions ``left_out`` (labels of sessions held after the reference day ``as_of``)."""
    rows = []
    sessions = dataset["fgd_sessions"].set_index("session_id")
    for sid in session_order(dataset):
        s = sessions.loc[sid]
        rows.append(
            {
                "session": f"{s['title']}",
                "date": loc.date(s["date"], s["date_precision"]),
                "kind": loc.sentence(loc.t("kind." + s["kind"])),
                "files": _links(loc, root, sid),
            }
        )
    frame = pd.DataFrame(rows, columns=["session", "date", "kind", "files"])
    blocks: list[Block] = [
        table(
            frame,
            headers=[
                loc.t("overview.session"),
                loc.t("overview.date"),
                loc.t("overview.kind"),
                loc.t("overview.files"),
            ],
            formats={"files": lambda v: v},
        )
    ]
    if left_out:
        date = loc.date(as_of)
        blocks.append(note(loc.t("overview.left_out", date=date, sessions=loc.join(left_out))))
    return Section(
        "briefs",
        loc.t("overview.briefs"),
        tuple(blocks),
        lead=runs(loc.t("overview.briefs_lead")),
    )


def commitments_over_time(dataset: Dataset, loc: Locale, as_of: pd.Timestamp) -> Section:
    """Commitments per session by their state on ``as_of``."""
    from ikmpolicy import pentahelix

    title = loc.t("overview.commitments")
    if dataset["commitments"].empty:
        return Section("commitments", title, omitted=loc.t("ledger.none"))
    led = pentahelix.commitment_ledger(
        dataset["commitments"],
        as_of,
        stakeholders=dataset["stakeholders"],
        sessions=dataset["fgd_sessions"],
        themes=dataset["codebook"]["code"],
    )
    summary = pentahelix.ledger_summary(led, by="session_id")
    labels = session_labels(dataset, loc)
    order = [s for s in session_order(dataset) if s in summary.index]
    summary = summary.loc[order].reset_index()
    summary["session"] = summary["session_id"].map(labels)
    cols = ["total", *pentahelix.STATES]
    return Section(
        "commitments",
        title,
        (
            table(
                summary[["session", *cols]],
                headers=[
                    loc.t("overview.session"),
                    loc.t("ledger.total"),
                    *[loc.t(f"ledger.state.{s}") for s in pentahelix.STATES],
                ],
                formats={c: loc.number for c in cols},
                numeric=cols,
            ),
        ),
        lead=runs(loc.t("overview.commitments_lead", date=loc.date(as_of))),
    )


def themes_over_time(dataset: Dataset, loc: Locale) -> Section:
    """Statements per theme across sessions, and whether each theme is rising or fading."""
    from ikmpolicy import fgd

    title = loc.t("overview.themes")
    if dataset["codebook"].empty or dataset["statements"].empty:
        return Section("themes", title, omitted=loc.t("themes.none"))
    codebook = fgd.validate_codebook(dataset["codebook"])
    coded = fgd.code_statements(dataset["statements"], codebook)
    final = fgd.final_codes(dataset["statements"], coded, codebook)
    codes = list(codebook["code"])
    counts = fgd.code_frequencies(final, codes)
    order = [s for s in session_order(dataset) if s in counts.index]
    counts = counts.loc[order]
    used = [c for c in codes if counts[c].sum() > 0]
    labels = {
        r.code: getattr(r, f"label_{loc.lang}") for r in dataset["codebook"].itertuples(index=False)
    }
    dated = [
        s for s in order if pd.notna(dataset["fgd_sessions"].set_index("session_id").loc[s, "date"])
    ]
    rows = []
    for code in used:
        series = counts.loc[dated, code] if dated else counts[code]
        half = max(1, len(series) // 2)
        early, late = series.iloc[:half].sum(), series.iloc[half:].sum()
        trend = "rising" if late > early else "fading" if late < early else "steady"
        rows.append(
            {
                "theme": labels.get(code, code),
                "total": int(counts[code].sum()),
                "sessions": int((counts[code] > 0).sum()),
                "trend": loc.t(f"overview.trend.{trend}"),
            }
        )
    frame = pd.DataFrame(rows).sort_values("total", ascending=False, kind="stable")
    return Section(
        "themes",
        title,
        (
            table(
                frame,
                headers=[
                    loc.t("themes.theme"),
                    loc.t("themes.statements"),
                    loc.t("overview.sessions_with"),
                    loc.t("overview.trend_col"),
                ],
                formats={"total": loc.number, "sessions": loc.number},
                numeric=["total", "sessions"],
            ),
        ),
        lead=runs(loc.t("overview.themes_lead")),
    )


def readiness_over_time(dataset: Dataset, loc: Locale) -> Section:
    """Mean score per dimension at each assessment date."""
    title = loc.t("overview.readiness")
    a = dataset["assessments"]
    dates = sorted(a["assessment_date"].dropna().unique())
    if not dates:
        from ikmpolicy.report.sections.context import with_rejected_rows

        reason = with_rejected_rows(loc, dataset, loc.t("readiness.none"), ["assessments"])
        return Section("readiness", title, omitted=reason)
    ind = dataset.indicators
    means = a.groupby("assessment_date")[list(ind["indicator"])].mean()
    firms = a.groupby("assessment_date")["firm_id"].nunique()
    frame = pd.DataFrame(
        {"dimension": [getattr(r, f"label_{loc.lang}") for r in ind.itertuples(index=False)]}
    )
    cols = []
    for d in dates:
        col = loc.date(pd.Timestamp(d)) + f" (n={loc.number(int(firms[d]))})"
        frame[col] = means.loc[d].to_numpy()
        cols.append(col)
    blocks: list[Block] = [
        table(
            frame,
            headers=[loc.t("readiness.dimension"), *cols],
            formats={c: (lambda v: loc.number(v, 2)) for c in cols},
            numeric=cols,
        )
    ]
    if len(dates) < 2:
        blocks.append(note(loc.t("rindex.one_date")))
    return Section("readiness", title, tuple(blocks), lead=runs(loc.t("overview.readiness_lead")))


def recommendations_taken_up(dataset: Dataset, loc: Locale, as_of: pd.Timestamp) -> Section:
    """What each session's brief recommended (its top three, recomputed from the data as of the
    session) and whether a later commitment took it up."""
    from ikmpolicy.programmes import load_catalogue
    from ikmpolicy.recommend.follow_up import follow_up
    from ikmpolicy.recommend.wording import names_from, programme_phrase
    from ikmpolicy.report.sections.recommendations import missing_inputs, no_data_sentence

    title = loc.t("overview.recommendations")
    order = session_order(dataset)
    missing = missing_inputs(dataset, as_of)
    if missing:
        return Section("recommendations", title, omitted=no_data_sentence(loc, missing, dataset))
    if len(order) < 2:
        return Section("recommendations", title, omitted=loc.t("recommend.follow_up_none"))
    # the follow-up of the last session covers every earlier one
    history = follow_up(dataset, order[-1], as_of)
    if history.empty:
        return Section("recommendations", title, omitted=loc.t("recommend.follow_up_none"))
    names = names_from(dataset, load_catalogue(dataset))
    labels = session_labels(dataset, loc)
    frame = pd.DataFrame(
        {
            "session": history["session_id"].map(labels),
            "rank": history["rank"].astype(int),
            "action": [
                loc.sentence(programme_phrase(p, loc, names)) for p in history["programmes"]
            ],
            "firms": history["firms"].astype(int),
            "taken": [
                loc.t("overview.taken", ids=", ".join(ids)) if taken else loc.t("overview.open")
                for taken, ids in zip(history["taken_up"], history["commitment_ids"], strict=True)
            ],
        }
    )
    return Section(
        "recommendations",
        title,
        (
            table(
                frame,
                headers=[
                    loc.t("overview.session"),
                    loc.t("recommendations.col.rank"),
                    loc.t("overview.action"),
                    loc.t("overview.firms"),
                    loc.t("overview.taken_col"),
                ],
                formats={"rank": loc.number, "firms": loc.number},
                numeric=["rank", "firms"],
            ),
        ),
        lead=runs(loc.t("overview.recommendations_lead")),
    )


def overview_sections(dataset: Dataset, lang: str = "id", as_of: str | None = None) -> list:
    """The overview's sections that follow from the data alone, not from which briefs exist.

    They take most of the overview's time (the recommendations of every earlier session are
    recomputed), so ``ikmpolicy brief`` computes them while the briefs are made and passes them
    to :func:`write_index`. They are made from the data as they stood on ``as_of``
    (:func:`ikmpolicy.sessions.known_on`).
    """
    loc = Locale(lang)
    when = reference_day(as_of)
    dataset = known_on(dataset, when)
    return [
        commitments_over_time(dataset, loc, when),
        themes_over_time(dataset, loc),
        readiness_over_time(dataset, loc),
        recommendations_taken_up(dataset, loc, when),
    ]


def write_index(
    dataset: Dataset,
    out: str | Path = "reports",
    lang: str = "id",
    as_of: str | None = None,
    sections: Sequence[Section] | None = None,
) -> Path:
    """Write ``out/index.html``, the overview across sessions; return its path.

    ``sections`` are :func:`overview_sections` computed beforehand with the same data, language
    and reference date (default: computed here). The table of briefs is made here, from the files
    in ``out``: it lists the sessions held by the reference date (or of unknown date) and names
    those left out.
    """
    from ikmpolicy.report.render_html import document_words, render_document

    loc = Locale(lang)
    root = Path(out)
    when = reference_day(as_of)
    if sections is None:
        sections = overview_sections(dataset, lang, as_of)
    labels = session_labels(dataset, loc)
    left_out = [labels[sid] for sid in held_after(dataset, session_order(dataset), when)]
    sections = [briefs_table(known_on(dataset, when), loc, root, left_out, when), *sections]
    top = Masthead(
        loc.t("overview.kicker"),
        loc.t("overview.title"),
        loc.t("overview.intro"),
        loc.t("brief.issued", date=loc.date(when)),
    )
    html = render_document(
        [Section("masthead", "", (top,)), *sections],
        lang=lang,
        title=loc.t("overview.title"),
        edition="index",
        words=document_words(loc),
        footer=runs(loc.t("doc.footer_index")),
        omitted=[(s.title, s.omitted) for s in sections if s.omitted],
    )
    return write_atomic(root / "index.html", html)
