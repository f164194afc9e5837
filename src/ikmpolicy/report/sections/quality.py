"""Data quality and provenance: what was read, rejected and why; what made the brief."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ikmpolicy.report.blocks import bullets, paragraph, table
from ikmpolicy.report.content import Block, Code, Heading, Section, runs
from ikmpolicy.report.provenance import code_version, package_versions
from ikmpolicy.report.sections.context import (
    BriefContext,
    indicator_labels,
    latest_assessment,
)

#: How many data problems the brief lists before it says "and N more".
MAX_PROBLEMS_LISTED = 40


def data_quality(ctx: BriefContext) -> Section:
    """Rows read, accepted and rejected per table, and every problem found (up to a limit)."""
    loc, report = ctx.loc, ctx.dataset.report
    counts = report.counts_frame()
    parts: list[Block] = [
        paragraph(
            loc.t(
                "quality.intro",
                read=loc.number(counts["read"].sum()),
                rejected=loc.number(counts["rejected"].sum()),
                errors=len(report.errors),
                warnings=len(report.warnings),
            )
        )
    ]
    parts.append(
        table(
            counts[["table", "read", "accepted", "rejected", "blank_rows_skipped"]],
            headers=[
                loc.t("quality.table"),
                loc.t("quality.read"),
                loc.t("quality.accepted"),
                loc.t("quality.rejected"),
                loc.t("quality.blank"),
            ],
            formats={c: loc.number for c in ("read", "accepted", "rejected", "blank_rows_skipped")},
            numeric=["read", "accepted", "rejected", "blank_rows_skipped"],
            style="compact",
        )
    )
    if report.problems:
        lines = report.lines()  # a root error says what it took along
        listed = lines[:MAX_PROBLEMS_LISTED]
        more = len(lines) - len(listed)
        if more > 0:
            listed.append(loc.t("quality.more", n=more))
        parts.append(Heading(loc.t("quality.problems")))
        parts.append(bullets([Code(p) for p in listed]))
    latest = latest_assessment(ctx)
    indicators = list(ctx.dataset.indicators["indicator"])
    if not latest.empty:
        missing = latest[indicators].isna().sum()
        if missing.any():
            names = indicator_labels(ctx)
            parts.append(
                paragraph(
                    loc.t(
                        "quality.missing",
                        items=", ".join(f"{names[i]} ({int(n)})" for i, n in missing.items() if n),
                    )
                )
            )
    return Section(
        "data-quality",
        loc.t("section.data_quality"),
        tuple(parts),
        lead=runs(loc.t("quality.lead")),
    )


def provenance(ctx: BriefContext) -> Section:
    """Data files with checksums, parameters, code and package versions."""
    loc = ctx.loc
    # file names relative to the data (an absolute local path says nothing to a reader and
    # tells about the analyst's machine)
    files = pd.DataFrame(
        [
            (relative_name(f.path, ctx.dataset.root), f.sha256[:16], f.size)
            for f in ctx.dataset.files
        ],
        columns=["path", "sha", "size"],
    )
    shown = dict(ctx.parameters, data=Path(str(ctx.parameters.get("data", ""))).name)
    params = pd.DataFrame(sorted(shown.items()), columns=["k", "v"])
    versions = package_versions()
    versions["ikmpolicy commit"] = code_version()
    parts = [
        paragraph(loc.t("provenance.intro")),
        table(
            files,
            headers=[loc.t("provenance.file"), loc.t("provenance.sha"), loc.t("provenance.bytes")],
            formats={"size": loc.number},
            numeric=["size"],
        ),
        table(params, headers=[loc.t("provenance.parameter"), loc.t("provenance.value")]),
        table(
            pd.DataFrame(list(versions.items()), columns=["k", "v"]),
            headers=[loc.t("provenance.package"), loc.t("provenance.version")],
        ),
    ]
    return Section(
        "provenance", loc.t("section.provenance"), tuple(parts), lead=runs(loc.t("provenance.lead"))
    )


def relative_name(path: str, root: str) -> str:
    """``path`` relative to the data folder (or the workbook's own name).

    Examples
    --------
    >>> relative_name("/home/ana/data/kota/firms.csv", "/home/ana/data/kota")
    'firms.csv'
    >>> relative_name("/home/ana/kota.xlsx", "/home/ana/kota.xlsx")
    'kota.xlsx'
    """
    file, base = Path(path), Path(root)
    try:
        relative = file.resolve().relative_to(base.resolve())
    except ValueError:
        return file.name
    return str(relative) if str(relative) != "." else file.name
