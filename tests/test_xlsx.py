"""Reading workbooks safely: limits before memory, defusedxml always, sheets read as meant.

The corpus (tests/validation/test_corpus.py) runs every hostile workbook through ``validate``;
these tests check the pieces and the limits themselves.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from ikmpolicy import xlsx

BAD = Path(__file__).resolve().parent / "data" / "bad"
_spec = importlib.util.spec_from_file_location("make_corpus", BAD / "make_corpus.py")
corpus = sys.modules.setdefault("make_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)


def book(tmp_path: Path, edit=None, name: str = "data.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(corpus.workbook_bytes(corpus.base_tables(), edit))
    return path


def test_openpyxl_parses_with_defusedxml():
    import openpyxl
    from openpyxl.xml import functions

    xlsx.check_defused()
    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_workbooks_are_refused_when_defusedxml_is_switched_off(tmp_path):
    path = book(tmp_path)
    code = (
        "from ikmpolicy.xlsx import read_workbook\nfrom pathlib import Path\n"
        f"read_workbook(Path({str(path)!r}), 'data.xlsx')\n"
    )
    env = {"OPENPYXL_DEFUSEDXML": "False", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode != 0
    assert "not using defusedxml" in result.stderr


def test_a_clean_workbook_reads_every_table(tmp_path):
    tables, notes = xlsx.read_workbook(book(tmp_path), "data.xlsx")
    assert notes == []
    assert len(tables["firms"].frame) == corpus.BASE_FIRMS
    assert tables["firms"].location == "data.xlsx [firms]"
    assert tables["assessments"].frame["assessment_date"].iloc[0] == "2025-03-10"
    assert tables["firms"].frame["has_nib"].iloc[0] == "true"


@pytest.mark.parametrize(
    ("title", "table", "rank"),
    [
        ("firms", "firms", 0),
        ("Firms", "firms", 1),
        (" FGD-Sessions ", "fgd_sessions", 1),
        ("firms (2)", "firms", 2),
        ("Copy of firms", "firms", 2),
        ("Salinan firms", "firms", 2),
        ("Sheet1", None, 3),
        ("Petunjuk", None, 3),
    ],
)
def test_sheet_names_to_tables(title, table, rank):
    assert xlsx.sheet_table(title) == (table, rank)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (3.0, "3"),
        (3.5, "3.5"),
        (True, "true"),
        (dt.datetime(2025, 3, 10), "2025-03-10"),
        (dt.datetime(2025, 3, 10, 14, 30), "2025-03-10 14:30:00"),
        (dt.date(2025, 1, 2), "2025-01-02"),
        (628000003924, "628000003924"),
        ("teks", "teks"),
        ("IKM-001_x000D_", "IKM-001\n"),  # a carriage return, as Excel stores one
        ("baris satu_x000D_\nbaris dua\r\ntiga", "baris satu\nbaris dua\ntiga"),
        ("Rp_x0009_100", "Rp\t100"),
    ],
)
def test_cell_values_as_text(value, text):
    assert xlsx.cell_text(value) == text


def test_a_scan_reads_what_the_values_do_not_say(tmp_path):
    def edit(workbook):
        corpus._merge_down(workbook)
        corpus._hide_rows(workbook)
        corpus._formula_no_cache(workbook)

    path = book(tmp_path, edit)
    import zipfile

    with zipfile.ZipFile(path) as archive:
        tables = corpus.base_tables()
        firms = xlsx.scan_sheet(archive, corpus.sheet_part(tables, "firms"), "x", 10**6)
        pairwise = xlsx.scan_sheet(archive, corpus.sheet_part(tables, "pairwise"), "x", 10**6)
    assert firms.hidden_rows == [3, 4]
    assert firms.no_value == {(3, 5): "=10+2"}
    assert firms.last_row == corpus.BASE_FIRMS + 1
    assert pairwise.merged == ["A2:A5"]


def test_the_cell_limit_is_checked_while_scanning(tmp_path, monkeypatch):
    path = book(tmp_path)
    monkeypatch.setattr(xlsx, "MAX_CELLS", 500)
    with pytest.raises(xlsx.WorkbookTooLargeError, match="500"):
        xlsx.read_workbook(path, "data.xlsx")


def test_the_size_limits_are_checked_before_reading(tmp_path, monkeypatch):
    path = book(tmp_path)
    monkeypatch.setattr(xlsx, "MAX_BYTES", 1000)
    with pytest.raises(xlsx.WorkbookTooLargeError, match="1,000 bytes"):
        xlsx.check_archive(path, "data.xlsx")
    monkeypatch.setattr(xlsx, "MAX_BYTES", 10**8)
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED", 10_000)
    with pytest.raises(xlsx.WorkbookTooLargeError, match="once decompressed"):
        xlsx.check_archive(path, "data.xlsx")


def test_an_empty_file_and_excels_lock_file_are_named_for_what_they_are(tmp_path):
    """Found by fuzzing: both were called CSV text or "a binary file", which sent the user
    to the wrong fix."""
    empty = tmp_path / "data.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(xlsx.WrongFileTypeError, match=r"the file is empty \(0 bytes\)") as info:
        xlsx.read_workbook(empty, "data.xlsx")
    assert "CSV" not in str(info.value)
    lock = tmp_path / "~$data.xlsx"
    lock.write_bytes(b"\x0bBudi Santoso" + b" " * 40 + b"\0" * 110)  # as Excel writes one
    with pytest.raises(xlsx.WrongFileTypeError, match="lock file that Excel writes"):
        xlsx.read_workbook(lock, "~$data.xlsx")


def test_column_letters_round_trip():
    for index in (1, 26, 27, 52, 702, 703, 16384):
        assert xlsx.column_index(xlsx.column_letter(index)) == index


def test_a_row_number_beyond_excels_limit_is_refused(tmp_path):
    tables = corpus.base_tables()
    far = corpus.xml_edit(
        tables,
        "firms",
        lambda text: text.replace(
            "</sheetData>",
            '<row r="99999999"><c r="A99999999" t="inlineStr"><is><t>x</t></is>'
            "</c></row></sheetData>",
        ),
    )
    path = tmp_path / "far.xlsx"
    path.write_bytes(far())
    with pytest.raises(xlsx.WorkbookTooLargeError, match="99,999,999"):
        xlsx.read_workbook(path, "far.xlsx")


def test_empty_rows_below_the_data_are_not_blank_rows(tmp_path):
    def styled(book):
        from openpyxl.styles import Font

        for row in range(30, 40):
            book["firms"].cell(row=row, column=1).font = Font(bold=True)
        book["firms"].insert_rows(5)  # one real gap

    tables, _ = xlsx.read_workbook(book(tmp_path, styled), "data.xlsx")
    assert tables["firms"].blank_rows == (5,)


def test_formatted_empty_cells_below_the_data_are_not_a_wrong_stored_size(tmp_path):
    # LibreOffice saves the template's formatted columns as styled empty cells down to row
    # 1000 or so, and Excel does so for a range formatted or cleared with Delete: the stored
    # size then covers those cells, which is right, and every sheet was warned about
    def formatted(book):
        from openpyxl.styles import Font

        for row in range(30, 40):
            book["firms"].cell(row=row, column=3).font = Font(bold=True)

    notes = xlsx.read_workbook(book(tmp_path, formatted), "data.xlsx")[0]["firms"].notes
    assert not [n for n in notes if "stored sheet size" in n.expected]
    # a stored size beyond every cell the sheet holds is still named
    path = tmp_path / "huge.xlsx"
    tables = corpus.base_tables()
    path.write_bytes(corpus.xml_edit(tables, "firms", corpus._dimension("A1:XFD1048576"))())
    notes = xlsx.read_workbook(path, "huge.xlsx")[0]["firms"].notes
    assert [n for n in notes if "stored sheet size" in n.expected]


def test_a_header_with_a_bidirectional_mark_is_read_as_its_column(tmp_path):
    def marked(book):
        book["firms"]["A1"].value = "\u200ffirm_id"  # a right-to-left mark, pasted along

    firms = xlsx.read_workbook(book(tmp_path, marked), "data.xlsx")[0]["firms"]
    assert firms.frame.columns[0] == "firm_id"
    assert firms.headers == {"firm_id": "\u200ffirm_id"}


def test_headers_keep_how_they_were_typed_for_messages(tmp_path):
    def capitals(book):
        book["firms"]["A1"].value = "Firm_ID"

    firms = xlsx.read_workbook(book(tmp_path, capitals), "data.xlsx")[0]["firms"]
    assert firms.frame.columns[0] == "firm_id"
    assert firms.headers == {"firm_id": "Firm_ID"}


def test_one_hidden_row_is_named_alone(tmp_path):
    def hide(book):
        book["firms"].row_dimensions[3].hidden = True

    notes = xlsx.read_workbook(book(tmp_path, hide), "data.xlsx")[0]["firms"].notes
    assert any("visible rows; row 3 is hidden in Excel" in n.expected for n in notes)


def test_values_right_of_the_last_header_are_named_not_dropped(tmp_path):
    # a note typed one column past the table's last header (none above it); the row was cut at
    # the header's width, so validation never saw the value
    width = len(corpus.base_tables()["firms"][0])
    letter = xlsx.column_letter(width + 2)

    def noted(book):
        book["firms"].cell(row=3, column=width + 2).value = "pindah ke Cibeber"

    path = book(tmp_path, noted)
    firms = xlsx.read_workbook(path, "data.xlsx")[0]["firms"]
    assert list(firms.frame[f"(column {letter})"][:2]) == ["", "pindah ke Cibeber"]

    from ikmpolicy.validation import load_dataset

    [warning] = [p for p in load_dataset(path).report.problems if p.column == f"(column {letter})"]
    assert warning.severity == "warning"
    assert "1 cell(s) under this empty header are not read" in warning.expected


def test_a_header_merged_down_over_the_first_row_is_not_read_as_its_value(tmp_path):
    # Excel keeps the header's text only (A2 is emptied); the merge filled A2 with 'firm_id',
    # a firm of that id, while the warning said the cell is read as empty
    def merged(book):
        book["firms"]["A2"].value = None
        book["firms"].merge_cells("A1:A2")

    firms = xlsx.read_workbook(book(tmp_path, merged), "data.xlsx")[0]["firms"]
    assert firms.frame["firm_id"].iloc[0] == ""
    [note] = [n for n in firms.notes if n.value == "A1:A2"]
    assert "the other cells of the merge are read as empty" in note.expected


def test_ids_that_excel_turned_into_dates_are_read_with_one_warning_per_column(tmp_path):
    # typed "3-5" and "4-5" in a General column, Excel stores 3 and 4 May of the current year
    def dated(book):
        book["firms"]["A2"].value = dt.datetime(2026, 5, 3)
        book["firms"]["A3"].value = dt.datetime(2026, 5, 4)

    tables, _ = xlsx.read_workbook(book(tmp_path, dated), "data.xlsx")
    firms = tables["firms"]
    assert list(firms.frame["firm_id"][:2]) == ["2026-05-03", "2026-05-04"]
    [note] = [n for n in firms.notes if n.column == "firm_id"]
    assert (note.row, note.value, note.severity) == (2, "2026-05-03", "warning")
    assert "rows 2 and 3 of this column as dates (2026-05-03, ...)" in note.expected
    assert "format the column as Text" in note.expected

    # a date in a column that is not an id (a firm's name) is text like any other
    def named(book):
        book["firms"]["B2"].value = dt.datetime(2026, 5, 3)

    assert not xlsx.read_workbook(book(tmp_path, named), "data.xlsx")[0]["firms"].notes


def test_header_problems_name_the_header_row_below_a_title(tmp_path):
    # two rows above the header (a title, then a blank row), and a required header mistyped
    width = len(corpus.base_tables()["firms"][0])

    def titled(book):
        sheet = book["firms"]
        column = next(c for c in range(1, width + 1) if sheet.cell(1, c).value == "workforce")
        sheet.cell(1, column).value = "Jumlah pekerja"
        sheet.insert_rows(1, 2)
        sheet["A1"].value = "Data IKM Kota Contoh 2025"

    from ikmpolicy.validation import load_dataset

    report = load_dataset(book(tmp_path, titled)).report
    [missing] = [p for p in report.problems if "[firms]" in p.location and p.column == "workforce"]
    [ignored] = [
        p
        for p in report.problems
        if "[firms]" in p.location and p.column == "Jumlah pekerja"  # as typed
    ]
    assert missing.row == ignored.row == 3


def _set(book, sheet: str, key: str, values: dict) -> int:
    """Set cells of the row whose first cell is ``key``; return its row number."""
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    [row] = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == key]
    for column, value in values.items():
        ws.cell(row, header.index(column) + 1).value = value
    return row


def test_an_excel_date_in_a_month_precision_cell_is_read_as_its_month(tmp_path, capsys):
    """Excel stores "Mei 2025" typed in a date cell as 1 May 2025: read as 2025-05 without a
    word; another day is read as its month with a warning naming the cell (the day dropped);
    a year-precision cell keeps the year with a warning. Through ``ikmpolicy validate`` and
    the dataset loader, as a user's workbook goes."""
    from ikmpolicy.cli import main
    from ikmpolicy.validation import load_dataset

    rows = {}

    def dated(book):
        month = {"due_precision": "month"}
        rows["first"] = _set(
            book, "commitments", "cm-003", month | {"due_date": dt.datetime(2025, 5, 1)}
        )
        rows["day"] = _set(
            book, "commitments", "cm-005", month | {"due_date": dt.datetime(2025, 5, 17)}
        )
        rows["year"] = _set(
            book,
            "commitments",
            "cm-006",
            {"due_precision": "year", "due_date": dt.date(2026, 3, 1)},
        )
        rows["session"] = _set(
            book,
            "fgd_sessions",
            "studi-tiru-bandung-2025-10",
            {"date_precision": "month", "date": dt.datetime(2025, 10, 1)},
        )

    path = book(tmp_path, dated)
    ds = load_dataset(path)
    due = ds["commitments"].set_index("commitment_id")["due_date"]
    assert (due["cm-003"], due["cm-005"], due["cm-006"]) == ("2025-05", "2025-05", "2026")
    assert ds["fgd_sessions"].set_index("session_id").loc["studi-tiru-bandung-2025-10", "date"] == (
        "2025-10"
    )
    dates = [p for p in ds.report.problems if p.column in ("due_date", "date")]
    assert [(p.location, p.row, p.value, p.severity) for p in dates] == [
        ("data.xlsx [commitments]", rows["day"], "2025-05-17", "warning"),
        ("data.xlsx [commitments]", rows["year"], "2026-03-01", "warning"),
    ]
    assert "read as 2025-05 (the day dropped" in dates[0].expected
    assert "read as 2026 (the month and day dropped" in dates[1].expected
    assert ds.report.counts["commitments"].rejected == 0
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"data.xlsx [commitments], row {rows['day']}, column 'due_date'" in out
    assert "left empty" not in out
