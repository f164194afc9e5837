"""Reading a dataset from CSV files or one Excel workbook; writing files atomically.

Reading keeps every cell as text together with the row number the user sees in a spreadsheet
(the header is row 1), so that validation (:mod:`ikmpolicy.validation`) can name file, row and
column in every message. Entirely blank rows are not data: they are skipped and counted.

What reading accepts, and what it refuses (the limits are stated once, here):

* a folder of ``<table>.csv`` files (the name's case, spaces and hyphens do not matter) or one
  ``.xlsx``/``.xlsm`` workbook with a sheet per table (read by :mod:`ikmpolicy.xlsx`);
* CSV text in UTF-8 (with or without BOM) or UTF-16 with BOM; other bytes are read as Windows-1252
  (what Excel writes as "CSV" on an Indonesian or English Windows) with a warning;
* comma, semicolon or tab between cells (the header line decides);
* rows as a spreadsheet counts them (a quoted cell may span lines; the text editor's line is
  kept where it differs); a title typed above the header is skipped with a warning;
* at most :data:`CELL_LIMIT` characters in a cell (Excel's own limit, applied to CSV too) and
  :data:`CSV_MAX_BYTES` bytes in a CSV file;
* a row with more cells than the header (an unquoted comma) is marked shifted: validation
  rejects it and never shows a value that may have come from a personal column;
* a double quote that swallows the rows after it is caught and named;
* numbers follow :data:`NUMBER_RULE` (decimal commas read, ambiguous thousands refused);
* a file whose content is not what its name says (a workbook or a PDF named ``.csv``, a CSV named
  ``.xlsx``, an old ``.xls``) is refused with what it looks like; the operating system's
  refusals (a folder, a broken link, a device, no permission) are :class:`UnreadableFileError`
  naming the file.

Locations in messages are relative to the dataset (``firms.csv``, ``data.xlsx [firms]``): a
brief or a log never shows an absolute local path.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from ikmpolicy.digests import sha256_file
from ikmpolicy.errors import InputError
from ikmpolicy.schema import TABLE_ORDER, TABLES

#: Longest cell, in characters, in CSV and Excel alike (Excel's own limit per cell).
CELL_LIMIT = 32_767
#: Largest CSV file read (bytes); larger data sets belong in a database, not a spreadsheet.
CSV_MAX_BYTES = 1 << 30
#: Ids starting with these mark the template's example rows: skipped and counted, never data.
EXAMPLE_PREFIXES = ("contoh-", "example-")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}

#: Unicode bidirectional marks, embeddings, overrides and isolates (U+200E, U+200F, U+061C,
#: U+202A-U+202E, U+2066-U+2069), as the content of a regular expression's character class.
#: Headers lose them here; cells lose them in :mod:`ikmpolicy.validation.cells`, which builds
#: its patterns from this one list.
BIDI_CHARS = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
# Characters that are invisible in a spreadsheet but make a header differ from the schema's.
_INVISIBLE = re.compile(f"[\ufeff\u200b\u200c\u200d\u2060\u00ad\u180e{BIDI_CHARS}]")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


class DataSourceError(InputError):
    """The data folder or workbook cannot be read at all (missing, not CSV/XLSX, unreadable)."""


class UnreadableFileError(DataSourceError):
    """The operating system refused a file or folder (permission, a folder, a broken link)."""


class WrongFileTypeError(DataSourceError):
    """A file's content is not what its name says (a PDF named .csv, a CSV named .xlsx)."""


class FileTooLargeError(DataSourceError):
    """A file is beyond the stated limits (refused before it is read into memory)."""


@dataclass(frozen=True)
class ReadNote:
    """Something found while reading, before validation (shown as a validation problem)."""

    expected: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: str = "warning"
    #: where, for a note about the dataset as a whole (a file or sheet that is not read)
    location: str | None = None


@dataclass(frozen=True)
class BadCell:
    """A cell that could not be read as it stands (too long, a formula with no saved value...).

    Validation blanks it when its column is optional and rejects the row otherwise;
    ``force_error`` rejects the row in every case (e.g. a quote that swallowed other rows).
    """

    shown: str | None
    expected: str
    force_error: bool = False


@dataclass(frozen=True)
class RawTable:
    """One table as read: text cells plus where each row came from.

    Attributes
    ----------
    name : str
        Table name.
    location : str
        File (and sheet) relative to the dataset, e.g. ``firms.csv`` or ``data.xlsx [firms]``.
    frame : pandas.DataFrame
        Cells as stripped strings (``""`` for empty), headers as :func:`canonical_header`
        gives them (lower case, without invisible characters or bidirectional marks), plus
        ``_row`` (the spreadsheet row).
    blank_rows : tuple of int
        Row numbers of entirely blank rows that were skipped.
    duplicate_headers : tuple of str
        Headers that appear more than once.
    error : str, optional
        Why the table could not be read at all (then ``frame`` is empty).
    notes : tuple of ReadNote
        Warnings and errors found while reading (encoding, hidden rows, merged cells...).
    headers : dict
        Header as read (:func:`canonical_header`) -> header as typed, where the two differ
        beyond surrounding spaces (upper case, an invisible character, a bidirectional mark, a
        non-breaking space), so that messages show a header as the user typed it.
    bad_cells : dict
        ``(row, header) -> BadCell`` for cells that could not be read as they stand.
    shifted : dict
        ``row -> (cells - headers, values never to show)`` for CSV rows whose number of cells
        differs from the header's: their columns may be shifted, so a personal value can sit
        under another column.
    lines : dict
        ``row -> line`` where the line in a text editor differs from the spreadsheet row (a
        quoted cell spanning lines).
    header_row : int
        Row of the header (below a title typed above it, if any): where header problems are.
    excel_dates : frozenset
        ``(row, header)`` of the cells of a partial-date column that a workbook stored as an
        Excel date: such a cell holds a day even where a month was typed (Excel stores ``Mei
        2025`` as 1 May 2025), so the day it shows is not evidence of a day's precision.
    lone_dot_texts : frozenset
        ``(row, header)`` of the number cells a workbook holds as text reading like ``1.480``.
        Excel in Indonesia stores a typed 1.480 as the number 1480; text there was typed into a
        cell formatted as Text, or pasted so, and its dot is as likely a thousands separator
        as a decimal point.
    delimiter : str
        The character between a CSV file's columns (``""`` for a sheet of a workbook). A ``;``
        says the file comes from a spreadsheet set for a decimal comma (Excel writes its CSV
        with the list separator of the computer's region, ``;`` where ``,`` is the decimal
        mark, as in Indonesia), so its dots group thousands.
    """

    name: str
    location: str
    frame: pd.DataFrame
    blank_rows: tuple[int, ...] = ()
    duplicate_headers: tuple[str, ...] = ()
    error: str | None = None
    notes: tuple[ReadNote, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    bad_cells: dict[tuple[int, str], BadCell] = field(default_factory=dict)
    shifted: dict[int, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    lines: dict[int, int] = field(default_factory=dict)
    header_row: int = 1
    excel_dates: frozenset[tuple[int, str]] = frozenset()
    lone_dot_texts: frozenset[tuple[int, str]] = frozenset()
    delimiter: str = ""

    def typed(self, header: str) -> str:
        """``header`` (as read) as the user typed it, for messages (:attr:`headers`)."""
        return self.headers.get(header, header)


@dataclass(frozen=True)
class FileRecord:
    """A file that was read, with its checksum, for the provenance block of a brief.

    ``path`` is relative to the dataset (the workbook's own name for a workbook).
    """

    path: str
    sha256: str
    size: int


def row_location(frame: pd.DataFrame, index, table: str) -> str:
    """``'<file>, row <n>'`` when the frame carries ``_file``/``_row``, else table and index.

    Analyses use it to name where a bad value sits in the user's own file.

    Examples
    --------
    >>> f = pd.DataFrame({"x": [1], "_file": ["a.csv"], "_row": [7]})
    >>> row_location(f, 0, "a"), row_location(f[["x"]], 0, "a")
    ('a.csv, row 7', 'a, index 0')
    """
    row = frame.loc[index]
    file = row["_file"] if "_file" in frame.columns and pd.notna(row["_file"]) else table
    if "_row" in frame.columns and pd.notna(row["_row"]):
        return f"{file}, row {int(row['_row'])}"
    return f"{file}, index {index!r}"


def canonical_header(text: str) -> str:
    """A header as the schema spells it: invisible characters (zero-width, BOM, soft hyphen)
    and bidirectional marks (:data:`BIDI_CHARS`) removed, spaces collapsed, lower case.

    Examples
    --------
    >>> canonical_header("\\ufeffFirm_ID\\u200b "), canonical_header("Firm\\u00a0 id")
    ('firm_id', 'firm id')
    >>> canonical_header("\\u200efirm_id")
    'firm_id'
    """
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip().lower()


def shorten(text: str, limit: int = 80) -> str:
    """A value as messages show it: long text cut, with its length said.

    Examples
    --------
    >>> shorten("x" * 100, 10)
    'xxxxxxxxxx… (100 characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def rows_text(rows: Iterable[int], limit: int = 10) -> str:
    """Row numbers as messages name them: runs of three or more consecutive rows as a range,
    the first ``limit`` rows or ranges, then how many rows more.

    Parameters
    ----------
    rows : iterable of int
        Row numbers, in the order to show them.
    limit : int, default 10
        Most rows or ranges named; a message about thousands of scattered rows stays one line,
        while a block of rows, however long, is named whole.

    Returns
    -------
    str
        ``"row 5"``, ``"rows 2, 3 and 5"``, ``"rows 2–115"``, ``"rows 1, 3, ..., 19 and 5
        more"``, or ``"no rows"``.

    Examples
    --------
    >>> rows_text([5]), rows_text([2, 3, 6, 7, 8]), rows_text(range(2, 116))
    ('row 5', 'rows 2, 3 and 6–8', 'rows 2–115')
    >>> rows_text(range(1, 31, 2))
    'rows 1, 3, 5, 7, 9, 11, 13, 15, 17, 19 and 5 more'
    """
    items = _row_runs(list(rows))
    if not items:
        return "no rows"
    if len(items) == 1:
        text, count = items[0]
        return f"row {text}" if count == 1 else f"rows {text}"
    shown = [text for text, _ in items[:limit]]
    more = sum(count for _, count in items[limit:])
    if more:
        return f"rows {', '.join(shown)} and {more} more"
    return f"rows {', '.join(shown[:-1])} and {shown[-1]}"


def _row_runs(rows: list[int]) -> list[tuple[str, int]]:
    """``(text, rows counted)`` per row or run of three or more consecutive rows."""
    items: list[tuple[str, int]] = []
    k = 0
    while k < len(rows):
        end = k
        while end + 1 < len(rows) and rows[end + 1] == rows[end] + 1:
            end += 1
        if end - k >= 2:
            items.append((f"{rows[k]}–{rows[end]}", end - k + 1))
        else:
            items.extend((str(r), 1) for r in rows[k : end + 1])
        k = end + 1
    return items


def _known(table: str) -> set[str]:
    return set(TABLES[table].column_names) if table in TABLES else set()


def header_index(candidates: list[list[str]], table: str) -> int:
    """Which of the first non-blank rows is the header: the first one, unless it holds none of
    the table's columns and a later one (within five rows) holds at least two: a title typed
    above the header.

    Examples
    --------
    >>> header_index([["Data IKM 2025"], ["firm_id", "kbli"]], "firms")
    1
    >>> header_index([["firm_id", "kbli"]], "firms")
    0
    """
    known = _known(table)

    def hits(cells: list[str]) -> int:
        return sum(re.sub(r"[\s\-.]+", "_", canonical_header(c)) in known for c in cells)

    if not known or not candidates or hits(candidates[0]):
        return 0
    for k, cells in enumerate(candidates[1:6], start=1):
        if hits(cells) >= 2:
            return k
    return 0


def title_note(rows: list[int], cells: list[list[str]]) -> ReadNote:
    """The note about rows above the header that are not read."""
    shown = shorten(" ".join(c for row in cells for c in row if c.strip()), 60)
    where = f"row {rows[0]}" if len(rows) == 1 else f"rows {rows[0]}-{rows[-1]}"
    return ReadNote(
        f"the header in the first row; {where} above the header (a title?) are not read",
        row=rows[0],
        value=shown,
    )


# -- what a file really is ------------------------------------------------------------------

_MAGIC = (
    (b"PK\x03\x04", "zip", "a zip archive (an .xlsx workbook or another zip file)"),
    (b"PK\x05\x06", "zip", "an empty zip archive"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "ole",
        "an old Excel 97-2003 (.xls) file or a password-protected workbook",
    ),
    (b"%PDF", "pdf", "a PDF document"),
    (b"\x89PNG", "image", "a PNG image"),
    (b"\xff\xd8\xff", "image", "a JPEG image"),
    (b"GIF8", "image", "a GIF image"),
    (b"{\\rtf", "rtf", "an RTF (Word) document"),
    (b"\x1f\x8b", "gzip", "a gzip-compressed file"),
)


def sniff(head: bytes) -> tuple[str, str]:
    """What the first bytes of a file say it is: ``(kind, description)``.

    ``kind`` is ``"text"`` for anything that may be CSV text.

    Examples
    --------
    >>> sniff(b"PK\\x03\\x04rest")[0], sniff(b"firm_id,kbli\\n")[0], sniff(b"%PDF-1.7")[0]
    ('zip', 'text', 'pdf')
    """
    for magic, kind, words in _MAGIC:
        if head.startswith(magic):
            return kind, words
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text", "UTF-16 text"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html", "an HTML page (a web page saved with another name, or a download error)"
    if start.startswith(b"<?xml"):
        return "xml", "an XML file (perhaps an Excel 2003 'XML Spreadsheet')"
    if b"\x00" in head[:4096]:
        return "binary", "a binary file, not text"
    return "text", "text"


def _stat_regular(path: Path, display: str) -> os.stat_result:
    """``os.stat`` of a file that must be a regular file; OS errors named in the user's terms."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise UnreadableFileError(
                f"{display}: a link to a file that does not exist ({os.readlink(path)})"
            ) from None
        raise UnreadableFileError(f"{display}: no such file") from None
    except OSError as exc:
        raise UnreadableFileError(f"{display}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFileError(f"{display}: a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # a device, pipe or socket could block or never end
        raise UnreadableFileError(f"{display}: not a regular file (a device, pipe or socket)")
    return info


def read_head(path: Path, display: str, size: int = 8192) -> bytes:
    """The first bytes of a file, with OS errors turned into :class:`UnreadableFileError`."""
    _stat_regular(path, display)
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise UnreadableFileError(f"{display}: cannot be read ({exc.strerror})") from None


def _read_bytes(path: Path, display: str, limit: int) -> bytes:
    info = _stat_regular(path, display)
    if info.st_size > limit:
        raise FileTooLargeError(
            f"{display}: {info.st_size:,} bytes; the limit is {limit:,} bytes per file"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"{display}: cannot be read ({exc.strerror})") from None


# -- CSV ------------------------------------------------------------------------------------


def decode_text(data: bytes, display: str) -> tuple[str, ReadNote | None]:
    """Bytes of a CSV file as text, and a warning when the encoding had to be guessed.

    UTF-8 (BOM or not) and UTF-16 with BOM are read as they are; anything else is read as
    Windows-1252, the encoding Excel's plain "CSV" uses on Windows, with a warning.

    Examples
    --------
    >>> decode_text("Cileg\\u00f3n".encode("cp1252"), "a.csv")[1].expected[:33]
    'UTF-8 text; the file was read as '
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise WrongFileTypeError(
                f"{display}: starts like UTF-16 text but byte {exc.start} "
                "is not; save the file as 'CSV UTF-8'"
            ) from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252 (cp1252)"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1"
    note = ReadNote(
        f"UTF-8 text; the file was read as {encoding} (first other byte 0x{bad} on line {line}):"
        " check accented letters, and save it as 'CSV UTF-8' to silence this",
        severity="warning",
    )
    return text, note


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one the header line (first non-blank line) uses most.

    Examples
    --------
    >>> detect_delimiter("a;b;c\\n1,5;2;3"), detect_delimiter("a\\tb\\n"), detect_delimiter("a\\n")
    (';', '\\t', ',')
    """
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _records(text: str, delimiter: str):
    """``(row, line, cells)`` per CSV record; ``row`` counts records as a spreadsheet does."""
    csv.field_size_limit(sys.maxsize if sys.maxsize < 2**63 else 2**62)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for row, cells in enumerate(reader, start=1):
        yield row, line, cells
        line = reader.line_num + 1


def _ends_inside_quote(text: str, delimiter: str) -> bool:
    """Whether the text ends inside a quoted cell (a double quote opened and never closed)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


@dataclass
class _Collector:
    """What the CSV reader gathers besides the cells."""

    width: int
    personal: list[int]
    bad: dict = field(default_factory=dict)
    shifted: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)


def _hidden_values(cells: list[str], collector: _Collector, shift: int) -> tuple[str, ...]:
    """Cells of a shifted row that may hold a personal column's value."""
    if not collector.personal:
        return ()
    low = max(0, min(collector.personal) - abs(shift))
    high = max(collector.personal) + abs(shift)
    return tuple(c.strip() for c in cells[low : high + 1] if c.strip())


def _check_columns(
    numbers: list[int], columns: list, names: list[str], collector: _Collector, delimiter: str
) -> int | None:
    """Record over-long cells and quotes that swallowed rows, a column at a time (the cells
    are only looked at one by one where a column holds such a cell). Returns the position of
    the last row if one of its cells spans lines (the file may end inside a quote)."""
    last = None
    for k, column in enumerate(columns):
        if max(map(len, column), default=0) > CELL_LIMIT:
            for i, cell in enumerate(column):
                if len(cell) > CELL_LIMIT:
                    collector.bad[(numbers[i], names[k])] = BadCell(
                        shorten(cell, 40),
                        f"at most {CELL_LIMIT:,} characters in a cell (Excel's limit)",
                    )
        joined = "".join(column)
        if "\n" not in joined and "\r" not in joined:
            continue
        for i, cell in enumerate(column):
            if ("\n" in cell or "\r" in cell) and (numbers[i], names[k]) not in collector.bad:
                last = i if i == len(column) - 1 else last
                swallowed = [
                    piece
                    for piece in re.split(r"\r\n|\r|\n", cell)[1:]
                    if collector.width > 1 and piece.count(delimiter) >= collector.width - 1
                ]
                if swallowed:
                    collector.bad[(numbers[i], names[k])] = _runaway(cell, len(swallowed))
    return last


def _runaway(cell: str, rows: int | None) -> BadCell:
    """A cell into which an unmatched double quote read ``rows`` lines that look like rows
    (None: everything up to the end of the file)."""
    lines = len(re.split(r"\r\n|\r|\n", cell.rstrip("\r\n"))) - 1
    what = (
        "a double quote opened in this cell is never closed, so the rest of the file was "
        "read into it"
        if rows is None
        else f"a double quote opened in this cell is closed only {lines} line(s) later, so {rows} "
        "line(s) that look like rows were read into it"
    )
    return BadCell(
        shorten(cell.splitlines()[0] if cell.strip() else cell, 40),
        f"a cell whose quotes are closed: {what}; close the quote or remove it",
        force_error=True,
    )


def _stripped(column: list[str]) -> list[str]:
    """The cells stripped; in a column with few distinct values, equal cells share one string
    (a million firms repeat their district, sub-sector and source: this saves hundreds of MB).
    """
    head = column[:1000]
    if len(column) < 1000 or len(set(head)) > len(head) // 2:
        return [c.strip() for c in column]
    shared: dict[str, str] = {}
    return [shared.setdefault(c, c) for c in (cell.strip() for cell in column)]


def _read_rows(records, collector: _Collector) -> tuple[list[int], list[list[str]], list[int]]:
    """Row numbers and cells (padded to the header's width) of the data rows, and the blank
    rows; rows whose number of cells differs from the header's are recorded as shifted."""
    width = collector.width
    numbers, rows, blanks = [], [], []
    for row, line, cells in records:
        if line != row:
            collector.lines[row] = line
        if not "".join(cells).strip():
            blanks.append(row)
            continue
        if len(cells) != width:
            extra = any(c.strip() for c in cells[width:])
            shift = len(cells) - width if extra or len(cells) < width else 0
            if shift:
                collector.shifted[row] = (shift, _hidden_values(cells, collector, shift))
            cells = cells[:width] + [""] * (width - len(cells))
        numbers.append(row)
        rows.append(cells)
    # blank rows after the last row of data are the end of the file, not gaps in the data
    return numbers, rows, [b for b in blanks if numbers and b < numbers[-1]]


def read_csv_table(path: Path, name: str, display: str | None = None) -> RawTable:
    """Read one table from a CSV file (see the module's notes for what is accepted).

    Raises :class:`DataSourceError` (or a narrower class) when the file cannot be read as a
    table at all.
    """
    display = display or path.name
    data = _read_bytes(path, display, CSV_MAX_BYTES)
    kind, words = sniff(data[:8192])
    if kind != "text":
        hint = (
            " give the workbook itself (not the folder) to read a workbook, or save each "
            "sheet as 'CSV UTF-8'"
            if kind in ("zip", "ole")
            else " save it as 'CSV UTF-8'"
        )
        raise WrongFileTypeError(f"{display}: not CSV text: the content is {words};{hint}")
    text, encoding_note = decode_text(data, display)
    del data
    delimiter = detect_delimiter(text)
    records = _records(text, delimiter)
    first: list[tuple[int, int, list[str]]] = []  # the first rows, to find the header in
    filled = 0
    for record in records:
        if any(c.strip() for c in record[2]):
            filled += 1
        elif not filled:
            continue  # blank lines before the header are not rows of the table
        first.append(record)
        if filled == 6:
            break
    if not filled:
        expected = ", ".join(TABLES[name].column_names) if name in TABLES else "its columns"
        raise DataSourceError(
            f"{display}: the file is empty; expected a header row with {expected}"
        )
    nonblank = [k for k, (_, _, cells) in enumerate(first) if any(c.strip() for c in cells)]
    at = nonblank[header_index([first[k][2] for k in nonblank], name)]
    header = first[at][2]
    above = [(row, cells) for row, _, cells in first[:at] if any(c.strip() for c in cells)]
    records = itertools.chain(first[at + 1 :], records)
    names, notes, headers = _header_names(header)
    if above:
        notes.append(title_note([r for r, _ in above], [c for _, c in above]))
    personal = TABLES[name].personal_columns if name in TABLES else []
    collector = _Collector(
        len(header), [k for k, n in enumerate(names) if n.replace(" ", "_") in personal]
    )
    if encoding_note:
        notes.append(encoding_note)
    numbers, rows, blanks = _read_rows(records, collector)
    # one column at a time from here: a list per column
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in names]
    del rows
    last = _check_columns(numbers, columns, names, collector, delimiter)
    if last is not None and _ends_inside_quote(text, delimiter):
        k = next(k for k, col in enumerate(columns) if "\n" in col[last] or "\r" in col[last])
        collector.bad[(numbers[last], names[k])] = _runaway(columns[k][last], None)
    del text
    for column in columns:
        column[:] = _stripped(column)
    frame, duplicates = frame_from_columns(numbers, columns, names)
    return RawTable(
        name,
        display,
        frame,
        tuple(blanks),
        duplicates,
        notes=tuple(notes),
        headers=headers,
        bad_cells=collector.bad,
        shifted=collector.shifted,
        lines=collector.lines,
        header_row=first[at][0],
        delimiter=delimiter,
    )


def _header_names(header: list[str]) -> tuple[list[str], list[ReadNote], dict[str, str]]:
    """Canonical header names; an empty header gets a visible name ``(column N)``."""
    names, notes, headers = [], [], {}
    for k, cell in enumerate(header, start=1):
        if len(cell) > CELL_LIMIT:
            notes.append(
                ReadNote(
                    f"a header of at most {CELL_LIMIT:,} characters",
                    row=1,
                    column=f"(column {k})",
                    value=shorten(cell, 40),
                    severity="error",
                )
            )
            cell = cell[:40]
        canon = canonical_header(cell)
        if not canon:
            canon = f"(column {k})"
        elif canon != cell.strip():
            headers[canon] = cell
        names.append(canon)
    return names, notes, headers


def frame_from_columns(
    numbers: list[int], columns: list[list[str]], names: list[str]
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Build the text frame (one column per distinct header, plus ``_row``) from columns.

    A header that appears twice keeps its first column; the duplicate is reported.
    """
    seen: set[str] = set()
    duplicates = tuple(sorted({n for n in names if n in seen or seen.add(n)}))
    first: dict[str, int] = {}
    for k, n in enumerate(names):
        first.setdefault(n, k)
    data = {}
    for n, k in first.items():
        values = np.empty(len(numbers), dtype=object)
        values[:] = columns[k]
        # an object Series stays one: pandas would turn a bare array into its 'str' dtype
        data[n] = pd.Series(values, dtype=object, copy=False)
    frame = pd.DataFrame(data, copy=False)
    frame["_row"] = np.asarray(numbers, dtype="int64")
    return frame, duplicates


def frame_from_rows(
    rows: list[tuple[int, list]], names: list[str]
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Like :func:`frame_from_columns`, from ``(row number, padded cells)`` pairs."""
    numbers = [number for number, _ in rows]
    columns = (
        [list(c) for c in zip(*(cells for _, cells in rows), strict=True)]
        if rows
        else [[] for _ in names]
    )
    return frame_from_columns(numbers, columns, names)


# -- folders and workbooks ------------------------------------------------------------------


def table_of_name(stem: str) -> str | None:
    """The table a file or sheet name stands for (case, spaces, hyphens and invisible
    characters do not matter), else None.

    Examples
    --------
    >>> table_of_name(" FGD Sessions"), table_of_name("firms"), table_of_name("notes")
    ('fgd_sessions', 'firms', None)
    """
    key = re.sub(r"[\s\-]+", "_", canonical_header(stem))
    return key if key in TABLES else None


def _folder_entries(path: Path) -> list[Path]:
    try:
        return sorted(path.iterdir())
    except OSError as exc:
        raise UnreadableFileError(
            f"{path.name or path}: the folder cannot be read ({exc.strerror})"
        ) from None


def _folder_tables(path: Path) -> tuple[dict[str, list[Path]], list[ReadNote]]:
    """CSV files of a folder by table, and notes about the files that are not tables."""
    found: dict[str, list[Path]] = {}
    notes = []
    for entry in _folder_entries(path):
        suffix = entry.suffix.lower()
        if entry.name.startswith((".", "~$")):
            continue  # hidden files and Excel's lock files
        table = table_of_name(entry.stem) if suffix in (".csv", ".tsv", ".txt") else None
        if table:
            found.setdefault(table, []).append(entry)
        elif suffix in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"):
            notes.append(
                ReadNote(
                    "a file named after a table ("
                    + ", ".join(n + ".csv" for n in TABLE_ORDER[:3])
                    + ", ...); this one is not read",
                    location=entry.name,
                )
            )
    return found, notes


class FolderTables(Mapping):
    """The tables of a folder, each read when it is asked for and not kept.

    Validation asks for one table at a time, so only one raw table is in memory at once (what
    lets a million firms load within the readiness benchmarks' memory). ``files`` fills with a
    record of every file as it is read.
    """

    def __init__(self, folder: Path, chosen: dict[str, Path]):
        self.folder = folder
        self.chosen = chosen
        self.files: list[FileRecord] = []

    def __getitem__(self, name: str) -> RawTable:
        path = self.chosen[name]
        try:
            table = read_csv_table(path, name, path.name)
        except DataSourceError as exc:
            # one unreadable file must not hide the problems of the others
            return RawTable(name, path.name, pd.DataFrame(), error=str(exc))
        self.files.append(FileRecord(path.name, sha256_file(path), path.stat().st_size))
        return table

    def __iter__(self):
        return iter(self.chosen)

    def __len__(self) -> int:
        return len(self.chosen)


def _folder_choice(path: Path) -> tuple[dict[str, Path], list[ReadNote]]:
    """The file read for each table of a folder, and notes on the files that are not read."""
    found, notes = _folder_tables(path)
    chosen: dict[str, Path] = {}
    for name in TABLE_ORDER:
        candidates = found.get(name, [])
        if not candidates:
            continue
        chosen[name] = next((c for c in candidates if c.name == f"{name}.csv"), candidates[0])
        for other in candidates:
            if other != chosen[name]:
                notes.append(
                    ReadNote(
                        f"one file per table; {chosen[name].name} is read for "
                        f"table '{name}', this one is not",
                        location=other.name,
                        severity="error",
                    )
                )
    if not chosen:
        workbooks = [
            e.name for e in _folder_entries(path) if e.suffix.lower() in (".xlsx", ".xlsm")
        ]
        hint = (
            f"; to read the workbook, give its path ({path.name}/{workbooks[0]})"
            if workbooks
            else ""
        )
        raise DataSourceError(
            f"{path.name or path}: no table found; expected CSV files named after the tables "
            f"({', '.join(n + '.csv' for n in TABLE_ORDER[:4])}, ...) or an .xlsx workbook" + hint
        )
    return chosen, notes


def _read_folder(path: Path, progress: bool = False, lazy: bool = False):
    chosen, notes = _folder_choice(path)
    lazy_tables = FolderTables(path, chosen)
    if lazy:
        return lazy_tables, lazy_tables.files, notes
    names = list(chosen)
    if progress:
        from tqdm import tqdm

        names = tqdm(names, desc="reading", unit="file", file=sys.stderr, leave=False)
    tables = {name: lazy_tables[name] for name in names}
    return tables, lazy_tables.files, notes


def read_tables(path: str | Path) -> tuple[dict[str, RawTable], list[FileRecord]]:
    """Read all known tables from a folder of ``<table>.csv`` files or an ``.xlsx`` workbook.

    Returns the raw tables found and a record (relative path, checksum) of every file read.
    Tables that are absent are simply not in the result; validation decides whether that is an
    error. Notes about the dataset as a whole (files not read) are in :func:`read_dataset`.
    """
    tables, files, _ = read_dataset(path)
    return tables, files


def read_dataset(
    path: str | Path, progress: bool = False, lazy: bool = False
) -> tuple[Mapping[str, RawTable], list[FileRecord], list[ReadNote]]:
    """Like :func:`read_tables`, plus the notes about the dataset as a whole.

    ``progress`` shows a progress bar over the files (on stderr). ``lazy`` reads a folder's
    files only when each table is asked for (:class:`FolderTables`); the list of files read
    fills as they are.
    """
    path = Path(path)
    shown = str(path)
    try:
        exists = path.exists()
        is_dir = path.is_dir()
    except OSError as exc:
        raise UnreadableFileError(f"{shown}: cannot be read ({exc.strerror})") from None
    if not exists:
        if path.is_symlink():
            raise UnreadableFileError(f"{shown}: a link to something that does not exist")
        raise DataSourceError(f"{shown}: no such file or folder")
    if is_dir:
        return _read_folder(path, progress, lazy)
    return _read_single_file(path, shown)


def _read_single_file(
    path: Path, shown: str
) -> tuple[dict[str, RawTable], list[FileRecord], list[ReadNote]]:
    from ikmpolicy.xlsx import read_workbook

    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        tables, notes = read_workbook(path, path.name)
        return tables, [FileRecord(path.name, sha256_file(path), path.stat().st_size)], notes
    kind, words = sniff(read_head(path, shown))
    if suffix == ".xls" or kind == "ole":
        raise WrongFileTypeError(
            f"{shown}: {words}; open it in Excel and save it as 'Excel Workbook (.xlsx)'"
        )
    if suffix == ".ods":
        raise WrongFileTypeError(
            f"{shown}: an OpenDocument spreadsheet; save it as "
            "'Excel Workbook (.xlsx)' or as CSV files"
        )
    if kind == "zip":
        tables, notes = read_workbook(path, path.name)
        notes.insert(
            0,
            ReadNote(
                "a name ending in .xlsx; the content is an Excel workbook and was read as one",
                location=path.name,
            ),
        )
        return tables, [FileRecord(path.name, sha256_file(path), path.stat().st_size)], notes
    if suffix in (".csv", ".tsv", ".txt") and kind == "text":
        raise DataSourceError(
            f"{shown}: a single CSV holds one table; pass the folder that holds all the tables"
        )
    raise WrongFileTypeError(
        f"{shown}: expected a folder of CSV files or an .xlsx workbook; the content is {words}"
    )


# -- numbers --------------------------------------------------------------------------------

_GROUPED_DOTS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")  # 4.293.000 or 1.234,5
_GROUPED_COMMAS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")  # 4,293,000 or 1,234.5
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")  # 3,5 or ,5
#: 1.234 or 1,234; not 0,125, since no thousand is written with a leading 0
_THREE_AFTER = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
#: A number with one dot and three digits after it (``1.480``): 1480 as Indonesians group
#: thousands, 1.48 as a program reads it (``0.480`` can only be 0.48)
LONE_DOT_GROUP = re.compile(r"^[+-]?[1-9]\d{0,2}\.\d{3}$")
#: thousands grouped by a space, a no-break space (how Excel in some locales groups them) or a
#: figure or narrow no-break space: 1 500 000, 1 234,5
_GROUPED_SPACES = re.compile(r"^[+-]?\d{1,3}([ \u00a0\u2007\u202f]\d{3})+([.,]\d+)?$")

#: The rule for numbers, stated once (also in the template's instructions).
NUMBER_RULE = (
    "a '.' or a ',' can be the decimal mark (3.5 or 3,5); thousands may be grouped with '.' "
    "when a ',' or a second '.' shows it (4.293.000 or 1.234,5) or with ',' when a '.' or a "
    "second ',' shows it (4,293,000) or with spaces (4 293 000); one separator followed by "
    "exactly three digits (1,234) is ambiguous and refused: write 1234 or 1.234 with a decimal "
    "point (0,125 is a decimal: no thousand starts with 0)"
)


def parse_number(text: str, dot_groups: bool = False) -> float | None:
    """A finite number, else None; see :data:`NUMBER_RULE` for decimal and thousands marks.

    ``dot_groups`` says the column writes thousands with dots elsewhere, so that a lone
    ``1.234`` is ambiguous there too.

    Examples
    --------
    >>> parse_number("3,5"), parse_number("4.293.000"), parse_number("1.234,5")
    (3.5, 4293000.0, 1234.5)
    >>> parse_number("1,234"), parse_number("1.234"), parse_number("1.234", dot_groups=True)
    (None, 1.234, None)
    """
    try:
        value = float(text)
    except ValueError:
        value = _parse_grouped(text)
    else:
        if "_" in text or (dot_groups and _THREE_AFTER.match(text)):
            return None
    return value if value is not None and math.isfinite(value) else None


def _parse_grouped(text: str) -> float | None:
    if _GROUPED_SPACES.match(text):
        return parse_number(_SPACES.sub("", text))
    if _THREE_AFTER.match(text) and "," in text:
        return None  # 1,234: thousands or a decimal comma? refused
    if _DECIMAL_COMMA.match(text):
        return float(text.replace(",", "."))
    if _GROUPED_DOTS.match(text):
        return float(text.replace(".", "").replace(",", "."))
    if _GROUPED_COMMAS.match(text):
        return float(text.replace(",", ""))
    return None


_RUPIAH = re.compile(
    r"^(?P<rp>rp\.?)?\s*(?P<number>[+-]?[\d.,\s]*\d)"  # \s: no-break spaces too
    r"(?:[.,]-)?\s*"  # "Rp600.000,-": the dash says "no sen", as offices write it
    r"(?P<scale>ribu|rb|juta|jt|miliar|milyar|triliun)?\.?$",
    re.IGNORECASE,
)
_EYD_RUPIAH = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # Rp1.500, Rp316.800.000,50
#: The Indonesian words (and their usual abbreviations) for powers of a thousand that amounts
#: are written with. "M" and "T" are not among them: "M" is miliar to an Indonesian reader
#: and million to an English one.
RUPIAH_SCALES = {
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "triliun": 1e12,
}
#: An amount abbreviated with a single letter, "Rp4,3 M": miliar or million?
AMBIGUOUS_RUPIAH_LETTER = re.compile(r"\d\s*[mt]\.?$", re.IGNORECASE)


def parse_rupiah(text: str, dot_groups: bool = False) -> float | None:
    """An amount in rupiah as people write one, else None.

    A number as :func:`parse_number` reads it, optionally after "Rp", with or without the
    trailing ",-" offices write, and before a scale word (ribu or rb, juta or jt, miliar or
    milyar, triliun). After "Rp", dots group thousands as EYD writes rupiah ("Rp1.500" is one
    thousand five hundred); before a scale word a lone "1.200" is ambiguous (1.2 or 1,200
    juta?) and refused, as is a single letter ("4,3 M": miliar or million?).

    Examples
    --------
    >>> parse_rupiah("Rp 600.000.000"), parse_rupiah("Rp1,2 miliar"), parse_rupiah("350 juta")
    (600000000.0, 1200000000.0, 350000000.0)
    >>> parse_rupiah("Rp 4.293.000.000,-"), parse_rupiah("350 jt"), parse_rupiah("Rp 25 rb")
    (4293000000.0, 350000000.0, 25000.0)
    >>> parse_rupiah("Rp1.500"), parse_rupiah("1.200 juta"), parse_rupiah("sejuta")
    (1500.0, None, None)
    >>> parse_rupiah("Rp4,3 M") is None
    True
    """
    match = _RUPIAH.match(text.strip())
    if match is None:
        return None
    number, scale = match["number"], match["scale"]
    if match["rp"] and not scale and _EYD_RUPIAH.match(number):
        value: float | None = float(number.replace(".", "").replace(",", "."))
    else:
        value = parse_number(number, dot_groups=dot_groups or scale is not None)
    if value is None or not scale:
        return value
    return _scaled(value, RUPIAH_SCALES[scale.lower()])


def _scaled(value: float, power: float) -> float:
    """``value`` times a power of a thousand, computed in decimal: "Rp2,01 juta" is 2,010,000
    rupiah, where 2.01 * 1e6 in floating point is 2009999.9999999998.

    Examples
    --------
    >>> _scaled(2.01, 1e6), 2.01 * 1e6
    (2010000.0, 2009999.9999999998)
    """
    return float(Decimal(repr(value)) * Decimal(int(power)))


def rupiah_number(text: str) -> str:
    """The number in an amount written with "Rp" or a scale word ("1.200" of "1.200 juta"), or
    ``text`` itself when it is not written so.

    Examples
    --------
    >>> rupiah_number("Rp1,500"), rupiah_number("1.200 juta"), rupiah_number("sejuta")
    ('1,500', '1.200', 'sejuta')
    """
    match = _RUPIAH.match(text.strip())
    return match["number"] if match else text


def could_be_thousands(text: str) -> bool:
    """Whether a number is one to three digits, one "." or ",", then three digits: "1.234" is
    1.234 or 1,234, so it cannot be read without knowing how the column groups thousands.

    Examples
    --------
    >>> could_be_thousands("1.234"), could_be_thousands("-12,500"), could_be_thousands("1.2345")
    (True, True, False)
    """
    return bool(_THREE_AFTER.match(text))


def uses_dot_groups(text: str) -> bool:
    """Whether a number is written with dots between thousands (4.293.000, 1.234,5)."""
    return bool(_GROUPED_DOTS.match(text)) or (
        bool(_DECIMAL_COMMA.match(text)) and not _THREE_AFTER.match(text)
    )


def parse_fraction(text: str) -> float | None:
    """A number or a fraction such as ``1/3`` (how pairwise judgements are written), else None.

    Examples
    --------
    >>> parse_fraction("1/4"), parse_fraction("3"), parse_fraction("1/0"), parse_fraction("0,5")
    (0.25, 3.0, None, 0.5)
    """
    if "/" in text:
        num, _, den = text.partition("/")
        a, b = parse_number(num.strip()), parse_number(den.strip())
        if a is None or b is None or b == 0:
            return None
        return a / b
    return parse_number(text)


def read_matrix_csv(path: str | Path) -> pd.DataFrame:
    """Read a square pairwise matrix published in a paper (criteria in first column and header).

    Cells are numbers or fractions (``1/3``). Raises ``ValueError`` naming file, row and column
    of a cell that is not a number, or when the labels of rows and columns differ.

    Examples
    --------
    >>> m = read_matrix_csv("data/examples/saaty2008_drinks.csv")  # from the project folder
    >>> float(m.loc["coffee", "water"])
    0.5
    """
    path = Path(path)
    raw = read_csv_table(path, "matrix", str(path)).frame
    labels = [c for c in raw.columns if c != "_row"]
    row_labels = list(raw[labels[0]].str.lower())
    columns = labels[1:]
    if row_labels != columns:
        raise InputError(
            f"{path}: the first column ({', '.join(row_labels)}) must name the same "
            f"criteria, in the same order, as the header ({', '.join(columns)})"
        )
    values = []
    for row in raw.to_dict("records"):
        parsed = []
        for column in columns:
            number = parse_fraction(row[column])
            if number is None:
                raise InputError(
                    f"{path}, row {row['_row']}, column '{column}': found "
                    f"{row[column]!r}; expected a number or a fraction such as 1/3"
                )
            parsed.append(number)
        values.append(parsed)
    return pd.DataFrame(values, index=pd.Index(row_labels, name="criterion"), columns=columns)


# -- writing --------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write a file by writing a temporary file beside it, then renaming it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        # mkstemp makes the file private (0600); a report is for others to read too
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
