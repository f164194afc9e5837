"""Reading an Excel workbook safely: limits first, then the cells, read as the user meant them.

A workbook is a zip archive of XML files. Before openpyxl reads a cell, the archive is checked
against the limits below (on the bytes actually decompressed, not on the sizes the archive
declares, which a crafted file can fake), and every XML file is parsed with defusedxml, which
refuses entity expansion ("billion laughs") and external entities. The limits are stated once:

* :data:`MAX_BYTES` on disk, :data:`MAX_UNCOMPRESSED` once decompressed (all parts together),
  :data:`MAX_RATIO` between a part's decompressed and compressed size, :data:`MAX_PARTS`;
* :data:`MAX_CELLS` cells over the sheets read, :data:`MAX_COLUMNS` columns in a sheet;
* :data:`ikmpolicy.io.CELL_LIMIT` characters in a cell, as for CSV.

What a sheet holds is read as the user meant it where that is unambiguous, with a warning:
the size Excel stores for a sheet (its "dimension") is ignored, every row is read; a value merged
down a column is read in every row of the merge; hidden rows, columns and sheets are read (and
said); a sheet renamed (``FGD Sessions``) or copied (``firms (2)``) is matched to its table.
A formula with no saved value, an Excel error value (``#DIV/0!``) or a fraction that Excel turned
into a date is a clear problem naming sheet, row, column and value; an id that Excel stored as a
date is read as that date (``YYYY-MM-DD``) with a warning for its column.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ikmpolicy.errors import RunError
from ikmpolicy.io import (
    CELL_LIMIT,
    LONE_DOT_GROUP,
    BadCell,
    DataSourceError,
    FileTooLargeError,
    RawTable,
    ReadNote,
    WrongFileTypeError,
    canonical_header,
    frame_from_rows,
    header_index,
    read_head,
    rows_text,
    shorten,
    sniff,
    table_of_name,
    title_note,
)
from ikmpolicy.schema import TABLE_ORDER, TABLES

#: Largest workbook file read (bytes on disk).
MAX_BYTES = 100 * 1024 * 1024
#: Largest total of the workbook's parts once decompressed (bytes).
MAX_UNCOMPRESSED = 500 * 1024 * 1024
#: Largest ratio decompressed / compressed of one part above 1 MB (a decompression bomb is
#: thousands to one; real sheets stay well below).
MAX_RATIO = 1000
#: Most parts (files) in the archive.
MAX_PARTS = 10_000
#: Most cells read over all the sheets that hold tables (rows x the width of each row).
MAX_CELLS = 10_000_000
#: Most columns in a sheet that holds a table.
MAX_COLUMNS = 1_000
#: Highest row number (Excel's own limit): a crafted row number would make the reader yield
#: millions of empty rows.
MAX_ROWS = 1_048_576
#: Sheets of the project's own template that hold instructions, not tables.
INSTRUCTION_SHEETS = ("petunjuk", "instructions", "readme", "read me", "daftar")
#: Excel error values (what a formula shows when it fails).
EXCEL_ERRORS = (
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
)
#: What a cell holding an Excel error should hold instead (the reader's message for a cell Excel
#: stored as an error, validation's for one of :data:`EXCEL_ERRORS` saved as text, as in a CSV)
EXCEL_ERROR_EXPECTED = "a value, not an Excel error: correct the formula"
#: Why a number column holds a date, and what to do (a workbook's date cell, or a CSV's text)
TYPED_BECAME_DATE = (
    "Excel turned what was typed (such as 1/3 or 3.5) into a date; format the column as Text "
    "and type it again"
)

_CHUNK = 1 << 20


class UnsafeWorkbookError(DataSourceError):
    """A workbook that looks built to exhaust memory: a decompression or XML bomb."""


class WorkbookTooLargeError(FileTooLargeError):
    """A workbook beyond the stated size limits."""


def check_defused() -> None:
    """Refuse to read workbooks unless openpyxl parses XML with defusedxml.

    openpyxl uses defusedxml when it is installed, unless the environment variable
    ``OPENPYXL_DEFUSEDXML`` turns it off; this makes sure it is on.
    """
    import openpyxl
    from openpyxl.xml import functions

    if not openpyxl.DEFUSEDXML or not functions.iterparse.__module__.startswith("defusedxml"):
        raise RunError(
            "openpyxl is not using defusedxml, so a workbook could carry an XML "
            "attack; install defusedxml and unset OPENPYXL_DEFUSEDXML"
        )


# -- the archive ----------------------------------------------------------------------------


def _not_a_workbook(display: str, words: str) -> WrongFileTypeError:
    hint = {
        "text": "it looks like CSV text: rename it to .csv and put it in a data folder with "
        "the other tables",
        "ole": "open it in Excel and save it as 'Excel Workbook (.xlsx)' (or remove its password)",
    }
    kind = "ole" if "97-2003" in words else "text" if words in ("text", "UTF-16 text") else ""
    return WrongFileTypeError(
        f"{display}: not an .xlsx workbook: the content is {words}"
        + (f"; {hint[kind]}" if kind else "")
    )


def check_archive(path: Path, display: str) -> None:
    """Check that a file is a zip archive within the limits, decompressing every part once.

    Raises :class:`WrongFileTypeError`, :class:`WorkbookTooLargeError` or
    :class:`UnsafeWorkbookError`.
    """
    head = read_head(path, display, 8192)
    kind, words = sniff(head)
    if kind != "zip" and Path(display).name.startswith("~$"):
        # Excel's lock file beside an open workbook (a few bytes naming the user)
        raise WrongFileTypeError(
            f"{display}: not an .xlsx workbook: a lock file that Excel writes beside a "
            "workbook while it is open; give the workbook itself (its name has no '~$')"
        )
    if not head:
        # sniff calls no bytes "text", which would suggest a CSV; an empty file is a save or a
        # copy (a sync folder) that did not finish
        raise WrongFileTypeError(
            f"{display}: not an .xlsx workbook: the file is empty (0 bytes); "
            "save the workbook again from Excel"
        )
    if kind != "zip":
        raise _not_a_workbook(display, words)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise WorkbookTooLargeError(
            f"{display}: {size:,} bytes; the limit for a workbook is "
            f"{MAX_BYTES:,} bytes (save larger data as CSV files)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            _check_parts(archive, display)
    except zipfile.BadZipFile as exc:
        raise WrongFileTypeError(
            f"{display}: a damaged zip archive, not a readable workbook ({exc})"
        ) from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise WrongFileTypeError(f"{display}: cannot be opened ({exc})") from None


def _check_parts(archive: zipfile.ZipFile, display: str) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise UnsafeWorkbookError(
            f"{display}: {len(parts):,} parts in the archive; a workbook has at most {MAX_PARTS:,}"
        )
    names = {p.filename for p in parts}
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        raise WrongFileTypeError(
            f"{display}: a zip archive but not an Excel workbook (no xl/workbook.xml inside)"
        )
    declared = sum(p.file_size for p in parts)
    if declared > MAX_UNCOMPRESSED:
        raise WorkbookTooLargeError(
            f"{display}: {declared:,} bytes once decompressed; the limit is "
            f"{MAX_UNCOMPRESSED:,} (a decompression bomb, or data to save as CSV files)"
        )
    total = 0
    for part in parts:
        total += _part_size(archive, part, display, MAX_UNCOMPRESSED - total)


def _part_size(archive: zipfile.ZipFile, part: zipfile.ZipInfo, display: str, budget: int) -> int:
    """Decompress one part counting its bytes; stop as soon as a limit is passed."""
    count = 0
    with archive.open(part) as stream:
        while block := stream.read(_CHUNK):
            count += len(block)
            if count > budget:
                raise UnsafeWorkbookError(
                    f"{display}: part {part.filename} decompresses beyond the limit of "
                    f"{MAX_UNCOMPRESSED:,} bytes for a workbook (a decompression bomb?)"
                )
            if count > _CHUNK and count > MAX_RATIO * max(part.compress_size, 1):
                raise UnsafeWorkbookError(
                    f"{display}: part {part.filename} decompresses more than {MAX_RATIO}:1 "
                    "(a decompression bomb?)"
                )
    return count


# -- what a sheet's XML says beyond its values ----------------------------------------------

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def column_index(letters: str) -> int:
    """1-based index of a column letter (``A`` = 1, ``AA`` = 27)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letter(index: int) -> str:
    """Column letters of a 1-based index.

    Examples
    --------
    >>> column_letter(1), column_letter(28), column_index("AB")
    ('A', 'AB', 28)
    """
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetFacts:
    """What a sheet's XML says besides its values (gathered in one streaming pass)."""

    dimension: str | None = None
    cells: int = 0
    columns: int = 0
    last_row: int = 0
    last_column: int = 0
    #: the last row and column of any cell the XML holds, a formatted empty one too (what a
    #: stored size covers: LibreOffice and Excel write formatted empty cells)
    stored_row: int = 0
    stored_column: int = 0
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    #: (row, column) -> text of a formula without a saved value
    no_value: dict[tuple[int, int], str] = field(default_factory=dict)
    #: (row, column) of cells holding an Excel error value
    errors: set[tuple[int, int]] = field(default_factory=set)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _SheetScan:
    """State of the streaming pass over a sheet's XML."""

    def __init__(self, display: str, budget: int):
        self.facts = SheetFacts()
        self.display = display
        self.budget = budget
        self.row = 0
        self.column = 0

    def start_row(self, element) -> None:
        self.row = int(element.get("r", self.row + 1))
        if self.row > MAX_ROWS:
            raise WorkbookTooLargeError(
                f"{self.display}: a row numbered {self.row:,}; Excel "
                f"itself stops at row {MAX_ROWS:,}"
            )
        self.column = 0
        if element.get("hidden") in ("1", "true"):
            self.facts.hidden_rows.append(self.row)

    def end_row(self) -> None:
        facts = self.facts
        facts.cells += self.column  # openpyxl fills each row up to its last cell
        facts.columns = max(facts.columns, self.column)
        if facts.columns > MAX_COLUMNS:
            raise WorkbookTooLargeError(
                f"{self.display}: row {self.row} reaches column {column_letter(self.column)}; "
                f"a sheet may hold at most {MAX_COLUMNS:,} columns"
            )
        if facts.cells > self.budget:
            raise WorkbookTooLargeError(
                f"{self.display}: more cells than the limit of {MAX_CELLS:,} for the sheets of "
                "a workbook (rows times the width of each row); save larger data as CSV files"
            )

    def end_cell(self, element) -> None:
        ref = _REF.match(element.get("r", ""))
        self.column = column_index(ref.group(1)) if ref else self.column + 1
        children = {_local(child.tag): child for child in element}
        value = children.get("v")
        has_value = (value is not None and (value.text or "") != "") or "is" in children
        if "f" in children and not has_value:
            formula = children["f"].text or "(a shared formula)"
            self.facts.no_value[(self.row, self.column)] = "=" + formula
        if element.get("t") == "e":
            self.facts.errors.add((self.row, self.column))
        self.facts.stored_row = max(self.facts.stored_row, self.row)
        self.facts.stored_column = max(self.facts.stored_column, self.column)
        if has_value:
            self.facts.last_row = max(self.facts.last_row, self.row)
            self.facts.last_column = max(self.facts.last_column, self.column)

    def end_col(self, element) -> None:
        if element.get("hidden") in ("1", "true"):
            low, high = int(element.get("min", 1)), int(element.get("max", 1))
            self.facts.hidden_columns.extend(
                column_letter(i) for i in range(low, min(high, 200) + 1)
            )


def scan_sheet(archive: zipfile.ZipFile, member: str, display: str, budget: int) -> SheetFacts:
    """One streaming pass over a sheet's XML with defusedxml (XML attacks refused)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    scan = _SheetScan(display, budget)
    try:
        with archive.open(member) as stream:
            for event, element in iterparse(stream, events=("start", "end")):
                tag = _local(element.tag)
                if event == "start":
                    if tag == "row":
                        scan.start_row(element)
                    continue
                if tag == "c":
                    scan.end_cell(element)
                    element.clear()
                elif tag == "row":
                    scan.end_row()
                    element.clear()
                elif tag == "dimension":
                    scan.facts.dimension = element.get("ref")
                elif tag == "mergeCell" and element.get("ref"):
                    scan.facts.merged.append(element.get("ref"))
                elif tag == "col":
                    scan.end_col(element)
    except DefusedXmlException as exc:
        raise _unsafe(display, exc) from None
    except DataSourceError:
        raise
    except Exception as exc:  # ParseError and its kin: a damaged sheet
        raise WrongFileTypeError(f"{display}: the sheet's XML is damaged ({exc})") from None
    return scan.facts


def _unsafe(display: str, exc: Exception) -> UnsafeWorkbookError:
    return UnsafeWorkbookError(
        f"{display}: the XML uses {type(exc).__name__} (entity "
        "declarations or external references), which could exhaust "
        "memory or read local files; refused"
    )


def _defused_cause(exc: BaseException) -> BaseException | None:
    """The defusedxml refusal behind an exception openpyxl wrapped, if any."""
    from defusedxml import DefusedXmlException

    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DefusedXmlException):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


# -- cells ----------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """The text of a cell value as a CSV file would hold it.

    Examples
    --------
    >>> cell_text(dt.datetime(2025, 3, 10)), cell_text(3.0), cell_text(True), cell_text(None)
    ('2025-03-10', '3', 'true', '')
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, str):
        return unescape_ooxml(value)
    return str(value)


#: How a workbook's XML writes a character it cannot hold as such (ECMA-376 ``ST_Xstring``):
#: ``_x000D_`` for a carriage return, ``_x005F_`` for the ``_`` of a literal ``_x000D_``.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_ooxml(text: str) -> str:
    r"""A cell's text with the workbook's ``_xHHHH_`` escapes decoded and line ends made ``\n``.

    Excel writes a carriage return in a cell (text pasted from Windows, a line break typed with
    Alt+Enter after one) as ``_x000D_``; openpyxl hands the escape over as it stands, so a
    statement would print ``_x000D_`` in a brief and an id would not match the same id
    elsewhere. Control characters decoded here are removed, with a warning, by validation.

    Examples
    --------
    >>> unescape_ooxml("Baris satu_x000D_\nBaris dua"), unescape_ooxml("IKM-001_x000D_")
    ('Baris satu\nBaris dua', 'IKM-001\n')
    >>> unescape_ooxml("a_x005F_x000D_"), unescape_ooxml("no_escape_here")
    ('a_x000D_', 'no_escape_here')
    """
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# -- sheets to tables -----------------------------------------------------------------------

_COPY = re.compile(r"^(?:copy of |salinan )?(.*?)(?: ?\(\d+\)| - copy| - salinan)?$", re.I)


def sheet_table(title: str) -> tuple[str | None, int]:
    """The table a sheet holds and how sure that is: 0 exact name, 1 renamed, 2 a copy.

    Examples
    --------
    >>> sheet_table("firms"), sheet_table("FGD Sessions"), sheet_table("firms (2)")
    (('firms', 0), ('fgd_sessions', 1), ('firms', 2))
    """
    if title in TABLES:
        return title, 0
    table = table_of_name(title)
    if table:
        return table, 1
    match = _COPY.match(canonical_header(title))
    table = table_of_name(match.group(1)) if match else None
    return (table, 2) if table else (None, 3)


def _choose_sheets(
    titles: list[str], display: str
) -> tuple[dict[str, str], list[ReadNote], dict[str, str]]:
    """Sheet title per table; notes on renamed, copied and unknown sheets; fatal clashes."""
    by_table: dict[str, list[tuple[int, str]]] = {}
    notes: list[ReadNote] = []
    for title in titles:
        table, rank = sheet_table(title)
        if table is None:
            if canonical_header(title) not in INSTRUCTION_SHEETS:
                notes.append(
                    ReadNote(
                        "a sheet named after a table (" + ", ".join(TABLE_ORDER[:3]) + ", ...); "
                        "this sheet is not read",
                        location=f"{display} [{title}]",
                    )
                )
            continue
        by_table.setdefault(table, []).append((rank, title))
    chosen, clashes = {}, {}
    for table, candidates in by_table.items():
        candidates.sort()
        best_rank = candidates[0][0]
        best = [t for r, t in candidates if r == best_rank]
        if len(best) > 1:
            clashes[table] = (
                f"one sheet for table '{table}'; sheets "
                + ", ".join(repr(t) for t in best)
                + " could each be it: keep one"
            )
            continue
        chosen[table] = best[0]
        if best_rank:
            notes.append(
                ReadNote(
                    f"a sheet named '{table}'; this sheet is read as table '{table}'",
                    location=f"{display} [{best[0]}]",
                )
            )
        for _, other in candidates[1:]:
            notes.append(
                ReadNote(
                    f"one sheet per table; sheet {best[0]!r} is read for table "
                    f"'{table}', this copy is not",
                    location=f"{display} [{other}]",
                    severity="error",
                )
            )
    return chosen, notes, clashes


def read_workbook(path: Path, display: str) -> tuple[dict[str, RawTable], list[ReadNote]]:
    """Read every sheet of a workbook that holds a table, within the limits.

    Returns the raw tables and notes about the workbook as a whole (sheets not read, copies).
    """
    check_defused()
    check_archive(path, display)
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except DefusedXmlException as exc:
        raise _unsafe(display, exc) from None
    except Exception as exc:  # openpyxl raises many unrelated types for a damaged file
        cause = _defused_cause(exc)
        if cause is not None:
            raise _unsafe(display, cause) from None
        # openpyxl's message names the absolute path: show the name the user knows
        words = str(exc).replace(str(path), display).split("\n")[0]
        raise WrongFileTypeError(
            f"{display}: cannot be read as an Excel workbook ({type(exc).__name__}: {words})"
        ) from None
    try:
        sheets = {ws.title: ws for ws in book.worksheets}
        chosen, notes, clashes = _choose_sheets(list(sheets), display)
        tables: dict[str, RawTable] = {}
        for table, message in clashes.items():
            where = f"{display} [{table}]"
            tables[table] = RawTable(table, where, pd.DataFrame(), error=f"{where}: {message}")
        budget = MAX_CELLS
        archive = book._archive  # the open zip openpyxl reads from
        for name in TABLE_ORDER:
            if name not in chosen:
                continue
            sheet = sheets[chosen[name]]
            tables[name] = _read_sheet(archive, sheet, name, display, budget)
            budget -= len(tables[name].frame) * max(1, len(tables[name].frame.columns))
        if not tables:
            raise DataSourceError(
                f"{display}: no sheet is named after a table ({', '.join(TABLE_ORDER)})"
            )
    finally:
        book.close()
    return tables, notes


def _read_sheet(archive, sheet, name: str, display: str, budget: int) -> RawTable:
    location = f"{display} [{sheet.title}]"
    member = getattr(sheet, "_worksheet_path", None)
    if not hasattr(sheet, "iter_rows") or member is None:
        return RawTable(
            name, location, pd.DataFrame(), error=f"{location}: a chart sheet, not a table of cells"
        )
    facts = scan_sheet(archive, member, location, budget)
    sheet.reset_dimensions()  # the stored size may be wrong: read every row and column
    numbered = (
        (number, list(values))
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    )
    return _sheet_table(numbered, facts, sheet, name, location)


def _sheet_table(numbered, facts: SheetFacts, sheet, name: str, location: str) -> RawTable:
    texts_of = ((number, values, [cell_text(v) for v in values]) for number, values in numbered)
    first, filled = [], 0  # the first rows, to find the header in
    for item in texts_of:
        if any(t.strip() for t in item[2]):
            filled += 1
        elif not filled:
            continue  # blank rows before the header are not rows of the table
        first.append(item)
        if filled == 6:
            break
    if not filled:
        return RawTable(
            name,
            location,
            pd.DataFrame(),
            error=f"{location}: the sheet is empty; expected a header row",
        )
    nonblank = [k for k, item in enumerate(first) if any(t.strip() for t in item[2])]
    at = nonblank[header_index([first[k][2] for k in nonblank], name)]
    header_row, _, header = first[at]
    # merges are filled below the header only: a header cell merged down over the first row
    # of data would otherwise give that row the header's text as its value
    merges = _MergeFill(facts.merged, below=header_row)
    names = _sheet_headers(list(header))
    numeric = _numeric_columns(name, names)
    ids = _id_columns(name, names)
    dated_ids: dict[str, list[tuple[int, str]]] = {}
    partial = _partial_date_columns(name, names)
    excel_dates: set[tuple[int, str]] = set()
    lone_dot_texts: set[tuple[int, str]] = set()
    rows: list[tuple[int, list]] = []
    blanks: list[int] = []
    bad: dict[tuple[int, str], BadCell] = {}
    width = len(names)  # grows when a row has a value right of the last header
    for number, values, texts in itertools.chain(first[at + 1 :], texts_of):
        texts = merges.apply(number, texts)
        if not any(t.strip() for t in texts):
            blanks.append(number)
            continue
        beyond = [t.strip() for t in texts[len(names) :]]
        while beyond and not beyond[-1]:
            beyond.pop()
        texts = [t.strip() for t in texts[: len(names)]] + [""] * (len(names) - len(texts))
        _cell_problems(number, values, texts, names, facts, bad, numeric)
        for k in ids:
            if k < len(values) and _is_date(values[k]):
                dated_ids.setdefault(names[k], []).append((number, texts[k]))
        excel_dates.update(
            (number, names[k]) for k in partial if k < len(values) and _is_date(values[k])
        )
        lone_dot_texts.update(
            (number, names[k])
            for k, value in enumerate(values[: len(names)])
            if names[k] in numeric
            and isinstance(value, str)
            and LONE_DOT_GROUP.match(value.strip())
        )
        rows.append((number, texts + beyond))
        width = max(width, len(names) + len(beyond))
    # formatted empty rows below the data are the end of the sheet, not gaps in the data
    blanks = [b for b in blanks if rows and b < rows[-1][0]]
    if width > len(names):
        # values typed right of the last header get a column without a header, which
        # validation names with a warning, as for a column whose header was left empty
        names = names + [f"(column {column_letter(k)})" for k in range(len(names) + 1, width + 1)]
        rows = [(number, texts + [""] * (width - len(texts))) for number, texts in rows]
    frame, duplicates = frame_from_rows(rows, names)
    notes = _sheet_notes(facts, sheet, header_row)
    notes += [_dated_id_note(column, cells) for column, cells in dated_ids.items()]
    above = [(n, t) for n, _, t in first[:at] if any(c.strip() for c in t)]
    if above:
        notes.insert(0, title_note([n for n, _ in above], [t for _, t in above]))
    headers = {
        canonical_header(h): h for h in header if h.strip() and canonical_header(h) != h.strip()
    }
    return RawTable(
        name,
        location,
        frame,
        tuple(blanks),
        duplicates,
        notes=tuple(notes),
        headers=headers,
        bad_cells=bad,
        header_row=header_row,
        excel_dates=frozenset(excel_dates),
        lone_dot_texts=frozenset(lone_dot_texts),
    )


def _numeric_columns(table: str, names: list[str]) -> set[str]:
    """Headers whose values are numbers: declared so, or a wide table's indicator columns."""
    from ikmpolicy.schema import WIDE_TABLES

    declared = {c.name: c.type for c in TABLES[table].columns}
    return {
        n
        for n in names
        if declared.get(n) in ("int", "float", "fraction")
        or (n not in declared and table in WIDE_TABLES)
    }


def _id_columns(table: str, names: list[str]) -> list[int]:
    """Positions of the columns that hold ids: the table's key and its references, as text."""
    spec = TABLES[table]
    ids = {
        c.name for c in spec.columns if c.type in ("str", "list") and (c.ref or c.name in spec.key)
    }
    return [k for k, n in enumerate(names) if n in ids]


def _partial_date_columns(table: str, names: list[str]) -> list[int]:
    """Positions of the columns whose dates may be a month or a year (``partial_date``)."""
    partial = {c.name for c in TABLES[table].columns if c.type == "partial_date"}
    return [k for k, n in enumerate(names) if n in partial]


def _is_date(value: object) -> bool:
    """Whether a cell value is an Excel date (openpyxl gives a datetime or a date)."""
    return isinstance(value, dt.datetime | dt.date)


def _dated_id_note(column: str, cells: list[tuple[int, str]]) -> ReadNote:
    # Excel turns an id typed as 3-5 or 1/2 into a date; what was typed cannot be recovered, and
    # the same id turned into the same date still matches across sheets, so this is a warning.
    number, text = cells[0]
    if len(cells) == 1:
        stored = f"row {number} of this column as a date, read as {text}"
    else:
        stored = f"{rows_text([n for n, _ in cells])} of this column as dates ({text}, ...)"
    return ReadNote(
        f"an id typed as text; Excel stored {stored}: if something else was typed (such as "
        "3-5), format the column as Text and type the id again",
        row=number,
        column=column,
        value=text,
    )


def _sheet_headers(header: list[str]) -> list[str]:
    # trailing empty header cells come from formatting, not from data
    while header and not header[-1].strip():
        header.pop()
    return [
        canonical_header(h)[:200] or f"(column {column_letter(k)})"
        for k, h in enumerate(header, start=1)
    ]


def _cell_problems(
    number: int,
    values: list,
    texts: list[str],
    names: list[str],
    facts: SheetFacts,
    bad: dict,
    numeric: set[str],
) -> None:
    for k, text in enumerate(texts, start=1):
        key = (number, names[k - 1])
        if (number, k) in facts.no_value:
            bad[key] = BadCell(
                shorten(facts.no_value[(number, k)], 60),
                "a value: this formula has no saved result (the file was not "
                "saved by Excel); open it in Excel and save it, or type the value",
            )
        elif (number, k) in facts.errors:  # an error saved as text: validation's _excel_errors
            bad[key] = BadCell(text, EXCEL_ERROR_EXPECTED)
        elif len(text) > CELL_LIMIT:
            bad[key] = BadCell(
                shorten(text, 40), f"at most {CELL_LIMIT:,} characters in a cell (Excel's limit)"
            )
        elif (
            names[k - 1] in numeric
            and k <= len(values)
            and isinstance(values[k - 1], dt.datetime | dt.date)
        ):
            bad[key] = BadCell(
                text,
                f"a number, not a date: {TYPED_BECAME_DATE}, or type 0.333",
            )


class _MergeFill:
    """Fills the cells of each vertical merge (one column, several rows) that starts below row
    ``below`` (the header) with the value of its first cell as the rows stream by; other merges
    are left as Excel stores them."""

    def __init__(self, refs: list[str], below: int = 0):
        self.ranges: list[tuple[int, int, int]] = []
        self.values: dict[int, str] = {}
        for ref in refs:
            first, _, last = ref.partition(":")
            a, b = _REF.match(first), _REF.match(last or first)
            if not a or not b:
                continue
            col_a, col_b = column_index(a.group(1)), column_index(b.group(1))
            row_a, row_b = int(a.group(2)), int(b.group(2))
            if col_a == col_b and row_b > row_a > below:
                self.ranges.append((col_a, row_a, row_b))

    def apply(self, number: int, texts: list[str]) -> list[str]:
        for k, (col, first, last) in enumerate(self.ranges):
            if number == first:
                self.values[k] = texts[col - 1] if col <= len(texts) else ""
            elif first < number <= last:
                texts.extend([""] * (col - len(texts)))
                if not texts[col - 1].strip():
                    texts[col - 1] = self.values.get(k, "")
        return texts


def _sheet_notes(facts: SheetFacts, sheet, header_row: int) -> list[ReadNote]:
    notes = []
    if sheet.sheet_state != "visible":
        notes.append(ReadNote("a visible sheet; this sheet is hidden in Excel, and is read"))
    hidden = [r for r in facts.hidden_rows if r > header_row]
    if hidden:
        verb, them, they = ("is", "it", "it") if len(hidden) == 1 else ("are", "them", "they")
        notes.append(
            ReadNote(
                f"visible rows; {rows_text(hidden)} {verb} hidden in Excel and {verb} read as "
                f"data (delete {them} if {they} should not count)"
            )
        )
    if facts.hidden_columns:
        notes.append(
            ReadNote(
                f"visible columns; column(s) {', '.join(facts.hidden_columns[:10])}"
                " are hidden in Excel and are read"
            )
        )
    note = _dimension_note(facts)
    if note:
        notes.append(note)
    for ref in facts.merged:
        notes.append(_merge_note(ref, header_row))
    return [n for n in notes if n is not None]


def _dimension_note(facts: SheetFacts) -> ReadNote | None:
    """A note when the sheet's stored size is not the extent of the cells it holds.

    The extent counts formatted empty cells, which LibreOffice writes down a formatted column
    and Excel for a range formatted or cleared with Delete: a size that covers them is right.
    """
    if not facts.dimension or not facts.last_row:
        return None
    stored = f"{column_letter(max(facts.stored_column, 1))}{facts.stored_row}"
    if facts.dimension.split(":")[-1] == stored:
        return None
    actual = f"A1:{column_letter(max(facts.last_column, 1))}{facts.last_row}"
    return ReadNote(
        f"a stored sheet size matching the content ({actual}); the "
        f"file says {facts.dimension}: every row and column was read",
        value=facts.dimension,
    )


def _merge_note(ref: str, header_row: int) -> ReadNote | None:
    first, _, last = ref.partition(":")
    a, b = _REF.match(first), _REF.match(last or first)
    if not a or not b:
        return None
    row_a, row_b = int(a.group(2)), int(b.group(2))
    vertical = a.group(1) == b.group(1)
    if vertical and row_a > header_row:
        return ReadNote(
            f"unmerged cells; the value of merged cells {ref} is read in each of "
            f"rows {row_a}-{row_b}",
            row=row_a,
            value=ref,
        )
    return ReadNote(
        f"unmerged cells; merged cells {ref} hold their value in {first} only, the "
        "other cells of the merge are read as empty",
        row=row_a,
        value=ref,
    )
