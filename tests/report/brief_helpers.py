"""Shared helpers of the brief-section tests."""

from __future__ import annotations

import re
from pathlib import Path

from ikmpolicy.report import sections

ROOT = Path(__file__).resolve().parents[2]
DATA = str(ROOT / "data" / "cilegon")
FGD = "fgd-2025-05-15"


def context(fgd_id: str = FGD, lang: str = "id", model: str = "classic", data: str = DATA):
    """The brief context of a sample session."""
    return sections.load_context(data, fgd_id, lang, model)


def plain_cells(html: str) -> str:
    """``html`` without the attributes of a table's phone layout (ARIA roles, ``data-label``:
    see :func:`ikmpolicy.report.render_html.phone_layout`), so that every table's cells read
    alike, as :func:`cell` writes them."""
    return re.sub(r' (?:role|data-label)="[^"]*"', "", html)


def cell(value: str, numeric: bool = False) -> str:
    """A table cell as the brief's template writes it (in :func:`plain_cells`)."""
    attribute = ' class="num"' if numeric else ""
    return f"<td{attribute}>{value}</td>"
