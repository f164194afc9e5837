"""References between tables, and the rejections that follow them.

A value that must exist in another table (``firms.sub_sector`` in ``sub_sectors``) and does not
is an error when the column is required (the row is rejected) and a warning when it is optional
(the cell is left empty). When the value is missing because its row was rejected, the new
rejection is charged to that row's root problem, so the report can say how many rows each root
error took with it. Only required references cascade.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ikmpolicy.io import EXAMPLE_PREFIXES, rows_text, shorten
from ikmpolicy.schema import TABLES, Column
from ikmpolicy.validation.tables import TableCheck

#: Key of :func:`lost_values`' result for a table that is missing or unreadable as a whole.
TABLE_LOST = "(the whole table)"


def referenced_columns(table: str) -> set[str]:
    """Columns of ``table`` that other tables refer to."""
    found = set()
    for other in TABLES.values():
        for col in other.columns:
            if col.ref and col.ref.split(".")[0] == table:
                found.add(col.ref.split(".")[1])
    return found


def lost_values(name: str, frame: pd.DataFrame, check: TableCheck) -> dict[str, dict]:
    """Per referenced column: value -> root problem, for values that only rejected rows held."""
    if not check.rejected:
        return {}
    rejected = frame["_row"].isin(list(check.rejected)).to_numpy(bool)
    lost: dict[str, dict] = {}
    for column in referenced_columns(name):
        if column not in frame.columns:
            continue
        kept = set(frame.loc[~rejected, column].dropna())
        lost[column] = {
            value: check.rejected[int(row)]
            for row, value in zip(
                frame.loc[rejected, "_row"], frame.loc[rejected, column], strict=True
            )
            if value is not None and value not in kept
        }
    return lost


def _dangling(col: Column, values: pd.Series, valid: set) -> list[tuple[int, object]]:
    """Positions and first unknown item of the cells that refer to nothing."""
    if col.type == "list":
        out = []
        for k, items in enumerate(values):
            missing = [i for i in items if i not in valid]
            if missing:
                out.append((k, missing[0]))
        return out
    present = values.notna().to_numpy(bool)
    wrong = present & ~values.isin(valid).to_numpy(bool)
    return [(int(k), values.iat[k]) for k in np.flatnonzero(wrong)]


def check_references(
    check: TableCheck,
    frame: pd.DataFrame,
    columns: tuple[Column, ...],
    clean: dict[str, pd.DataFrame],
    lost: dict[str, dict[str, dict]],
) -> None:
    """Every reference of the table's rows that are not yet rejected."""
    rows = frame["_row"].to_numpy()
    for col in columns:
        if not col.ref:
            continue
        target_table, target_col = col.ref.split(".")
        target = clean.get(target_table)
        if target is None:
            continue
        valid = set(target[target_col].dropna())
        near = _near_misses(valid)
        labels: dict | None = None  # made when a value refers to nothing
        table_lost = lost.get(target_table, {}).get(TABLE_LOST)
        causes = lost.get(target_table, {}).get(target_col, {})
        orphans: dict[int, list[int]] = {}  # fatal problem -> the rows it leaves orphaned
        unmet: dict[int, object] = {}  # row -> its item, when the table has no row at all
        for k, item in _dangling(col, frame[col.name], valid):
            row = int(rows[k])
            if row in check.rejected:
                continue
            cause = causes.get(item, table_lost)
            if cause is not None and _whole(check.report.problems[cause]):
                orphans.setdefault(cause, []).append(row)  # one problem for them all, below
                continue
            if cause is None and target.empty:
                unmet[row] = item  # one problem for them all, below
                continue
            if labels is None:
                labels = _labelled_ids(target, target_col)
            check.invalid(
                row,
                col.name,
                str(item),
                _expected(col, target_table, target_col, target, cause, check, item)
                + (
                    _did_you_mean(item, near, target_table) or _label_of(item, labels, target_table)
                ),
                cause=cause if col.required else None,
            )
        for cause, orphaned in orphans.items():
            _orphaned(check, col, target_table, target_col, orphaned, cause)
        if unmet:
            _unmet(check, col, target_table, target_col, unmet)


def _whole(problem) -> bool:
    """Whether ``problem`` lost rows wholesale: a table lost (fatal), or a group of rows
    rejected by one cause. The rows that refer to those are grouped the same way."""
    return problem.fatal or bool(problem.rows)


def _orphaned(
    check: TableCheck, col: Column, table: str, column: str, rows: list[int], cause: int
) -> None:
    """Rows whose reference cannot be checked because the rows it points to were lost
    wholesale (:func:`_whole`): one problem naming them, not one per row."""
    root = check.report.problems[cause]
    if not root.fatal:
        lost = f"the {table} row it names was rejected at {root.location}, row {root.row}"
    elif root.is_about(table):
        lost = f"the table '{table}' could not be used"
    else:
        lost = f"the {table} row it names was rejected, as {root.location} could not be used"
    words = f"a value of {table}.{column}; {lost}: see that problem"
    _group_unusable(check, col, rows, None, words, cause)


def _unmet(check: TableCheck, col: Column, table: str, column: str, items: dict[int, object]):
    """Rows that refer to a table with no row at all (an optional table left out or empty):
    one problem naming them and the values they refer to, not one per row."""
    rows = list(items)
    values = shorten(", ".join(dict.fromkeys(str(v) for v in items.values())), 60)
    words = f"a value of {table}.{column}; the table '{table}' is empty or missing"
    _group_unusable(check, col, rows, values, words)


def _group_unusable(
    check: TableCheck,
    col: Column,
    rows: list[int],
    value: str | None,
    words: str,
    cause: int | None = None,
) -> None:
    """One problem for rows whose reference in ``col`` cannot be used: the rows rejected
    (charged to ``cause``, if given) when the column is required, else their cells emptied."""
    if col.required:
        check.reject_rows(rows[0], rows, col.name, value, f"{words} ({rows_text(rows)})", cause)
        return
    check.warn(rows[0], col.name, value, f"{words}; {rows_text(rows)} left empty")
    check.blanks.update((row, col.name) for row in rows)


def _expected(
    col: Column,
    table: str,
    column: str,
    target: pd.DataFrame,
    cause: int | None,
    check: TableCheck,
    item: object = None,
) -> str:
    words = f"a value of {table}.{column}"
    if cause is not None:
        root = check.report.problems[cause]
        where = root.location + (f", row {root.row}" if root.row is not None else "")
        return f"{words}; it was lost when {where} was rejected: see that problem"
    if _is_example(item):
        return (
            f"{words}; {item!r} is an example id (ids starting with CONTOH- or EXAMPLE- mark "
            f"the template's example rows, which are skipped): give the {table} row an id of "
            "your own and write it here too"
        )
    if target.empty:
        return f"{words}; the table '{table}' is empty or missing"
    return f"{words} (it is missing there)"


def _is_example(item: object) -> bool:
    """Whether ``item`` is the id of a template's example row (:data:`EXAMPLE_PREFIXES`).

    Examples
    --------
    >>> _is_example("CONTOH-survei-2025"), _is_example("example-1"), _is_example("IKM-001")
    (True, True, False)
    """
    return isinstance(item, str) and item.lower().startswith(EXAMPLE_PREFIXES)


_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")


def _loose(value: object) -> str:
    """An id as a reader may miss its difference from another: case, spaces and the leading
    zeros of its numbers ignored (``IKM-001``, ``ikm-1`` and ``IKM- 01`` alike)."""
    return _ZEROS.sub("", "".join(str(value).split()).casefold())


def _near_misses(valid: set) -> dict[str, str]:
    """The valid ids by :func:`_loose` (an id that two valid ids share is no hint)."""
    found: dict[str, list[str]] = {}
    for value in valid:
        found.setdefault(_loose(value), []).append(str(value))
    return {key: values[0] for key, values in found.items() if len(values) == 1}


#: Columns of a referenced table that name its ids in words, as the template shows them
LABEL_COLUMNS = ("label_id", "label_en", "name", "name_id", "name_en", "title")


def _label_key(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _labelled_ids(target: pd.DataFrame, column: str) -> dict[str, tuple[str, str]]:
    """``{label: (id, word)}`` for the labels of ``target`` (:data:`LABEL_COLUMNS`, compared
    without case or doubled spaces) that name one id of ``column`` only; ``word`` is "label",
    "name" or "title", as the column says."""
    found: dict[str, set[tuple[str, str]]] = {}
    for label_col in LABEL_COLUMNS:
        if label_col not in target.columns or label_col == column:
            continue
        word = label_col.split("_")[0]
        for value, label in zip(target[column], target[label_col], strict=True):
            if pd.notna(value) and pd.notna(label):
                found.setdefault(_label_key(label), set()).add((str(value), word))
    return {key: sorted(ids)[0] for key, ids in found.items() if len({i for i, _ in ids}) == 1}


def _label_of(item: object, labels: dict[str, tuple[str, str]], table: str) -> str:
    """A hint when ``item`` is the label (or name) of one id of ``table``: the template shows
    the reference tables with their labels, and a label typed for its id is an easy slip.

    Examples
    --------
    >>> labels = {"baja ringan": ("light_steel", "label")}
    >>> _label_of("Baja ringan", labels, "sub_sectors")
    "; 'Baja ringan' is the label of 'light_steel' in sub_sectors: write the id"
    >>> _label_of("Baja berat", labels, "sub_sectors")
    ''
    """
    found = labels.get(_label_key(item))
    if found is None:
        return ""
    return f"; {item!r} is the {found[1]} of {found[0]!r} in {table}: write the id"


def _did_you_mean(item: object, near: dict[str, str], table: str) -> str:
    """A hint when ``item`` differs from an id of ``table`` only in case, spaces or leading
    zeros: ids are compared exactly, and Excel drops the zeros of an id it stored as a number.

    Examples
    --------
    >>> near = _near_misses({"IKM-001", "007"})
    >>> _did_you_mean("ikm-001", near, "firms")[:60]
    "; firms has 'IKM-001', which differs only in capitals, space"
    >>> _did_you_mean("7", near, "firms")[-45:], _did_you_mean("IKM-002", near, "firms")
    ('he id columns as Text and type the ids again)', '')
    """
    match = near.get(_loose(item))
    if match is None or match == str(item):
        return ""
    hint = (
        f"; {table} has {match!r}, which differs only in capitals, spaces or leading zeros: "
        "ids must match exactly"
    )
    squeezed = ("".join(str(v).split()).casefold() for v in (item, match))
    if len(set(squeezed)) > 1:  # the zeros differ
        hint += (
            " (Excel drops the leading zeros of an id typed as a number: format the id "
            "columns as Text and type the ids again)"
        )
    return hint
