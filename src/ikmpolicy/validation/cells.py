"""Reading the text of a column as typed values, a whole column at a time.

Each type has a fast path that reads the common, plain spelling of a whole column at once (pandas
string and number functions), and a slow path, per cell, for the rest: decimal commas, dates
typed ``DD/MM/YYYY``, Excel serial dates. Both give the same values and the same messages; the
slow path alone decides what is refused. The rules, stated once:

* numbers: see :data:`ikmpolicy.io.NUMBER_RULE` (``3,5`` is 3.5; ``1,234`` is refused as
  ambiguous; where a column writes thousands with dots, a lone ``1.234`` is refused too, and
  in an amount in rupiah, which has no third decimal);
* booleans: true/false, ya/tidak, sudah/belum ("has it a NIB?"), yes/no, y/n, benar/salah,
  1/0 (any case);
* dates: ``YYYY-MM-DD`` (also ``YYYY/MM/DD``); ``DD/MM/YYYY`` with ``/``, ``-`` or ``.``, day
  first as written in Indonesia; ``10 Maret 2025`` or ``10 Mar 2025`` (also ``Nopember``), with
  or without a weekday before it as letters date them (``Senin, 10 Maret 2025``; refused when
  the weekday is not the date's); an Excel date; an Excel serial number (days since
  1899-12-30, 1950 to 2100) with a warning. A month-precision date may be ``Mei 2025``; an
  Excel date in a cell of precision month or year is read to that precision by the
  precision checks (:mod:`.checks`), since a date cell always holds a day. Where a column
  holds a date that can only be month-first (``12/31/2025``), its other dates that could be
  read either way (``03/04/2025``) are refused as ambiguous;
* a time of day other than midnight is dropped from a date, with a warning;
* control characters (:data:`CONTROLS`) are removed from every cell before it is read
  (:func:`remove_controls`), with a warning: bidirectional formatting can make a brief show text
  in another order than was typed (``Rp 100`` shown as ``001 pR``), other control
  characters cannot be written to a DOCX, and a zero-width space pasted after an id makes it
  another id.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ikmpolicy.io import (
    AMBIGUOUS_RUPIAH_LETTER,
    BIDI_CHARS,
    LONE_DOT_GROUP,
    NUMBER_RULE,
    could_be_thousands,
    parse_fraction,
    parse_number,
    parse_rupiah,
    rupiah_number,
    uses_dot_groups,
)
from ikmpolicy.schema import BOOLEAN_FALSE, BOOLEAN_TRUE, Column
from ikmpolicy.xlsx import TYPED_BECAME_DATE

#: a time may carry fractions of a second: an Excel date-time (a NOW() saved as a value) does
_ISO = re.compile(
    r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
)
_DMY = re.compile(
    r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2,4})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$"
)
_WORDS = re.compile(r"^(\d{1,2})[ \-]([A-Za-z]+)\.?[ \-,]+(\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_MONTH_WORD_YEAR = re.compile(r"^([A-Za-z]+)\.?[ \-,]+(\d{4})$")
#: A month name with a two-digit year, as Excel shows a date formatted ``dd-mmm-yy``
#: (``15-Mei-25``) or ``mmm-yy`` (``Mei-25``, what Excel makes of ``2025-05`` in a CSV)
_WORDS_SHORT_YEAR = re.compile(r"^(\d{1,2})[ \-]([A-Za-z]+)\.?[ \-,]+(\d{2})$")
_MONTH_WORD_SHORT_YEAR = re.compile(r"^([A-Za-z]+)\.?[ \-,]+(\d{2})$")
#: Two days in one cell, as a two-day event is written ("15-16 Mei 2025", "14 s.d. 16/10/2025")
_DAY_RANGE = re.compile(
    r"^(\d{1,2})\s*(?:[-\u2013\u2014]|s\.?\s?d\.?|sampai|hingga)\s*(\d{1,2}[ /.\-].+)$",
    re.IGNORECASE,
)
#: A weekday written before a date ("Senin, 10 Maret 2025"), as Indonesian letters date them
_WEEKDAY = re.compile(r"^([A-Za-z']+),?[ ]+(?=\d)")
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
#: A day and a month name without a year (``01-Apr``): how Excel shows ``1/4`` typed in a cell
_DAY_MONTH = re.compile(r"^\d{1,2}[ \-/]([A-Za-z]+)\.?$")
#: A percentage as Excel shows a cell formatted as one (``25%``, ``12,5%``)
_PERCENT = re.compile(r"^([+-]?\d[\d.,]*)\s*%$")
#: a dash alone, after Rp or not (Excel's accounting zero "Rp -", or "-" for none)
_DASH_ONLY = re.compile(r"^(?:Rp\.?\s*)?[-\u2013\u2014]+$", re.IGNORECASE)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Characters that show nothing and join nothing: a zero-width space, a word joiner, a
#: zero-width no-break space (a byte-order mark). Text copied from a web page, a chat or a PDF
#: brings them; invisible in Excel, they make ``IKM-001`` differ from ``IKM-001`` and ``12`` not
#: a number. (The zero-width joiner and non-joiner are kept: emoji and some scripts need them.)
ZERO_WIDTH = "\u200b\u2060\ufeff"
#: Unicode bidirectional marks, embeddings, overrides and isolates
#: (:data:`ikmpolicy.io.BIDI_CHARS`), the :data:`ZERO_WIDTH` characters, and C0 and C1 control
#: characters other than tab, line feed and carriage return.
CONTROLS = re.compile(f"[{BIDI_CHARS}{ZERO_WIDTH}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile(f"[{BIDI_CHARS}]")
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
#: Excel serial numbers read as dates: 1950-01-01 to 2100-12-31.
SERIAL_RANGE = (18264, 73415)
MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            [
                "januari",
                "februari",
                "maret",
                "april",
                "mei",
                "juni",
                "juli",
                "agustus",
                "september",
                "oktober",
                "november",
                "desember",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"],
            start=1,
        )
    },
    "may": 5,
    "aug": 8,
    "oct": 10,
    "dec": 12,
    "agt": 8,
    "ags": 8,
    "sept": 9,
    "nop": 11,
    "nopember": 11,  # the spelling before the 1972 reform, still common
}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HARI = (
    ("senin",),
    ("selasa",),
    ("rabu",),
    ("kamis",),
    ("jumat", "jum'at"),
    ("sabtu",),
    ("minggu", "ahad"),
)
#: Weekday names (Monday = 0, as :meth:`datetime.date.weekday`), Indonesian and English
WEEKDAYS = {name: k for k, names in enumerate(_HARI) for name in (*names, _DAY_NAMES[k].lower())}


@dataclass
class Parsed:
    """A column read as values.

    Attributes
    ----------
    values : numpy.ndarray
        One value per cell (object: None where empty or unreadable; float: NaN).
    bad : list
        ``(position, shown, expected)`` for cells that could not be read.
    notes : list
        ``(position, shown, message)`` for cells read with a warning (an Excel serial date).
    displayed : list of int
        Positions of a ``partial_date`` column whose day was written as Excel shows a date cell
        (``01/05/2025``, ``1 Mei 2025``), not typed ``YYYY-MM-DD``: Excel makes ``2025-05`` of a
        CSV it opens the date 1 May 2025 and saves it so, so the precision checks read such a
        day to its precision as they read an Excel date.
    """

    values: np.ndarray
    bad: list[tuple[int, str, str]] = field(default_factory=list)
    notes: list[tuple[int, str, str]] = field(default_factory=list)
    displayed: list[int] = field(default_factory=list)


def parse_column(
    col: Column, texts: np.ndarray, thousands_dots: str = "", held_as_text=()
) -> Parsed:
    """Read a column of stripped texts (``""`` for empty) as values of ``col.type``.

    Empty cells become None (NaN for numbers); the caller decides what an empty cell means.
    ``thousands_dots`` says why the column's table groups thousands with dots, if it does
    (:func:`dot_groups_shown`; the file's separator): a lone ``1.480`` of a number column is
    then ambiguous, as where the column itself shows it. ``held_as_text`` are the positions of
    cells a workbook holds as text reading like ``1.480``
    (:attr:`ikmpolicy.io.RawTable.lone_dot_texts`): ambiguous too, since Excel in Indonesia
    would have stored a typed 1.480 as 1480.

    Examples
    --------
    >>> from ikmpolicy.schema import Column
    >>> p = parse_column(Column("x", "float"), np.array(["3,5", "", "tiga"], dtype=object))
    >>> p.values.tolist(), [b[:2] for b in p.bad]
    ([3.5, nan, nan], [(2, 'tiga')])
    """
    kind = col.type
    if kind in ("int", "float", "fraction"):
        return _numbers(col, texts, thousands_dots, held_as_text)
    if kind == "bool":
        return _booleans(col, texts)
    if kind == "date":
        return _dates(col, texts)
    if kind == "partial_date":
        return _partial_dates(col, texts)
    if kind == "list":
        values = np.empty(len(texts), dtype=object)
        values[:] = [tuple(i.strip() for i in t.split(";") if i.strip()) for t in texts]
        return Parsed(values)
    values = np.where(texts == "", None, texts).astype(object)
    if kind == "url":
        ok = pd.Series(texts, dtype=object).str.match(r"^https?://\S+$").to_numpy(bool)
        bad = [(int(k), texts[k], col.expectation()) for k in np.flatnonzero(~ok & (texts != ""))]
        for k, _, _ in bad:
            values[k] = None
        return Parsed(values, bad)
    return Parsed(values)


def remove_controls(texts: np.ndarray) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
    """The texts with :data:`CONTROLS` removed, and ``(position, shown, message)`` for each cell
    that had any (a warning: the cell is read, without them).

    Examples
    --------
    >>> rlo = chr(0x202E)  # right-to-left override
    >>> texts, notes = remove_controls(np.array([f"Rp 100 {rlo}juta", "ok"], dtype=object))
    >>> texts.tolist(), [n[0] for n in notes]
    (['Rp 100 juta', 'ok'], [0])
    """
    found = pd.Series(texts, dtype=object).str.contains(CONTROLS).to_numpy(bool)
    if not found.any():
        return texts, []
    texts = texts.copy()
    notes = []
    for k in np.flatnonzero(found):
        found_here = set(CONTROLS.findall(texts[k]))
        codes = ", ".join(sorted(f"U+{ord(c):04X}" for c in found_here))
        if _BIDI.search(texts[k]):
            why = "bidirectional formatting can show text in another order than was typed"
        elif found_here <= set(ZERO_WIDTH):
            why = "a zero-width character, invisible in Excel, makes a value differ from itself"
        else:
            why = "a control character cannot be printed"
        texts[k] = CONTROLS.sub("", texts[k]).strip()
        notes.append(
            (int(k), texts[k], f"text without control characters; {codes} removed ({why})")
        )
    return texts, notes


#: Column types whose values a leading apostrophe cannot be part of
_TYPED_VALUES = ("int", "float", "fraction", "bool", "date", "partial_date")
#: An apostrophe typed before a value, Excel's mark for "keep this as text" ('0812, '20)
_TEXT_MARK = re.compile(r"^['\u2018\u2019]\s*(?=\S)")


def remove_text_marks(
    col: Column, texts: np.ndarray
) -> tuple[np.ndarray, list[tuple[int, str, str]]]:
    """The texts of a number, yes/no or date column without a leading apostrophe, and
    ``(position, shown, message)`` for each cell that had one (a warning: the cell is read
    without it).

    In Excel an apostrophe typed first keeps what follows as text and is not stored; it reaches
    a CSV only where someone typed it into the file itself, meaning the same. Text columns keep
    it (a name may start with one).

    Examples
    --------
    >>> from ikmpolicy.schema import Column
    >>> texts, notes = remove_text_marks(Column("n", "int"), np.array(["'20", "7"], dtype=object))
    >>> texts.tolist(), [n[0] for n in notes]
    (['20', '7'], [0])
    >>> remove_text_marks(Column("name", "str"), np.array(["'s-Hertogenbosch"], dtype=object))[1]
    []
    """
    if col.type not in _TYPED_VALUES:
        return texts, []
    marked = pd.Series(texts, dtype=object).str.contains(_TEXT_MARK).to_numpy(bool)
    if not marked.any():
        return texts, []
    texts = texts.copy()
    notes = []
    for k in np.flatnonzero(marked):
        shown, texts[k] = texts[k], _TEXT_MARK.sub("", texts[k])
        notes.append(
            (
                int(k),
                shown,
                f"{texts[k]}, without the apostrophe (Excel's mark for a value typed as text, "
                "not part of the value); read so",
            )
        )
    return texts, notes


# -- numbers --------------------------------------------------------------------------------


def _fast_numbers(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The numbers pandas reads as they stand, and the positions of the other filled cells."""
    fast = pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").to_numpy(float, copy=True)
    fast[~np.isfinite(fast)] = np.nan
    return fast, np.flatnonzero(np.isnan(fast) & (texts != ""))


def dot_groups_shown(texts: np.ndarray) -> bool:
    """Whether a column of numbers writes thousands with dots (``4.293.000``, ``1.234,5``) or a
    decimal comma (``3,5``) in a cell that cannot be read otherwise.

    Examples
    --------
    >>> dot_groups_shown(np.array(["890", "1.480", ""], dtype=object))
    False
    >>> dot_groups_shown(np.array(["890", "4.293.000"], dtype=object))
    True
    """
    return _dot_grouped(texts, _fast_numbers(texts)[1])


def _dot_grouped(texts: np.ndarray, slow: np.ndarray) -> bool:
    return any(uses_dot_groups(texts[k]) for k in slow)


#: Why a lone 1.480 held as text is ambiguous (:func:`parse_column`): a workbook's text cell,
#: or a cell typed after an apostrophe (:func:`remove_text_marks`)
HELD_AS_TEXT = "it is held as text, where Excel in Indonesia stores a typed 1.480 as 1480"


def _numbers(col: Column, texts: np.ndarray, thousands_dots: str = "", held_as_text=()) -> Parsed:
    fast, slow = _fast_numbers(texts)
    values = fast.copy()
    bad: list[tuple[int, str, str]] = []
    why = "the column writes thousands with '.'" if _dot_grouped(texts, slow) else thousands_dots
    dot_groups = bool(why)
    # an amount in rupiah has no third decimal (a sen is a hundredth), so a lone 850.000 there is
    # 850 or 850 thousand as Indonesians group thousands: ambiguous, as for --budget, even where
    # no other cell of the column shows how it groups them (the fast path read it as 850)
    lone_ambiguous = dot_groups or col.rupiah
    if lone_ambiguous:
        # the column writes thousands with dots, so 1.234 read by the fast path is ambiguous
        lone = pd.Series(texts, dtype=object).str.match(LONE_DOT_GROUP).to_numpy(bool)
        slow = np.union1d(slow, np.flatnonzero(lone))
    as_text = set(held_as_text)
    slow = np.union1d(slow, np.array(sorted(as_text), dtype=int))
    for k in slow:
        text = texts[k]
        cell_why = why or (HELD_AS_TEXT if k in as_text else "")
        if col.type == "fraction":
            number = parse_fraction(text)
        elif col.rupiah:
            number = parse_rupiah(text, dot_groups=lone_ambiguous or bool(cell_why))
        else:
            number = parse_number(text, dot_groups=bool(cell_why))
        values[k] = np.nan if number is None else number
        if number is None:
            bad.append((int(k), text, _number_expectation(col, text, cell_why)))
    if col.type == "int":
        frac = np.isfinite(values) & (values != np.round(values))
        for k in np.flatnonzero(frac):
            bad.append((int(k), texts[k], col.expectation()))
            values[k] = np.nan
    return Parsed(values, sorted(bad))


def _number_expectation(col: Column, text: str, dot_groups: str) -> str:
    """What a number cell should hold; ``dot_groups`` says why dots group thousands, if they
    do.

    Two shapes Excel writes into a CSV as it shows them are named: a date (``01-Apr``,
    ``01/04/2025``: Excel made one of ``1/4`` typed), and a percentage (``25%`` holds 0.25, but
    the column may mean 25), refused rather than guessed.
    """
    if _looks_like_date(text):
        return f"{col.expectation()}, not a date: {TYPED_BECAME_DATE}"
    if _DASH_ONLY.match(text):
        return (
            f"{col.expectation()}; a dash is how Excel's accounting format shows 0, and also "
            "how a form says 'none' or 'not known': write 0, or leave the cell empty where the "
            "value is not known"
        )
    percent = _PERCENT.match(text)
    number = parse_number(percent.group(1)) if percent else None
    if number is not None:
        return (
            f"{col.expectation()}; '{text}' is a percentage as Excel shows one: write the number "
            f"the column means ({number / 100:g} or {number:g}), or format the column as "
            "General before saving"
        )
    if col.rupiah and AMBIGUOUS_RUPIAH_LETTER.search(text):
        return (
            f"{col.expectation()}; a single letter could mean miliar or million, juta or "
            "thousand: write the word (Rp4,3 miliar, 350 juta)"
        )
    number = rupiah_number(text) if col.rupiah else text  # "1.200" of "1.200 juta"
    if (
        col.rupiah
        and not dot_groups
        and number == text
        and could_be_thousands(text)
        and "." in text
    ):
        digits = text.replace(".", "")
        return (
            f"{col.expectation()}; '{text}' is ambiguous: {float(text):g} or {digits} rupiah? "
            f"Write Rp{text} (after Rp, dots group thousands) or {digits}"
        )
    if could_be_thousands(number):
        if dot_groups and number == text and "." in text:  # 1.200: 1200 here, 1.2 to pandas
            digits, decimal = text.replace(".", ""), f"{float(text):g}".replace(".", ",")
            return (
                f"{col.expectation()}; {dot_groups}, so '{text}' is ambiguous: {digits} or "
                f"{decimal}? Write {digits} or {decimal}"
            )
        why = f"{dot_groups}, so " if dot_groups and "." in text else ""
        return (
            f"{col.expectation()}; {why}'{text}' could mean a decimal or thousands "
            "(the rule: " + NUMBER_RULE + ")"
        )
    if re.search(r"\d", text) and re.search(r"[.,]", text):
        return f"{col.expectation()} (the rule: {NUMBER_RULE})"
    return col.expectation()


def _looks_like_date(text: str) -> bool:
    """Whether a cell refused as a number is a date as Excel shows one (``01-Apr``,
    ``01/04/2025``, ``1 April 2025``), not a serial number."""
    day_month = _DAY_MONTH.match(text)
    if day_month:
        return day_month.group(1).lower() in MONTHS
    return not _SERIAL.match(text) and parse_date(text)[0] is not None


# -- booleans -------------------------------------------------------------------------------


def _booleans(col: Column, texts: np.ndarray) -> Parsed:
    lower = pd.Series(texts, dtype=object).str.lower()
    values = np.full(len(texts), None, dtype=object)
    true = lower.isin(BOOLEAN_TRUE).to_numpy(bool)
    false = lower.isin(BOOLEAN_FALSE).to_numpy(bool)
    values[true] = True
    values[false] = False
    bad = [
        (int(k), texts[k], col.expectation())
        for k in np.flatnonzero(~true & ~false & (texts != ""))
    ]
    return Parsed(values, bad)


# -- dates ----------------------------------------------------------------------------------


def _dates(col: Column, texts: np.ndarray) -> Parsed:
    series = pd.Series(texts, dtype=object)
    plain = series.str.fullmatch(r"\d{4}-\d{2}-\d{2}").to_numpy(bool)
    parsed = pd.to_datetime(series.where(plain), format="%Y-%m-%d", errors="coerce")
    values = parsed.to_numpy(dtype="datetime64[ns]")
    slow = np.flatnonzero(np.isnat(values) & (texts != ""))
    month_first = _month_first_evidence(texts, slow)
    result = Parsed(values)
    for k in slow:
        date, message = parse_date(texts[k], month_first)
        if date is None:
            result.bad.append((int(k), texts[k], message or col.expectation()))
        else:
            values[k] = np.datetime64(date, "ns")
            if message:
                result.notes.append((int(k), texts[k], message))
    return result


def _month_first_evidence(texts: np.ndarray, positions) -> str | None:
    """A date of the column that can only be read month-first (``12/31/2025``), if any."""
    for k in positions:
        match = _DMY.match(texts[k])
        if match and int(match.group(1)) <= 12 < int(match.group(3)) <= 31:
            return texts[k]
    return None


def parse_date(text: str, month_first: str | None = None) -> tuple[dt.date | None, str | None]:
    """One date as typed: ``(date, warning)``, or ``(None, why)`` when it cannot be read.

    ``month_first`` is a date of the same column that can only be month-first: then a date
    that reads both ways is ambiguous.

    Examples
    --------
    >>> parse_date("10/03/2025"), parse_date("10 Maret 2025")[0]
    ((datetime.date(2025, 3, 10), None), datetime.date(2025, 3, 10))
    >>> parse_date("45726")[0], parse_date("03/04/2025", month_first="12/31/2025")[0]
    (datetime.date(2025, 3, 10), None)
    >>> parse_date("Senin,  10 Nopember 2025")
    (datetime.date(2025, 11, 10), None)
    """
    text = " ".join(text.split())  # spaces typed twice
    weekday = _WEEKDAY.match(text)
    if weekday and weekday.group(1).lower() in WEEKDAYS:
        return _with_weekday(text, weekday, month_first)
    for reader in (_iso_date, _day_month_year, _words_date, _serial_date):
        found = reader(text, month_first)
        if found is not None:
            return found
    return None, None


def _with_weekday(text: str, weekday: re.Match, month_first):
    """A date after its weekday, refused when the two disagree (one of them is mistyped)."""
    date, message = parse_date(text[weekday.end() :], month_first)
    named = WEEKDAYS[weekday.group(1).lower()]
    if date is not None and date.weekday() != named:
        return None, (
            f"a weekday that matches the date: {text!r} names {weekday.group(1)}, but "
            f"{date.isoformat()} is a {_DAY_NAMES[date.weekday()]}"
        )
    return date, message


def _iso_date(text: str, month_first):
    match = _ISO.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None, f"a date that exists: {text!r} has no such day or month"
    return _time_dropped((date, None), hour, minute, second)


def _time_dropped(found: tuple, hour, minute, second) -> tuple:
    """``found`` (date, message), the message saying so when a time of day other than
    midnight was typed after the date."""
    date, message = found
    if date is None or hour is None or (int(hour), int(minute), int(second or 0)) == (0, 0, 0):
        return found
    timed = f"a date without a time of day; read as {date.isoformat()}"
    return date, f"{message}; {timed}" if message else timed


def _day_month_year(text: str, month_first):
    match = _DMY.match(text)
    if not match:
        return None
    found = _day_month_year_date(text, match.groups()[:4], month_first)
    return _time_dropped(found, *match.groups()[4:])


def _day_month_year_date(text: str, parts: tuple, month_first):
    first, _, second, year = parts
    if len(year) != 4:
        return None, f"a date with a four-digit year (DD/MM/YYYY); {text!r} has {len(year)}"
    a, b, y = int(first), int(second), int(year)
    if month_first and a <= 12 and b <= 12 and a != b:
        return None, (
            f"a date that reads one way only: {text!r} may be day {a} month {b} or "
            f"month {a} day {b}, and this column also holds {month_first!r}, which "
            "is month-first; write YYYY-MM-DD"
        )
    try:
        if a <= 12 < b:  # only month-first is a real date
            return dt.date(y, a, b), (
                f"a date typed DD/MM/YYYY; {text!r} is month-first and "
                f"was read as {dt.date(y, a, b).isoformat()}"
            )
        return dt.date(y, b, a), None
    except ValueError:
        return None, f"a date that exists: {text!r} has no such day or month"


def _words_date(text: str, month_first):
    match = _WORDS.match(text)
    if not match:
        return _short_year_words(text)
    month = MONTHS.get(match.group(2).lower())
    if month is None:
        return None, f"a month name (Januari..Desember) in {text!r}"
    try:
        return dt.date(int(match.group(3)), month, int(match.group(1))), None
    except ValueError:
        return None, f"a date that exists: {text!r} has no such day"


def _short_year_words(text: str):
    """``15-Mei-25``: refused, as ``15/05/25`` is, with what the year lacks said; None when the
    text is not a day, a month name and two digits."""
    match = _WORDS_SHORT_YEAR.match(text)
    if not match or match.group(2).lower() not in MONTHS:
        return None
    return None, (
        f"a date with a four-digit year (15 Mei 2025 or DD/MM/YYYY); {text!r} has 2, as Excel "
        "shows a date formatted dd-mmm-yy: format the column as DD/MM/YYYY before saving"
    )


def _serial_date(text: str, month_first):
    if not _SERIAL.match(text):
        return None
    serial = float(text)
    if not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
        return None
    date = _EXCEL_EPOCH + dt.timedelta(days=int(serial))
    return date, (
        f"a date, not an Excel serial number; {text} was read as the Excel date "
        f"{date.isoformat()} (format the cell as a date)"
    )


def _partial_dates(col: Column, texts: np.ndarray) -> Parsed:
    values = np.where(texts == "", None, texts).astype(object)
    plain = pd.Series(texts, dtype=object).str.fullmatch(_PARTIAL.pattern).to_numpy(bool)
    result = Parsed(values)
    for k in np.flatnonzero(~plain & (texts != "")):
        date, message = _partial(texts[k])
        values[k] = date
        if date is None:
            result.bad.append((int(k), texts[k], message or col.expectation()))
            continue
        if message:
            result.notes.append((int(k), texts[k], message))
        if len(date) == len("YYYY-MM-DD"):
            result.displayed.append(int(k))
    for k in np.flatnonzero(plain):
        if not _real_partial(texts[k]):
            values[k] = None
            result.bad.append(
                (int(k), texts[k], f"a date that exists: {texts[k]!r} has no such day or month")
            )
    result.bad.sort()
    return result


def _partial(text: str) -> tuple[str | None, str | None]:
    text = " ".join(text.split())  # spaces typed twice
    match = _MONTH_YEAR.match(text)
    if match:
        month, year = int(match.group(1)), match.group(2)
        if 1 <= month <= 12:
            return f"{year}-{month:02d}", None
        return None, f"a month between 1 and 12 in {text!r}"
    match = _MONTH_WORD_YEAR.match(text)  # "Mei 2025", "Okt. 2025"
    if match and match.group(1).lower() in MONTHS:
        return f"{match.group(2)}-{MONTHS[match.group(1).lower()]:02d}", None
    match = _MONTH_WORD_SHORT_YEAR.match(text)  # "Mei-25": May 2025, or 25 May?
    if match and match.group(1).lower() in MONTHS:
        return None, (
            f"a month with a four-digit year (Mei 2025 or YYYY-MM); {text!r} has a two-digit "
            "year (or is it a day?), as Excel shows a date formatted mmm-yy: format the column "
            "as Text and type YYYY-MM"
        )
    date, message = parse_date(text)
    if date is None:
        message = _day_range(text) or message
    return (date.isoformat() if date else None), message


def _day_range(text: str) -> str | None:
    """What to write for two days typed in one cell (``15-16 Mei 2025``), None for other text.

    Examples
    --------
    >>> print(_day_range("15-16 Mei 2025").split("; ")[1])
    write its first day here (15/05/2025), and a session's last day (16/05/2025) in end_date
    >>> _day_range("Mei 2025") is None
    True
    """
    match = _DAY_RANGE.match(text)
    if match is None:
        return None
    last, _ = parse_date(match.group(2))
    if last is None or not 1 <= int(match.group(1)) < last.day:
        return None
    first = last.replace(day=int(match.group(1)))
    return (
        f"one day in a cell: {text!r} is a range; write its first day here "
        f"({first:%d/%m/%Y}), and a session's last day ({last:%d/%m/%Y}) in end_date"
    )


def _real_partial(text: str) -> bool:
    padded = text + {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        return False
    return True
