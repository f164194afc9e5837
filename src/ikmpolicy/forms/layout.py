"""Whether a filled form's sheet still has the layout it was written with.

The importer reads each answer from the cell the hidden ``ikmpolicy`` sheet names (``D29``), so
a row inserted or deleted above or within the table, rows sorted, a column inserted or deleted,
or rows typed below the table would make it read other cells than the ones filled, or none: a
judgement taken for another pair, an organisation on the attendance sheet silently left out.
Every row of a form's table holds its number in column A (1, 2, ...), locked, and the header
sits right above the first row; :func:`layout_problems` checks both, and that nothing was typed
below the table or beside it.
"""

from __future__ import annotations

from ikmpolicy.validation import Problem
from ikmpolicy.xlsx import cell_text, column_letter

_MOVED = (
    "rows were inserted, deleted or moved in the form, so the answers no longer sit where the "
    "form reads them: undo the change, or copy the answers into a fresh copy of the form"
)


def layout_problems(sheet, rows: list[int], columns: int, location: str) -> list[Problem]:
    """What is wrong with the layout of a form's sheet; an error means nothing can be read.

    Parameters
    ----------
    sheet : openpyxl worksheet
        The form's visible sheet.
    rows : list of int
        The rows of the form's table, in order, as the hidden sheet lists them.
    columns : int
        How many columns the table has (A to the last answer column).
    location : str
        The file and sheet, as problems name them.

    Returns
    -------
    list of Problem
        Errors for rows or columns moved and for rows typed below the table (whose answers
        would be lost); a warning for text typed beside the table (notes, which are not read).
    """
    if not rows:
        return []
    for number, row in enumerate(rows, start=1):
        found = cell_text(sheet.cell(row=row, column=1).value).strip()
        if found != str(number):
            return [
                Problem(location, row, "A", found, f"the form's row number {number}; " + _MOVED)
            ]
    header = rows[0] - 1
    last = column_letter(columns)
    labels = [cell_text(sheet.cell(row=header, column=c).value) for c in range(1, columns + 2)]
    if not all(label.strip() for label in labels[:columns]) or labels[columns].strip():
        return [
            Problem(
                location,
                header,
                None,
                " | ".join(label for label in labels if label.strip()),
                f"the form's header in columns A to {last}: a column was inserted or deleted, so "
                "the answers no longer sit where the form reads them; undo the change, or copy "
                "the answers into a fresh copy of the form",
            )
        ]
    problems = []
    below = sheet.iter_rows(min_row=rows[-1] + 1, min_col=2, values_only=True)
    for row, values in enumerate(below, start=rows[-1] + 1):
        typed = [cell_text(v).strip() for v in values if cell_text(v).strip()]
        if typed:
            problems.append(
                Problem(
                    location,
                    row,
                    None,
                    " | ".join(typed),
                    f"nothing below the form's last row ({rows[-1]}): rows typed there are not "
                    "read; put them on a second copy of the form",
                )
            )
            break
    beside = sheet.iter_rows(min_row=rows[0], max_row=rows[-1], min_col=columns + 1)
    for cells in beside:
        typed = [c for c in cells if cell_text(c.value).strip()]
        if typed:
            problems.append(
                Problem(
                    location,
                    typed[0].row,
                    typed[0].coordinate,
                    cell_text(typed[0].value).strip(),
                    f"nothing beside the form's columns (A to {last}): text there is not "
                    "imported (the row's answers are)",
                    "warning",
                )
            )
            break
    return problems
