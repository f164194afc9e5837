"""Data quality and provenance: what was read, rejected and why; what made the brief.
"""

from __future__ import annotations

import pandas as pd

from ikmpolicy.report.html import Fragment, join, paragraph, section, table, tag
from ikmpolicy.report.provenance import code_version, package_versions
from ikmpolicy.report.sections.context import (
    BriefContext,
    indicator_labels,
    latest_assessment,
)

#: How many data problems the brief lists before it says "and N more".
MAX_PROBLEMS_LISTED = 40


def data_quality(ctx: BriefContext) -> Fragment:
    """Rows read, accepted and rejected per table, and every problem found (up to a limit)."""
    loc, report = ctx.loc, ctx.dataset.report
    counts = report.counts_frame()
    parts: list[Fragment] = [paragraph(loc.t(
        "quality.intro", read=loc.number(counts["read"].sum()),
        rejected=loc.number(counts["rejected"].sum()), errors=len(report.errors),
        warnings=len(report.warnings)))]
    parts.append(table(counts[["table", "read", "accepted", "rejected", "blank_rows_skipped"]],
                       headers=[loc.t("quality.table"), loc.t("quality.read"),
                                loc.t("quality.accepted"), loc.t("quality.rejected"),
                                loc.t("quality.blank")],
                       formats={c: loc.number for c in ("read", "accepted", "rejected",
                                                         "blank_rows_skipped")},
                       numeric=["read", "accepted", "rejected", "blank_rows_skipped"]))
    if report.problems:
        listed = [str(p) for p in report.problems[:MAX_PROBLEMS_LISTED]]
        more = len(report.problems) - len(listed)
        if more > 0:
            listed.append(loc.t("quality.more", n=more))
        parts.append(tag("h3", loc.t("quality.problems")))
        parts.append(tag("ul", join(tag("li", tag("code", p)) for p in listed), cls="problems"))
    latest = latest_assessment(ctx)
    indicators = list(ctx.dataset.indicators["indicator"])
    if not latest.empty:
        missing = latest[indicators].isna().sum()
        if missing.any():
            names = indicator_labels(ctx)
            parts.append(paragraph(loc.t("quality.missing", items=", ".join(
                f"{names[i]} ({int(n)})" for i, n in missing.items() if n))))
    return section("data-quality", loc.t("section.data_quality"), *parts)


def provenance(ctx: BriefContext) -> Fragment:
    """Data files with checksums, parameters, code and package versions."""
    loc = ctx.loc
    files = pd.DataFrame([(f.path, f.sha256[:16], f.size) for f in ctx.dataset.files],
                         columns=["path", "sha", "size"])
    params = pd.DataFrame(sorted(ctx.parameters.items()), columns=["k", "v"])
    versions = package_versions()
    versions["ikmpolicy commit"] = code_version()
    parts = [
        paragraph(loc.t("provenance.intro")),
        table(files, headers=[loc.t("provenance.file"), loc.t("provenance.sha"),
                              loc.t("provenance.bytes")],
              formats={"size": loc.number}, numeric=["size"]),
        table(params, headers=[loc.t("provenance.parameter"), loc.t("provenance.value")]),
        table(pd.DataFrame(list(versions.items()), columns=["k", "v"]),
              headers=[loc.t("provenance.package"), loc.t("provenance.version")]),
    ]
    return section("provenance", loc.t("section.provenance"), *parts)
