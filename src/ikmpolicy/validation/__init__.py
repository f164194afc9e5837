"""Validation of a dataset against :mod:`ikmpolicy.schema`.

All problems are collected, never the first one only. Each names the file (and sheet, relative to
the dataset), the row as a spreadsheet shows it, the column, the value and what was expected;
personal data is never shown. What a problem does:

* an error in a required cell (or a missing required reference) rejects the row; rows that
  require a rejected row are rejected in turn, and the report says how many rows each root error
  took with it;
* an error in an optional cell leaves that cell empty and is a warning: one typo does not lose a
  row, let alone a session;
* a table that cannot be read, or lacks a required column, is fatal for that table.

Nothing is dropped without a line in the report: for every table ``read == accepted +
rejected``, and every rejected row has an error with its row number. Blank rows and the
template's example rows (ids starting with ``CONTOH-`` or ``EXAMPLE-``) are not data: they are
skipped and counted.

Modules: :mod:`.cells` (reading typed values, a column at a time), :mod:`.tables` (headers,
cells, keys, and what a problem does), :mod:`.references`, :mod:`.checks` (cross-column checks,
registered by name), :mod:`.report` (problems, counts, the dataset).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ikmpolicy.forms.schema_checks import register_form_checks as _register_form_checks
from ikmpolicy.io import FileRecord, RawTable, ReadNote, read_dataset, rows_text
from ikmpolicy.schema import TABLE_ORDER, TABLES, Column, table_columns
from ikmpolicy.validation.checks import CHECKS, CheckContext, check, run_checks, verify_registry
from ikmpolicy.validation.references import TABLE_LOST, check_references, lost_values
from ikmpolicy.validation.report import (
    HIDDEN_PERSONAL,
    HIDDEN_SHIFTED,
    Dataset,
    Problem,
    TableCounts,
    ValidationReport,
)
from ikmpolicy.validation.tables import (
    TableCheck,
    apply_cell_edits,
    check_cells,
    check_headers,
    check_key,
    drop_examples,
    typed_frame,
    warn_misspelt,
)

__all__ = [
    "CHECKS",
    "HIDDEN_PERSONAL",
    "HIDDEN_SHIFTED",
    "CheckContext",
    "Dataset",
    "Problem",
    "TableCounts",
    "ValidationReport",
    "check",
    "dated_after",
    "load_dataset",
    "validate_tables",
]


def _note(report: ValidationReport, location: str, note: ReadNote) -> None:
    report.add(
        Problem(
            note.location or location,
            note.row,
            note.column,
            note.value,
            note.expected,
            note.severity,
        )
    )


def _absent(name: str, location: str, report: ValidationReport, raw: RawTable | None) -> int | None:
    """Report a table that is missing or unreadable; return the fatal problem's index."""
    table = TABLES[name]
    report.counts[name] = TableCounts(location)
    if raw is not None and raw.error:
        reason = raw.error.removeprefix(f"{location}: ")
        return report.add(
            Problem(location, None, None, None, f"a readable table ({reason})", fatal=True)
        )
    if not table.optional:
        return report.add(
            Problem(
                location,
                None,
                None,
                None,
                f"a table '{name}' ({name}.csv in the folder, or a sheet '{name}' in the workbook) "
                f"with columns {', '.join(table.column_names)}",
                fatal=True,
            )
        )
    return None


def _empty_table(columns: tuple[Column, ...]) -> pd.DataFrame:
    frame = pd.DataFrame({c.name: pd.Series([], dtype=object) for c in columns})
    frame["_row"] = pd.Series([], dtype="int64")
    frame["_file"] = pd.Series([], dtype=object)
    return typed_frame(frame, columns)


def _shifted_rows(check: TableCheck, frame: pd.DataFrame) -> None:
    """A row with more cells than headers cannot be trusted: its columns may be shifted."""
    present = set(frame["_row"].astype(int))
    for row, (shift, _) in sorted(check.raw.shifted.items()):
        if shift > 0 and row in present:
            check.problem(
                row,
                None,
                None,
                f"one cell per column; this row has {shift} cell(s) "
                "more than the header, so its values may sit under the wrong columns "
                "(a comma inside a text? put that text in double quotes)",
            )


def validate_table(
    name: str,
    raw: RawTable,
    report: ValidationReport,
    clean: dict[str, pd.DataFrame],
    lost: dict[str, dict],
) -> pd.DataFrame:
    """Check one table read from a file; return its clean rows (and update the report)."""
    columns = table_columns(name, clean.get("indicators"))
    check = TableCheck(name, raw, report, columns)
    for note in raw.notes:
        check.problem(note.row, note.column, note.value, note.expected, note.severity)
    frame, missing = check_headers(check, raw.frame)
    frame, examples = drop_examples(name, frame)
    if examples:
        check.warn(
            None,
            None,
            None,
            f"data rows only; {len(examples)} example row(s) (id "
            f"starting with CONTOH- or EXAMPLE-) skipped: {rows_text(examples)}",
        )
    if raw.blank_rows:
        check.warn(
            None,
            None,
            None,
            f"no blank rows; {len(raw.blank_rows)} blank row(s) "
            f"skipped ({rows_text(raw.blank_rows)})",
        )
    if not missing:
        _shifted_rows(check, frame)
    out = check_cells(check, frame, missing)
    check_key(check, out)
    check_references(check, out, columns, clean, lost)
    apply_cell_edits(out, check)
    run_checks(name, check, out, clean)
    warn_misspelt(check)  # the misspelt headers that no check has named
    apply_cell_edits(out, check)
    rejected = out["_row"].isin(list(check.rejected)).to_numpy(bool)
    report.counts[name] = TableCounts(
        raw.location,
        read=len(out),
        rejected=int(rejected.sum()),
        blank=len(raw.blank_rows),
        examples=len(examples),
    )
    for row, index in check.rejected.items():
        report.rejected[(name, row)] = index
    lost[name] = lost_values(name, out, check)
    if missing:  # a required column is absent: the table as a whole is lost
        lost[name][TABLE_LOST] = missing[0]
    out["_file"] = raw.location
    return typed_frame(out[~rejected], columns)


def validate_tables(
    raw_tables: Mapping[str, RawTable],
    root: str = "",
    files: list[FileRecord] | None = None,
    notes: list[ReadNote] | tuple[ReadNote, ...] = (),
    progress: bool = False,
) -> Dataset:
    """Validate raw tables and return the clean dataset with its report.

    Parameters
    ----------
    raw_tables : mapping of str to RawTable
        As returned by :func:`ikmpolicy.io.read_tables` (or read lazily, one table at a time:
        no raw table is kept once it is validated).
    root : str
        Where the data came from, as given (kept for provenance, shown in no message).
    files : list of FileRecord, optional
        Files read, kept for provenance.
    notes : sequence of ReadNote
        Notes about the dataset as a whole (files or sheets not read).
    progress : bool
        Show a progress bar (tqdm, on stderr) over the tables.

    Returns
    -------
    Dataset
        Clean tables (rejected rows removed) and the :class:`ValidationReport`.
    """
    report = ValidationReport()
    workbook = bool(root) and Path(root).suffix.lower() in (".xlsx", ".xlsm")
    for note in notes:
        _note(report, Path(root).name, note)
    clean: dict[str, pd.DataFrame] = {}
    lost: dict[str, dict] = {}
    for name in _progress(TABLE_ORDER, progress, "validating"):
        raw = raw_tables.get(name)  # read now when the mapping is lazy
        if raw is None or raw.error:
            location = (
                raw.location
                if raw is not None
                else (f"{Path(root).name} [{name}]" if workbook else f"{name}.csv")
            )
            fatal = _absent(name, location, report, raw)
            if fatal is not None:  # rows that require this table are charged to its absence
                lost[name] = {TABLE_LOST: fatal}
            clean[name] = _empty_table(table_columns(name, clean.get("indicators")))
            continue
        clean[name] = validate_table(name, raw, report, clean, lost)
        del raw  # a lazy mapping keeps none: only one raw table is in memory at a time
    return Dataset(root, clean, report, files if files is not None else [])


def _progress(names, show: bool, what: str):
    """``names``, wrapped in a progress bar (on stderr) when ``show``."""
    if not show:
        return names
    from tqdm import tqdm

    return tqdm(names, desc=what, unit="table", file=sys.stderr, leave=False)


def load_dataset(path: str | Path, progress: bool = False) -> Dataset:
    """Read and validate a dataset from a folder of CSV files or an Excel workbook.

    ``progress`` shows a progress bar (on stderr) while the tables are read and checked.

    Examples
    --------
    >>> ds = load_dataset("data/cilegon")  # run from the project folder
    >>> ds.report.ok
    True
    """
    raw, files, notes = read_dataset(path, lazy=True)
    return validate_tables(raw, str(path), files, notes, progress=progress)


def dated_after(dataset: Dataset, day: pd.Timestamp) -> list[Problem]:
    """Warnings for the sessions held after ``day`` and the assessments dated after it.

    ``validate`` checks the data against today: a session or an assessment dated after it is
    most often a mistyped year (2052 for 2025), and no brief made before that day counts it:
    ``brief --fgd`` refuses a session not yet held, ``--all`` leaves it out, and a firm whose
    assessments all lie ahead is in none of a brief's figures. Not part of
    :func:`validate_tables`, whose report a brief shows whatever the day it is made.

    Parameters
    ----------
    dataset : Dataset
        The validated data (each table with its ``_row`` and ``_file``).
    day : pandas.Timestamp
        The day the data are checked against (:func:`ikmpolicy.sessions.reference_day`).

    Returns
    -------
    list of Problem
        One warning per session, then one per assessment, in the order of their rows.
    """
    from ikmpolicy.sessions import held_from

    sessions = dataset["fgd_sessions"]
    held = held_from(dataset).to_numpy()
    found = [
        Problem(
            row["_file"],
            int(row["_row"]),
            "date",
            row["date"],
            f"a session held by {day:%Y-%m-%d}, the day of the check: no brief can be made "
            "of a session before it was held, and 'brief --all' leaves it out until then (is "
            "the year mistyped?)",
            severity="warning",
        )
        for (_, row), start in zip(sessions.iterrows(), held, strict=True)
        if pd.notna(start) and start > day
    ]
    assessments = dataset["assessments"]
    dates = pd.to_datetime(assessments["assessment_date"])
    found += [
        Problem(
            row["_file"],
            int(row["_row"]),
            "assessment_date",
            f"{date:%Y-%m-%d}",
            f"an assessment dated by {day:%Y-%m-%d}, the day of the check: a brief made before "
            "its date leaves it out, and the firm too when it has no earlier assessment (is "
            "the year mistyped?)",
            severity="warning",
        )
        for (_, row), date in zip(assessments.iterrows(), dates, strict=True)
        if pd.notna(date) and date > day
    ]
    return found


# the FGD instruments' checks live with them; a check named in schema.py but registered nowhere
# fails here, at import
_register_form_checks()
verify_registry()
