"""Reading CSV files and folders (what is accepted, what is refused and how); published
matrices; atomic writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikmpolicy.io import (
    CELL_LIMIT,
    DataSourceError,
    FileTooLargeError,
    UnreadableFileError,
    WrongFileTypeError,
    canonical_header,
    decode_text,
    detect_delimiter,
    header_index,
    parse_fraction,
    parse_number,
    parse_rupiah,
    read_csv_table,
    read_dataset,
    read_tables,
    rows_text,
    sniff,
    table_of_name,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "cilegon"


def test_read_matrix_csv(tmp_path):
    from ikmpolicy.io import read_matrix_csv

    path = tmp_path / "m.csv"
    path.write_text("c,a,b\na,1,1/3\nb,3,1\n", encoding="utf-8")
    m = read_matrix_csv(path)
    assert m.loc["a", "b"] == pytest.approx(1 / 3) and m.loc["b", "a"] == 3
    path.write_text("c,a,b\na,1,tiga\nb,3,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 2, column 'b': found 'tiga'"):
        read_matrix_csv(path)
    path.write_text("c,a,b\nb,1,3\na,1/3,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="same order"):
        read_matrix_csv(path)


def test_write_atomic_replaces_whole_files_readable_by_others(tmp_path):
    import stat

    from ikmpolicy.io import write_atomic

    target = write_atomic(tmp_path / "sub" / "a.txt", "satu")
    write_atomic(target, b"dua")
    assert target.read_bytes() == b"dua"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]  # no temporary file left
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


# -- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,5", 3.5),
        ("3.5", 3.5),
        (",5", 0.5),
        ("-2,25", -2.25),
        ("4.293.000", 4_293_000.0),
        ("1.234,5", 1234.5),
        ("4,293,000", 4_293_000.0),
        ("1,234.5", 1234.5),
        ("1.234", 1.234),
        ("12", 12.0),
        ("1e3", 1000.0),
        ("1,234", None),
        ("1.2.3", None),
        ("inf", None),
        ("nan", None),
        ("1_000", None),
        ("3,5,1", None),
        ("tiga", None),
        ("", None),
    ],
)
def test_the_number_rule(text, value):
    assert parse_number(text) == value


def test_a_lone_three_digit_group_is_ambiguous_where_the_column_groups_with_dots():
    assert parse_number("1.234") == 1.234
    assert parse_number("1.234", dot_groups=True) is None
    assert parse_number("1.5", dot_groups=True) == 1.5


@pytest.mark.parametrize("text", ["0,125", "0.125", "-0,500", "0,333"])
def test_a_decimal_below_one_is_not_ambiguous(text):
    # no thousand is written with a leading 0, so "0,125" (how Excel in Indonesia writes a
    # weight of 0.125 to a CSV file, or keeps one typed into a Text cell) can only be a decimal
    expected = float(text.replace(",", "."))
    assert parse_number(text) == expected
    assert parse_number(text, dot_groups=True) == expected
    assert parse_fraction(text) == expected


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_thousands_grouped_by_spaces_are_read(space):
    # Excel in several locales groups thousands with a no-break space
    assert parse_number(f"1{space}500{space}000") == 1_500_000
    assert parse_number(f"1{space}234,5") == 1234.5
    assert parse_number(f"12{space}34") is None  # not groups of three


def _eyd_rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**13))
def test_an_amount_written_as_eyd_writes_rupiah_reads_back(amount):
    """Property: "Rp1.500", "Rp316.800.000" (EYD: dots group thousands after Rp) read back as
    the amount, with or without a space after Rp, and grouped by spaces."""
    assert parse_rupiah(_eyd_rupiah(amount)) == amount
    assert parse_rupiah(_eyd_rupiah(amount).replace("Rp", "Rp ")) == amount
    assert parse_rupiah(f"{amount:,}".replace(",", "\u00a0")) == amount
    # the offices' "Rp600.000,-" (no sen)
    assert parse_rupiah(_eyd_rupiah(amount).replace("Rp", "Rp ") + ",-") == amount


@given(
    st.decimals(min_value=0, max_value=999, places=1, allow_nan=False),
    st.sampled_from(["ribu", "rb", "juta", "jt", "jt.", "miliar", "milyar", "Triliun"]),
    st.booleans(),
)
def test_an_amount_with_a_scale_word_is_the_number_times_its_power_of_a_thousand(
    value, scale, prefixed
):
    power = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12}
    power |= {"rb": 1e3, "jt": 1e6, "jt.": 1e6}  # the usual abbreviations
    text = ("Rp" if prefixed else "") + f"{value:.1f}".replace(".", ",") + " " + scale
    assert parse_rupiah(text) == pytest.approx(float(value) * power[scale.lower()])


@given(
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([("juta", 10**6), ("jt", 10**6), ("miliar", 10**9), ("rb", 10**3)]),
)
def test_an_amount_with_a_scale_word_is_exact_in_rupiah(whole, hundredths, scale):
    """Property: "Rp2,01 juta" is 2,010,000 rupiah, not 2009999.9999999998 (the decimal times
    the power of a thousand in floating point), which reached the recommendations' costs."""
    word, power = scale
    text = f"Rp{whole},{hundredths:02d} {word}"
    assert parse_rupiah(text) == (whole * 100 + hundredths) * power // 100
    assert parse_rupiah("Rp2,01 juta") == 2_010_000
    assert parse_rupiah("1,07 miliar") == 1_070_000_000
    assert parse_rupiah("Rp 0,0314 miliar") == 31_400_000


@pytest.mark.parametrize(
    "text",
    ["sejuta", "Rp", "1.200 juta", "Rp1,500", "Rp 1.2.3", "500 dolar", "juta 5", "Rp-"]
    + ["Rp4,3 M", "350 m", "2 T", "Rp1,5M."],
)
def test_an_amount_that_could_be_misread_is_refused(text):
    # "1.200 juta": 1.2 or 1,200 million? "Rp1,500": 1.5 or 1,500? "4,3 M": miliar to an
    # Indonesian reader, million to an English one. Refused, as in the data
    assert parse_rupiah(text) is None


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False))
def test_a_decimal_comma_reads_like_a_decimal_point(value):
    """Property: any number written with a decimal comma reads as the same number with a point,
    unless the comma is followed by exactly three digits (refused as ambiguous)."""
    text = f"{value:.2f}"
    assert parse_number(text) == pytest.approx(float(text))
    assert parse_number(text.replace(".", ",")) == pytest.approx(float(text))


@pytest.mark.parametrize(
    ("text", "value"), [("1/3", 1 / 3), ("3", 3.0), ("0,5", 0.5), ("1/0", None), ("a/b", None)]
)
def test_fractions(text, value):
    result = parse_fraction(text)
    assert result == (pytest.approx(value) if value is not None else None)


# -- text, separators, headers --------------------------------------------------------------


def test_encodings():
    assert decode_text("é".encode(), "a.csv") == ("é", None)
    assert decode_text(b"\xef\xbb\xbfx", "a.csv") == ("x", None)
    assert decode_text("x,é".encode("utf-16"), "a.csv") == ("x,é", None)
    text, note = decode_text("Cilegón".encode("cp1252"), "a.csv")
    assert text == "Cilegón" and note.severity == "warning" and "0xf3 on line 1" in note.expected
    text, note = decode_text(b"a\x81b", "a.csv")  # undefined in cp1252: Latin-1 then
    assert text == "a\x81b" and "Latin-1" in note.expected


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b;c\n", ","),
        ("a;b;c\n1,5;2;3\n", ";"),
        ("a\tb\tc\n", "\t"),
        ("\n\na;b\n", ";"),
        ("one\n", ","),
    ],
)
def test_the_header_line_decides_the_separator(text, delimiter):
    assert detect_delimiter(text) == delimiter


def test_headers_lose_invisible_characters_and_case():
    assert canonical_header("\ufeffFirm_ID\u200b ") == "firm_id"
    assert canonical_header("owner\u00a0 phone") == "owner phone"
    assert canonical_header("\u200efirm_id\u202c") == "firm_id"  # bidirectional marks
    assert table_of_name("FGD-Sessions") == "fgd_sessions" and table_of_name("x") is None


def test_row_lists_name_each_row_up_to_a_bound():
    assert rows_text([]) == "no rows" and rows_text([5]) == "row 5"
    assert rows_text([3, 5]) == "rows 3 and 5" and rows_text([3, 4]) == "rows 3 and 4"
    assert rows_text([2, 3, 6, 7, 8]) == "rows 2, 3 and 6–8"
    # a block of rows is named whole, however long (it was "rows 2, ..., 11 and 104 more")
    assert rows_text(range(2, 116)) == "rows 2–115"
    assert rows_text([*range(69, 79), *range(79, 85)]) == "rows 69–84"
    assert rows_text([9, 2, 3, 4]) == "rows 9 and 2–4"  # in the order given
    scattered = range(2, 40, 2)
    assert rows_text(scattered) == "rows 2, 4, 6, 8, 10, 12, 14, 16, 18, 20 and 9 more"
    assert rows_text([4, 9, 12], limit=2) == "rows 4, 9 and 1 more"
    assert rows_text([*range(1, 6), 8, *range(20, 30)], limit=2) == "rows 1–5, 8 and 10 more"


@given(st.lists(st.integers(1, 60), min_size=1, max_size=40, unique=True))
def test_a_row_list_without_a_limit_names_every_row_once(rows):
    text = rows_text(sorted(rows), limit=len(rows))
    named = []
    for part in re.split(r", | and ", text.removeprefix("rows ").removeprefix("row ")):
        low, _, high = part.partition("–")
        named += range(int(low), int(high or low) + 1)
    assert named == sorted(rows)


def test_a_title_above_the_header_is_recognised():
    assert header_index([["Data IKM Kota Contoh"], ["firm_id", "kbli", "x"]], "firms") == 1
    assert header_index([["judul"], ["nama"], ["lain"]], "firms") == 0  # no header found: row 1


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"PK\x03\x04....", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
        (b"%PDF-1.7", "pdf"),
        (b"\x89PNG\r\n", "image"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"<?xml version", "xml"),
        (b"a\x00b\x00", "binary"),
        (b"\xff\xfea\x00", "text"),
        (b"firm_id,kbli\n", "text"),
    ],
)
def test_sniffing_says_what_a_file_is(head, kind):
    assert sniff(head)[0] == kind


# -- one CSV file ---------------------------------------------------------------------------


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_rows_are_spreadsheet_rows_and_lines_are_kept_where_they_differ(tmp_path):
    path = write(tmp_path, "sub_sectors.csv", 'sub_sector,label_id\na,"dua\nbaris"\n\nb,x\n')
    raw = read_csv_table(path, "sub_sectors")
    assert raw.frame["_row"].tolist() == [2, 4]
    assert raw.blank_rows == (3,)
    assert raw.lines == {3: 4, 4: 5}  # row 4 is on line 5 of a text editor
    assert raw.location == "sub_sectors.csv"


def test_a_unicode_line_separator_does_not_split_a_row(tmp_path):
    path = write(tmp_path, "sub_sectors.csv", "sub_sector,label_id\na,x\u2028y\nb,z\n")
    raw = read_csv_table(path, "sub_sectors")
    assert raw.frame["label_id"].tolist() == ["x\u2028y", "z"]


def test_cells_beyond_the_limit_are_marked_not_fatal(tmp_path):
    long = "x" * (CELL_LIMIT + 1)
    path = write(tmp_path, "sub_sectors.csv", f"sub_sector,label_id\na,{long}\nb,ok\n")
    raw = read_csv_table(path, "sub_sectors")
    bad = raw.bad_cells[(2, "label_id")]
    assert f"{CELL_LIMIT:,}" in bad.expected and not bad.force_error
    assert len(bad.shown) < 100  # the value shown is cut, with its length said
    assert raw.frame["sub_sector"].tolist() == ["a", "b"]


def test_an_unclosed_quote_is_caught_in_the_middle_and_at_the_end(tmp_path):
    middle = write(tmp_path, "a.csv", 'k,t,s\n1,"open,x\n2,a,b\n3,c,d\n4,close" here,y\n5,e,f\n')
    raw = read_csv_table(middle, "statements")
    bad = raw.bad_cells[(2, "t")]
    assert bad.force_error and "closed only 3 line(s) later, so 2 line(s)" in bad.expected
    assert raw.frame["_row"].tolist() == [2, 3]  # rows 2 to 5 of the text are one record
    end = write(tmp_path, "b.csv", 'k,t,s\n1,a,b\n2,"never closed,x\n')
    raw = read_csv_table(end, "statements")
    assert "never closed" in raw.bad_cells[(3, "t")].expected


def test_shifted_rows_remember_the_values_that_may_be_personal(tmp_path):
    text = (SAMPLE / "firms.csv").read_text(encoding="utf-8").splitlines()
    text[1] = text[1].replace("UD Baja Sejahtera", "UD Baja, Sejahtera")
    path = write(tmp_path, "firms.csv", "\n".join(text) + "\n")
    raw = read_csv_table(path, "firms")
    shift, hidden = raw.shifted[2]
    assert shift == 1
    assert "Dedi Pratama" in hidden and "+62 800-0000-3924" in hidden


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"PK\x03\x04rest", WrongFileTypeError, "zip archive"),
        (b"%PDF-1.4", WrongFileTypeError, "PDF"),
        (b"", DataSourceError, "empty"),
        (b"\n\n,,,\n", DataSourceError, "empty"),
    ],
)
def test_files_that_are_not_tables(tmp_path, content, error, words):
    path = write(tmp_path, "firms.csv", content)
    with pytest.raises(error, match=words):
        read_csv_table(path, "firms")


def test_os_refusals_name_the_file(tmp_path):
    folder = tmp_path / "firms.csv"
    folder.mkdir()
    with pytest.raises(UnreadableFileError, match="firms.csv: a folder"):
        read_csv_table(folder, "firms")
    link = tmp_path / "sources.csv"
    link.symlink_to(tmp_path / "gone.csv")
    with pytest.raises(UnreadableFileError, match="a link to a file that does not exist"):
        read_csv_table(link, "sources")
    device = tmp_path / "helix_models.csv"
    device.symlink_to("/dev/null")
    with pytest.raises(UnreadableFileError, match="not a regular file"):
        read_csv_table(device, "helix_models")


def test_a_file_beyond_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import ikmpolicy.io as io_module

    path = write(tmp_path, "firms.csv", "firm_id\n" + "x\n" * 100)
    monkeypatch.setattr(io_module, "CSV_MAX_BYTES", 50)
    with pytest.raises(FileTooLargeError, match="the limit is 50 bytes"):
        read_csv_table(path, "firms")


# -- folders --------------------------------------------------------------------------------


def test_a_folder_reads_tables_by_name_and_says_what_it_does_not_read(tmp_path):
    (tmp_path / "Sub Sectors.csv").write_bytes((SAMPLE / "sub_sectors.csv").read_bytes())
    (tmp_path / "catatan.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / ".hidden.csv").write_text("a\n", encoding="utf-8")
    tables, files, notes = read_dataset(tmp_path)
    assert list(tables) == ["sub_sectors"]
    assert [f.path for f in files] == ["Sub Sectors.csv"]  # relative: no absolute path
    assert [n.location for n in notes] == ["catatan.csv"]


def test_two_files_for_one_table(tmp_path):
    (tmp_path / "sub_sectors.csv").write_bytes((SAMPLE / "sub_sectors.csv").read_bytes())
    (tmp_path / "SUB_SECTORS.csv").write_bytes((SAMPLE / "sub_sectors.csv").read_bytes())
    tables, _, notes = read_dataset(tmp_path)
    assert tables["sub_sectors"].location == "sub_sectors.csv"
    [note] = notes
    assert note.severity == "error" and note.location == "SUB_SECTORS.csv"


def test_folders_without_tables_and_single_files(tmp_path):
    with pytest.raises(DataSourceError, match="no such file"):
        read_tables(tmp_path / "nowhere")
    with pytest.raises(DataSourceError, match="no table found"):
        read_tables(tmp_path)
    (tmp_path / "data.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(DataSourceError, match="give its path"):
        read_tables(tmp_path)
    with pytest.raises(DataSourceError, match="pass the folder"):
        read_tables(SAMPLE / "firms.csv")
    old = write(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(WrongFileTypeError, match="save it as 'Excel Workbook"):
        read_tables(old)
    ods = write(tmp_path, "data.ods", b"PK\x03\x04")
    with pytest.raises(WrongFileTypeError, match="OpenDocument"):
        read_tables(ods)


def test_blank_lines_at_the_end_of_a_file_are_not_gaps(tmp_path):
    path = write(tmp_path, "sub_sectors.csv", "sub_sector,label_id\na,x\n,\nb,y\n\n\n,,\n")
    raw = read_csv_table(path, "sub_sectors")
    assert raw.blank_rows == (3,) and raw.frame["_row"].tolist() == [2, 4]
