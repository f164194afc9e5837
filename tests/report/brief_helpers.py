"""Shared helpers of the brief-section tests."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ikmpolicy.report import sections

ROOT = Path(__file__).resolve().parents[2]
DATA = str(ROOT / "data" / "cilegon")
FGD = "fgd-2025-05-15"


def context(fgd_id: str = FGD, lang: str = "id", model: str = "classic", data: str = DATA):
    """The brief context of a sample session."""
    return sections.load_context(data, fgd_id, lang, model)


def rewrite(path: Path, edit, keep=lambda row: True) -> None:
    """Apply ``edit(row)`` to every data row of a CSV file (a dict per row) that ``keep``s."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames), [r for r in reader if keep(r)]
    for row in rows:
        edit(row)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def plain_cells(html: str) -> str:
    """``html`` without the attributes of a table's phone layout (ARIA roles, ``data-label``:
    see :func:`ikmpolicy.report.render_html.phone_layout`), so that every table's cells read
    alike, as :func:`cell` writes them."""
    return re.sub(r' (?:role|data-label)="[^"]*"', "", html)


def cell(value: str, numeric: bool = False) -> str:
    """A table cell as the brief's template writes it (in :func:`plain_cells`)."""
    attribute = ' class="num"' if numeric else ""
    return f"<td{attribute}>{value}</td>"
