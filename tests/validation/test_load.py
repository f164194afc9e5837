"""Loading and validating data: good files load cleanly, every bad file is reported exactly."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from ikmpolicy.io import DataSourceError, read_tables
from ikmpolicy.schema import TABLE_ORDER, TABLES
from ikmpolicy.validation import load_dataset
from tests.conftest import edit_csv


def problems_at(dataset, table: str, row: int | None = None, column: str | None = None):
    found = []
    for p in dataset.report.problems:
        if not p.location.endswith(f"{table}.csv") and f"[{table}]" not in p.location:
            continue
        if row is not None and p.row != row:
            continue
        if column is not None and p.column != column:
            continue
        found.append(p)
    return found


def test_sample_is_clean_and_complete(sample):
    assert sample.report.errors == []
    assert sample.report.warnings == []
    for name in TABLE_ORDER:
        counts = sample.report.counts[name]
        assert counts.read == len(sample[name]) > 0, name
        assert counts.rejected == 0


def test_sample_types_are_parsed(sample):
    firms = sample["firms"]
    assert str(firms["workforce"].dtype) == "Int64"
    assert firms["has_nib"].dtype == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(sample["assessments"]["assessment_date"])
    # wide table: one float column per indicator declared in indicators.csv
    for indicator in sample.indicators["indicator"]:
        assert sample["assessments"][indicator].dtype == float
    # fractions such as 1/3 become numbers
    values = sample["pairwise"]["value"]
    assert ((values >= 1 / 9 - 1e-12) & (values <= 9 + 1e-12)).all()
    assert (values < 1).any()


def test_row_numbers_are_the_editor_rows(sample, sample_dir):
    with open(sample_dir / "firms.csv", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    firms = sample["firms"]
    # header is line 1, so the firm on line 7 has _row 7
    assert firms.loc[firms["_row"] == 7, "firm_id"].item() == lines[6].split(",")[0]


def test_wrong_type_is_reported_with_file_row_column_value(data_copy):
    edit_csv(data_copy / "firms.csv", 5, "workforce", "dua puluh")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "firms", 5, "workforce")
    assert p.value == "dua puluh"
    assert "whole number" in p.expected
    # the file is named relative to the dataset: no absolute local path in any message
    assert str(p).startswith("ERROR firms.csv, row 5, column 'workforce'")
    assert str(data_copy) not in ds.report.summary()
    # the row is rejected and counted, not silently dropped
    assert ds.report.counts["firms"].rejected == 1
    assert len(ds["firms"]) == 59


def test_rejection_cascades_to_rows_that_refer_to_a_rejected_row(data_copy):
    edit_csv(data_copy / "firms.csv", 2, "workforce", "-4")  # IKM-001, out of range
    ds = load_dataset(data_copy)
    assert problems_at(ds, "firms", 2, "workforce")
    dangling = problems_at(ds, "assessments", column="firm_id")
    assert dangling and all(p.value == "IKM-001" for p in dangling)
    assert "rejected" in dangling[0].expected
    assert "IKM-001" not in set(ds["assessments"]["firm_id"])
    assert ds.report.counts["assessments"].rejected == len(dangling)


def test_missing_column_is_fatal(data_copy):
    frame = pd.read_csv(data_copy / "stakeholders.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["helix"]).to_csv(data_copy / "stakeholders.csv", index=False)
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "stakeholders", column="helix")
    assert p.fatal and p.row == 1
    assert ds.report.fatal


def test_duplicate_key(data_copy):
    edit_csv(data_copy / "firms.csv", 4, "firm_id", "IKM-001")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "firms", 4, "firm_id")
    assert "unique" in p.expected and "row 2" in p.expected


def test_dangling_reference(data_copy):
    edit_csv(data_copy / "participation.csv", 3, "org_id", "pt_tidak_ada")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "participation", 3, "org_id")
    assert p.value == "pt_tidak_ada"
    assert "stakeholders.org_id" in p.expected


def test_out_of_range_and_allowed_values(data_copy):
    edit_csv(data_copy / "assessments.csv", 2, "product_quality", "7")
    edit_csv(data_copy / "stakeholders.csv", 2, "level", "kabupaten")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "assessments", 2, "product_quality")
    assert "between 1 and 5" in p.expected
    [q] = problems_at(ds, "stakeholders", 2, "level")
    assert "national" in q.expected


def test_pairwise_value_outside_saaty_scale(data_copy):
    edit_csv(data_copy / "pairwise.csv", 2, "value", "10")
    edit_csv(data_copy / "pairwise.csv", 3, "value", "1/0")
    ds = load_dataset(data_copy)
    assert "between 0.111111 and 9" in problems_at(ds, "pairwise", 2, "value")[0].expected
    assert problems_at(ds, "pairwise", 3, "value")


def test_date_must_match_its_precision(data_copy):
    sessions = data_copy / "fgd_sessions.csv"
    frame = pd.read_csv(sessions, dtype=str, keep_default_na=False)
    row = int(frame.index[frame["session_id"] == "fgd-2025-05-15"][0]) + 2
    edit_csv(sessions, row, "date_precision", "month")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "fgd_sessions", row, "date")
    assert "YYYY-MM" in p.expected


def test_unsafe_session_id_is_rejected(data_copy):
    sessions = data_copy / "fgd_sessions.csv"
    frame = pd.read_csv(sessions, dtype=str, keep_default_na=False)
    row = int(frame.index[frame["session_id"] == "monitoring-2024-12-08"][0]) + 2
    edit_csv(sessions, row, "session_id", "../../etc")
    ds = load_dataset(data_copy)
    assert problems_at(ds, "fgd_sessions", row, "session_id")
    assert "../../etc" not in set(ds["fgd_sessions"]["session_id"])


def test_empty_file(data_copy):
    (data_copy / "statements.csv").write_text("", encoding="utf-8")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "statements")
    assert p.fatal and "empty" in p.expected
    # the other tables are still checked: all problems at once
    edit_csv(data_copy / "firms.csv", 3, "founded", "tahun lalu")
    ds = load_dataset(data_copy)
    assert problems_at(ds, "statements") and problems_at(ds, "firms", 3, "founded")


def test_missing_table(data_copy):
    (data_copy / "commitments.csv").unlink()
    ds = load_dataset(data_copy)
    fatal = [p for p in ds.report.fatal if "commitments" in p.expected]
    assert fatal and "commitments.csv" in fatal[0].expected


def test_utf8_bom_and_semicolons_are_read(data_copy):
    path = data_copy / "sub_sectors.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    path.write_bytes(b"\xef\xbb\xbf" + frame.to_csv(index=False, sep=";").encode("utf-8"))
    ds = load_dataset(data_copy)
    assert ds.report.ok
    assert list(ds["sub_sectors"]["sub_sector"]) == list(frame["sub_sector"])


def test_blank_rows_are_skipped_counted_and_do_not_shift_row_numbers(data_copy):
    path = data_copy / "stakeholders.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, ",,,,,,,,")  # a blank row becomes line 4
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit_csv(path, 6, "level", "desa")
    ds = load_dataset(data_copy)
    assert ds.report.counts["stakeholders"].blank == 1
    assert problems_at(ds, "stakeholders", 6, "level")
    assert len(ds["stakeholders"]) == len(lines) - 3  # header, blank and the bad row


def test_many_blank_rows_are_named_up_to_ten(data_copy):
    path = data_copy / "stakeholders.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    blank = [",,,,,,,,"] * 12
    path.write_text("\n".join([*lines[:2], *blank, *lines[2:]]) + "\n", encoding="utf-8")
    ds = load_dataset(data_copy)
    [p] = [p for p in ds.report.problems if "blank row" in p.expected]
    # header, one row, then the blank rows: named as one block
    assert "12 blank row(s) skipped (rows 3–14)" in p.expected


def test_cp1252_is_read_with_a_warning(data_copy):
    path = data_copy / "sub_sectors.csv"
    text = path.read_text(encoding="utf-8").replace("Baja ringan", "Baja ringan é")
    path.write_bytes(text.encode("cp1252"))
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "sub_sectors")
    assert p.severity == "warning" and "Windows-1252" in p.expected and "UTF-8" in p.expected
    assert "Baja ringan é" in set(ds["sub_sectors"]["label_id"])


def test_unknown_column_is_a_warning(data_copy):
    frame = pd.read_csv(data_copy / "sub_sectors.csv", dtype=str, keep_default_na=False)
    frame.assign(catatan="x").to_csv(data_copy / "sub_sectors.csv", index=False)
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "sub_sectors", column="catatan")
    assert p.severity == "warning" and ds.report.ok


def test_nonexistent_path_and_single_csv():
    with pytest.raises(DataSourceError, match="no such file"):
        read_tables("does/not/exist")
    with pytest.raises(DataSourceError, match="folder"):
        read_tables(Path(__file__).parents[1] / "data" / "cilegon" / "firms.csv")


# -- Excel --------------------------------------------------------------------------------------


def write_workbook(dataset_dir: Path, target: Path, blank_row_in: str | None = None) -> Path:
    """Copy every CSV table of a folder into one workbook, a sheet per table."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name in TABLE_ORDER:
        with open(dataset_dir / f"{name}.csv", newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        sheet = book.create_sheet(name)
        for k, row in enumerate(rows):
            if name == blank_row_in and k == 3:
                sheet.append([])
            # numbers as numbers, as Excel would store them
            sheet.append([_excel_value(v) for v in row])
    book.save(target)
    return target


def _excel_value(text: str):
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def test_excel_workbook_loads_like_the_csv_folder(sample, sample_dir, tmp_path):
    book = write_workbook(sample_dir, tmp_path / "data.xlsx", blank_row_in="firms")
    ds = load_dataset(book)
    assert ds.report.errors == []
    assert ds.report.counts["firms"].blank == 1
    for name in TABLE_ORDER:
        left = sample[name].drop(columns=["_row", "_file"])
        right = ds[name].drop(columns=["_row", "_file"])
        pd.testing.assert_frame_equal(left, right, check_dtype=False, obj=name)


def test_excel_errors_name_sheet_and_excel_row(sample_dir, tmp_path):
    from openpyxl import load_workbook

    book_path = write_workbook(sample_dir, tmp_path / "data.xlsx", blank_row_in="firms")
    book = load_workbook(book_path)
    # rows 1 header, 2-3 data, 4 blank, so data row 5 in Excel is the 4th firm
    header = [c.value for c in book["firms"][1]]
    book["firms"].cell(row=5, column=header.index("founded") + 1, value="lama")
    book.save(book_path)
    ds = load_dataset(book_path)
    [p] = [p for p in ds.report.errors if p.column == "founded"]
    assert p.row == 5 and p.location.endswith("[firms]")


def test_every_table_declares_consistent_references():
    for name in TABLE_ORDER:
        table = TABLES[name]
        for key in table.key:
            assert key in table.column_names
        for col in table.columns:
            if col.ref:
                target, column = col.ref.split(".")
                assert TABLE_ORDER.index(target) < TABLE_ORDER.index(name) or target == name, (
                    f"{name}.{col.name} refers to {target}, validated later"
                )
                assert column in TABLES[target].column_names


# -- the command: never a traceback ---------------------------------------------------------


def test_validate_explains_os_refusals_without_a_traceback(data_copy, capsys, monkeypatch):
    import os

    from ikmpolicy.cli import main

    os.mkfifo(data_copy / "sources.csv.fifo")
    (data_copy / "sources.csv").unlink()
    (data_copy / "sources.csv").symlink_to(data_copy / "sources.csv.fifo")  # would block
    assert main(["validate", "--quiet", str(data_copy)]) == 2
    out, err = capsys.readouterr()
    assert "sources.csv; expected a readable table (not a regular file" in out
    assert "Traceback" not in out + err and "unexpected" not in out + err

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(data_copy / "firms.csv"))

    monkeypatch.setattr("ikmpolicy.validation.read_dataset", refuse)
    assert main(["validate", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "firms.csv: cannot be read (Permission denied)" in err and "Traceback" not in err


def test_validate_on_a_folder_without_tables_and_a_link_to_another_file(tmp_path, capsys):
    from ikmpolicy.cli import main

    (tmp_path / "empty").mkdir()
    assert main(["validate", str(tmp_path / "empty")]) == 2
    assert "no table found" in capsys.readouterr().err
    (tmp_path / "book.xlsx").symlink_to(Path(__file__))  # a link to a Python file
    assert main(["validate", str(tmp_path / "book.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "not an .xlsx workbook" in err and "Traceback" not in err


def test_header_problems_name_the_header_row_below_a_title(data_copy):
    path = data_copy / "sub_sectors.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("label_en", "label_inggris")
    path.write_text("\n".join(["Subsektor IKM,,,,", *lines]) + "\n", encoding="utf-8")
    ds = load_dataset(data_copy)
    [missing] = problems_at(ds, "sub_sectors", column="label_en")
    assert missing.row == 2  # the header, below the title; not row 1


# -- a misspelt header: one problem, not one per row ---------------------------------------------


def _rename_header(path: Path, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    head[head.index(old)] = new
    path.write_text("\n".join([",".join(head), *lines[1:]]) + "\n", encoding="utf-8")


def _one_misspelt_indicator(ds, location: str) -> None:
    """The sample's assessments with 'human_resources' typed 'human_resouces' (column G)."""
    [p] = [p for p in ds.report.problems if p.location == location]
    rows = list(range(2, 116))
    assert (p.severity, p.row, p.column) == ("error", 1, "human_resouces")
    assert p.value == "human_resouces"
    assert "the header 'human_resources' in column G" in p.expected
    assert "rows 2–115 cannot be scored" in p.expected
    assert sorted(p.rows) == rows  # every row it rejects
    counts = ds.report.counts["assessments"]
    assert (counts.read, counts.rejected) == (114, 114)
    assert {ds.report.rejected[("assessments", r)] for r in rows} == {ds.report.problems.index(p)}


def test_a_misspelt_indicator_header_is_one_problem_not_one_per_row(data_copy, capsys):
    from ikmpolicy.cli import main

    _rename_header(data_copy / "assessments.csv", "human_resources", "human_resouces")
    _one_misspelt_indicator(load_dataset(data_copy), "assessments.csv")
    assert main(["validate", str(data_copy)]) == 2
    lines = [line for line in capsys.readouterr().out.splitlines() if "assessments.csv" in line]
    assert len(lines) == 1 and lines[0].startswith("ERROR assessments.csv, row 1, column")


def test_two_misspelt_indicator_headers_are_both_named_in_the_one_problem(data_copy):
    # the second was only a warning ("the column is ignored"), though the rows stay rejected
    # until both are corrected
    _rename_header(data_copy / "assessments.csv", "human_resources", "human_resouces")
    _rename_header(data_copy / "assessments.csv", "quality_management", "quality_managment")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "assessments")
    assert p.severity == "error" and p.value == "human_resouces, quality_managment"
    assert "the header 'human_resources' in column G" in p.expected
    assert "the header 'quality_management' in column" in p.expected
    assert "correct the 2 headers" in p.expected and "rows 2–115 cannot be scored" in p.expected


def test_a_misspelt_indicator_header_in_a_workbook_is_one_problem(sample_dir, tmp_path, capsys):
    from openpyxl import load_workbook

    from ikmpolicy.cli import main

    path = write_workbook(sample_dir, tmp_path / "data.xlsx")
    book = load_workbook(path)
    book["assessments"]["G1"] = "human_resouces"
    book.save(path)
    _one_misspelt_indicator(load_dataset(path), "data.xlsx [assessments]")
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().out.count("[assessments]") == 1


def test_a_misspelt_required_header_is_one_fatal_problem(data_copy):
    _rename_header(data_copy / "firms.csv", "workforce", "workforse")
    ds = load_dataset(data_copy)
    [p] = [p for p in problems_at(ds, "firms") if p.row == 1]  # no warning of an unknown header
    assert p.fatal and (p.column, p.value) == ("workforse", "workforse")
    assert "the header 'workforce' in column E" in p.expected and "whole number" in p.expected
    assert ds.report.counts["firms"].rejected == 60


def test_a_misspelt_optional_header_is_a_warning_naming_the_closest_name(data_copy):
    _rename_header(data_copy / "buyer_requirements.csv", "licensing", "licencing")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "buyer_requirements")
    assert p.severity == "warning" and (p.row, p.column) == (1, "licencing")
    assert "the header 'licensing' in column P" in p.expected and "reads as empty" in p.expected
    assert ds.report.ok


def test_a_copy_of_a_present_header_is_not_taken_for_another_missing_column(data_copy):
    # owner_nme beside owner_name, with owner_phone gone: owner_nme is owner_name typed twice,
    # not a misspelt owner_phone (it was suggested as "the header 'owner_phone'")
    _rename_header(data_copy / "firms.csv", "owner_phone", "owner_nme")
    ds = load_dataset(data_copy)
    [p] = problems_at(ds, "firms", row=1, column="owner_nme")
    assert p.severity == "warning" and "a known column; this one is ignored" in p.expected
    assert "owner_phone" not in p.expected.split("(known:")[0]


def test_a_session_or_an_assessment_dated_after_the_day_is_named(data_copy):
    # a year mistyped (2052 for 2025) passed validate, then no brief could be made of the
    # session ("before it was held"), and a firm whose assessments all lay ahead was left out
    # of every figure without a word
    from ikmpolicy.validation import dated_after

    edit_csv(data_copy / "fgd_sessions.csv", 4, "date", "2052-05-15")
    for row in (2, 3):
        edit_csv(data_copy / "assessments.csv", row, "assessment_date", "2062-03-10")
    ds = load_dataset(data_copy)
    assert ds.report.ok and not ds.report.warnings  # the data as such: nothing wrong
    found = dated_after(ds, pd.Timestamp("2026-12-03"))
    assert [(p.location, p.row, p.column, p.value, p.severity) for p in found] == [
        ("fgd_sessions.csv", 4, "date", "2052-05-15", "warning"),
        ("assessments.csv", 2, "assessment_date", "2062-03-10", "warning"),
        ("assessments.csv", 3, "assessment_date", "2062-03-10", "warning"),
    ]
    assert "held by 2026-12-03" in found[0].expected
    assert "leaves it out" in found[1].expected
    # as of a day after them all, nothing is named
    assert dated_after(ds, pd.Timestamp("2070-01-01")) == []
