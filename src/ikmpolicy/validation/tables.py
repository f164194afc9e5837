"""Checking one table: its headers, its cells and its key.

:class:`TableCheck` collects the problems of a table and decides what each one does: an error
in a required cell rejects the row; an error in an optional cell leaves that cell empty and is a
warning. It also keeps personal data out of every message (see :meth:`TableCheck.shown`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import NamedTuple

import numpy as np
import pandas as pd

from ikmpolicy.io import EXAMPLE_PREFIXES, RawTable, shorten
from ikmpolicy.schema import TABLES, WIDE_TABLES, Column
from ikmpolicy.validation.cells import (
    dot_groups_shown,
    parse_column,
    remove_controls,
    remove_text_marks,
)
from ikmpolicy.validation.report import (
    HIDDEN_PERSONAL,
    HIDDEN_SHIFTED,
    Problem,
    ValidationReport,
)
from ikmpolicy.xlsx import EXCEL_ERROR_EXPECTED, EXCEL_ERRORS, column_letter

#: how alike an unknown header and a missing column's name must be to call it a misspelling
_CLOSE = 0.8
_SHORT = 4  # a hidden value shorter than this is only hidden where it is the whole value


class TableCheck:
    """The problems of one table, the rows they reject and the optional cells they blank."""

    def __init__(
        self, name: str, raw: RawTable, report: ValidationReport, columns: tuple[Column, ...]
    ):
        self.name = name
        self.raw = raw
        self.report = report
        self.columns = {c.name: c for c in columns}
        self.personal = {c.name for c in columns if c.personal}
        #: row -> index of the problem at the root of its rejection
        self.rejected: dict[int, int] = {}
        #: (row, column) of optional cells to leave empty
        self.blanks: set[tuple[int, str]] = set()
        #: (row, column) -> the value a check read the cell as (an Excel date as its month)
        self.read_as: dict[tuple[int, str], object] = {}
        #: column absent from the header -> the unknown header that looks like it misspelt
        self.misspelt: dict[str, str] = {}
        #: (row, column) of partial dates whose day is written as Excel shows a date cell
        #: (``01/05/2025``): read to their precision as an Excel date is (see ``Parsed``)
        self.displayed_dates: set[tuple[int, str]] = set()
        #: columns of the schema the header lacks (read as empty in every row)
        self.absent: set[str] = set()
        self._positions: dict[int, int] | None = None
        self._data_rows: set[int] | None = None

    # -- messages ---------------------------------------------------------------------------

    def _position(self, row: int) -> int | None:
        """Where the row is in the raw frame (None for a row it does not hold)."""
        if self._positions is None:
            self._positions = {int(r): k for k, r in enumerate(self.raw.frame["_row"])}
        return self._positions.get(row)

    def typed(self, row: int, column: str) -> str | None:
        """A cell's text as the file holds it, before it was read as a value (None when the
        table has no such row or column): what a message shows where a check sees a value
        made of it (``Desember 2025`` read as ``2025-12``)."""
        k = self._position(row)
        if k is None or column not in self.raw.frame.columns:
            return None
        return str(self.raw.frame[column].iat[k]).strip() or None

    def _hidden(self, row: int | None) -> tuple[bool, set[str]]:
        """Whether the row is shifted, and the values of it that must never be shown."""
        if row is None:
            return False, set()
        shift, hidden = self.raw.shifted.get(row, (0, ()))
        values = set(hidden)
        if self.personal:
            k = self._position(row)
            for name in self.personal:
                if k is not None and name in self.raw.frame.columns:
                    values.add(str(self.raw.frame[name].iat[k]))
        return bool(shift) and bool(self.personal), {v for v in values if v}

    def shown(
        self, row: int | None, column: str | None, value: str | None, expected: str
    ) -> tuple[str | None, str]:
        """The value and expectation as a message may show them: personal data hidden.

        A value from a personal column is never shown; nor, in any column, a value equal to a
        personal cell of the same row, or (in a row whose columns look shifted) to a cell that
        may have come from a personal column.
        """
        shifted, hidden = self._hidden(row)
        if value is not None and column in self.personal:
            value = HIDDEN_PERSONAL
        elif value is not None and _matches(value, hidden):
            value = HIDDEN_SHIFTED if shifted else HIDDEN_PERSONAL
        elif value is not None:
            value = shorten(value)
        for secret in hidden:
            if len(secret) >= _SHORT and secret in expected:
                expected = expected.replace(secret, "(hidden)")
        return value, expected

    def problem(
        self,
        row: int | None,
        column: str | None,
        value: str | None,
        expected: str,
        severity: str = "error",
        fatal: bool = False,
        cause: int | None = None,
        rows: tuple[int, ...] = (),
    ) -> int:
        """Record a problem; an error rejects its row and ``rows``. Returns its index."""
        value, expected = self.shown(row, column, value, expected)
        line = self.raw.lines.get(row) if row is not None else None
        index = self.report.add(
            Problem(
                self.raw.location,
                row,
                column,
                value,
                expected,
                severity,
                fatal,
                line,
                cause,
                rows,
            )
        )
        if severity == "error" and not fatal:
            root = index if cause is None else cause
            for data_row in (row, *rows):
                if self.is_data_row(data_row) and data_row not in self.rejected:
                    self.rejected[data_row] = root
                    if cause is not None:
                        self.report.cascades.setdefault(root, Counter())[self.name] += 1
        return index

    def reject_rows(
        self,
        at: int | None,
        rows,
        column: str | None,
        value: str | None,
        expected: str,
        cause: int | None = None,
    ) -> int:
        """Reject a group of rows with one cause by one error, not one line per row.

        Parameters
        ----------
        at : int, optional
            Row the problem is reported at: the header's row for a fault in the header, else
            the group's first row (rejected like the others).
        rows : iterable of int
            Data rows rejected; ``expected`` should name them (:func:`ikmpolicy.io.rows_text`).
        column, value, expected : str, optional
            As for :meth:`problem`.
        cause : int, optional
            A problem elsewhere that the rows are charged to (counted as taken along by it);
            by default the rows are charged to this problem itself.

        Returns
        -------
        int
            Index of the problem.
        """
        rows = tuple(int(r) for r in rows)
        return self.problem(at, column, value, expected, cause=cause, rows=rows)

    def is_data_row(self, row: int | None) -> bool:
        """Whether ``row`` is a data row of the table (not the header, not a blank row)."""
        if row is None:
            return False
        if self._data_rows is None:
            self._data_rows = (
                set(self.raw.frame["_row"].tolist()) if "_row" in self.raw.frame.columns else set()
            )
        return row in self._data_rows

    def invalid(
        self,
        row: int,
        column: str,
        value: str | None,
        expected: str,
        force: bool = False,
        cause: int | None = None,
    ) -> bool:
        """A cell that cannot be used: an error rejecting the row when its column is required
        (or ``force``), else a warning and the cell is left empty. True if the row is rejected.
        """
        col = self.columns.get(column)
        if force or col is None or col.required:
            self.problem(row, column, value, expected, cause=cause)
            return True
        self.problem(
            row, column, value, expected + " (the cell is left empty)", "warning", cause=cause
        )
        self.blanks.add((row, column))
        return False

    def warn(self, row: int | None, column: str | None, value: str | None, expected: str) -> int:
        """Report a warning; the row is kept."""
        return self.problem(row, column, value, expected, "warning")


def _matches(value: str, hidden: set[str]) -> bool:
    return any(value == h or (len(h) >= _SHORT and h in value) for h in hidden)


# -- headers --------------------------------------------------------------------------------


def _loose(name: str) -> str:
    return re.sub(r"[\s\-.:]+", "_", name).strip("_")  # "workforce:", as a form labels it


def check_headers(check: TableCheck, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """Match the headers to the table's columns; return the frame renamed and the indices of
    the fatal problems about required columns that are missing."""
    raw = check.raw
    columns = check.columns
    row = raw.header_row  # below a title typed above the header, if any
    for header in raw.duplicate_headers:
        check.problem(row, header, None, "each column header once", fatal=True)
    known = [h for h in frame.columns if h in columns or _loose(h) in columns]
    headers = [h for h in frame.columns if h != "_row"]
    other = _other_table(check.name, {_loose(h) for h in headers})
    if (not known and headers) or other:
        found = f"the columns of table '{other}'" if other else "none of them"
        return frame, [
            check.problem(
                row,
                None,
                shorten(", ".join(headers), 60),
                f"a header row with the columns of table '{check.name}' ("
                + ", ".join(list(columns)[:6])
                + f", ...); found {found}: "
                "is this the right file?",
                fatal=True,
            )
        ]
    renames = {}
    unknown = []
    for header in frame.columns:
        if header == "_row" or header in columns:
            if raw.typed(header).strip().lower() != header:
                check.warn(
                    row,
                    header,
                    repr(raw.typed(header)),
                    f"a plain header; read as '{header}' (an invisible character or a "
                    "non-breaking space was removed)",
                )
            continue
        loose = _loose(header)
        if loose in columns and loose not in frame.columns and loose not in renames.values():
            renames[header] = loose
            typed = raw.typed(header)
            check.warn(row, loose, repr(typed), f"the header '{loose}'; '{typed}' was read as it")
        elif header.startswith("(column "):
            filled = int((frame[header] != "").sum())
            if filled:
                check.warn(
                    row,
                    header,
                    None,
                    f"a header above every column with data; {filled} "
                    "cell(s) under this empty header are not read",
                )
        else:
            unknown.append(header)
    frame = frame.rename(columns=renames)
    if check.name in WIDE_TABLES and check.report.unusable("indicators") and unknown:
        # the indicator columns are not known: one note, not a warning per correct header
        check.warn(
            row,
            None,
            shorten(", ".join(raw.typed(h) for h in unknown), 60),
            f"columns this table knows; these {len(unknown)} are not read, as the indicators "
            "they would score have no usable row in table indicators",
        )
        unknown = []
    _match_misspelt(check, unknown, [c for c in columns if c not in frame.columns], list(columns))
    for header in unknown:
        if header not in check.misspelt.values():
            check.warn(
                row,
                raw.typed(header),
                None,
                "a known column; this one is ignored (known: " + ", ".join(columns) + ")",
            )
    check.absent = {name for name in columns if name not in frame.columns}
    missing = [c.name for c in columns.values() if c.name not in frame.columns and c.required]
    return frame, [_missing_column(check, name) for name in missing]


def _match_misspelt(
    check: TableCheck, unknown: list[str], absent: list[str], known: list[str]
) -> None:
    """Pair each column absent from the header with the unknown header that looks like it
    misspelt (``human_resouces`` for ``human_resources``), in :attr:`TableCheck.misspelt`.

    A header whose closest name is a column the header already has (``owner_nme`` beside
    ``owner_name``) is a copy of it, not a misspelling of another column: it is left unknown.
    """
    free = list(absent)
    for header in unknown:
        close = difflib.get_close_matches(_loose(header), known, n=1, cutoff=_CLOSE)
        if close and close[0] in free:
            check.misspelt[close[0]] = header
            free.remove(close[0])


class Misspelt(NamedTuple):
    """An unknown header taken for a column absent from the header."""

    header: str  #: as the table reads it (the problem's column)
    typed: str  #: as it was typed (the value found)
    words: str  #: the header expected, where it stands, and what was found there


def misspelt_header(check: TableCheck, column: str) -> Misspelt | None:
    """The unknown header that stands for absent ``column``, if any; taken, so that no later
    warning repeats it."""
    header = check.misspelt.pop(column, None)
    if header is None:
        return None
    typed = check.raw.typed(header)
    words = f"the header '{column}'{_letter(check, header)}, the closest name the table knows"
    return Misspelt(header, typed, words)


def warn_misspelt(check: TableCheck) -> None:
    """Warn of each misspelt header that no error has named: its column is read as absent."""
    for column in sorted(check.misspelt):
        found = misspelt_header(check, column)
        check.warn(
            check.raw.header_row,
            found.header,
            found.typed,
            f"{found.words}; the column is ignored, so every cell of '{column}' reads as empty",
        )


def _letter(check: TableCheck, header: str) -> str:
    """`` in column G``: where the header stands, as a spreadsheet names the column."""
    headers = [h for h in check.raw.frame.columns if h != "_row"]
    if check.raw.duplicate_headers or header not in headers:
        return ""  # a repeated header shifts the positions: say nothing rather than wrong
    return f" in column {column_letter(headers.index(header) + 1)}"


def _missing_column(check: TableCheck, name: str) -> int:
    """The fatal problem of a required column absent from the header."""
    expectation = check.columns[name].expectation()
    found = misspelt_header(check, name)
    if found is None:
        return check.problem(
            check.raw.header_row, name, None, f"a column '{name}' ({expectation})", fatal=True
        )
    return check.problem(
        check.raw.header_row,
        found.header,
        found.typed,
        f"{found.words}: a column of {expectation}, without which no row of the table can "
        "be used; correct the header",
        fatal=True,
    )


def _other_table(name: str, present: set[str]) -> str | None:
    """Another table whose required columns are all there while some of this one's are not."""
    mine = [c.name for c in TABLES[name].columns if c.required]
    if all(c in present for c in mine):
        return None
    for other in TABLES.values():
        required = [c.name for c in other.columns if c.required]
        if other.name != name and required and all(c in present for c in required):
            return other.name
    return None


def drop_examples(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[int]]:
    """Remove the template's example rows (first key starting with CONTOH- or EXAMPLE-)."""
    key = TABLES[name].key[0]
    if key not in frame.columns or frame.empty:
        return frame, []
    marked = frame[key].str.lower().str.startswith(EXAMPLE_PREFIXES).to_numpy(bool)
    if not marked.any():
        return frame, []
    return frame[~marked].reset_index(drop=True), [int(r) for r in frame["_row"][marked]]


# -- cells ----------------------------------------------------------------------------------


def check_cells(check: TableCheck, frame: pd.DataFrame, missing: list[int]) -> pd.DataFrame:
    """Every column read as typed values; unreadable, empty-but-required, disallowed and
    out-of-range cells reported. ``missing``: fatal problems that reject every row."""
    rows = frame["_row"].to_numpy()
    out = {"_row": rows}
    if missing:
        # without a required column no row can be trusted: all are charged to that problem
        for row in rows:
            check.rejected.setdefault(int(row), missing[0])
        check.report.cascades.setdefault(missing[0], Counter())[check.name] += len(rows)
        if check.report.problems[missing[0]].column is None:  # not this table's file at all
            return pd.DataFrame(
                {"_row": rows}
                | {c: _empty_column(check.columns[c], len(rows)) for c in check.columns}
            )
    thousands_dots = _thousands_dots(check.raw, check.columns.values(), frame)
    for col in check.columns.values():
        if col.name not in frame.columns:
            out[col.name] = _empty_column(col, len(frame))
            continue
        texts = frame[col.name].to_numpy(dtype=object)
        texts = _bad_cells(check, col, rows, texts)
        out[col.name] = _column(check, col, rows, texts, thousands_dots)
    # object columns stay objects (pandas would make text columns 'str', None becoming NaN)
    return pd.DataFrame(
        {k: pd.Series(v, dtype=object) if v.dtype == object else v for k, v in out.items()}
    )


def _empty_column(col: Column, n: int) -> np.ndarray:
    if col.type in ("int", "float", "fraction"):
        return np.full(n, np.nan)
    values = np.empty(n, dtype=object)
    values[:] = [()] * n if col.type == "list" else [None] * n
    return values


def _bad_cells(check: TableCheck, col: Column, rows: np.ndarray, texts: np.ndarray) -> np.ndarray:
    """Cells the reader could not take as they stand: reported, then read as empty."""
    bad = {r: b for (r, c), b in check.raw.bad_cells.items() if c == col.name}
    if not bad:
        return texts
    texts = texts.copy()
    for k, row in enumerate(rows):
        cell = bad.get(int(row))
        if cell is not None:
            check.invalid(int(row), col.name, cell.shown, cell.expected, force=cell.force_error)
            texts[k] = None  # reported: not "empty" as well
    return texts


def _thousands_dots(raw: RawTable, columns, frame: pd.DataFrame) -> str:
    """Why the table's dots group thousands, if they do ("" if nothing says so): a CSV
    separated by ``;`` (Excel's list separator where the decimal mark is a comma), or a number
    column written so (``4.293.000``, ``3,5``). A lone ``1.480`` in another number column is then
    1480 as typed in Indonesia and 1.48 as pandas reads it: refused, not guessed."""
    if raw.delimiter == ";":
        return (
            "the file separates its columns with ';', as Excel does where ',' is the decimal mark"
        )
    for col in columns:
        if col.type in ("int", "float") and col.name in frame.columns:
            texts = frame[col.name].to_numpy(dtype=object)
            if dot_groups_shown(np.where(pd.isna(texts), "", texts).astype(object)):
                return f"column '{raw.typed(col.name)}' writes thousands with '.'"
    return ""


def _excel_errors(
    check: TableCheck, col: Column, rows: np.ndarray, texts: np.ndarray
) -> np.ndarray:
    """The texts with Excel error values (``#N/A``, ``#DIV/0!``) reported and read as None.

    The one check for an error saved as text, whatever the reader: a CSV saved by Excel writes
    them so, and a text column would otherwise take one as a name or a label and print it in a
    brief. (A workbook's cells that Excel stored as errors are the reader's bad cells.)
    """
    found = pd.Series(texts, dtype=object).str.strip().isin(EXCEL_ERRORS).to_numpy(bool)
    if not found.any():
        return texts
    texts = texts.copy()
    for k in np.flatnonzero(found):
        check.invalid(int(rows[k]), col.name, texts[k].strip(), EXCEL_ERROR_EXPECTED)
        texts[k] = None  # reported: not "empty" as well
    return texts


def _column(
    check: TableCheck, col: Column, rows: np.ndarray, texts: np.ndarray, thousands_dots: str = ""
) -> np.ndarray:
    texts = _excel_errors(check, col, rows, texts)
    skipped = pd.isna(texts)  # the reader's unreadable cells, already reported
    texts = np.where(skipped, "", texts).astype(object)
    texts, cleaned = remove_controls(texts)  # first: a cell of control characters alone is empty
    for k, shown, message in cleaned:
        check.warn(int(rows[k]), col.name, shown, message)
    texts, marked = remove_text_marks(col, texts)
    empty = (texts == "") & ~skipped
    if col.required:
        for k in np.flatnonzero(empty):
            check.problem(int(rows[k]), col.name, "", col.expectation() + " (the cell is empty)")
    lone_texts = check.raw.lone_dot_texts
    held_as_text = [k for k, r in enumerate(rows) if (int(r), col.name) in lone_texts]
    # typed as text, as a workbook's text cell: a lone '1.480 is as ambiguous there
    held_as_text += [k for k, _, _ in marked if k not in held_as_text]
    parsed = parse_column(col, texts, thousands_dots, held_as_text)
    typed = {k: shown for k, shown, _ in marked}  # a refused cell is shown as it was typed
    for k, shown, expected in parsed.bad:
        check.invalid(int(rows[k]), col.name, typed.get(k, shown), expected)
    refused = {k for k, _, _ in parsed.bad}
    for k, shown, message in [m for m in marked if m[0] not in refused] + parsed.notes:
        check.warn(int(rows[k]), col.name, shown, message)
    check.displayed_dates.update((int(rows[k]), col.name) for k in parsed.displayed)
    values = parsed.values
    bad = np.zeros(len(texts), bool)
    bad[[k for k, _, _ in parsed.bad]] = True
    _check_allowed(check, col, rows, texts, values, bad)
    _check_range(check, col, rows, texts, values, bad)
    return values


def _check_allowed(check, col, rows, texts, values, bad) -> None:
    if not col.allowed:
        return
    allowed = set(col.allowed)
    if col.type == "list":
        wrong = np.array([any(i not in allowed for i in v) for v in values], dtype=bool)
    else:
        wrong = ~pd.Series(values, dtype=object).isin(allowed).to_numpy(bool)
        wrong &= pd.notna(values).astype(bool)
    for k in np.flatnonzero(wrong & ~bad):
        if check.invalid(int(rows[k]), col.name, texts[k], "one of: " + ", ".join(col.allowed)):
            continue
        values[k] = () if col.type == "list" else None


def _check_range(check, col, rows, texts, values, bad) -> None:
    if col.type not in ("int", "float", "fraction") or (col.min is None and col.max is None):
        return
    low = -np.inf if col.min is None else col.min - 1e-12
    high = np.inf if col.max is None else col.max + 1e-12
    with np.errstate(invalid="ignore"):
        wrong = np.isfinite(values) & ((values < low) | (values > high))
    for k in np.flatnonzero(wrong & ~bad):
        if not check.invalid(int(rows[k]), col.name, texts[k], col.expectation()):
            values[k] = np.nan


# -- key ------------------------------------------------------------------------------------


def check_key(check: TableCheck, frame: pd.DataFrame) -> None:
    """Each key once. Rows with an empty key part are reported as empty cells, not here."""
    key = list(TABLES[check.name].key)
    if not all(k in frame.columns for k in key) or frame.empty:
        return
    parts = frame[key]
    complete = parts.notna().all(axis=1).to_numpy(bool)
    duplicated = np.zeros(len(frame), bool)
    duplicated[complete] = parts[complete].duplicated(keep=False).to_numpy(bool)
    if not duplicated.any():
        return
    first: dict[tuple, int] = {}
    shown = parts[duplicated].astype(str)
    for row, values in zip(
        frame["_row"].to_numpy()[duplicated], shown.itertuples(index=False), strict=True
    ):
        values = tuple(values)
        if values in first:
            check.problem(
                int(row),
                "+".join(key),
                "/".join(values),
                f"a unique value; already used in row {first[values]}",
            )
        else:
            first[values] = int(row)


# -- the clean frame ------------------------------------------------------------------------


def typed_frame(frame: pd.DataFrame, columns: tuple[Column, ...]) -> pd.DataFrame:
    """Give each column its type: Int64, float, boolean, datetime64; text and lists as objects.

    Examples
    --------
    >>> f = pd.DataFrame({"n": np.array([1.0, np.nan])})
    >>> str(typed_frame(f, (Column("n", "int"),))["n"].dtype)
    'Int64'
    """
    frame = frame.reset_index(drop=True)
    out = {"_row": frame["_row"].to_numpy()} if "_row" in frame.columns else {}
    for col in columns:
        values = frame[col.name]
        if col.type == "int":
            out[col.name] = pd.array(values.to_numpy(float), dtype="Float64").astype("Int64")
        elif col.type in ("float", "fraction"):
            out[col.name] = values.to_numpy(float)
        elif col.type == "bool":
            out[col.name] = pd.array(values.tolist(), dtype="boolean")
        elif col.type == "date":
            out[col.name] = pd.to_datetime(values.to_numpy()).astype("datetime64[s]")
        else:
            out[col.name] = pd.Series(values.to_numpy(object), dtype=object)
    typed = pd.DataFrame(out, index=frame.index)
    if "_file" in frame.columns:
        typed["_file"] = frame["_file"].to_numpy()
    return typed.reset_index(drop=True)


def apply_cell_edits(frame: pd.DataFrame, check: TableCheck) -> None:
    """Put in the values that checks read cells as, and empty the optional cells that they
    found unusable (in place)."""
    if not check.blanks and not check.read_as:
        return
    position = {int(r): k for k, r in enumerate(frame["_row"])}
    for (row, column), value in check.read_as.items():
        k = position.get(row)
        if k is not None and column in frame.columns and (row, column) not in check.blanks:
            frame.iat[k, frame.columns.get_loc(column)] = value
    for row, column in check.blanks:
        k = position.get(row)
        if k is None or column not in frame.columns:
            continue
        col = check.columns[column]
        empty = (
            ()
            if col.type == "list"
            else (np.nan if col.type in ("int", "float", "fraction") else None)
        )
        frame.iat[k, frame.columns.get_loc(column)] = empty
