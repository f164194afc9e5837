"""Filling forms programmatically, as a participant would on a laptop."""

from __future__ import annotations

import hashlib
from pathlib import Path

from openpyxl import load_workbook

from ikmpolicy.cli import main

#: The session whose forms the tests fill
SESSION = "fgd-2025-05-15"


def items(book) -> list[list]:
    rows, on = [], False
    for values in book["ikmpolicy"].iter_rows(values_only=True):
        if values[0] == "items":
            on = True
        elif on and values[0] is not None:
            rows.append([v for v in values if v is not None])
    return rows


def meta(book) -> dict:
    out = {}
    for values in book["ikmpolicy"].iter_rows(values_only=True):
        if values[0] == "items":
            break
        out[values[0]] = values[1]
    return out


def fill_ahp(path: Path, weights: dict, sheet: str = "AHP", equal: str = "sama") -> dict:
    """Answer every pair from consistent weights rounded to the 1-9 scale; returns the value of
    a over b each row gives."""
    book = load_workbook(path)
    ws = book[sheet]
    given = {}
    for row, a, b in items(book):
        ratio = weights[a] / weights[b]
        if abs(ratio - 1) < 1e-9:
            ws[f"C{row}"], ws[f"D{row}"] = equal, 1
            given[(a, b)] = 1.0
        elif ratio > 1:
            ws[f"C{row}"], ws[f"D{row}"] = "A", round(min(ratio, 9))
            given[(a, b)] = float(round(min(ratio, 9)))
        else:
            ws[f"C{row}"], ws[f"D{row}"] = "B", round(min(1 / ratio, 9))
            given[(a, b)] = 1 / round(min(1 / ratio, 9))
    book.save(path)
    return given


def hashes(folder: Path) -> dict:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).glob("*.csv"))
    }


def refused(folder: Path, data: Path, capsys, *expected: str) -> str:
    """Import ``folder`` into ``data``: it must be refused with each ``expected`` text in its
    errors, and leave the data as they were; returns the errors."""
    before = hashes(data)
    assert main(["import-forms", str(folder), "--into", str(data)]) == 2
    err = capsys.readouterr().err
    for text in expected:
        assert text in err, err
    assert hashes(data) == before
    return err
