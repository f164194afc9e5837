"""Validation of a dataset against :mod:`ikmpolicy.schema`.

All problems are collected, never the first one only. Each names the file (and sheet), the row as
the user sees it in their editor, the column, the value and what was expected. A row with an error
is rejected from the clean tables and counted; rows that refer to a rejected row are rejected in
turn, so nothing is dropped without a line in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ikmpolicy.ids import UnsafeIdError, check_id
from ikmpolicy.io import FileRecord, RawTable, parse_fraction, parse_number, read_tables
from ikmpolicy.schema import TABLE_ORDER, TABLES, Column, table_columns

_TRUE = {"true", "ya", "yes", "y", "1", "benar"}
_FALSE = {"false", "tidak", "no", "n", "0", "salah"}
_PARTIAL_DATE = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data."""

    location: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    severity: str = "error"  # or "warning"
    #: the table as a whole is unusable (missing, unreadable, a required column absent)
    fatal: bool = False

    def __str__(self) -> str:
        where = self.location
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        got = "" if self.value is None else f": found {self.value!r}"
        return f"{self.severity.upper()} {where}{got}; expected {self.expected}"


@dataclass
class TableCounts:
    """How many rows of a table were read, accepted and rejected."""

    location: str
    read: int = 0
    rejected: int = 0
    blank: int = 0

    @property
    def accepted(self) -> int:
        return self.read - self.rejected


@dataclass
class ValidationReport:
    """Everything validation found, and the counts per table."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    #: (table, row) pairs that were rejected, with the first reason
    rejected: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def fatal(self) -> list[Problem]:
        """Problems that make a whole table unusable."""
        return [p for p in self.problems if p.fatal]

    def counts_frame(self) -> pd.DataFrame:
        """Rows read, accepted, rejected and blank rows skipped, per table."""
        return pd.DataFrame(
            [
                {"table": name, "location": c.location, "read": c.read, "accepted": c.accepted,
                 "rejected": c.rejected, "blank_rows_skipped": c.blank}
                for name, c in self.counts.items()
            ],
            columns=["table", "location", "read", "accepted", "rejected", "blank_rows_skipped"],
        )

    def summary(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s); "
            f"{sum(c.read for c in self.counts.values())} rows read, "
            f"{sum(c.rejected for c in self.counts.values())} rejected"
        )
        return "\n".join(lines)


@dataclass
class Dataset:
    """Validated, typed tables with the report and the files they came from.

    Each table keeps ``_row`` and ``_file`` so later steps can still point at the source row.
    """

    root: str
    tables: dict[str, pd.DataFrame]
    report: ValidationReport
    files: list[FileRecord]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def indicators(self) -> pd.DataFrame:
        return self.tables["indicators"]


class _Checker:
    def __init__(self, raw: RawTable, report: ValidationReport):
        self.raw = raw
        self.report = report
        self.bad_rows: dict[int, str] = {}

    def problem(self, row, column, value, expected, severity="error", fatal=False):
        p = Problem(self.raw.location, row, column, value, expected, severity, fatal)
        self.report.problems.append(p)
        if severity == "error" and row is not None:
            self.bad_rows.setdefault(row, f"{column}: {expected}")


def _parse_cell(col: Column, text: str):
    """Parse one non-empty cell; return (value, ok)."""
    kind = col.type
    if kind in ("str", "url"):
        if kind == "url" and not re.match(r"^https?://", text):
            return None, False
        return text, True
    if kind == "int":
        number = parse_number(text)
        if number is None or not float(number).is_integer():
            return None, False
        return int(number), True
    if kind == "float":
        number = parse_number(text)
        return number, number is not None
    if kind == "fraction":
        number = parse_fraction(text)
        return number, number is not None
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True, True
        if low in _FALSE:
            return False, True
        return None, False
    if kind == "date":
        try:
            return pd.Timestamp(dt_from_iso(text)), True
        except ValueError:
            return None, False
    if kind == "partial_date":
        if any(p.match(text) for p in _PARTIAL_DATE.values()):
            padded = text + {4: "-01-01", 7: "-01"}.get(len(text), "")
            try:
                dt_from_iso(padded)
            except ValueError:
                return None, False
            return text, True
        return None, False
    if kind == "list":
        items = tuple(i.strip() for i in text.split(";") if i.strip())
        return items, True
    raise AssertionError(kind)


def dt_from_iso(text: str):
    """Strict ``YYYY-MM-DD`` date (Excel's ``YYYY-MM-DD HH:MM:SS`` at midnight is accepted)."""
    import datetime as dt

    if re.match(r"^\d{4}-\d{2}-\d{2}( 00:00(:00)?)?$", text):
        return dt.date.fromisoformat(text[:10])
    raise ValueError(text)


def _check_table(raw: RawTable, columns: tuple[Column, ...], report: ValidationReport) -> tuple[
    pd.DataFrame, _Checker
]:
    table = TABLES[raw.name]
    check = _Checker(raw, report)
    frame = raw.frame
    for header in raw.duplicate_headers:
        check.problem(1, header, None, "each column header once", fatal=True)
    known = {c.name for c in columns}
    for header in frame.columns:
        if header == "_row":
            continue
        if header not in known:
            check.problem(1, header, None,
                          "a known column; this one is ignored (known: "
                          + ", ".join(c.name for c in columns) + ")", "warning")
    missing = [c.name for c in columns if c.name not in frame.columns and c.required]
    for name in missing:
        check.problem(1, name, None,
                      f"a column '{name}' ({columns_by_name(columns)[name].expectation()})",
                      fatal=True)
    out = pd.DataFrame({"_row": frame["_row"].to_numpy() if "_row" in frame else []})
    if missing:
        # without a required column no row can be trusted: reject them all
        for row in out["_row"]:
            check.bad_rows.setdefault(int(row), "missing required column")
    for col in columns:
        if col.name not in frame.columns:
            out[col.name] = pd.Series([_empty(col)] * len(frame), dtype=object)
            continue
        values = []
        for row, text in zip(frame["_row"], frame[col.name], strict=True):
            row = int(row)
            if text == "":
                if col.required:
                    check.problem(row, col.name, "", col.expectation() + " (the cell is empty)")
                values.append(_empty(col))
                continue
            value, ok = _parse_cell(col, text)
            if not ok:
                check.problem(row, col.name, text, col.expectation())
                values.append(_empty(col))
                continue
            items = value if col.type == "list" else (value,)
            if col.allowed:
                for item in items:
                    if item not in col.allowed:
                        check.problem(row, col.name, text, "one of: " + ", ".join(col.allowed))
                        break
            if col.type in ("int", "float", "fraction"):
                if (col.min is not None and value < col.min - 1e-12) or (
                    col.max is not None and value > col.max + 1e-12
                ):
                    check.problem(row, col.name, text, col.expectation())
            values.append(value)
        out[col.name] = pd.Series(values, dtype=object)
    # unique key
    if all(k in out for k in table.key) and len(out):
        keyed = out[list(table.key)].astype(str)
        dup = keyed.duplicated(keep="first")
        first_rows = dict()
        for row, key in zip(out["_row"], keyed.itertuples(index=False), strict=True):
            first_rows.setdefault(tuple(key), int(row))
        for row, key, is_dup in zip(out["_row"], keyed.itertuples(index=False), dup, strict=True):
            if is_dup:
                check.problem(int(row), "+".join(table.key), "/".join(key),
                              f"a unique value; already used in row {first_rows[tuple(key)]}")
    out["_file"] = raw.location
    return out, check


def columns_by_name(columns: tuple[Column, ...]) -> dict[str, Column]:
    return {c.name: c for c in columns}


def _empty(col: Column):
    return () if col.type == "list" else None


def _typed(frame: pd.DataFrame, columns: tuple[Column, ...]) -> pd.DataFrame:
    frame = frame.copy()
    for col in columns:
        if col.type == "int":
            frame[col.name] = pd.array(frame[col.name].tolist(), dtype="Int64")
        elif col.type in ("float", "fraction"):
            frame[col.name] = pd.to_numeric(frame[col.name], errors="raise").astype(float)
        elif col.type == "bool":
            frame[col.name] = pd.array(frame[col.name].tolist(), dtype="boolean")
        elif col.type == "date":
            frame[col.name] = pd.to_datetime(frame[col.name])
    return frame.reset_index(drop=True)


# -- cross-column checks named in the schema -------------------------------------------------

def _check_precision(check: _Checker, frame: pd.DataFrame, date_col: str, prec_col: str):
    for row, value, precision in zip(frame["_row"], frame[date_col], frame[prec_col], strict=True):
        if precision is None:
            continue
        if precision == "unknown":
            continue
        if value is None:
            check.problem(int(row), date_col, "", f"a date of precision '{precision}' "
                          f"(or precision 'unknown' when the source gives none)")
        elif not _PARTIAL_DATE[precision].match(value):
            check.problem(int(row), date_col, value,
                          f"a date written to the precision in '{prec_col}' ({precision}: "
                          + {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[precision]
                          + ")")


def _table_checks(name: str, frame: pd.DataFrame, check: _Checker, tables: dict[str, pd.DataFrame]):
    checks = TABLES[name].checks
    if "date_precision" in checks:
        _check_precision(check, frame, "date", "date_precision")
    if "safe_session_id" in checks:
        for row, value in zip(frame["_row"], frame["session_id"], strict=True):
            if value is not None:
                try:
                    check_id(value, "session_id")
                except UnsafeIdError as exc:
                    check.problem(int(row), "session_id", value,
                                  "a plain name (it becomes a report folder): " + str(exc)
                                  .split(": ", 1)[1])
    if "due_precision" in checks:
        _check_precision(check, frame, "due_date", "due_precision")
    if "indicator_scale" in checks:
        for r in frame.itertuples(index=False):
            if r.scale_min is not None and r.scale_max is not None and r.scale_min >= r.scale_max:
                check.problem(int(r._row), "scale_max", str(r.scale_max),
                              f"a value above scale_min ({r.scale_min:g})")
            if r.direction is not None and r.direction not in (-1, 1):
                check.problem(int(r._row), "direction", str(r.direction),
                              "+1 (higher is better) or -1 (higher is worse)")
    if "kbli_code" in checks:
        for row, code in zip(frame["_row"], frame["kbli"], strict=True):
            if code is not None and not re.fullmatch(r"\d{5}", code):
                check.problem(int(row), "kbli", code, "a KBLI 2020 code of 5 digits")
    if "pair_distinct" in checks:
        pairs = zip(frame["_row"], frame["criterion_a"], frame["criterion_b"], strict=True)
        for row, a, b in pairs:
            if a is not None and a == b:
                check.problem(int(row), "criterion_b", b, "a criterion different from criterion_a")
    if "gain_order" in checks:
        for r in frame.itertuples(index=False):
            low, mid, high = r.gain_low, r.gain_mid, r.gain_high
            if None not in (low, mid, high) and not low <= mid <= high:
                check.problem(int(r._row), "gain_mid", f"{low:g} / {mid:g} / {high:g}",
                              "gain_low <= gain_mid <= gain_high")
    if "effect_in_targets" in checks and "interventions" in tables:
        targets = dict(zip(tables["interventions"]["intervention_id"],
                           tables["interventions"]["targets"], strict=True))
        for row, iid, ind in zip(frame["_row"], frame["intervention_id"], frame["indicator"],
                                 strict=True):
            if iid in targets and ind is not None and ind not in targets[iid]:
                check.problem(int(row), "indicator", ind,
                              f"one of the programme's targets ({', '.join(targets[iid])}; "
                              "see interventions.targets)")
    if "level_in_scale" in checks and "indicators" in tables:
        scale = tables["indicators"].set_index("indicator")[["scale_min", "scale_max"]]
        for row, ind, level in zip(frame["_row"], frame["indicator"], frame["min_level"],
                                   strict=True):
            if ind in scale.index and level is not None:
                lo, hi = scale.loc[ind]
                if not lo <= level <= hi:
                    check.problem(int(row), "min_level", f"{level:g}",
                                  f"a level on the indicator's scale ({lo:g} to {hi:g})")
    if "helix_matches_sub_type" in checks and "sub_types" in tables:
        classic = dict(zip(tables["sub_types"]["sub_type"], tables["sub_types"]["classic_helix"],
                           strict=True))
        for row, helix, sub in zip(frame["_row"], frame["helix"], frame["sub_type"], strict=True):
            if sub in classic and helix is not None and classic[sub] != helix:
                check.problem(int(row), "helix", helix,
                              f"'{classic[sub]}', the classic helix of sub-type '{sub}' "
                              "(see sub_types)")
    if "helix_in_model" in checks and "helix_models" in tables:
        helices = set(zip(tables["helix_models"]["model"], tables["helix_models"]["helix"],
                          strict=True))
        for row, model, helix in zip(frame["_row"], frame["model"], frame["helix"], strict=True):
            if model is not None and helix is not None and (model, helix) not in helices:
                check.problem(int(row), "helix", helix, f"a helix of model '{model}' "
                              "(see helix_models)")


def _check_references(name: str, frame: pd.DataFrame, columns, check: _Checker,
                      tables: dict[str, pd.DataFrame]):
    for col in columns:
        if not col.ref:
            continue
        target_table, target_col = col.ref.split(".")
        if target_table not in tables:
            continue
        valid = set(tables[target_table][target_col].dropna())
        for row, value in zip(frame["_row"], frame[col.name], strict=True):
            items = value if col.type == "list" else (value,)
            for item in items:
                if item is not None and item not in valid:
                    check.problem(int(row), col.name, item,
                                  f"a value of {target_table}.{target_col} "
                                  "(it is missing there, or that row was rejected)")
                    break


def validate_tables(raw_tables: dict[str, RawTable], root: str = "",
                    files: list[FileRecord] | None = None) -> Dataset:
    """Validate raw tables and return the clean dataset with its report.

    Parameters
    ----------
    raw_tables : dict of str to RawTable
        As returned by :func:`ikmpolicy.io.read_tables`.
    root : str
        Where the data came from (for messages and provenance).
    files : list of FileRecord, optional
        Files read, kept for provenance.

    Returns
    -------
    Dataset
        Clean tables (rejected rows removed) and the :class:`ValidationReport`.
    """
    report = ValidationReport()
    clean: dict[str, pd.DataFrame] = {}
    for name in TABLE_ORDER:
        table = TABLES[name]
        raw = raw_tables.get(name)
        if raw is None or raw.error:
            location = raw.location if raw else f"{root}: table '{name}'"
            if raw is not None and raw.error:
                report.problems.append(Problem(location, None, None, None, raw.error,
                                               fatal=True))
            elif not table.optional:
                report.problems.append(Problem(
                    location, None, None, None,
                    f"a table '{name}' ({name}.csv in the folder, or a sheet '{name}' in the "
                    f"workbook) with columns {', '.join(table.column_names)}", fatal=True))
            report.counts[name] = TableCounts(location)
            columns = table_columns(name, clean.get("indicators"))
            clean[name] = _typed(pd.DataFrame(
                {c.name: pd.Series([], dtype=object) for c in columns}
                | {"_row": pd.Series([], dtype=int), "_file": pd.Series([], dtype=object)}
            ), columns)
            continue
        columns = table_columns(name, clean.get("indicators"))
        frame, check = _check_table(raw, columns, report)
        _table_checks(name, frame, check, clean)
        _check_references(name, frame, columns, check, clean)
        counts = TableCounts(raw.location, read=len(frame), blank=len(raw.blank_rows))
        keep = ~frame["_row"].isin(list(check.bad_rows))
        counts.rejected = int((~keep).sum())
        for row, reason in check.bad_rows.items():
            report.rejected[(name, row)] = reason
        report.counts[name] = counts
        if raw.blank_rows:
            report.problems.append(Problem(
                raw.location, None, None, None,
                f"no blank rows; {len(raw.blank_rows)} blank row(s) skipped "
                f"(rows {', '.join(map(str, raw.blank_rows[:10]))})", "warning"))
        clean[name] = _typed(frame[keep], columns)
    return Dataset(root, clean, report, files or [])


def load_dataset(path: str | Path) -> Dataset:
    """Read and validate a dataset from a folder of CSV files or an Excel workbook.

    Examples
    --------
    >>> ds = load_dataset("data/cilegon")  # run from the project folder
    >>> ds.report.ok
    True
    """
    raw, files = read_tables(path)
    return validate_tables(raw, str(path), files)
