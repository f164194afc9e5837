"""Reading a dataset from CSV files or one Excel workbook; writing files atomically.

Reading keeps every cell as text together with the row number the user sees in their editor
(the header is row 1), so that validation (:mod:`ikmpolicy.validation`) can name file, row and
column in every message. Entirely blank rows are not data: they are skipped and counted.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ikmpolicy.errors import InputError
from ikmpolicy.schema import TABLE_ORDER, TABLES


class DataSourceError(InputError):
    """The data folder or workbook cannot be read at all (missing, not CSV/XLSX, unreadable)."""


@dataclass(frozen=True)
class RawTable:
    """One table as read: text cells plus where each row came from.

    Attributes
    ----------
    name : str
        Table name.
    location : str
        File (and sheet) as shown to the user, e.g. ``data/firms.csv`` or ``book.xlsx [firms]``.
    frame : pandas.DataFrame
        Cells as stripped strings (``""`` for empty), headers lower-cased, plus ``_row``.
    blank_rows : tuple of int
        Row numbers of entirely blank rows that were skipped.
    duplicate_headers : tuple of str
        Headers that appear more than once.
    """

    name: str
    location: str
    frame: pd.DataFrame
    blank_rows: tuple[int, ...] = ()
    duplicate_headers: tuple[str, ...] = ()
    #: why the table could not be read at all (then ``frame`` is empty)
    error: str | None = None


@dataclass(frozen=True)
class FileRecord:
    """A file that was read, with its checksum, for the provenance block of a brief."""

    path: str
    sha256: str
    size: int


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _split_rows(numbered) -> tuple[list[str] | None, list[tuple[int, list[str]]], list[int]]:
    """Header (first non-blank row), data rows with their numbers, and blank rows after it."""
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    blanks: list[int] = []
    for number, cells in numbered:
        if not any(c.strip() for c in cells):
            if header is not None:
                blanks.append(number)
        elif header is None:
            header = cells
        else:
            rows.append((number, cells))
    return header, rows, blanks


def row_location(frame: pd.DataFrame, index, table: str) -> str:
    """``'<file>, row <n>'`` when the frame carries ``_file``/``_row``, else table and index.

    Analyses use it to name where a bad value sits in the user's own file.

    Examples
    --------
    >>> f = pd.DataFrame({"x": [1], "_file": ["data/a.csv"], "_row": [7]})
    >>> row_location(f, 0, "a"), row_location(f[["x"]], 0, "a")
    ('data/a.csv, row 7', 'a, index 0')
    """
    row = frame.loc[index]
    file = row["_file"] if "_file" in frame.columns and pd.notna(row["_file"]) else table
    if "_row" in frame.columns and pd.notna(row["_row"]):
        return f"{file}, row {int(row['_row'])}"
    return f"{file}, index {index!r}"


def _frame_from_rows(
    rows: list[tuple[int, list[str]]], header: list[str]
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    seen: set[str] = set()
    duplicates = tuple(sorted({n for n in names if n in seen or seen.add(n)}))
    width = len(names)
    records = []
    for number, cells in rows:
        cells = [c.strip() for c in cells] + [""] * (width - len(cells))
        # cells beyond the header are kept under a visible name so they are not lost silently
        record = dict(zip(names, cells[:width], strict=True))
        extra = [c for c in cells[width:] if c]
        if extra:
            record["(beyond the last header)"] = ";".join(extra)
        record["_row"] = number
        records.append(record)
    columns = list(dict.fromkeys(names)) + ["_row"]
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        frame = pd.DataFrame(columns=columns)
    frame = frame.fillna("")
    frame["_row"] = frame["_row"].astype(int)
    return frame, duplicates


def read_csv_table(path: Path, name: str, display: str | None = None) -> RawTable:
    """Read one table from a CSV file (UTF-8, with or without BOM; comma or semicolon).

    Semicolon-separated files are what Excel writes in an Indonesian locale, so both separators
    are accepted; the header line decides which.
    """
    display = display or str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataSourceError(
            f"{display}: not UTF-8 text (byte {exc.start}); save the file as 'CSV UTF-8'"
        ) from exc
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)

    def numbered():
        start = 1  # a quoted cell may span lines: a record starts after the previous one
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1

    header, rows, blanks = _split_rows(numbered())
    if header is None:
        expected = ", ".join(TABLES[name].column_names) if name in TABLES else "its columns"
        raise DataSourceError(
            f"{display}: the file is empty; expected a header row with {expected}")
    frame, duplicates = _frame_from_rows(rows, header)
    return RawTable(name, display, frame, tuple(blanks), duplicates)


def _excel_cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_excel_tables(path: Path, display: str | None = None) -> dict[str, RawTable]:
    """Read every sheet of a workbook whose name is a known table.

    Row numbers are the sheet's own, so a message points at the row the user sees in Excel.
    """
    from openpyxl import load_workbook  # defusedxml, when installed, guards the XML parsing

    display = display or str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise DataSourceError(f"{display}: cannot be read as an Excel workbook ({exc})") from exc
    tables: dict[str, RawTable] = {}
    try:
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            if name not in TABLES:
                continue
            header, rows, blanks = _split_rows(
                (number, [_excel_cell_text(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1))
            location = f"{display} [{sheet.title}]"
            if header is None:
                message = f"{location}: the sheet is empty; expected a header row"
                tables[name] = RawTable(name, location, pd.DataFrame(), error=message)
                continue
            # trailing empty header cells come from formatting, not from data
            while header and not header[-1].strip():
                header.pop()
            frame, duplicates = _frame_from_rows(rows, header)
            tables[name] = RawTable(name, location, frame, tuple(blanks), duplicates)
    finally:
        book.close()
    return tables


def read_tables(path: str | Path) -> tuple[dict[str, RawTable], list[FileRecord]]:
    """Read all known tables from a folder of ``<table>.csv`` files or an ``.xlsx`` workbook.

    Returns the raw tables found and a record (path, checksum) of every file read. Tables that
    are absent are simply not in the result; validation decides whether that is an error.
    """
    path = Path(path)
    if not path.exists():
        raise DataSourceError(f"{path}: no such file or folder")
    if path.is_dir():
        tables: dict[str, RawTable] = {}
        files: list[FileRecord] = []
        for name in TABLE_ORDER:
            candidates = [path / f"{name}.csv", path / f"{name}.CSV"]
            found = next((c for c in candidates if c.exists()), None)
            if found is None:
                continue
            try:
                tables[name] = read_csv_table(found, name, str(found))
            except DataSourceError as exc:
                # one unreadable file must not hide the problems of the others
                tables[name] = RawTable(name, str(found), pd.DataFrame(), error=str(exc))
            files.append(FileRecord(str(found), sha256_of(found), found.stat().st_size))
        if not tables:
            raise DataSourceError(
                f"{path}: no table found; expected CSV files named after the tables "
                f"({', '.join(n + '.csv' for n in TABLE_ORDER[:4])}, ...) or an .xlsx workbook"
            )
        return tables, files
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        tables = read_excel_tables(path, str(path))
        if not tables:
            raise DataSourceError(
                f"{path}: no sheet is named after a table ({', '.join(TABLE_ORDER)})"
            )
        return tables, [FileRecord(str(path), sha256_of(path), path.stat().st_size)]
    if path.suffix.lower() == ".csv":
        raise DataSourceError(
            f"{path}: a single CSV holds one table; pass the folder that holds all the tables"
        )
    raise DataSourceError(f"{path}: expected a folder of CSV files or an .xlsx workbook")


def parse_number(text: str) -> float | None:
    """A finite number written with ``.`` as decimal point, else None."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_fraction(text: str) -> float | None:
    """A number or a fraction such as ``1/3`` (how pairwise judgements are written), else None.

    Examples
    --------
    >>> parse_fraction("1/4"), parse_fraction("3"), parse_fraction("1/0")
    (0.25, 3.0, None)
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
        raise ValueError(f"{path}: the first column ({', '.join(row_labels)}) must name the same "
                         f"criteria, in the same order, as the header ({', '.join(columns)})")
    values = []
    for row in raw.to_dict("records"):
        parsed = []
        for column in columns:
            number = parse_fraction(row[column])
            if number is None:
                raise ValueError(f"{path}, row {row['_row']}, column '{column}': found "
                                 f"{row[column]!r}; expected a number or a fraction such as 1/3")
            parsed.append(number)
        values.append(parsed)
    return pd.DataFrame(values, index=pd.Index(row_labels, name="criterion"), columns=columns)


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
