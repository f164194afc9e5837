"""Internal shortlists for the industry office: which named firms could supply a requirement.

A shortlist names businesses (``business_name``), which is what an industry office needs to
make introductions; it never carries a personal column of the schema (owner names and phones,
:data:`~ikmpolicy.matching.PERSONAL_COLUMNS`). It is for internal use: the public brief shows
counts only. The workbook is written formula-safe (every text cell through
:func:`ikmpolicy.workbook.safe_cell`) and atomically (:func:`ikmpolicy.io.write_atomic`).
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import numpy as np
import pandas as pd

from ikmpolicy.io import write_atomic
from ikmpolicy.workbook import safe_cell

from ._errors import MatchingError
from .gaps import STATUSES
from .profile import PERSONAL_COLUMNS

#: Firm columns a shortlist may show (never a personal column).
FIRM_COLUMNS = ("business_name", "sub_sector", "district")
#: Statuses a shortlist lists, best first.
SHORTLIST_STATUSES = ("eligible", "near_ready")
_PATH_COLUMNS = ["path", "path_cost_idr", "path_months", "reachable"]


def shortlist(
    pairs: pd.DataFrame,
    firms: pd.DataFrame,
    requirement_id: str,
    *,
    near: pd.DataFrame | None = None,
    assignment: pd.DataFrame | None = None,
    statuses=SHORTLIST_STATUSES,
) -> pd.DataFrame:
    """The firms that can supply one requirement now or soon, by name, best first.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`~ikmpolicy.matching.requirement_gaps`.
    firms : pandas.DataFrame
        The ``firms`` table (for business name, sub-sector and district; its personal columns
        are never read into the result).
    requirement_id : str
    near : pandas.DataFrame, optional
        From :func:`~ikmpolicy.matching.near_ready`: adds the cheapest path of near-ready firms.
    assignment : pandas.DataFrame, optional
        From :func:`~ikmpolicy.matching.assign_suppliers`: adds ``assigned``.
    statuses : tuple of str
        Statuses listed (eligible and near-ready by default).

    Returns
    -------
    pandas.DataFrame
        ``firm_id``, ``business_name``, ``sub_sector``, ``district`` (those present in
        ``firms``), ``status``, ``fit``, ``margin``, ``gaps`` (indicators short of the level),
        ``missing_certificates``, ``capacity_status``, ``capacity_share``; with ``assignment``
        also ``assigned``; with ``near`` also ``path``, ``path_cost_idr``, ``path_months``,
        ``reachable``. Sorted: eligible first, assigned first, then fit, headroom, firm id.

    Examples
    --------
    >>> pairs = pd.DataFrame({"firm_id": ["a", "b", "c"], "requirement_id": "R1",
    ...                       "status": ["near_ready", "eligible", "not_yet"],
    ...                       "fit": [0.8, 1.0, 0.4], "gap_q": [1.0, 0.0, 2.0],
    ...                       "missing_certificates": [(), (), ("sni",)]})
    >>> firms = pd.DataFrame({"firm_id": ["a", "b", "c"], "business_name": ["CV A", "UD B", "C"],
    ...                       "owner_name": ["Budi", "Siti", "Eko"]})
    >>> s = shortlist(pairs, firms, "R1")
    >>> s[["firm_id", "business_name", "status", "gaps"]].values.tolist()
    [['b', 'UD B', 'eligible', ()], ['a', 'CV A', 'near_ready', ('q',)]]
    >>> "owner_name" in s.columns
    False
    """
    for column in ("firm_id", "requirement_id", "status"):
        if column not in pairs.columns:
            raise MatchingError(
                f"pairs: missing column '{column}'; build them with "
                "ikmpolicy.matching.requirement_gaps"
            )
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise MatchingError(
            f"statuses: found {', '.join(unknown)}; expected some of " + ", ".join(STATUSES)
        )
    rows = pairs[(pairs["requirement_id"] == requirement_id) & pairs["status"].isin(statuses)]
    gap_cols = [c for c in pairs.columns if c.startswith("gap_")]
    gaps = rows[gap_cols].to_numpy(float) if gap_cols else np.zeros((len(rows), 0))
    names = [c[len("gap_") :] for c in gap_cols]
    out = pd.DataFrame({"firm_id": rows["firm_id"].astype(object).to_numpy()})
    info_cols = [c for c in FIRM_COLUMNS if c in firms.columns and c not in PERSONAL_COLUMNS]
    info = firms.drop_duplicates("firm_id").set_index("firm_id")[info_cols]
    for column in info_cols:
        out[column] = out["firm_id"].map(info[column]).astype(object).to_numpy()
    out["status"] = rows["status"].astype(object).to_numpy()
    for column in ("fit", "margin"):
        if column in rows.columns:
            out[column] = rows[column].to_numpy(float)
    out["gaps"] = [tuple(n for n, g in zip(names, row, strict=True) if g > 0) for row in gaps]
    for column in ("missing_certificates", "capacity_status", "capacity_share"):
        if column in rows.columns:
            out[column] = rows[column].to_numpy()
    if assignment is not None:
        chosen = assignment.loc[assignment["requirement_id"] == requirement_id, "firm_id"]
        out["assigned"] = out["firm_id"].isin(set(chosen))
    if near is not None:
        mine = near[near["requirement_id"] == requirement_id].set_index("firm_id")
        for column in _PATH_COLUMNS:
            values = (
                out["firm_id"].map(mine[column])
                if len(mine)
                else pd.Series([None] * len(out), dtype=object)
            )
            out[column] = (
                values.to_numpy()
                if column != "path_months"
                else pd.array(values.tolist(), dtype="Int64")
            )
        out["path"] = [p if isinstance(p, tuple) else () for p in out["path"]]
    order = {s: k for k, s in enumerate(STATUSES)}
    out["_order"] = out["status"].map(order)
    keys = (
        ["_order"]
        + (["assigned"] if "assigned" in out else [])
        + [c for c in ("fit", "margin") if c in out]
        + ["firm_id"]
    )
    ascending = (
        [True]
        + ([False] if "assigned" in out else [])
        + [False for c in ("fit", "margin") if c in out]
        + [True]
    )
    out = out.sort_values(keys, ascending=ascending, kind="stable").drop(columns="_order")
    out = out.reset_index(drop=True)
    leaked = PERSONAL_COLUMNS & set(out.columns)
    if leaked:  # cannot happen with the columns chosen above; kept as a last guard
        raise MatchingError(f"shortlist: personal column(s) {', '.join(sorted(leaked))}")
    return out


def _cell(value):
    """A value as a safe spreadsheet cell: lists joined, missing as empty, text made safe."""
    if isinstance(value, tuple | list):
        return safe_cell("; ".join(map(str, value)))
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return safe_cell(value if isinstance(value, bool | int | float) else str(value))


def sheet_names(requirement_ids) -> list[str]:
    """Excel sheet names for requirement ids: characters Excel refuses replaced, at most 31
    characters, unique, never ``README``.

    Examples
    --------
    >>> sheet_names(["REQ/01", "REQ:01", "readme"])
    ['REQ_01', 'REQ_01 (2)', 'readme (2)']
    """
    names: list[str] = []
    taken = {"readme"}
    for rid in requirement_ids:
        base = re.sub(r"[\[\]:*?/\\]", "_", str(rid)).strip("'") or "sheet"
        name, k = base[:31], 1
        while name.lower() in taken:
            k += 1
            suffix = f" ({k})"
            name = base[: 31 - len(suffix)] + suffix
        taken.add(name.lower())
        names.append(name)
    return names


def _write_sheet(sheet, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Font

    sheet.append([_cell(c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in record])
    sheet.freeze_panes = "A2"


def write_shortlist(
    path: str | Path,
    pairs: pd.DataFrame,
    firms: pd.DataFrame,
    requirements: pd.DataFrame,
    *,
    near: pd.DataFrame | None = None,
    assignment: pd.DataFrame | None = None,
) -> Path:
    """Write the internal shortlists as an ``.xlsx``: a README sheet, then one sheet per buyer
    requirement (:func:`shortlist`), formula-safe and atomically.

    Parameters
    ----------
    path : path
        The ``.xlsx`` file to write (its folder is created).
    pairs, firms : pandas.DataFrame
        As for :func:`shortlist`.
    requirements : pandas.DataFrame
        The ``buyer_requirements`` table: one sheet per row, in its order.
    near, assignment : pandas.DataFrame, optional
        As for :func:`shortlist`.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> pairs = pd.DataFrame({"firm_id": ["a"], "requirement_id": ["R1"],
    ...                       "status": ["eligible"], "fit": [1.0]})
    >>> firms = pd.DataFrame({"firm_id": ["a"], "business_name": ["=1+1"]})
    >>> req = pd.DataFrame({"requirement_id": ["R1"], "buyer_id": ["ks"], "product": ["x"]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_shortlist(f"{tmp}/shortlist.xlsx", pairs, firms, req)
    ...     book = openpyxl.load_workbook(out)
    ...     book.sheetnames, book["R1"]["B2"].value
    (['README', 'R1'], "'=1+1")
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise MatchingError(f"{path}: the shortlist must be an .xlsx file")
    if "requirement_id" not in requirements.columns:
        raise MatchingError("table 'buyer_requirements': missing column 'requirement_id'")
    ids = list(requirements["requirement_id"])
    names = sheet_names(ids)
    book = Workbook()
    guide = book.active
    guide.title = "README"
    guide.append(
        [
            _cell(
                "Internal shortlist: firms that can supply each buyer requirement now "
                "(eligible) or soon (near-ready). For the industry office only; do "
                "not publish. Owner names and phone numbers are never included."
            )
        ]
    )
    guide["A1"].font = Font(bold=True)
    guide.append([])
    info_cols = [c for c in ("requirement_id", "buyer_id", "product") if c in requirements]
    guide.append([_cell(c) for c in ["sheet", *info_cols, "eligible", "near_ready"]])
    for name, rid, (_, req) in zip(names, ids, requirements.iterrows(), strict=True):
        listed = shortlist(pairs, firms, rid, near=near, assignment=assignment)
        counts = listed["status"].value_counts()
        guide.append(
            [
                _cell(v)
                for v in [
                    name,
                    *(req[c] for c in info_cols),
                    int(counts.get("eligible", 0)),
                    int(counts.get("near_ready", 0)),
                ]
            ]
        )
        _write_sheet(book.create_sheet(name), listed)
    buffer = BytesIO()
    book.save(buffer)
    return write_atomic(path, buffer.getvalue())
