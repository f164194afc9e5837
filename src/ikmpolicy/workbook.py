"""Writing Excel workbooks: the empty data template and safe cell values.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab/CR) would be run as a formula by a
spreadsheet; :func:`safe_cell` prefixes such text with an apostrophe so it stays text.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ikmpolicy.io import write_atomic
from ikmpolicy.schema import TABLE_ORDER, TABLES, table_columns

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Reference tables copied into the template when a data folder is given. The intervention
#: catalogue is not among them: its owners are organisations of the source region.
REFERENCE_TABLES = ("sources", "helix_models", "sub_types", "helix_assignment", "sub_sectors",
                    "indicators")
_MAX_ROWS = 5000  # drop-down ranges reach this far down the sheets


def safe_cell(value: object) -> object:
    """Make a value safe to put in a spreadsheet cell.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell(-3), safe_cell("ok")
    (-3, 'ok')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def unsafe_cell(value: object) -> object:
    """Undo :func:`safe_cell` when reading back a workbook this project wrote.

    Examples
    --------
    >>> unsafe_cell(safe_cell("=1+1")), unsafe_cell("'quoted'")
    ('=1+1', "'quoted'")
    """
    if isinstance(value, str) and value.startswith("'") and value[1:2] in _FORMULA_START:
        return value[1:]
    return value


def _cell_text(value: object) -> object:
    if isinstance(value, tuple | list):
        return ";".join(map(str, value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return safe_cell(value)


def write_template(path: str | Path, dataset=None) -> Path:
    """Write an Excel workbook with one sheet per table, headers, notes and drop-down lists.

    Parameters
    ----------
    path : path
        The ``.xlsx`` file to write.
    dataset : ikmpolicy.validation.Dataset, optional
        When given, its reference tables (helix models, sub-sectors, indicators, ...) are copied
        in and the wide tables get one column per indicator; otherwise every sheet is empty.
    """
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path}: the template must be an .xlsx file")
    indicators = dataset.indicators if dataset is not None else None
    book = Workbook()
    guide = book.active
    guide.title = "README"
    guide.append(["ikmpolicy data template"])
    guide.append(["One sheet per table; row 1 holds the column names. Hover a header for what "
                  "it expects. Lists take values separated by ';'. Dates are YYYY-MM-DD."])
    guide.append([])
    guide.append(["table", "meaning", "key"])
    for name in TABLE_ORDER:
        guide.append([name, TABLES[name].description, ", ".join(TABLES[name].key)])
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 100
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    locations: dict[str, str] = {}
    for name in TABLE_ORDER:
        sheet = book.create_sheet(name)
        columns = table_columns(name, indicators)
        for index, col in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=col.name)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            text = (col.description + "\n" if col.description else "") + "Expected: " + \
                col.expectation() + ("" if col.required else " (may be empty)") + \
                ("\nPERSONAL DATA" if col.personal else "")
            cell.comment = Comment(text, "ikmpolicy", width=300, height=120)
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(col.name) + 4)
            locations[f"{name}.{col.name}"] = (
                f"{name}!${get_column_letter(index)}$2:${get_column_letter(index)}${_MAX_ROWS}")
        sheet.freeze_panes = "A2"
        if dataset is not None and name in REFERENCE_TABLES:
            for record in dataset[name][[c.name for c in columns]].itertuples(index=False):
                sheet.append([_cell_text(v) for v in record])
    for name in TABLE_ORDER:
        sheet = book[name]
        for index, col in enumerate(table_columns(name, indicators), start=1):
            if col.type == "list":
                continue  # Excel cannot check a ';'-separated list against a drop-down
            formula = None
            if col.allowed and len(",".join(col.allowed)) < 250:
                formula = '"' + ",".join(col.allowed) + '"'
            elif col.type == "bool":
                formula = '"true,false"'
            elif col.ref and col.ref in locations:
                formula = "=" + locations[col.ref]
            if formula is None:
                continue
            rule = DataValidation(type="list", formula1=formula, allow_blank=not col.required,
                                  showErrorMessage=True, errorTitle=col.name,
                                  error="Expected " + col.expectation())
            letter = get_column_letter(index)
            rule.add(f"{letter}2:{letter}{_MAX_ROWS}")
            sheet.add_data_validation(rule)
    buffer = BytesIO()
    book.save(buffer)
    return write_atomic(path, buffer.getvalue())
