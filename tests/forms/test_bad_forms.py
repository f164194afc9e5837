"""Badly filled forms give clear errors naming file, sheet, row and column, and change nothing."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from ikmpolicy.cli import main

from .helpers import fill_ahp, hashes, items, meta, refused

WEIGHTS = {
    "product_quality": 3,
    "human_resources": 1,
    "quality_management": 1,
    "information_access": 1,
    "technology_equipment": 1,
    "licensing": 1,
    "production_capacity": 1,
    "raw_material_supply": 1,
    "digital_marketing": 1,
}


@pytest.fixture
def filled(written, filled_folder):
    for code in ("P001", "P002"):
        shutil.copy(written / "ahp" / f"{code}.xlsx", filled_folder / f"{code}.xlsx")
        fill_ahp(filled_folder / f"{code}.xlsx", WEIGHTS)
    return filled_folder


def _refused(folder, data, capsys, *expected):
    return refused(folder, data, capsys, *expected, "nothing was written")


def _first_row(path):
    book = load_workbook(path)
    return book, items(book)[0][0]


def test_empty_pair(filled, data_copy, capsys):
    book, row = _first_row(filled / "P001.xlsx")
    book["AHP"][f"D{row}"] = None
    book.save(filled / "P001.xlsx")
    _refused(
        filled,
        data_copy,
        capsys,
        "P001.xlsx [AHP]",
        f"row {row}",
        "column 'value'",
        "(the cell is empty)",
    )


def test_value_outside_the_scale(filled, data_copy, capsys):
    book, row = _first_row(filled / "P002.xlsx")
    book["AHP"][f"C{row}"], book["AHP"][f"D{row}"] = "B", 12
    book.save(filled / "P002.xlsx")
    _refused(
        filled,
        data_copy,
        capsys,
        "P002.xlsx [AHP]",
        f"row {row}",
        "found '1/12'",
        "between 0.111111 and 9",
    )


def test_respondent_twice(filled, data_copy, capsys):
    shutil.copy(filled / "P001.xlsx", filled / "P001 copy.xlsx")
    err = _refused(filled, data_copy, capsys, "already given in", "two forms")
    # one line for the form submitted twice, not one per judgement (36 before)
    assert err.count("already given in") == 1, err
    assert "so do 35 more row(s) of this form" in err


def test_sheet_renamed(filled, data_copy, capsys):
    book = load_workbook(filled / "P001.xlsx")
    book["AHP"].title = "Sheet1"
    book.save(filled / "P001.xlsx")
    _refused(filled, data_copy, capsys, "P001.xlsx", "a sheet named 'AHP'")


def test_changed_form_after_import_is_a_conflict(filled, data_copy, capsys):
    assert main(["import-forms", str(filled), "--into", str(data_copy)]) == 0
    capsys.readouterr()
    book, row = _first_row(filled / "P001.xlsx")
    book["AHP"][f"C{row}"], book["AHP"][f"D{row}"] = "B", 5
    book.save(filled / "P001.xlsx")
    _refused(filled, data_copy, capsys, "holds it with other values")


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://x","y")', "=1+1"])
def test_formula_in_an_answer_is_refused(filled, data_copy, capsys, hostile):
    book, row = _first_row(filled / "P001.xlsx")
    book["AHP"][f"D{row}"] = hostile
    book.save(filled / "P001.xlsx")
    err = _refused(filled, data_copy, capsys, "a typed value, not a formula")
    assert "the cell is empty" not in err, err  # the formula's own error says it all


def test_formula_in_the_organisation_is_one_error(filled, data_copy, capsys):
    book = load_workbook(filled / "P001.xlsx")
    book["AHP"][meta(book)["field:org_id"]] = "=B2"
    book.save(filled / "P001.xlsx")
    err = _refused(filled, data_copy, capsys, "a typed value, not a formula")
    assert "the cell is empty" not in err, err


def test_hostile_text_in_organisation(filled, data_copy, capsys):
    book = load_workbook(filled / "P001.xlsx")
    meta = {r[0]: r[1] for r in book["ikmpolicy"].iter_rows(values_only=True) if r[0]}
    book["AHP"][meta["field:org_id"]] = "<script>alert(1)</script>\u202e[x]"
    book.save(filled / "P001.xlsx")
    _refused(filled, data_copy, capsys, "column 'org_id'", "stakeholders.org_id")


def test_not_a_workbook_and_not_a_form(filled, data_copy, capsys, tmp_path):
    (filled / "notes.xlsx").write_text("not a zip")
    _refused(filled, data_copy, capsys, "notes.xlsx", "an Excel workbook")
    (filled / "notes.xlsx").unlink()
    from openpyxl import Workbook

    Workbook().save(filled / "other.xlsx")
    _refused(filled, data_copy, capsys, "other.xlsx", "hidden sheet 'ikmpolicy' is missing")


def test_xlsx_dataset_is_not_supported(filled, tmp_path, capsys):
    book = tmp_path / "data.xlsx"
    book.write_bytes(b"PK")
    assert main(["import-forms", str(filled), "--into", str(book)]) == 2
    assert "not supported" in capsys.readouterr().err


def test_dry_run_writes_nothing(filled, data_copy, capsys):
    before = hashes(data_copy)
    assert main(["import-forms", str(filled), "--into", str(data_copy), "--dry-run"]) == 0
    assert "dry run" in capsys.readouterr().out
    assert hashes(data_copy) == before


@pytest.mark.parametrize(("side", "typed"), [("A", "1/3"), ("B", "1/3"), ("A", "0.2")])
def test_a_fraction_after_choosing_a_side_is_refused(filled, data_copy, capsys, side, typed):
    # "A" and 1/3 contradict each other; "B" and 1/3 was stored as 1/1/3
    book, row = _first_row(filled / "P001.xlsx")
    book["AHP"][f"C{row}"], book["AHP"][f"D{row}"] = side, typed
    book.save(filled / "P001.xlsx")
    err = _refused(
        filled,
        data_copy,
        capsys,
        f"P001.xlsx [AHP], row {row}, column 'D{row}': found '{typed}'",
        "how much more important the aspect chosen in column C is",
    )
    assert "1/1/3" not in err


def test_a_form_saved_as_xls_is_not_left_out_silently(filled, data_copy, capsys):
    (filled / "P003.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (filled / "~$P001.xlsx").write_bytes(b"lock")
    _refused(
        filled,
        data_copy,
        capsys,
        "P003.xls: found '.xls'; expected a form saved as an Excel Workbook (.xlsx)",
    )


def test_a_form_named_in_capitals_is_read(filled, data_copy, capsys):
    (filled / "P002.xlsx").rename(filled / "KUESIONER P002.XLSX")
    (filled / "forms.pdf").write_bytes(b"%PDF-1.7")
    assert main(["import-forms", str(filled), "--into", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "pairwise: 72 new row(s)" in out and "not read (not a form):" in out, out
