"""Reading typed values a column at a time: the fast path and the per-cell rules agree."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikmpolicy.schema import Column
from ikmpolicy.validation.cells import (
    CONTROLS,
    parse_column,
    parse_date,
    remove_controls,
    remove_text_marks,
)

MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def column(kind: str, **kw) -> Column:
    return Column("x", kind, **kw)


def texts(*values: str) -> np.ndarray:
    return np.array(values, dtype=object)


def test_numbers_fast_and_slow():
    parsed = parse_column(column("float"), texts("3.5", "3,5", "", "4.293.000", "x", "inf"))
    assert parsed.values[:2].tolist() == [3.5, 3.5]
    assert np.isnan(parsed.values[2]) and parsed.values[3] == 4_293_000
    assert [k for k, _, _ in parsed.bad] == [4, 5]


def test_whole_numbers_refuse_fractions():
    parsed = parse_column(column("int"), texts("12", "12.0", "12.5", "12,5"))
    assert parsed.values[:2].tolist() == [12, 12]
    assert [k for k, _, _ in parsed.bad] == [2, 3]


def test_a_column_grouping_thousands_with_dots_makes_a_lone_group_ambiguous():
    parsed = parse_column(column("float"), texts("4.293.000", "1.500", "2.5"))
    assert [k for k, _, _ in parsed.bad] == [1]
    assert "ambiguous" in parsed.bad[0][2]
    assert parsed.values[2] == 2.5


def test_a_decimal_below_one_is_read_where_the_column_groups_with_dots():
    # weights saved by Excel in Indonesia ("0,125") and pairwise judgements typed in a Text
    # column ("0,333" for 1/3) were refused as "a decimal or thousands", though no thousand
    # starts with 0
    parsed = parse_column(column("float"), texts("4.293.000", "0.480", "0,125"))
    assert not parsed.bad and parsed.values.tolist() == [4_293_000, 0.48, 0.125]
    fraction = parse_column(column("fraction"), texts("0,333", "0.500"), held_as_text=(1,))
    assert not fraction.bad and fraction.values.tolist() == [0.333, 0.5]


def test_a_rupiah_column_reads_amounts_as_people_write_them():
    col = Column("revenue_idr", "float", min=0, rupiah=True)
    parsed = parse_column(
        col, texts("Rp 600.000.000", "Rp1,2 miliar", "350 juta", "1\u00a0500\u00a0000", "sejuta")
    )
    assert parsed.values[:4].tolist() == [600_000_000, 1_200_000_000, 350_000_000, 1_500_000]
    assert [k for k, _, _ in parsed.bad] == [4]
    assert "Rp1,2 miliar" in parsed.bad[0][2]  # the message shows how an amount may be written
    # an ambiguous amount is called so, as an ambiguous number is
    ambiguous = parse_column(col, texts("1.200 juta", "Rp1,500")).bad
    assert [k for k, _, _ in ambiguous] == [0, 1]
    assert all("could mean a decimal or thousands" in why for _, _, why in ambiguous)
    # the offices' ",-" and "jt" are read; a single letter is refused, and the message says why
    parsed = parse_column(col, texts("Rp 4.293.000.000,-", "350 jt", "Rp 4,3 M"))
    assert parsed.values[:2].tolist() == [4_293_000_000, 350_000_000]
    assert [k for k, _, _ in parsed.bad] == [2] and "miliar or million" in parsed.bad[0][2]
    # a column of plain numbers does not take currency or scale words
    assert [k for k, _, _ in parse_column(column("float"), texts("Rp5", "5 juta")).bad] == [0, 1]


def test_a_lone_dot_group_in_rupiah_is_ambiguous_without_other_groups_in_the_column():
    # a unit cost typed 850.000 (Rp850 ribu) among plain numbers was read as Rp850: a rupiah
    # amount has no third decimal, so the dot can only be a thousands mark or a mistake
    col = Column("unit_cost_idr", "float", min=0, rupiah=True)
    parsed = parse_column(col, texts("850.000", "1700000", "Rp850.000", "12.5"))
    assert [k for k, _, _ in parsed.bad] == [0]
    assert "ambiguous: 850 or 850000 rupiah? Write Rp850.000" in parsed.bad[0][2]
    assert parsed.values[1:].tolist() == [1_700_000, 850_000, 12.5]
    # a plain number column keeps reading it with a decimal point
    assert parse_column(column("float"), texts("850.000", "3")).values.tolist() == [850, 3]


def test_booleans():
    parsed = parse_column(column("bool"), texts("ya", "TIDAK", "True", "0", "mungkin", ""))
    assert parsed.values.tolist() == [True, False, True, False, None, None]
    assert [k for k, _, _ in parsed.bad] == [4]
    # "Sudah punya NIB?" is answered sudah/belum (already / not yet)
    assert parse_column(column("bool"), texts("Sudah", "belum")).values.tolist() == [True, False]


def test_lists_and_urls():
    assert parse_column(column("list"), texts("a; b;;", "")).values.tolist() == [("a", "b"), ()]
    parsed = parse_column(column("url"), texts("https://x.id/a", "www.x.id"))
    assert parsed.values.tolist() == ["https://x.id/a", None] and parsed.bad[0][0] == 1


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025-03-10", dt.date(2025, 3, 10)),
        ("2025/3/10", dt.date(2025, 3, 10)),
        ("10/03/2025", dt.date(2025, 3, 10)),
        ("10-3-2025", dt.date(2025, 3, 10)),
        ("10.03.2025", dt.date(2025, 3, 10)),
        ("10 Maret 2025", dt.date(2025, 3, 10)),
        ("10 Mar 2025", dt.date(2025, 3, 10)),
        ("1 Agustus 2025", dt.date(2025, 8, 1)),
        ("45726", dt.date(2025, 3, 10)),
        ("2025-03-10 00:00:00", dt.date(2025, 3, 10)),
        # as letters write them
        ("Senin, 10 Maret 2025", dt.date(2025, 3, 10)),
        ("Jum'at 14 Maret 2025", dt.date(2025, 3, 14)),
        ("Monday, 10/03/2025", dt.date(2025, 3, 10)),
        ("10 Nopember 2025", dt.date(2025, 11, 10)),
        ("10  Maret   2025", dt.date(2025, 3, 10)),
    ],
)
def test_dates_that_are_read(text, date):
    assert parse_date(text)[0] == date


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2025-02-30", "no such day"),
        ("31/02/2025", "no such day"),
        ("10/03/25", "four-digit"),
        ("10 Maretz 2025", "month name"),
        ("12345", None),
        ("kemarin", None),
    ],
)
def test_dates_that_are_refused(text, why):
    date, message = parse_date(text)
    assert date is None
    assert (message is None) if why is None else (why in message)


def test_serial_numbers_and_times_are_read_with_a_warning():
    assert "Excel date 2025-03-10" in parse_date("45726")[1]
    date, message = parse_date("2025-03-10 14:30")
    assert date == dt.date(2025, 3, 10) and "time of day" in message
    # typed as text with a time, as Excel shows a date and time in Indonesia
    date, message = parse_date("10/03/2025 09.30")
    assert date == dt.date(2025, 3, 10) and "time of day; read as 2025-03-10" in message
    assert parse_date("10/03/2025 00:00") == (dt.date(2025, 3, 10), None)
    # an Excel date-time with fractions of a second (a NOW() saved as a value), as a workbook
    # cell's text gives it: read as its day, not refused as "not a date"
    date, message = parse_date("2025-03-10 14:30:12.345000")
    assert date == dt.date(2025, 3, 10) and "without a time of day" in message
    assert parse_date("2025-03-10 00:00:00.000500") == (dt.date(2025, 3, 10), None)
    date, message = parse_date("03/13/2025 08:00")  # month-first, and a time: both said
    assert date == dt.date(2025, 3, 13) and "month-first" in message and "time of day" in message


def test_a_month_first_date_makes_dates_that_read_both_ways_ambiguous():
    parsed = parse_column(column("date"), texts("03/10/2025", "13/10/2025", "10/13/2025"))
    assert [k for k, _, _ in parsed.bad] == [0]  # 3 October or 10 March? refused
    assert str(parsed.values[1])[:10] == "2025-10-13"
    assert str(parsed.values[2])[:10] == "2025-10-13"
    assert [k for k, _, _ in parsed.notes] == [2]  # read month-first, with a warning
    alone = parse_column(column("date"), texts("03/10/2025"))
    assert str(alone.values[0])[:10] == "2025-10-03" and not alone.bad  # day first (Indonesia)


def test_partial_dates():
    parsed = parse_column(
        column("partial_date"),
        texts("2025", "2025-05", "2025-13", "15/05/2025", "5/2025", "13/2025"),
    )
    assert parsed.values.tolist() == ["2025", "2025-05", None, "2025-05-15", "2025-05", None]
    assert [k for k, _, _ in parsed.bad] == [2, 5]


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_spelling_of_a_date_reads_the_same(date):
    """Property: ISO, DD/MM/YYYY, words and the Excel serial number of a date all read as it."""
    serial = (date - dt.date(1899, 12, 30)).days
    month = MONTHS_ID[date.month - 1]
    spellings = [
        date.isoformat(),
        date.strftime("%d/%m/%Y"),
        date.strftime("%d-%m-%Y"),
        f"{date.day} {month} {date.year}",
        str(serial),
    ]
    for text in spellings:
        assert parse_date(text)[0] == date, text


@given(st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), max_size=30))
def test_the_fast_path_reads_what_python_reads(values):
    """Property: plainly written numbers come out exactly as Python reads them."""
    written = texts(*[repr(v) for v in values])
    parsed = parse_column(column("float"), written)
    assert parsed.bad == []
    assert parsed.values.tolist() == [float(t) for t in written]


def test_control_characters_are_removed_with_a_warning_naming_them():
    # a right-to-left override would show "Rp 100" as "001 pR" in the brief; a bell character
    # cannot be written to a DOCX (python-docx refuses strings that are not XML-compatible)
    cleaned, notes = remove_controls(
        texts("Rp 100 \u202ejuta\u202c", "a\x07b", "plain", "\u200fmark", "\u2066\u2069")
    )
    assert cleaned.tolist() == ["Rp 100 juta", "ab", "plain", "mark", ""]
    assert [(k, shown) for k, shown, _ in notes] == [
        (0, "Rp 100 juta"),
        (1, "ab"),
        (3, "mark"),
        (4, ""),
    ]
    assert "U+202C, U+202E removed (bidirectional formatting can" in notes[0][2]
    assert "U+0007 removed (a control character cannot be printed)" in notes[1][2]


def test_zero_width_characters_are_removed_with_a_warning():
    """Pasted from a web page or a chat, a zero-width space or a byte-order mark is invisible in
    Excel but made the id another id and the number not a number."""
    cleaned, notes = remove_controls(texts("IKM-001\u200b", "\ufeff12", "a\u2060b", "👨\u200d🔧"))
    assert cleaned.tolist() == ["IKM-001", "12", "ab", "👨\u200d🔧"]  # the joiner of an emoji stays
    assert [k for k, _, _ in notes] == [0, 1, 2]
    assert "U+200B removed (a zero-width character" in notes[0][2]
    assert parse_column(column("int"), cleaned[1:2]).values.tolist() == [12]


def test_an_apostrophe_before_a_typed_value_is_removed_with_a_warning():
    """Excel's text mark ('20) typed into a file: the value is read without it, in number, date
    and yes/no columns; a text column keeps it, and an apostrophe alone is left to be refused."""
    marked = texts("'20", "\u2019 7", "21", "'", "")
    cleaned, notes = remove_text_marks(column("int"), marked)
    assert cleaned.tolist() == ["20", "7", "21", "'", ""]
    assert [(k, shown) for k, shown, _ in notes] == [(0, "'20"), (1, "\u2019 7")]
    assert "apostrophe" in notes[0][2]
    assert parse_column(column("int"), cleaned[:3]).values.tolist() == [20, 7, 21]
    for kind, typed, read in (("date", "'2025-05-15", "2025-05-15"), ("bool", "'ya", "ya")):
        assert remove_text_marks(column(kind), texts(typed))[0].tolist() == [read]
    assert remove_text_marks(column("str"), texts("'s-Hertogenbosch"))[1] == []


@given(st.text(max_size=40))
def test_no_control_character_survives(text):
    """Property: whatever is typed, no cleaned text holds a control character, and a text
    without one is left as it is."""
    [cleaned], notes = remove_controls(texts(text))
    assert not CONTROLS.search(cleaned)
    assert (cleaned == text) == (not notes) or cleaned == text.strip()


def test_a_weekday_that_disagrees_with_its_date_is_refused():
    date, why = parse_date("Selasa, 10 Maret 2025")  # 10 March 2025 is a Monday
    assert date is None
    assert "Selasa" in why and "2025-03-10 is a Monday" in why


def test_a_month_written_in_words_is_a_partial_date():
    parsed = parse_column(
        column("partial_date"), texts("Mei 2025", "Okt. 2025", "Oktober  2025", "Maretz 2025")
    )
    assert parsed.values.tolist() == ["2025-05", "2025-10", "2025-10", None]
    assert [k for k, _, _ in parsed.bad] == [3]


def test_a_range_of_days_in_one_cell_says_where_its_last_day_goes():
    # "15-16 Mei 2025" is how a two-day FGD is written; the message only asked for a date
    parsed = parse_column(
        column("partial_date"),
        texts("15-16 Mei 2025", "14 s.d. 16 Oktober 2025", "14 – 16/10/2025", "16 Mei 2025"),
    )
    assert parsed.values.tolist() == [None, None, None, "2025-05-16"]
    assert [k for k, _, _ in parsed.bad] == [0, 1, 2]
    for _, _, why in parsed.bad:
        assert "one day" in why and "end_date" in why
    assert "'15-16 Mei 2025' is a range" in parsed.bad[0][2]
