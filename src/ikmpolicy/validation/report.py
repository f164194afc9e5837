"""What validation found: problems, counts per table, and the validated dataset."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ikmpolicy.io import FileRecord, rows_text

#: Shown instead of a value from a column the schema marks personal.
HIDDEN_PERSONAL = "(personal data, not shown)"
#: Shown instead of a value that may come from a personal column of a shifted row.
HIDDEN_SHIFTED = "value hidden: the row's columns look shifted"
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data.

    Attributes
    ----------
    location : str
        File relative to the dataset, with the sheet for a workbook (``data.xlsx [firms]``).
    row : int, optional
        Row as a spreadsheet shows it (the header is row 1 unless a title sits above it).
    column : str, optional
        Column header.
    value : str, optional
        What was found (personal data never: see :data:`HIDDEN_PERSONAL`).
    expected : str
        What was expected, in words.
    severity : {"error", "warning"}
        An error rejects the row (or the table when ``fatal``); a warning keeps it, e.g. an
        unreadable optional cell that was left empty.
    fatal : bool
        The table as a whole is unusable (missing, unreadable, a required column absent).
    line : int, optional
        Line in a text editor, where it differs from the row (a quoted cell spanning lines).
    cause : int, optional
        Index (in :attr:`ValidationReport.problems`) of the problem whose rejected row took this
        one's row with it.
    rows : tuple of int
        The data rows this one problem rejects when they share its cause (a misspelt header no
        row can be scored without, a date none of whose rows can be): its message names the
        first of them and counts the rest, instead of one line per row.
    """

    location: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    severity: str = "error"
    fatal: bool = False
    line: int | None = None
    cause: int | None = None
    rows: tuple[int, ...] = ()

    def is_about(self, table: str) -> bool:
        """Whether the problem is in ``table`` itself (its CSV file or its workbook sheet).

        Examples
        --------
        >>> Problem("book.xlsx [firms]", None, None, None, "x").is_about("firms")
        True
        >>> Problem("sub_sectors.csv", None, None, None, "x").is_about("firms")
        False
        """
        where = self.location  # "stakeholders.csv", or "book.xlsx [stakeholders]"
        if where.endswith("]"):
            return where.endswith(f" [{table}]")
        return Path(where).stem == table

    def __str__(self) -> str:
        where = self.location
        if self.row is not None:
            where += f", row {self.row}"
            if self.line is not None:
                where += f" (line {self.line})"
        if self.column:
            where += f", column '{self.column}'"
        if self.value is None:
            got = ""
        elif self.value in (HIDDEN_PERSONAL, HIDDEN_SHIFTED):
            got = f": {self.value}"
        else:
            got = f": found {self.value!r}"
        return f"{self.severity.upper()} {where}{got}; expected {self.expected}"


def _taken_text(taken: Counter | None, whose: str) -> str:
    """``"its rejection took 3 row(s) with it: assessments 2, pairwise 1"`` ("" if none)."""
    if not taken:
        return ""
    parts = ", ".join(f"{table} {n}" for table, n in sorted(taken.items()))
    return f"{whose} rejection took {sum(taken.values())} row(s) with it: {parts}"


@dataclass
class TableCounts:
    """How many rows of a table were read, accepted and rejected.

    ``read`` counts data rows; blank rows and the template's example rows are not data, they
    are counted apart (``blank``, ``examples``). Always ``read == accepted + rejected``.
    """

    location: str
    read: int = 0
    rejected: int = 0
    blank: int = 0
    examples: int = 0

    @property
    def accepted(self) -> int:
        """Rows kept for the analyses."""
        return self.read - self.rejected


@dataclass
class ValidationReport:
    """Everything validation found, and the counts per table."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    #: (table, row) pairs that were rejected, with the index of the problem that rejected them
    rejected: dict[tuple[str, int], int] = field(default_factory=dict)
    #: index of a root problem -> rows its rejection took with it, per table
    cascades: dict[int, Counter] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """The problems that reject a row or a table."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that leave the rows in use."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """Whether validation found no error."""
        return not self.errors

    @property
    def fatal(self) -> list[Problem]:
        """Problems that make a whole table unusable."""
        return [p for p in self.problems if p.fatal]

    def unusable(self, table: str) -> bool:
        """Whether ``table`` was checked and nothing of it can be used: a fatal problem (the
        table missing, unreadable, or without a required column), no data row (a header
        only), or every row read rejected. A check that compares with such a table has
        nothing to compare with."""
        counts = self.counts.get(table)
        if counts is None:
            return False
        return not counts.accepted or self.fatal_problem(table) is not None

    def fatal_problem(self, table: str) -> int | None:
        """The index of the fatal problem that lost ``table`` as a whole (None if none did):
        what the rows of another table that need it are charged to."""
        for index, problem in enumerate(self.problems):
            if problem.fatal and problem.is_about(table):
                return index
        return None

    def add(self, problem: Problem) -> int:
        """Append a problem; return its index."""
        self.problems.append(problem)
        return len(self.problems) - 1

    def counts_frame(self) -> pd.DataFrame:
        """Rows read, accepted, rejected, blank rows and example rows skipped, per table."""
        columns = [
            "table",
            "location",
            "read",
            "accepted",
            "rejected",
            "blank_rows_skipped",
            "example_rows_skipped",
        ]
        return pd.DataFrame(
            [
                (name, c.location, c.read, c.accepted, c.rejected, c.blank, c.examples)
                for name, c in self.counts.items()
            ],
            columns=columns,
        )

    def cascade_text(self, index: int) -> str:
        """What the rejection of problem ``index``'s row took with it, in words ("" if nothing).

        Examples
        --------
        >>> r = ValidationReport(cascades={0: Counter({"assessments": 2, "pairwise": 1})})
        >>> r.cascade_text(0)
        'its rejection took 3 row(s) with it: assessments 2, pairwise 1'
        """
        return _taken_text(self.cascades.get(index), "its")

    def lines(self) -> list[str]:
        """One line per problem; problems that differ only in their row and value (a column
        wrong on every row, rows that all name a rejected row) are one line naming every row
        and the values found. A root problem says how many rows its rejection took along.

        Examples
        --------
        >>> r = ValidationReport()
        >>> for row in (2, 3, 4):
        ...     _ = r.add(Problem("t.csv", row, "n", "x", "a number"))
        >>> r.lines()
        ["ERROR t.csv, rows 2–4, column 'n': found 'x'; expected a number"]
        """
        groups: dict[tuple, list[int]] = {}
        for index, p in enumerate(self.problems):
            hidden = p.value if p.value in (HIDDEN_PERSONAL, HIDDEN_SHIFTED) else None
            key = (p.location, p.column, p.severity, p.fatal, p.expected, hidden, p.row is None)
            groups.setdefault(key, []).append(index)
        out = []
        for members in groups.values():
            if len(members) == 1 or self.problems[members[0]].row is None:
                for index in members:
                    text, cascade = str(self.problems[index]), self.cascade_text(index)
                    out.append(f"{text} ({cascade})" if cascade else text)
            else:
                out.append(self._group_line(members))
        return out

    def _group_line(self, members: list[int]) -> str:
        """One line for problems that differ only in row and value."""
        found = [self.problems[k] for k in members]
        first = found[0]
        rows = list(dict.fromkeys(r for p in found for r in (p.row, *p.rows) if r is not None))
        where = f"{first.location}, {rows_text(rows, limit=len(rows))}"
        if first.column:
            where += f", column '{first.column}'"
        values = list(dict.fromkeys(p.value for p in found if p.value is not None))
        if first.value in (HIDDEN_PERSONAL, HIDDEN_SHIFTED):
            got = f": {first.value}"
        elif values:
            shown = ", ".join(repr(v) for v in values[:3])
            more = len(values) - 3
            got = f": found {shown}" + (f" and {more} other value(s)" if more > 0 else "")
        else:
            got = ""
        text = f"{first.severity.upper()} {where}{got}; expected {first.expected}"
        taken = sum((self.cascades.get(k, Counter()) for k in members), Counter())
        cascade = _taken_text(taken, "their")
        return f"{text} ({cascade})" if cascade else text

    def summary(self) -> str:
        """Every problem, then the totals (what ``ikmpolicy validate`` prints)."""
        read = sum(c.read for c in self.counts.values())
        rejected = sum(c.rejected for c in self.counts.values())
        skipped = sum(c.examples for c in self.counts.values())
        totals = (
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s); "
            f"{read} rows read, {read - rejected} accepted, {rejected} rejected"
        )
        if skipped:
            totals += f"; {skipped} example row(s) skipped"
        return "\n".join([*self.lines(), totals])


@dataclass
class Dataset:
    """Validated, typed tables with the report and the files they came from.

    Each table keeps ``_row`` and ``_file`` (relative to :attr:`root`) so later steps can still
    point at the source row. ``root`` is where the data came from, as given (for provenance);
    no message shows it.
    """

    root: str
    tables: dict[str, pd.DataFrame]
    report: ValidationReport
    files: list[FileRecord]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def indicators(self) -> pd.DataFrame:
        """The indicator table."""
        return self.tables["indicators"]
