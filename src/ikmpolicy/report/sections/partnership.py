"""Partnership potential: which IKM can supply which buyer now, soon, or not yet."""

from __future__ import annotations

from ikmpolicy.report.content import Runs
from ikmpolicy.report.sections.context import BriefContext


def partnership_finding(ctx: BriefContext) -> Runs | None:
    """Page 1's finding on partnership potential (None when it cannot be computed)."""
    return None
