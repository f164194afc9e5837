"""A drop-down's label typed without its ``[id]`` (as a secretary types "Bisnis" or "Peserta"
instead of choosing "Bisnis [business]") is read as the choice it names."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from ikmpolicy.cli import main
from ikmpolicy.validation import load_dataset

from .helpers import SESSION, items

FROM_FORMS = f"forms-{SESSION}"  # the source the imported rows cite


@pytest.fixture
def forms(written, filled_folder):
    return written, filled_folder


def _sheet(written, folder, name, sheet):
    path = folder / name
    shutil.copy(written / name, path)
    book = load_workbook(path)
    return path, book, book[sheet], [r for (r,) in items(book)]


def test_labels_typed_without_their_ids_are_read(forms, data_copy, capsys):
    written, folder = forms
    path, book, ws, rows = _sheet(written, folder, "attendance.xlsx", "Daftar hadir")
    ws[f"B{rows[0]}"], ws[f"C{rows[0]}"] = "PT Krakatau Steel (Persero)", "Bisnis"
    ws[f"D{rows[0]}"], ws[f"E{rows[0]}"] = "Peserta", 2
    ws[f"B{rows[1]}"], ws[f"C{rows[1]}"] = "cmm", " bisnis "
    ws[f"D{rows[1]}"], ws[f"E{rows[1]}"] = "narasumber", 1
    book.save(path)
    path, book, ws, rows = _sheet(written, folder, "commitments.xlsx", "Komitmen")
    ws[f"B{rows[0]}"], ws[f"C{rows[0]}"] = "disperindag_cilegon", "Kelas sertifikasi SNI"
    ws[f"D{rows[0]}"] = "sertifikasi dan pengujian"
    book.save(path)
    assert main(["import-forms", str(folder), "--into", str(data_copy)]) == 0, capsys.readouterr()
    ds = load_dataset(data_copy)
    part = ds["participation"][ds["participation"]["source_id"] == FROM_FORMS]
    assert sorted(zip(part["org_id"], part["role"], strict=True)) == [
        ("cmm", "speaker"),
        ("krakatau_steel", "participant"),
    ]
    cm = ds["commitments"][ds["commitments"]["source_id"] == FROM_FORMS]
    assert cm["theme"].tolist() == ["certification_testing"]


def test_a_wrong_helix_label_names_what_was_typed_and_the_right_one(forms, data_copy, capsys):
    written, folder = forms
    path, book, ws, rows = _sheet(written, folder, "attendance.xlsx", "Daftar hadir")
    ws[f"B{rows[0]}"], ws[f"C{rows[0]}"], ws[f"D{rows[0]}"] = "krakatau_steel", "Media", "Peserta"
    book.save(path)
    assert main(["import-forms", str(folder), "--into", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "column 'helix': found 'Media'; expected 'Bisnis [business]'" in err, err
