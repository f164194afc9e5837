"""Policy recommendations: who should do what, for which IKM, at what cost."""

from __future__ import annotations

from ikmpolicy.report.content import Runs
from ikmpolicy.report.sections.context import BriefContext


def headline(ctx: BriefContext) -> str:
    """The brief's title from its top recommendation ("" when there is none)."""
    return ""


def budget_finding(ctx: BriefContext) -> Runs | None:
    return None


def previous_recommendations(ctx: BriefContext) -> list:
    return []
