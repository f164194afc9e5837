"""A problem with a value typed once on a form is named at the row where it was typed: the
firm and date of a self-assessment, each of its levels, the organisation of an AHP form."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from ikmpolicy.cli import main

from .helpers import fill_ahp, items, meta


@pytest.fixture
def forms(written, filled_folder):
    return written, filled_folder


def _errors(folder, data, capsys) -> str:
    assert main(["import-forms", str(folder), "--into", str(data)]) == 2
    return capsys.readouterr().err


def test_self_assessment_problems_name_the_row_typed(forms, data_copy, capsys):
    written, folder = forms
    path = folder / "readiness.xlsx"
    shutil.copy(written / "readiness.xlsx", path)
    book = load_workbook(path)
    info, ws = meta(book), book["Kesiapan"]
    ws[info["field:firm_id"]] = "IKM-999"
    ws[info["field:assessment_date"]] = "2025-03-10"
    for row, _ in items(book):
        ws[f"D{row}"] = 3
    second, indicator = items(book)[1]
    ws[f"D{second}"] = "tiga"
    book.save(path)
    err = _errors(folder, data_copy, capsys)
    firm_row = ws[info["field:firm_id"]].row
    assert f"[Kesiapan], row {firm_row}, column 'firm_id': found 'IKM-999'" in err, err
    assert f"[Kesiapan], row {second}, column '{indicator}': found 'tiga'" in err, err


def test_an_unknown_organisation_is_named_once_at_its_cell(forms, data_copy, capsys):
    written, folder = forms
    path = folder / "P001.xlsx"
    shutil.copy(written / "ahp" / "P001.xlsx", path)
    fill_ahp(path, {d: 1 for d in _dimensions(path)})
    book = load_workbook(path)
    cell = meta(book)["field:org_id"]
    book["AHP"][cell] = "Disperindag Cilegon"
    book.save(path)
    err = _errors(folder, data_copy, capsys)
    row = book["AHP"][cell].row
    assert f"[AHP], row {row}, column 'org_id': found 'Disperindag Cilegon'" in err, err
    assert "the same on" not in err and err.count("Disperindag Cilegon") == 1, err


def _dimensions(path) -> set[str]:
    return {d for _, a, b in items(load_workbook(path)) for d in (a, b)}
