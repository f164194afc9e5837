"""The command line: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from ikmpolicy.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ikmpolicy", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_broken_data_folder_gives_a_message_not_a_traceback(data_copy):
    (data_copy / "fgd_sessions.csv").write_text("session_id,judul\nx,y\n", encoding="utf-8")
    result = run("brief", "--fgd", "x", "--data", str(data_copy))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "fgd_sessions.csv" in result.stderr and "column 'title'" in result.stderr


def test_missing_data_folder(tmp_path):
    result = run("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_exit_codes(sample_dir, data_copy, capsys):
    assert main(["validate", str(sample_dir)]) == 0
    from conftest import edit_csv

    edit_csv(data_copy / "firms.csv", 3, "district", "")
    assert main(["validate", str(data_copy)]) == 2
    out = capsys.readouterr().out
    assert "firms.csv, row 3, column 'district'" in out


def test_unknown_session_lists_known_ids(capsys):
    assert main(["brief", "--fgd", "tidak-ada", "--data", "data/cilegon"]) == 2
    err = capsys.readouterr().err
    assert "tidak-ada" in err and "fgd-2025-05-15" in err


def test_unsafe_session_id_is_refused(capsys):
    assert main(["brief", "--fgd", "../x"]) == 2
    assert "plain name" in capsys.readouterr().err


def test_list(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "fgd-2025-05-15" in out and "15 Mei 2025" in out


def test_template_has_sheets_headers_and_dropdowns(tmp_path, sample_dir):
    path = tmp_path / "template.xlsx"
    assert main(["template", str(path), "--from", str(sample_dir)]) == 0
    book = load_workbook(path)
    assert {"fgd_sessions", "firms", "pairwise", "indicators"} <= set(book.sheetnames)
    firms = book["firms"]
    assert [c.value for c in firms[1]][:3] == ["firm_id", "business_name", "kbli"]
    assert firms.max_row == 2  # evidence tables hold one example row (CONTOH-, skipped)
    assert firms["A2"].value.startswith("CONTOH-")
    rules = {str(r.sqref).split(":")[0]: r.formula1 for r in firms.data_validations.dataValidation}
    header = [c.value for c in firms[1]]
    letter = chr(ord("A") + header.index("sub_sector"))
    assert rules[f"{letter}2"] == "=sub_sectors!$A$2:$A$5000"
    assessments = [c.value for c in book["assessments"][1]]
    assert "digital_marketing" in assessments
    assert book["indicators"].max_row == 10  # reference rows copied


def test_template_without_data_and_wrong_suffix(tmp_path, capsys):
    assert main(["template", str(tmp_path / "empty.xlsx")]) == 0
    assert load_workbook(tmp_path / "empty.xlsx")["indicators"].max_row == 1
    assert main(["template", str(tmp_path / "x.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_filled_template_validates(tmp_path, sample_dir):
    """The template's headers are exactly what the loader expects."""
    from openpyxl import load_workbook as open_book

    from ikmpolicy.validation import load_dataset

    path = tmp_path / "t.xlsx"
    main(["template", str(path), "--from", str(sample_dir)])
    ds = load_dataset(path)
    # reference tables copied from the sample are clean; empty evidence tables are not errors
    assert [p for p in ds.report.errors if "indicators" in p.location] == []
    assert all(c.rejected == 0 for c in ds.report.counts.values())
    assert open_book(path)["Petunjuk"]["A2"].value.startswith("Templat data ikmpolicy")
