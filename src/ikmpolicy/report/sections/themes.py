"""The themes of a session: statements coded with the codebook (human codes first), code
frequencies per helix, supporting quotes, co-occurrence and inter-coder agreement.

Every number comes from :mod:`ikmpolicy.fgd`; this module only picks, words and lays out.
"""

from __future__ import annotations

import pandas as pd

from ikmpolicy import fgd, pentahelix
from ikmpolicy.fgd import figures as ffigures
from ikmpolicy.report.blocks import figure, note, paragraph, table
from ikmpolicy.report.content import Block, Heading, Section, runs
from ikmpolicy.report.figures import fit
from ikmpolicy.report.sections.context import (
    BriefContext,
    helix_labels,
    model_helices,
    model_name,
    org_names,
    theme_labels,
)
from ikmpolicy.report.sections.session import statement_numbers

#: The co-occurrence map needs at least this many coded statements in the session.
MIN_COOCCURRENCE_STATEMENTS = 5


def coding_of(ctx: BriefContext) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The validated codebook, the automatic codes and the final codes of every statement
    (human codes take precedence); cached for the brief."""
    if "coding" not in ctx.cache:
        ds = ctx.dataset
        codebook = fgd.validate_codebook(ds["codebook"])
        coded = fgd.code_statements(ds["statements"], codebook)
        final = fgd.final_codes(ds["statements"], coded, codebook)
        ctx.cache["coding"] = (codebook, coded, final)
    return ctx.cache["coding"]


def fgd_themes(ctx: BriefContext) -> Section:
    """Themes of this session with the statements that support them (by their number in the
    statements section: each quote is shown once), code frequencies per helix, the
    co-occurrence heat map when there are enough statements, and inter-coder agreement only
    when human codes exist (said so otherwise)."""
    loc, ds = ctx.loc, ctx.dataset
    sid = ctx.session["session_id"]
    title = loc.t("themes.title")
    codebook, coded, final = coding_of(ctx)
    final = final[final["session_id"] == sid].reset_index(drop=True)
    if final.empty:
        return Section("fgd-themes", title, omitted=loc.t("themes.none"))
    coded = coded[coded["session_id"] == sid]
    labels = theme_labels(ctx)
    codes = list(codebook["code"])
    source = final["code_source"].value_counts()
    human = int(source.get("human_1", 0) + source.get("human_2", 0))
    parts: list[Block] = [
        paragraph(
            loc.t(
                "themes.intro",
                statements=len(final),
                codes=len(codes),
                human=human,
                auto=int(source.get("auto", 0)),
                uncoded=int(source.get("none", 0)),
            )
        ),
    ]
    methods = runs(loc.t("themes.method"))
    references = ("asian-2005", "adriani-2007", "cohen-1960", "krippendorff-2011")
    by_session = fgd.code_frequencies(final, codes)
    counts = by_session.loc[sid] if sid in by_session.index else pd.Series(0, index=codes)
    present = [
        c for c in sorted(codes, key=lambda c: (-int(counts[c]), codes.index(c))) if counts[c] > 0
    ]
    if not present:
        parts.append(note(loc.t("themes.no_theme")))
        parts.extend(_agreement(ctx, final, codes, labels))
        return Section(
            "fgd-themes",
            title,
            tuple(parts),
            lead=runs(loc.t("themes.lead")),
            methods=methods,
            references=references,
        )

    names = org_names(ctx)
    numbers = statement_numbers(ctx)
    long = fgd.long_codes(final)
    human_ids = set(final.loc[final["code_source"].str.startswith("human"), "statement_id"])
    rows = []
    for code in present:
        mine = long[long["code"] == code]
        words = coded.loc[coded["code"] == code, "matched_words"]
        matched = sorted({w.lower() for ws in words for w in ws})
        text = ", ".join(matched) or "–"
        if human_ids & set(mine["statement_id"]):
            text += f" ({loc.t('themes.human_coded')})"
        refs = ", ".join(numbers[x] for x in dict.fromkeys(mine["statement_id"]) if x in numbers)
        rows.append(
            (
                labels.get(code, code),
                int(counts[code]),
                refs,
                "; ".join(names.get(o, o) for o in dict.fromkeys(mine["org_id"])),
                text,
            )
        )
    parts.append(
        table(
            pd.DataFrame(rows, columns=["theme", "n", "refs", "orgs", "words"]),
            headers=[
                loc.t("themes.theme"),
                loc.t("themes.statements"),
                loc.t("themes.which"),
                loc.t("themes.organisations"),
                loc.t("themes.words"),
            ],
            formats={"n": loc.number},
            numeric=["n"],
            caption=loc.t("themes.table"),
            style="compact",
        )
    )

    parts.append(Heading(loc.t("themes.by_helix")))
    helices, assigned = model_helices(ctx)
    helix_names = helix_labels(ctx, helices)
    helix_of = dict(zip(ds["stakeholders"]["org_id"], assigned, strict=True))
    per_helix = fgd.code_frequencies(final, codes, by="org_id", group_of=helix_of)
    order = [h for h in [*helices["helix"], pentahelix.UNASSIGNED] if h in per_helix.index]
    per_helix = per_helix.loc[order, present].T
    frame = pd.DataFrame({"theme": [labels.get(c, c) for c in present]})
    for h in order:
        frame[h] = per_helix[h].to_numpy()
    frame["total"] = [int(counts[c]) for c in present]
    parts.append(
        table(
            frame,
            headers=[
                loc.t("themes.theme"),
                *[helix_names.get(h, h) for h in order],
                loc.t("themes.total"),
            ],
            formats={c: loc.number for c in [*order, "total"]},
            numeric=[*order, "total"],
            caption=loc.t("themes.table_helix", model=model_name(ctx)),
        )
    )

    parts.append(Heading(loc.t("themes.cooccurrence")))
    coded_statements = int((final["codes"].map(len) > 0).sum())
    if coded_statements >= MIN_COOCCURRENCE_STATEMENTS and len(present) >= 2:
        matrix = fgd.cooccurrence(final, present)
        fig = ffigures.cooccurrence_heatmap(matrix, labels)
        parts.append(figure(fit(fig, height=6.0), loc.t("themes.figure_cooc")))
    else:
        parts.append(
            paragraph(
                loc.t(
                    "themes.few_cooc", minimum=MIN_COOCCURRENCE_STATEMENTS, coded=coded_statements
                )
            )
        )
    parts.extend(_agreement(ctx, final, codes, labels))
    return Section(
        "fgd-themes",
        title,
        tuple(parts),
        lead=runs(loc.t("themes.lead")),
        methods=methods,
        references=references,
    )


def _agreement(
    ctx: BriefContext, final: pd.DataFrame, codes: list[str], labels: dict[str, str]
) -> list[Block]:
    """Inter-coder agreement tables when human codes exist; a plain note otherwise."""
    loc = ctx.loc
    parts: list[Block] = [Heading(loc.t("themes.agreement"))]
    has = {c: bool(final[c].notna().any()) for c in fgd.HUMAN_COLUMNS}
    if not any(has.values()):
        parts.append(note(loc.t("themes.no_human")))
        return parts
    parts.append(paragraph(loc.t("themes.agreement_intro")))
    pairs = []
    if all(has.values()):
        pairs.append((loc.t("themes.pair_humans"), fgd.human_agreement(final, codes)))
    coder = "code_human_1" if has["code_human_1"] else "code_human_2"
    pairs.append(
        (
            loc.t("themes.pair_auto", coder=coder[-1]),
            fgd.human_auto_agreement(final, codes, coder=coder),
        )
    )
    for pair, result in pairs:
        used = result[
            (result["code"] == fgd.OVERALL) | (result[["both", "only_a", "only_b"]].sum(axis=1) > 0)
        ]
        shown = used.assign(
            theme=[
                loc.t("themes.overall") if c == fgd.OVERALL else labels.get(c, c)
                for c in used["code"]
            ]
        )
        parts.append(
            table(
                shown[["theme", "segments", "agreement", "kappa", "alpha"]],
                headers=[
                    loc.t("themes.theme"),
                    loc.t("themes.segments"),
                    loc.t("themes.observed"),
                    loc.t("themes.kappa"),
                    loc.t("themes.alpha"),
                ],
                formats={
                    "segments": loc.number,
                    "agreement": lambda v: loc.percent(v),
                    "kappa": lambda v: loc.number(v, 2),
                    "alpha": lambda v: loc.number(v, 2),
                },
                numeric=["segments", "agreement", "kappa", "alpha"],
                caption=loc.t("themes.table_agreement", pair=pair),
            )
        )
    return parts
