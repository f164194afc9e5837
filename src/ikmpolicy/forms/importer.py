"""Filled forms back into the dataset (``ikmpolicy import-forms``).

1. Each workbook is checked before it is opened (size, a real zip, not a decompression bomb),
   then read through its hidden ``ikmpolicy`` sheet (which form, which session, where each
   answer sits). A renamed sheet, rows or columns moved (:mod:`.layout`), a formula in an
   answer cell or a form that this project did not write is an error naming the file.
2. The answers become rows of the dataset's tables, as text, and are validated by
   :func:`ikmpolicy.validation.validate_tables` against the dataset's own tables, so every
   message is the one ``validate`` gives: file [sheet], row, column, value, expectation.
3. Rows whose key is already in the dataset with the same values are skipped (a second import
   adds nothing); the same key with other values, or the same respondent in two files, is an
   error.
4. Each AHP respondent's consistency ratio and the judgement to reconsider are shown.
5. Only then, and only when nothing was wrong, the rows are appended: every changed CSV is
   written beside the data in a staging folder, the staged dataset is validated again, and the
   files are renamed into place. A failed import changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ikmpolicy.errors import InputError
from ikmpolicy.io import RawTable, read_tables, write_atomic
from ikmpolicy.schema import TABLES, table_columns
from ikmpolicy.validation import Problem, load_dataset, validate_tables
from ikmpolicy.workbook import safe_cell
from ikmpolicy.xlsx import cell_text

from .excel import FORM_COLUMNS, META_SHEET
from .layout import layout_problems

#: Largest workbook accepted (bytes on disk) and largest total it may unpack to.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
_CHOICE = re.compile(r"\[([^\[\]]+)\]\s*$")
#: Which table each kind of form fills.
TARGET = {
    "ahp": "pairwise",
    "ssim": "ssim",
    "readiness": "assessments",
    "attendance": "participation",
    "commitments": "commitments",
}


class FormsImportError(InputError):
    """Filled forms that cannot be imported; nothing was written."""


@dataclass
class FormRows:
    """The rows one filled form gives, as text, with where they sit."""

    path: str
    kind: str
    session_id: str
    table: str
    raw: RawTable
    #: Column -> the form's row that holds it, for a value typed once and copied to every row
    #: (the organisation of an AHP form) or sitting on a row of its own (a firm's id, a level
    #: of the self-assessment): problems are named at that row, where it can be corrected.
    cells: dict[str, int] = field(default_factory=dict)
    #: Rows of the form holding a formula, refused as such: validation's "the cell is empty"
    #: for them would say the same thing again, wrongly.
    formula_rows: set[int] = field(default_factory=set)


@dataclass
class ImportPlan:
    """What an import would add, and everything wrong with it."""

    forms: list[FormRows] = field(default_factory=list)
    new: dict[str, pd.DataFrame] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    consistency: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        """Whether the forms can be imported (no error found)."""
        return not [p for p in self.problems if p.severity == "error"]


#: Spreadsheets that may be a filled form saved in another format: refused, saying so.
OTHER_SPREADSHEETS = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers", ".csv")


def find_forms(folder: Path) -> tuple[list[Path], list[Problem], list[Path]]:
    """The filled forms under ``folder`` (``.xlsx`` in any case, in subfolders too), an error
    for each spreadsheet saved in another format (a form saved as ``.xls`` would otherwise be
    left out without a word), and the other files, which are not read (the forms' PDFs).
    Excel's lock files (``~$...``) and hidden files are skipped."""
    forms, problems, others = [], [], []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        suffix = path.suffix.lower()
        if path.name.startswith(("~$", ".")):
            continue
        if suffix == ".xlsx":
            forms.append(path)
        elif suffix in OTHER_SPREADSHEETS:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    suffix,
                    "a form saved as an Excel Workbook (.xlsx): open it and save it as .xlsx",
                )
            )
        else:
            others.append(path)
    return forms, problems, others


def _choice(text: str, labels: dict[str, str] | None = None) -> str:
    """The id of a drop-down choice: ``label [id]`` as chosen, the id typed, or the label typed
    without its id (any case, spaces as typed), which ``labels`` (see :func:`_lists`) maps."""
    match = _CHOICE.search(text)
    if match:
        return match.group(1).strip()
    return (labels or {}).get(_label_key(text), text.strip())


def _label_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lists(book, skip: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The form's drop-down lists (its hidden lists sheet: a list's name in row 1, then its
    choices ``label [id]``) as list name -> label -> id."""
    lists: dict[str, dict[str, str]] = {}
    for sheet in book.worksheets:
        if sheet.title in skip:
            continue
        for name, *choices in sheet.iter_cols(values_only=True):
            labels = lists.setdefault(str(name), {})
            for choice in choices:
                match = _CHOICE.search(cell_text(choice))
                if match:
                    labels[_label_key(cell_text(choice)[: match.start()])] = match.group(1).strip()
    return lists


def _source_id(session_id: str) -> str:
    return f"forms-{session_id}"


def _open(path: Path, problems: list[Problem]):
    """The workbook, or None after recording why it cannot be read."""
    from openpyxl import load_workbook

    where = str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(where, None, None, f"{size} bytes", f"a form of at most {MAX_FILE_BYTES} bytes")
        )
        return None
    if not zipfile.is_zipfile(path):
        problems.append(
            Problem(
                where, None, None, None, "an Excel workbook (.xlsx) written by 'ikmpolicy forms'"
            )
        )
        return None
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        problems.append(
            Problem(
                where,
                None,
                None,
                f"{unpacked} bytes unpacked",
                f"a workbook that unpacks to at most {MAX_UNPACKED_BYTES} bytes",
            )
        )
        return None
    try:
        return load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many unrelated types for a broken file
        problems.append(
            Problem(where, None, None, None, f"a readable Excel workbook ({type(exc).__name__})")
        )
        return None


def _meta(book, where: str, problems: list[Problem]):
    if META_SHEET not in book.sheetnames:
        problems.append(
            Problem(
                where,
                None,
                None,
                None,
                f"a form written by 'ikmpolicy forms' (its hidden sheet '{META_SHEET}' is missing)",
            )
        )
        return None, []
    meta, items, in_items = {}, [], False
    for values in book[META_SHEET].iter_rows(values_only=True):
        cells = ["" if v is None else str(v) for v in values]
        if not any(cells):
            continue
        if cells[0] == "items":
            in_items = True
        elif in_items:
            items.append([c for c in cells if c != ""])
        else:
            meta[cells[0]] = cells[1] if len(cells) > 1 else ""
    if meta.get("form") not in TARGET:
        problems.append(
            Problem(where, None, None, meta.get("form"), f"a form of kind {', '.join(TARGET)}")
        )
        return None, []
    return meta, items


class _Reader:
    """Reads answer cells of one form's sheet, refusing formulas."""

    def __init__(self, sheet, location: str, problems: list[Problem], lists=None):
        self.sheet, self.location, self.problems = sheet, location, problems
        self.lists: dict[str, dict[str, str]] = lists or {}
        self.formula_rows: set[int] = set()

    def text(self, coordinate: str) -> str:
        cell = self.sheet[coordinate]
        if cell.data_type == "f" or (
            isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type != "s"
        ):
            self.problems.append(
                Problem(
                    self.location,
                    cell.row,
                    coordinate,
                    str(cell.value),
                    "a typed value, not a formula",
                )
            )
            self.formula_rows.add(cell.row)
            return ""
        return cell_text(cell.value).strip()

    def refuse(self, row, column: str, found: str, expected: str) -> None:
        """An error at the form's cell ``<column><row>``."""
        self.problems.append(Problem(self.location, int(row), f"{column}{row}", found, expected))


def _rows_ahp(r: _Reader, meta: dict, items: list, org: str) -> list[dict]:
    choices = {
        meta["choice_a"].lower(): "a",
        meta["choice_b"].lower(): "b",
        meta["choice_equal"].lower(): "=",
    }
    rows = []
    for row, a, b in items:
        which, how = r.text(f"C{row}").lower(), r.text(f"D{row}")
        side = choices.get(which)
        if which and side is None:
            names = ", ".join(meta[k] for k in ("choice_a", "choice_b", "choice_equal"))
            r.refuse(row, "C", which, "one of: " + names)
            continue
        if side == "=":
            if how not in ("", "1"):
                r.refuse(row, "D", how, f"1 or empty when '{meta['choice_equal']}' is chosen")
                continue
            value = "1"
        elif side is None or how == "":
            value = ""  # an empty pair: validation says so, with its row
        elif _below_one(how):
            # "A" and 1/3 says A is less important: which did the respondent mean?
            r.refuse(
                row,
                "D",
                how,
                "a number from 1 to 9: how much more important the aspect chosen in column C is "
                "(to say the other aspect is more important, choose it in column C)",
            )
            continue
        else:
            value = how if side == "a" else f"1/{how}"
        rows.append(
            {
                "_row": int(row),
                "criterion_a": a,
                "criterion_b": b,
                "value": value,
                "respondent_id": meta.get("respondent_id", ""),
                "org_id": org,
                "synthetic": "false",
            }
        )
    return rows


def _below_one(text: str) -> bool:
    """Whether a typed judgement reads as a number below 1 (a fraction such as 1/3, or 0)."""
    number = _fraction(text)
    return number is not None and number < 1


def _rows_ssim(r: _Reader, meta: dict, items: list, org: str) -> list[dict]:
    return [
        {
            "_row": int(row),
            "element_i": i,
            "element_j": j,
            "relation": r.text(f"C{row}").upper(),
            "expert_id": meta.get("respondent_id", ""),
            "org_id": org,
            "synthetic": "false",
        }
        for row, i, j in items
    ]


def _rows_readiness(r: _Reader, meta: dict, items: list, dataset) -> list[dict]:
    record = {
        "_row": int(items[0][0]) if items else 1,
        "firm_id": _choice(r.text(meta["field:firm_id"])),
        "assessment_date": r.text(meta["field:assessment_date"]),
        "assessor": "self-assessment",
        "synthetic": "false",
    }
    for row, indicator in items:
        record[indicator] = r.text(f"D{row}")
    return [record]


def _rows_attendance(r: _Reader, items: list, dataset) -> list[dict]:
    helix_of = dict(
        zip(dataset["stakeholders"]["org_id"], dataset["stakeholders"]["helix"], strict=True)
    )
    rows = []
    for (row,) in items:
        cells = [r.text(f"{c}{row}") for c in "BCDE"]
        if not any(cells):
            continue
        org, helix, role = (
            _choice(c, r.lists.get(name))
            for c, name in zip(cells[:3], ("organisation", "helix", "role"), strict=True)
        )
        if helix and org in helix_of and helix_of[org] != helix:
            label = {i: k for k, i in r.lists.get("helix", {}).items()}.get(helix_of[org])
            shown = f"{label.capitalize()} [{helix_of[org]}]" if label else helix_of[org]
            r.problems.append(
                Problem(
                    r.location,
                    int(row),
                    "helix",
                    cells[1],
                    f"'{shown}', the helix of '{org}' in stakeholders",
                )
            )
        rows.append({"_row": int(row), "org_id": org, "role": role, "people": cells[3]})
    return rows


def _rows_commitments(r: _Reader, items: list, session_id: str, dataset) -> list[dict]:
    rows = []
    for (row,) in items:
        cells = [r.text(f"{c}{row}") for c in "BCDE"]
        if not any(cells):
            continue
        org, text, due = _choice(cells[0], r.lists.get("organisation")), cells[1], cells[3]
        theme = _choice(cells[2], r.lists.get("theme"))  # validation checks it is a code
        digest = hashlib.sha1("|".join((session_id, org, text, theme, due)).encode()).hexdigest()
        rows.append(
            {
                "_row": int(row),
                "commitment_id": f"cm-{session_id}-{digest[:10]}",
                "org_id": org,
                "partner_ids": "",
                "text": str(safe_cell(text)),
                "theme": theme,
                "due_date": due,
                "due_precision": _precision(due),
                "status": "planned",
                "status_note": "",
                "intervention_id": "",
            }
        )
    return rows


def _precision(due: str) -> str:
    """The precision of a due date as typed: ``year`` for 2026, ``month`` for Desember 2025 or
    2025-12, ``day`` for a day (and for what cannot be read, which validation reports), and
    ``unknown`` when nothing was typed."""
    if not due:
        return "unknown"
    from ikmpolicy.schema import Column
    from ikmpolicy.validation.cells import parse_column

    value = parse_column(Column("due_date", "partial_date"), np.array([due], dtype=object))
    return {4: "year", 7: "month"}.get(len(value.values[0] or ""), "day")


def read_form(path: str | Path, dataset, problems: list[Problem]) -> FormRows | None:
    """The rows of one filled form, or None (with the reason in ``problems``)."""
    path = Path(path)
    book = _open(path, problems)
    if book is None:
        return None
    try:
        meta, items = _meta(book, str(path), problems)
        if meta is None:
            return None
        sheet_name = meta.get("sheet", "")
        if sheet_name not in book.sheetnames:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    ", ".join(book.sheetnames),
                    f"a sheet named '{sheet_name}' (the form's sheets must keep their names)",
                )
            )
            return None
        location = f"{path} [{sheet_name}]"
        kind, session_id = meta["form"], meta.get("session_id", "")
        layout = layout_problems(
            book[sheet_name], [int(item[0]) for item in items], FORM_COLUMNS[kind], location
        )
        problems += layout
        if any(p.severity == "error" for p in layout):
            return None
        reader = _Reader(
            book[sheet_name], location, problems, _lists(book, (META_SHEET, sheet_name))
        )
        org = (
            _choice(reader.text(meta["field:org_id"]), reader.lists.get("organisation"))
            if "field:org_id" in meta
            else ""
        )
        if kind == "ahp":
            rows = _rows_ahp(reader, meta, items, org)
        elif kind == "ssim":
            rows = _rows_ssim(reader, meta, items, org)
        elif kind == "readiness":
            rows = _rows_readiness(reader, meta, items, dataset)
        elif kind == "attendance":
            rows = _rows_attendance(reader, items, dataset)
        else:
            rows = _rows_commitments(reader, items, session_id, dataset)
        cells = _cells(reader.sheet, kind, meta, items)
    finally:
        book.close()
    table = TARGET[kind]
    columns = [c.name for c in table_columns(table, dataset.indicators)]
    for row in rows:
        row.setdefault("session_id", session_id)
        row.setdefault("source_id", _source_id(session_id))
        if table == "assessments":
            row.pop("session_id")
    frame = pd.DataFrame(rows, columns=[*columns, "_row"]).fillna("")
    frame["_row"] = frame["_row"].astype(int)
    return FormRows(
        str(path),
        kind,
        session_id,
        table,
        RawTable(table, location, frame.reset_index(drop=True)),
        cells,
        reader.formula_rows,
    )


def _cells(sheet, kind: str, meta: dict, items: list) -> dict[str, int]:
    """Column -> the row of the form that holds its value (see :attr:`FormRows.cells`)."""
    cells = {
        name.removeprefix("field:"): sheet[coordinate].row
        for name, coordinate in meta.items()
        if name.startswith("field:")
    }
    if kind == "ssim" and "respondent_id" in cells:
        cells["expert_id"] = cells.pop("respondent_id")
    if kind == "readiness":
        cells.update({indicator: int(row) for row, indicator in items})
    return cells


def _at_cell(problem: Problem, form: FormRows) -> Problem:
    """The problem named at the form's row that holds its column's value, when there is one."""
    from dataclasses import replace

    row = form.cells.get(problem.column or "")
    return problem if row is None or problem.row is None else replace(problem, row=row)


def _closure(table: str) -> set[str]:
    """The table and every table its references reach (what validating it needs)."""
    seen, todo = set(), [table]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [c.ref.split(".")[0] for c in TABLES[name].columns if c.ref]
        if name in ("assessments", "buyer_requirements"):
            todo.append("indicators")
    return seen


def _key_text(frame: pd.DataFrame, key: tuple[str, ...], types: dict[str, str]) -> list[tuple]:
    return [
        tuple(_comparable(v, types.get(c, "str")) for c, v in zip(key, values, strict=True))
        for values in frame[list(key)].itertuples(index=False)
    ]


def _comparable(text, kind: str) -> str:
    """A cell's text as compared with the data's: a date or a number as what it reads as, so
    that 10/03/2025 on a form is the 2025-03-10 of the data file, and 3.0 is 3."""
    from ikmpolicy.validation.cells import parse_date

    text = str(text).strip()
    if kind == "date":
        date = parse_date(text)[0]
        return date.isoformat() if date else text
    if kind in ("int", "float", "fraction"):
        number = _fraction(text)
        return repr(float(number)) if number is not None else text
    return text


#: Rows of the dataset's own table are numbered from here when validated beside a form's rows,
#: so that checks across rows (e.g. a session's respondents) see them and their problems,
#: already the dataset's, are not charged to the form.
_EXISTING = 10_000_000


def _with_existing(form: RawTable, existing: RawTable | None) -> RawTable:
    """The form's rows together with the dataset's rows of the same table."""
    from dataclasses import replace

    if existing is None or existing.error or existing.frame.empty:
        return form
    theirs = existing.frame.reindex(columns=form.frame.columns, fill_value="")
    theirs = theirs.assign(_row=theirs["_row"].astype(int) + _EXISTING)
    return replace(form, frame=pd.concat([form.frame, theirs], ignore_index=True))


def plan_import(paths: list[Path], data: str | Path) -> ImportPlan:
    """Read and validate filled forms against the dataset; nothing is written.

    Parameters
    ----------
    paths : list of path
        Filled ``.xlsx`` forms.
    data : path
        The dataset (folder of CSV files).
    """
    dataset = load_dataset(data)
    raw_data, _ = read_tables(data)
    plan = ImportPlan()
    for path in paths:
        form = read_form(path, dataset, plan.problems)
        if form is not None:
            plan.forms.append(form)
    sources = set(dataset["sources"]["source_id"])
    for form in plan.forms:
        needed = {n: raw_data[n] for n in _closure(form.table) if n in raw_data}
        if _source_id(form.session_id) not in sources:
            needed["sources"] = _with_source(raw_data["sources"], form.session_id)
        needed[form.table] = _with_existing(form.raw, raw_data.get(form.table))
        checked = validate_tables(needed, str(data))
        report = checked.report
        if form.table in checked.tables:
            _write_as_read(form, checked[form.table], dataset.indicators)
        found = [
            _at_cell(p, form)
            for p in report.problems
            if p.location == form.raw.location
            and (p.row is None or p.row < _EXISTING)
            and not (p.severity == "warning" and "known column" in p.expected)
        ]
        plan.problems += [
            p
            for p in found
            if not (p.row in form.formula_rows and p.expected.endswith("(the cell is empty)"))
        ]
    _dedupe(plan, raw_data, dataset.indicators)
    plan.problems = compact(plan.problems)
    plan.consistency = _consistency(plan, dataset)
    return plan


#: Column types whose cells are written into the data as validation read them
_READ_TYPES = ("int", "float", "date", "partial_date")


def _write_as_read(form: FormRows, checked: pd.DataFrame, indicators) -> None:
    """Put into the form's rows the numbers and dates as validation read them (2025-05-15 for
    ``15/05/2025`` or an Excel serial, 2 for ``2 orang``, 3.5 for ``3,5``), so the data file
    holds them in its own form and the import's warnings are not repeated by every later
    ``validate``. A cell validation could not read keeps what was typed, and its warning."""
    frame = form.raw.frame
    if "_row" not in checked.columns or frame.empty:
        return
    mine = checked[checked["_row"].isin(frame["_row"])].set_index("_row")
    for col in table_columns(form.table, indicators):
        if col.type not in _READ_TYPES or col.name not in frame or col.name not in mine:
            continue
        read = mine[col.name]
        for k, row in zip(frame.index, frame["_row"], strict=True):
            value = read.get(row)
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            frame.at[k, col.name] = _as_text(value, col.type)


def _as_text(value, kind: str) -> str:
    """A value validation read, written as the data files write it.

    Examples
    --------
    >>> _as_text(pd.Timestamp("2025-05-15"), "date"), _as_text(2.0, "int"), _as_text(3.5, "float")
    ('2025-05-15', '2', '3.5')
    >>> _as_text("2025-12", "partial_date"), _as_text(4293000000.0, "float")
    ('2025-12', '4293000000')
    """
    if kind == "date":
        return pd.Timestamp(value).date().isoformat()
    if kind == "partial_date":
        return str(value)
    return np.format_float_positional(float(value), trim="-")


def compact(problems: list[Problem]) -> list[Problem]:
    """One line for a problem repeated on many rows of the same form (e.g. a missing
    organisation copied onto each judgement), naming the first row and how many there are."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.location, p.column, p.value, p.expected, p.severity), []).append(p)
    out = []
    for same in groups.values():
        first = same[0]
        if len({p.row for p in same}) == 1:
            out.append(first)  # one cell, e.g. an organisation copied onto every judgement
        else:
            out.append(
                Problem(
                    first.location,
                    first.row,
                    first.column,
                    first.value,
                    f"{first.expected} (the same on {len(same)} rows, the first shown)",
                    first.severity,
                    first.fatal,
                )
            )
    return out


def _conflict_fix(table: str) -> str:
    """How to resolve a form's row that changes one already in the data."""
    if "respondent_id" in TABLES[table].key or "expert_id" in TABLES[table].key:
        return "import a changed form under a new respondent code, or correct the data file"
    return "correct the form or the data file: which of the two holds the right values?"


def _repeated(location: str, column: str, repeated: dict[str, list[tuple]]) -> list[Problem]:
    """One error per other form whose keys this form gives again (a form submitted twice, or a
    respondent code used on two forms), naming the first row, rather than one per row."""
    problems = []
    for other, rows in repeated.items():
        row, key, (_, other_row) = rows[0]
        more = f"; so do {len(rows) - 1} more row(s) of this form" if len(rows) > 1 else ""
        problems.append(
            Problem(
                location,
                row,
                column,
                "/".join(key),
                f"a unique value; already given in {other}, row {other_row}{more} (the same "
                "respondent or row in two forms: import one of them)",
            )
        )
    return problems


def _with_source(raw: RawTable, session_id: str) -> RawTable:
    row = {c: "" for c in raw.frame.columns}
    row.update(
        {
            "source_id": _source_id(session_id),
            "publisher": "ikmpolicy forms",
            "title": f"Formulir FGD yang diisi peserta ({session_id})",
            "synthetic": "false",
            "_row": int(raw.frame["_row"].max()) + 1 if len(raw.frame) else 2,
        }
    )
    frame = pd.concat([raw.frame, pd.DataFrame([row])], ignore_index=True)
    return RawTable(raw.name, raw.location, frame, raw.blank_rows, raw.duplicate_headers)


def _dedupe(plan: ImportPlan, raw_data: dict, indicators) -> None:
    """Skip rows already in the dataset; refuse changed ones and keys given twice (values
    compared as what they read as, see :func:`_comparable`)."""
    by_table: dict[str, list[FormRows]] = {}
    for form in plan.forms:
        by_table.setdefault(form.table, []).append(form)
    for table, forms in by_table.items():
        key = TABLES[table].key
        types = {c.name: c.type for c in table_columns(table, indicators)}
        existing = {}
        if table in raw_data and not raw_data[table].error:
            frame = raw_data[table].frame
            for k, (_, record) in zip(_key_text(frame, key, types), frame.iterrows(), strict=True):
                existing[k] = record
        seen: dict[tuple, tuple[str, int]] = {}
        fresh, skipped = [], 0
        for form in forms:
            frame = form.raw.frame
            repeated: dict[str, list[tuple]] = {}  # other form -> (row, key) given there too
            for k, (_, record) in zip(_key_text(frame, key, types), frame.iterrows(), strict=True):
                if k in seen:
                    repeated.setdefault(seen[k][0], []).append((int(record["_row"]), k, seen[k]))
                    continue
                seen[k] = (form.raw.location, int(record["_row"]))
                if k in existing:
                    old = existing[k]
                    same = all(
                        _comparable(old.get(c, ""), types.get(c, "str"))
                        == _comparable(record[c], types.get(c, "str"))
                        for c in frame.columns
                        if c != "_row" and c in old.index
                    )
                    if same:
                        skipped += 1
                        continue
                    plan.problems.append(
                        Problem(
                            form.raw.location,
                            int(record["_row"]),
                            "+".join(key),
                            "/".join(k),
                            f"a key not yet in the data; {raw_data[table].location} row "
                            f"{old['_row']} holds it with other values ({_conflict_fix(table)})",
                        )
                    )
                    continue
                fresh.append(record.drop(labels="_row"))
            plan.problems += _repeated(form.raw.location, "+".join(key), repeated)
        plan.skipped[table] = skipped
        if fresh:
            plan.new[table] = pd.DataFrame(fresh).reset_index(drop=True)


def _consistency(plan: ImportPlan, dataset) -> pd.DataFrame | None:
    """Each AHP respondent's CR and the judgement to reconsider (Saaty 2003)."""
    from ikmpolicy.mcda import ahp, inconsistent_judgements, pairwise_matrix
    from ikmpolicy.mcda.session import CR_THRESHOLD

    rows = []
    criteria = list(dict.fromkeys(dataset.indicators["dimension"]))
    faulty = {p.location for p in plan.problems if p.severity == "error"}
    for form in plan.forms:
        if form.kind != "ahp" or form.raw.location in faulty:
            continue
        frame = form.raw.frame
        values = pd.to_numeric(frame["value"].map(_fraction), errors="coerce")
        if frame.empty or values.isna().any() or not values.between(1 / 9 - 1e-9, 9 + 1e-9).all():
            continue  # validation has named what is wrong
        judged = frame.assign(value=values)
        try:
            matrix = pairwise_matrix(judged, criteria)
        except InputError:
            continue
        respondent = frame["respondent_id"].iloc[0]
        result = ahp(matrix[respondent], scale=None)
        worst = inconsistent_judgements(matrix[respondent], top=1).iloc[0]
        rows.append(
            {
                "file": form.path,
                "respondent_id": respondent,
                "cr": result.cr,
                "consistent": result.cr <= CR_THRESHOLD,
                "reconsider_a": worst["criterion_a"],
                "reconsider_b": worst["criterion_b"],
                "value": worst["value"],
                "implied": worst["implied"],
            }
        )
    return pd.DataFrame(rows) if rows else None


def _fraction(text: str):
    from ikmpolicy.io import parse_fraction

    return parse_fraction(str(text))


# -- writing ------------------------------------------------------------------------------


def _csv_format(text: str) -> tuple[str, str]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    newline = "\r\n" if "\r\n" in text else "\n"
    return delimiter, newline


def _appended(path: Path, table: str, rows: pd.DataFrame, indicators) -> bytes:
    """The bytes of ``path`` with ``rows`` appended in the file's own format."""
    if path.exists():
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        delimiter, newline = _csv_format(text)
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter))
        header = [h.strip().lower().lstrip("\ufeff") for h in header]
        if text and not text.endswith(("\n", "\r")):
            text += newline
    else:
        bom, text, delimiter, newline = False, "", ",", "\n"
        header = [c.name for c in table_columns(table, indicators)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    if not text:
        writer.writerow(header)
    for record in rows.to_dict("records"):
        writer.writerow([record.get(h, "") for h in header])
    out = (text + buffer.getvalue()).encode("utf-8")
    return (b"\xef\xbb\xbf" + out) if bom else out


def apply_import(plan: ImportPlan, data: str | Path) -> list[Path]:
    """Append the plan's new rows to the dataset, all or nothing; returns the files changed."""
    data = Path(data)
    if not data.is_dir():
        raise FormsImportError(
            f"{data}: import-forms writes into a folder of CSV files; an "
            ".xlsx dataset is not supported (export its sheets to CSV first)"
        )
    if not plan.ok:
        raise FormsImportError("the forms have errors; nothing was written")
    if not plan.new:
        return []
    dataset = load_dataset(data)
    before = len(dataset.report.errors)
    new = dict(plan.new)
    sessions = {f.session_id for f in plan.forms}
    missing = sorted(
        _source_id(s) for s in sessions if _source_id(s) not in set(dataset["sources"]["source_id"])
    )
    if missing:
        new["sources"] = pd.DataFrame(
            [
                {
                    "source_id": m,
                    "publisher": "ikmpolicy forms",
                    "title": f"Formulir FGD yang diisi peserta ({m[len('forms-') :]})",
                    "synthetic": "false",
                }
                for m in missing
            ]
        )
    payloads = {
        data / f"{t}.csv": _appended(data / f"{t}.csv", t, rows, dataset.indicators)
        for t, rows in new.items()
    }
    stage = Path(tempfile.mkdtemp(prefix="ikmpolicy-import-"))
    try:
        for csv_file in data.glob("*.csv"):
            shutil.copy2(csv_file, stage / csv_file.name)
        for path, payload in payloads.items():
            (stage / path.name).write_bytes(payload)
        after = load_dataset(stage).report
        if len(after.errors) > before:
            lines = [str(p).replace(str(stage), str(data)) for p in after.errors][:20]
            raise FormsImportError(
                "the dataset would not validate after the import; nothing "
                "was written:\n  " + "\n  ".join(lines)
            )
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return [write_atomic(path, payload) for path, payload in payloads.items()]
