"""Writing Excel workbooks: the data template and safe cell values.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab/CR) would be run as a formula by a
spreadsheet; :func:`safe_cell` prefixes such text with an apostrophe so it stays text.

The template (:func:`write_template`) is a workbook an analyst fills for their own region: an
instructions sheet in Bahasa Indonesia and English; one sheet per table with protected headers
(hover a header for what it means and expects, in both languages); the reference tables copied
from a dataset; an example row per evidence sheet (ids starting ``CONTOH-``, ``synthetic =
true``: validation skips them); Excel data validation for numbers, dates, booleans and allowed
values (drop-down lists); text columns formatted as text so that Excel does not turn ``1/3`` or
``2025-05`` into dates; no formulas.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd

from ikmpolicy.errors import InputError
from ikmpolicy.io import write_atomic
from ikmpolicy.schema import TABLE_ORDER, TABLES, Column, table_columns

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Reference tables copied into the template when a data folder is given.
REFERENCE_TABLES = (
    "sources",
    "helix_models",
    "sub_types",
    "helix_assignment",
    "sub_sectors",
    "indicators",
    "codebook",
    "interventions",
    "intervention_effects",
    "intervention_prerequisites",
    "publisher",
)
#: Tables with an example row (the evidence an analyst collects).
EVIDENCE_TABLES = (
    "fgd_sessions",
    "stakeholders",
    "participation",
    "statements",
    "commitments",
    "firms",
    "assessments",
    "buyer_requirements",
    "pairwise",
)
INSTRUCTIONS_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"
EXAMPLE = "CONTOH-"
_MAX_ROWS = 5000  # validation rules and formats reach this far down the sheets
_DATE_FORMAT = "DD/MM/YYYY"


class TemplateError(InputError):
    """The template cannot be written as asked (e.g. not an .xlsx name)."""


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


def _cell_value(value: object, col: Column | None = None) -> object:
    """A value of a validated table as the template stores it (never a formula)."""
    if isinstance(value, tuple | list):
        return safe_cell(";".join(map(str, value))) if value else None
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if col is not None and col.type == "bool":
        return "true" if value else "false"
    return safe_cell(value)


# -- the example rows -----------------------------------------------------------------------


def _first(frame: pd.DataFrame | None, column: str, default: str, where=None) -> str:
    if frame is None or frame.empty:
        return default
    rows = frame if where is None else frame[where(frame)]
    return str(rows[column].iloc[0]) if not rows.empty else default


def _sub_type(dataset, helix: str) -> str:
    sub_types = dataset["sub_types"] if dataset is not None else None
    return _first(sub_types, "sub_type", f"contoh_{helix}", lambda f: f["classic_helix"] == helix)


def _scores(dataset, table: str, low_offset: float) -> dict[str, float]:
    if dataset is None:
        return {}
    return {
        r.indicator: float(
            round((r.scale_min + r.scale_max) / 2) if low_offset == 0 else r.scale_min + low_offset
        )
        for r in dataset.indicators.itertuples(index=False)
    }


def example_rows(dataset=None) -> dict[str, list[dict]]:
    """One example row per evidence table (two stakeholders: a government office and a buyer;
    two respondents' chains of pairwise judgements), all ids starting with ``CONTOH-``.

    The rows refer to each other and to the reference tables of ``dataset``, so that with the
    prefix removed they form valid data (the tests check this).
    """
    session, office, buyer, source = (
        f"{EXAMPLE}fgd-2025-01-15",
        f"{EXAMPLE}dinas-kota",
        f"{EXAMPLE}industri-besar",
        f"{EXAMPLE}survei-2025",
    )
    sub_sectors = dataset["sub_sectors"] if dataset is not None else None
    sub_sector = _first(sub_sectors, "sub_sector", "contoh_subsektor")
    kbli = (
        sub_sectors["kbli"].iloc[0][0]
        if sub_sectors is not None and not sub_sectors.empty
        else "25999"
    )
    codebook = dataset["codebook"] if dataset is not None else None
    theme = _first(codebook, "code", "contoh_tema")
    dimensions = (
        list(dict.fromkeys(dataset.indicators["dimension"]))
        if dataset is not None
        else ["kualitas_produk", "sumber_daya_manusia"]
    )
    date = dt.datetime(2025, 1, 15)
    common = {"synthetic": "true", "source_id": source}
    return {
        "sources": [
            {
                "source_id": source,
                "publisher": "Dinas kota (contoh)",
                "title": "Survei IKM 2025 (contoh)",
                "synthetic": "true",
            }
        ],
        "fgd_sessions": [
            {
                "session_id": session,
                "title": "FGD kemitraan IKM (contoh)",
                "date": "2025-01-15",
                "date_precision": "day",
                "city": "Kota Contoh",
                "organiser": office,
                "kind": "fgd",
                "participants": 30,
                "source_id": source,
            }
        ],
        "stakeholders": [
            {
                "org_id": office,
                "name": "Dinas Perindustrian Kota Contoh",
                "helix": "government",
                "sub_type": _sub_type(dataset, "government"),
                "level": "city",
                "city": "Kota Contoh",
                "power": 4,
                "interest": 4,
                "source_id": source,
            },
            {
                "org_id": buyer,
                "name": "PT Industri Besar Contoh",
                "helix": "business",
                "sub_type": _sub_type(dataset, "business"),
                "level": "city",
                "city": "Kota Contoh",
                "source_id": source,
            },
        ],
        "participation": [
            {
                "session_id": session,
                "org_id": office,
                "role": "organiser",
                "people": 3,
                "source_id": source,
            }
        ],
        "statements": [
            {
                "statement_id": f"{EXAMPLE}S01",
                "session_id": session,
                "org_id": office,
                "speaker_office": "Kepala Bidang Industri",
                "kind": "position",
                "quote": "false",
                "text": "IKM perlu pendampingan sertifikasi SNI (contoh).",
                "source_id": source,
            }
        ],
        "commitments": [
            {
                "commitment_id": f"{EXAMPLE}K01",
                "session_id": session,
                "org_id": office,
                "text": "Menyelenggarakan pelatihan mutu (contoh).",
                "theme": theme,
                "due_date": "2025-06",
                "due_precision": "month",
                "status": "planned",
                "source_id": source,
            }
        ],
        "firms": [
            {
                "firm_id": f"{EXAMPLE}IKM-001",
                "business_name": "UD Logam Contoh",
                "kbli": kbli,
                "sub_sector": sub_sector,
                "workforce": 12,
                "revenue_idr": 1_440_000_000,
                "founded": 2010,
                "district": "Kecamatan Contoh",
                "has_nib": "true",
                "has_sni": "false",
                "has_iso9001": "false",
                "capacity_yearly": 500,
                "capacity_unit": "unit",
                **common,
            }
        ],
        "assessments": [
            {
                "firm_id": f"{EXAMPLE}IKM-001",
                "assessment_date": date,
                "assessor": "Dinas Perindustrian (contoh)",
                **common,
                **_scores(dataset, "assessments", 0),
            }
        ],
        "buyer_requirements": [
            {
                "requirement_id": f"{EXAMPLE}R01",
                "buyer_id": buyer,
                "product": "Komponen baja (contoh)",
                "kbli": kbli,
                "certificates": "nib",
                "yearly_volume": 100,
                "volume_unit": "unit",
                "max_suppliers": 3,
                **common,
                **_scores(dataset, "buyer_requirements", 1),
            }
        ],
        # two respondents (a session's group weights need two), each a chain linking all the
        # dimensions (the fewest judgements a brief can complete)
        "pairwise": [
            {
                "session_id": session,
                "respondent_id": who,
                "org_id": org,
                "criterion_a": a,
                "criterion_b": b,
                "value": values[k % 3],
                **common,
            }
            for who, org, values in (
                ("R01", office, ("2", "1/2", "1")),
                ("R02", buyer, ("3", "1", "1/3")),
            )
            for k, (a, b) in enumerate(zip(dimensions, dimensions[1:], strict=False))
        ],
    }


# -- the workbook ---------------------------------------------------------------------------


def _instructions(book, path: Path, dataset) -> None:
    from openpyxl.styles import Alignment, Font

    from ikmpolicy.report.i18n import Locale

    sheet = book.active
    sheet.title = INSTRUCTIONS_SHEET
    source = Path(dataset.root).name if dataset is not None else None
    for lang in ("id", "en"):
        loc = Locale(lang)
        sheet.append([loc.t("template.language")])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=9, color="666666")
        sheet.append([loc.t("template.title")])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=14)
        for part, count in (("how", 5), ("dates", 4), ("check", 4)):
            sheet.append([])
            sheet.append([loc.t(f"template.{part}_title")])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
            for k in range(1, count + 1):
                text = loc.t(
                    f"template.{part}_{k}", file=path.name, source=source or loc.t("template.none")
                )
                sheet.append(["• " + text])
        sheet.append([])
        sheet.append([loc.t("template.sheets_title")])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append(
            [
                loc.t("template.sheet"),
                loc.t("template.kind"),
                loc.t("template.meaning"),
                loc.t("template.required"),
            ]
        )
        for name in TABLE_ORDER:
            table = TABLES[name]
            kind = loc.t("template.reference" if name in REFERENCE_TABLES else "template.evidence")
            sheet.append(
                [
                    name,
                    kind,
                    table.description_id if lang == "id" else table.description,
                    ", ".join(c.name for c in table.columns if c.required),
                ]
            )
        sheet.append([])
        sheet.append([])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 80
    sheet.column_dimensions["D"].width = 60
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=cell.column > 1, vertical="top")


def _header_note(col: Column) -> str:
    need = "" if col.required else " (boleh kosong / may be empty)"
    parts = [
        col.description_id,
        col.description,
        "Diharapkan / expected: " + col.expectation() + need,
    ]
    if col.personal:
        parts.append("DATA PRIBADI / PERSONAL DATA")
    return "\n".join(p for p in parts if p)


def _number_format(col: Column) -> str | None:
    if col.type == "date":
        return _DATE_FORMAT
    if col.type in ("str", "list", "url", "partial_date", "fraction"):
        return "@"  # text: Excel must not turn 1/3, 2025-05 or 01111 into something else
    return None


def _write_sheet(book, name: str, columns: tuple[Column, ...], rows: list[list]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for index, col in enumerate(columns, start=1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(12, len(col.name) + 4)
        dimension.protection = Protection(locked=False)  # data cells stay editable
        if _number_format(col):
            dimension.number_format = _number_format(col)
        cell = sheet.cell(row=1, column=index, value=col.name)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.protection = Protection(locked=True)
        cell.comment = Comment(_header_note(col), "ikmpolicy", width=320, height=140)
    for values in rows:
        sheet.append(values)
        for index, col in enumerate(columns, start=1):
            cell = sheet.cell(row=sheet.max_row, column=index)
            cell.protection = Protection(locked=False)
            if _number_format(col):
                cell.number_format = _number_format(col)
    sheet.freeze_panes = "A2"
    # headers locked; rows may be added, deleted, sorted and filtered
    protection = sheet.protection
    protection.sheet = True
    for permitted in (
        "formatCells",
        "formatColumns",
        "formatRows",
        "insertRows",
        "deleteRows",
        "sort",
        "autoFilter",
        "insertHyperlinks",
    ):
        setattr(protection, permitted, False)


def _rows(name: str, columns: tuple[Column, ...], dataset, examples: dict) -> list[list]:
    rows: list[list] = []
    if dataset is not None and name in REFERENCE_TABLES:
        frame = dataset[name]
        for record in frame[[c.name for c in columns]].itertuples(index=False):
            rows.append([_cell_value(v, c) for v, c in zip(record, columns, strict=True)])
    if dataset is not None and name == "stakeholders":
        rows.extend(_referenced_stakeholders(dataset, columns))
    for example in examples.get(name, []):
        rows.append([safe_cell(example.get(c.name)) for c in columns])
    return rows


def _referenced_stakeholders(dataset, columns: tuple[Column, ...]) -> list[list]:
    """Organisations the copied reference tables name (programme owners, the publisher)."""
    wanted = set(dataset["interventions"]["owner_id"].dropna()) | set(
        dataset["publisher"]["org_id"].dropna()
    )
    frame = dataset["stakeholders"]
    frame = frame[frame["org_id"].isin(wanted)]
    return [
        [_cell_value(v, c) for v, c in zip(record, columns, strict=True)]
        for record in frame[[c.name for c in columns]].itertuples(index=False)
    ]


def _lists(book, columns_by_table: dict[str, tuple[Column, ...]]) -> dict[str, str]:
    """Allowed values too long for an inline drop-down go to a hidden sheet; their ranges."""
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    ranges: dict[str, str] = {}
    k = 0
    for name, columns in columns_by_table.items():
        for col in columns:
            values = col.allowed or (
                ("true", "false", "ya", "tidak") if col.type == "bool" else None
            )
            if not values:
                continue
            k += 1
            letter = get_column_letter(k)
            sheet.cell(row=1, column=k, value=f"{name}.{col.name}")
            for row, value in enumerate(values, start=2):
                sheet.cell(row=row, column=k, value=value)
            ranges[f"{name}.{col.name}"] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _validation(col: Column, table: str, lists: dict[str, str], refs: dict[str, str]):
    """The Excel data validation of a column, or None."""
    from openpyxl.worksheet.datavalidation import DataValidation

    blank = not col.required
    message = {
        "showErrorMessage": True,
        "errorTitle": col.name[:32],
        "error": ("Diharapkan / expected: " + col.expectation())[:255],
        "allow_blank": blank,
    }
    key = f"{table}.{col.name}"
    if (
        col.type == "list"
        or col.type in ("str", "url", "partial_date", "fraction")
        and not (col.allowed or col.ref)
    ):
        return None
    if key in lists:
        return DataValidation(type="list", formula1="=" + lists[key], **message)
    if col.ref and col.ref in refs:
        return DataValidation(type="list", formula1="=" + refs[col.ref], **message)
    if col.type in ("int", "float"):
        kind = "whole" if col.type == "int" else "decimal"
        if col.min is not None and col.max is not None:
            return DataValidation(
                type=kind,
                operator="between",
                formula1=f"{col.min:g}",
                formula2=f"{col.max:g}",
                **message,
            )
        if col.min is not None:
            return DataValidation(
                type=kind, operator="greaterThanOrEqual", formula1=f"{col.min:g}", **message
            )
        return DataValidation(
            type=kind, operator="between", formula1="-1E+15", formula2="1E+15", **message
        )
    if col.type == "date":
        return DataValidation(
            type="date", operator="between", formula1="18264", formula2="73415", **message
        )  # 1950-01-01 to 2100-12-31
    return None


def write_template(path: str | Path, dataset=None) -> Path:
    """Write the Excel data template (see the module's notes for what it holds).

    Parameters
    ----------
    path : path
        The ``.xlsx`` file to write.
    dataset : ikmpolicy.validation.Dataset, optional
        When given, its reference tables (helix models, sub-types, sub-sectors, indicators,
        codebook, programme catalogue with effects and prerequisites, publisher, and the sources
        and organisations they cite) are copied in, the wide tables get one column per
        indicator, and the example rows use its ids; otherwise only the example rows are filled.

    Returns
    -------
    pathlib.Path
        The file written (atomically).
    """
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise TemplateError(f"{path}: the template must be an .xlsx file")
    indicators = dataset.indicators if dataset is not None else None
    book = Workbook()
    _instructions(book, path, dataset)
    examples = example_rows(dataset)
    columns_by_table = {name: table_columns(name, indicators) for name in TABLE_ORDER}
    refs: dict[str, str] = {}
    for name, columns in columns_by_table.items():
        _write_sheet(book, name, columns, _rows(name, columns, dataset, examples))
        for index, col in enumerate(columns, start=1):
            letter = get_column_letter(index)
            refs[f"{name}.{col.name}"] = f"{name}!${letter}$2:${letter}${_MAX_ROWS}"
    lists = _lists(book, columns_by_table)
    for name, columns in columns_by_table.items():
        sheet = book[name]
        for index, col in enumerate(columns, start=1):
            rule = _validation(col, name, lists, refs)
            if rule is None:
                continue
            letter = get_column_letter(index)
            rule.add(f"{letter}2:{letter}{_MAX_ROWS}")
            sheet.add_data_validation(rule)
    buffer = BytesIO()
    book.save(buffer)
    return write_atomic(path, buffer.getvalue())
