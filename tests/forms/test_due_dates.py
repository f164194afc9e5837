"""A due date typed as a month or a year on the commitments sheet keeps its precision."""

from __future__ import annotations

import shutil

from openpyxl import load_workbook

from ikmpolicy.cli import main
from ikmpolicy.validation import load_dataset

from .helpers import SESSION, items


def test_month_and_year_due_dates_keep_their_precision(data_copy, written, filled_folder, capsys):
    folder = filled_folder
    path = folder / "commitments.xlsx"
    shutil.copy(written / "commitments.xlsx", path)
    book = load_workbook(path)
    ws = book["Komitmen"]
    typed = {"Desember 2025": "month", "2026": "year", "15/12/2025": "day", "": "unknown"}
    for (row,), due in zip(items(book), typed, strict=False):
        ws[f"B{row}"], ws[f"C{row}"] = "disperindag_cilegon", f"Komitmen {due or 'tanpa tenggat'}"
        ws[f"D{row}"], ws[f"E{row}"] = "partnership", due or None
    book.save(path)
    assert main(["import-forms", str(folder), "--into", str(data_copy)]) == 0
    assert "WARNING" not in capsys.readouterr().err
    ds = load_dataset(data_copy)
    assert ds.report.ok and not ds.report.warnings
    cm = ds["commitments"]
    cm = cm[cm["source_id"] == f"forms-{SESSION}"].set_index("text")
    assert cm["due_precision"].to_dict() == {
        f"Komitmen {due or 'tanpa tenggat'}": p for due, p in typed.items()
    }
    assert cm.loc["Komitmen Desember 2025", "due_date"] == "2025-12"
    assert cm.loc["Komitmen 2026", "due_date"] == "2026"
