"""A self-assessment's date is compared with the data's as the date it reads as: typed
DD/MM/YYYY, it is the YYYY-MM-DD already in the data."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from ikmpolicy.cli import main

from .helpers import hashes, items, meta


@pytest.fixture
def readiness(written, filled_folder):
    path = filled_folder / "readiness.xlsx"
    shutil.copy(written / "readiness.xlsx", path)
    return path


def _fill(path, firm, date, level=3):
    book = load_workbook(path)
    info, ws = meta(book), book["Kesiapan"]
    ws[info["field:firm_id"]], ws[info["field:assessment_date"]] = firm, date
    for row, _ in items(book):
        ws[f"D{row}"] = level
    book.save(path)


def test_the_same_form_with_the_date_typed_otherwise_adds_nothing(readiness, data_copy, capsys):
    _fill(readiness, "IKM-001", "2025-05-20")
    assert main(["import-forms", str(readiness.parent), "--into", str(data_copy)]) == 0
    before = hashes(data_copy)
    _fill(readiness, "IKM-001", "20/05/2025", level=3.0)
    assert main(["import-forms", str(readiness.parent), "--into", str(data_copy)]) == 0
    assert "assessments: 1 row(s) already in the data, skipped" in capsys.readouterr().out
    assert hashes(data_copy) == before


def test_an_assessment_already_in_the_data_is_named_on_the_form(readiness, data_copy, capsys):
    _fill(readiness, "IKM-001", "10/03/2025")  # the data hold IKM-001 on 2025-03-10
    before = hashes(data_copy)
    assert main(["import-forms", str(readiness.parent), "--into", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "readiness.xlsx [Kesiapan]" in err and "found 'IKM-001/2025-03-10'" in err, err
    assert "would not validate after the import" not in err
    assert "correct the form or the data file" in err and "respondent code" not in err
    assert hashes(data_copy) == before


def test_a_date_and_levels_are_written_into_the_data_as_read(readiness, data_copy, capsys):
    """A date typed 20/05/2025 or as an Excel serial, and levels typed 3.0, are written as the
    data write them (2025-05-20, 3): the import's warnings are not repeated by every validate."""
    from ikmpolicy.validation import load_dataset

    _fill(readiness, "IKM-002", "45797", level=3.0)  # Excel's serial of 2025-05-20
    assert main(["import-forms", str(readiness.parent), "--into", str(data_copy)]) == 0
    assert "45797 was read as the Excel date 2025-05-20" in capsys.readouterr().err  # said once
    last = (data_copy / "assessments.csv").read_text("utf-8").splitlines()[-1].split(",")
    assert last[:2] == ["IKM-002", "2025-05-20"], last
    assert "45797" not in last and "3.0" not in last and "3" in last
    report = load_dataset(data_copy).report
    assert not [p for p in report.problems if p.location == "assessments.csv"]
