"""One table's headers, cells and key; what a problem does; personal data never shown."""

from __future__ import annotations

import pytest

from ikmpolicy.validation import HIDDEN_PERSONAL, HIDDEN_SHIFTED, load_dataset
from tests.conftest import edit_csv


def problems(ds, table: str, row: int | None = None, column: str | None = None):
    return [
        p
        for p in ds.report.problems
        if p.location == f"{table}.csv"
        and (row is None or p.row == row)
        and (column is None or p.column == column)
    ]


def test_an_error_in_an_optional_cell_blanks_it_and_keeps_the_row(data_copy):
    edit_csv(data_copy / "firms.csv", 3, "capacity_yearly", "banyak")
    ds = load_dataset(data_copy)
    [p] = problems(ds, "firms", 3, "capacity_yearly")
    assert p.severity == "warning" and p.value == "banyak" and "left empty" in p.expected
    firm = ds["firms"].set_index("_row").loc[3]
    assert firm["firm_id"] == "IKM-002" and firm.isna()["capacity_yearly"]
    assert ds.report.counts["firms"].rejected == 0 and ds.report.ok


def test_an_error_in_a_required_cell_rejects_the_row(data_copy):
    edit_csv(data_copy / "firms.csv", 3, "district", "")
    ds = load_dataset(data_copy)
    [p] = problems(ds, "firms", 3, "district")
    assert p.severity == "error" and "the cell is empty" in p.expected
    assert "IKM-002" not in set(ds["firms"]["firm_id"])


def test_a_personal_value_is_never_shown_even_in_another_column(data_copy):
    edit_csv(data_copy / "firms.csv", 2, "workforce", "+62 800-0000-3924")  # the row's own phone
    edit_csv(data_copy / "firms.csv", 4, "district", "")
    ds = load_dataset(data_copy)
    [p] = problems(ds, "firms", 2, "workforce")
    assert p.value == HIDDEN_PERSONAL
    assert "3924" not in ds.report.summary()


def test_a_shifted_row_hides_what_may_come_from_a_personal_column(data_copy):
    path = data_copy / "firms.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("PT Prima Makmur", "PT Prima, Makmur")  # row 3, unquoted comma
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = load_dataset(data_copy)
    [shift] = [p for p in problems(ds, "firms", 3) if p.column is None]
    assert shift.severity == "error" and "1 cell(s) more than the header" in shift.expected
    [synthetic] = problems(ds, "firms", 3, "synthetic")  # the phone landed here
    assert synthetic.value == HIDDEN_SHIFTED
    text = ds.report.summary()
    assert "9354" not in text and "Ujang" not in text
    assert "IKM-002" not in set(ds["firms"]["firm_id"])


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Label ID\u200b", "\\u200b"),  # an invisible character
        ("Label ID:", "'Label ID:'"),  # a form's label, with its colon, shown as typed
    ],
)
def test_headers_are_matched_loosely_with_a_warning(data_copy, typed, shown):
    path = data_copy / "sub_sectors.csv"
    text = path.read_text(encoding="utf-8").replace("label_id", typed, 1)
    path.write_text(text, encoding="utf-8")
    ds = load_dataset(data_copy)
    [p] = problems(ds, "sub_sectors", 1, "label_id")
    assert p.severity == "warning" and shown in p.value
    assert ds.report.ok and ds["sub_sectors"]["label_id"].iloc[0] == "Baja ringan"


def test_a_header_typed_in_capitals_is_read_as_its_column_without_a_word(data_copy):
    path = data_copy / "sub_sectors.csv"
    text = path.read_text(encoding="utf-8").replace("label_id", "Label_ID", 1)
    path.write_text(text, encoding="utf-8")
    ds = load_dataset(data_copy)
    assert problems(ds, "sub_sectors") == []
    assert ds["sub_sectors"]["label_id"].iloc[0] == "Baja ringan"


def test_an_unknown_header_is_named_as_it_was_typed(data_copy):
    # it was named lower-cased ('tanggal catat'), which the user searching the sheet won't find
    path = data_copy / "commitments.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",Tanggal Catat", *(line + "," for line in lines[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = load_dataset(data_copy)
    [p] = problems(ds, "commitments", 1)
    assert p.column == "Tanggal Catat" and "a known column; this one is ignored" in p.expected


def test_a_header_with_bidirectional_marks_is_read_as_its_column(data_copy):
    # pasted from right-to-left text or a web page, a header can carry invisible direction marks
    path = data_copy / "firms.csv"
    text = path.read_text(encoding="utf-8").replace("firm_id", "\u200efirm_id\u2069", 1)
    path.write_text(text, encoding="utf-8")
    ds = load_dataset(data_copy)
    [p] = problems(ds, "firms", 1)
    assert p.column == "firm_id" and p.severity == "warning" and "\\u200e" in p.value
    assert ds.report.ok and ds.report.counts["firms"].rejected == 0
    assert ds["firms"]["firm_id"].iloc[0] == "IKM-001"


def test_example_rows_are_skipped_and_counted(data_copy):
    path = data_copy / "sub_sectors.csv"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("CONTOH-subsektor,Contoh,Example,25999,logam\n")
    ds = load_dataset(data_copy)
    counts = ds.report.counts["sub_sectors"]
    assert counts.examples == 1 and counts.read == 4 and counts.rejected == 0
    assert "CONTOH-subsektor" not in set(ds["sub_sectors"]["sub_sector"])
    [p] = problems(ds, "sub_sectors")
    assert p.severity == "warning" and "example row" in p.expected


def test_two_empty_keys_are_two_empty_cells_not_a_crash(data_copy):
    edit_csv(data_copy / "firms.csv", 2, "firm_id", "")
    edit_csv(data_copy / "firms.csv", 3, "firm_id", "")
    ds = load_dataset(data_copy)
    assert {p.row for p in problems(ds, "firms", column="firm_id")} == {2, 3}
    assert not [p for p in problems(ds, "firms") if "unique" in p.expected]


def test_long_values_are_cut_in_messages(data_copy):
    edit_csv(data_copy / "firms.csv", 2, "workforce", "9" * 500)
    ds = load_dataset(data_copy)
    [p] = problems(ds, "firms", 2, "workforce")
    assert len(p.value) < 120 and "(500 characters)" in p.value


def test_control_characters_are_removed_with_a_warning_and_alone_leave_a_cell_empty(data_copy):
    edit_csv(data_copy / "firms.csv", 2, "business_name", "PT \u202eAbadi\u202c Jaya")
    edit_csv(data_copy / "firms.csv", 3, "district", "\u200e\u202e")  # required: nothing typed
    ds = load_dataset(data_copy)
    [note] = problems(ds, "firms", 2, "business_name")
    assert note.severity == "warning" and "U+202C, U+202E removed" in note.expected
    assert ds["firms"].set_index("_row").at[2, "business_name"] == "PT Abadi Jaya"
    district = problems(ds, "firms", 3, "district")
    assert [p.severity for p in district] == ["warning", "error"]
    assert "the cell is empty" in district[1].expected
