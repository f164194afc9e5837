"""Shared helpers of the brief-section tests."""

from __future__ import annotations

from pathlib import Path

from ikmpolicy.report import sections

ROOT = Path(__file__).resolve().parents[2]
DATA = str(ROOT / "data" / "cilegon")
FGD = "fgd-2025-05-15"


def context(fgd_id: str = FGD, lang: str = "id", model: str = "classic", data: str = DATA):
    """The brief context of a sample session."""
    return sections.load_context(data, fgd_id, lang, model)


def cell(value: str, numeric: bool = False) -> str:
    """A table cell as the brief's template writes it."""
    attribute = ' class="num"' if numeric else ""
    return f"<td{attribute}>{value}</td>"
