"""A form whose rows or columns were moved, or with rows typed below its table, is refused:
otherwise answers would be read from other cells than the ones filled, or lost."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from ikmpolicy.cli import main

from .helpers import fill_ahp, items
from .helpers import refused as _refused

ORGS = ("krakatau_steel", "cmm", "pemkot_cilegon")
DIMENSIONS = (
    "product_quality",
    "human_resources",
    "quality_management",
    "information_access",
    "technology_equipment",
    "licensing",
    "production_capacity",
    "raw_material_supply",
    "digital_marketing",
)
WEIGHTS = {d: k for k, d in enumerate(DIMENSIONS, start=1)}


@pytest.fixture
def forms(written):
    return written


def _attendance(forms, folder):
    """The attendance sheet with three organisations on its first rows."""
    folder.mkdir()
    path = folder / "attendance.xlsx"
    shutil.copy(forms / "attendance.xlsx", path)
    book = load_workbook(path)
    ws = book["Daftar hadir"]
    for (row,), org in zip(items(book), ORGS, strict=False):
        ws[f"B{row}"], ws[f"D{row}"], ws[f"E{row}"] = org, "participant", 1
    return path, book, ws


def test_a_blank_row_deleted_above_the_table_loses_no_organisation(
    forms, data_copy, tmp_path, capsys
):
    path, book, ws = _attendance(forms, tmp_path / "filled")
    first = items(book)[0][0]
    ws.delete_rows(4)  # a blank line of the heading: every row moves up by one
    book.save(path)
    _refused(
        path.parent,
        data_copy,
        capsys,
        f"attendance.xlsx [Daftar hadir], row {first}",
        "found '2'; expected the form's row number 1",
        "rows were inserted, deleted or moved",
    )


def test_rows_typed_below_the_table_are_not_lost(forms, data_copy, tmp_path, capsys):
    path, book, ws = _attendance(forms, tmp_path / "filled")
    last = items(book)[-1][0]
    ws[f"B{last + 1}"], ws[f"D{last + 1}"] = "krakatau_baja_konstruksi", "participant"
    book.save(path)
    _refused(
        path.parent,
        data_copy,
        capsys,
        f"row {last + 1}",
        "found 'krakatau_baja_konstruksi | participant'",
        f"nothing below the form's last row ({last})",
    )


def test_a_sorted_ahp_form_is_not_read_as_other_pairs(forms, data_copy, tmp_path, capsys):
    folder = tmp_path / "filled"
    folder.mkdir()
    path = folder / "P001.xlsx"
    shutil.copy(forms / "ahp" / "P001.xlsx", path)
    fill_ahp(path, WEIGHTS)
    book = load_workbook(path)
    ws = book["AHP"]
    r1, r2 = items(book)[0][0], items(book)[1][0]
    for col in "ABCDE":  # two rows swapped, as a sort by a column does
        ws[f"{col}{r1}"].value, ws[f"{col}{r2}"].value = (
            ws[f"{col}{r2}"].value,
            ws[f"{col}{r1}"].value,
        )
    book.save(path)
    _refused(folder, data_copy, capsys, f"P001.xlsx [AHP], row {r1}", "row number 1")


def test_a_deleted_column_is_refused(forms, data_copy, tmp_path, capsys):
    path, book, ws = _attendance(forms, tmp_path / "filled")
    ws.delete_cols(3)  # the helix column
    book.save(path)
    _refused(path.parent, data_copy, capsys, "the form's header in columns A to E")


def test_notes_beside_the_table_are_a_warning(forms, data_copy, tmp_path, capsys):
    path, book, ws = _attendance(forms, tmp_path / "filled")
    row = items(book)[0][0]
    ws[f"F{row}"] = "datang terlambat"
    book.save(path)
    assert main(["import-forms", str(path.parent), "--into", str(data_copy)]) == 0
    captured = capsys.readouterr()
    assert f"WARNING {path} [Daftar hadir], row {row}, column 'F{row}'" in captured.err
    assert "participation: 3 new row(s)" in captured.out
