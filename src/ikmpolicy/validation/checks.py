"""Checks across the columns and rows of a table, registered by name.

``schema.py`` names the checks each table runs (``Table.checks``); each name is registered here
with :func:`check`. A name declared in the schema but registered nowhere fails when
:mod:`ikmpolicy.validation` is imported, not on the day a dataset needs it.

Each check receives a :class:`CheckContext`: the table's rows that are not yet rejected (typed
values), the clean tables validated before it, and the ways to report. ``ctx.invalid`` applies
the rule of the whole validator: an error in a required cell rejects the row, one in an optional
cell leaves the cell empty with a warning; ``ctx.reject`` rejects the row whatever the column.

Several checks exist so that ``validate`` and ``brief`` agree: what would stop a brief (pairwise
judgements that are not reciprocal or leave a respondent's criteria disconnected, a codebook
keyword the coder cannot use, a commitment the ledger cannot read) is reported here, with its
row, and the row is rejected, so the brief runs on what is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd

from ikmpolicy.errors import IkmPolicyError, InputError
from ikmpolicy.ids import UnsafeIdError, check_id
from ikmpolicy.io import rows_text
from ikmpolicy.schema import PARTIAL_DATE_FORMATS, TABLES
from ikmpolicy.validation.tables import TableCheck, apply_cell_edits, misspelt_header


class UnknownCheckError(IkmPolicyError, LookupError):
    """``schema.py`` names a check that no function is registered for."""


@dataclass
class CheckContext:
    """What a check sees: the kept rows of its table and the clean tables before it."""

    table: TableCheck
    frame: pd.DataFrame
    tables: dict[str, pd.DataFrame]

    def rows(self, *columns: str) -> Iterator[tuple]:
        """``(row, value, ...)`` for each kept row; missing values as None."""
        values = [self.frame[c].astype(object).where(self.frame[c].notna(), None) for c in columns]
        yield from zip(self.frame["_row"].astype(int), *values, strict=True)

    def invalid(self, row: int, column: str, value, expected: str) -> bool:
        """Reject the row (required column) or empty the cell (optional column)."""
        return self.table.invalid(int(row), column, _text(value), expected)

    def reject(self, row: int, column: str | None, value, expected: str) -> int:
        """Reject the row, whatever the column."""
        return self.table.problem(int(row), column, _text(value), expected)

    def reject_all(self, rows, column: str | None, value, expected: str) -> int:
        """Reject rows that share one cause (a respondent's judgements) by one problem at the
        first of them, naming them all, instead of one line per row."""
        rows = [int(r) for r in rows]
        words = f"{expected} ({rows_text(rows)})"
        return self.table.reject_rows(rows[0], rows, column, _text(value), words)

    def warn(self, row: int, column: str | None, value, expected: str) -> int:
        """Report a warning; the row is kept."""
        return self.table.warn(int(row), column, _text(value), expected)

    def read_as(self, row: int, column: str, value) -> None:
        """Read a cell as ``value`` from here on (for the later checks and the clean table)."""
        self.table.read_as[(int(row), column)] = value


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return ";".join(map(str, value))
    return str(value)


CheckFunction = Callable[[CheckContext], None]
#: name -> check function, filled by :func:`check`
CHECKS: dict[str, CheckFunction] = {}


def check(name: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under the name ``schema.py`` uses for it.

    Examples
    --------
    >>> "kbli_code" in CHECKS
    True
    """

    def register(function: CheckFunction) -> CheckFunction:
        if name in CHECKS:
            raise UnknownCheckError(f"check {name!r} is registered twice")
        CHECKS[name] = function
        return function

    return register


def verify_registry() -> None:
    """Every check named in ``schema.py`` is registered (called when validation is imported)."""
    for table in TABLES.values():
        for name in table.checks:
            if name not in CHECKS:
                raise UnknownCheckError(
                    f"schema.py: table {table.name!r} names check {name!r}, which is not "
                    f"registered; known checks: {', '.join(sorted(CHECKS))}"
                )


def run_checks(
    name: str, check_: TableCheck, frame: pd.DataFrame, tables: dict[str, pd.DataFrame]
) -> None:
    """Run the table's checks in the order the schema lists them, each on the rows still kept
    (and with the cells that earlier checks emptied, empty, or read otherwise, so read)."""
    for check_name in TABLES[name].checks:
        apply_cell_edits(frame, check_)
        kept = frame[~frame["_row"].isin(list(check_.rejected))]
        CHECKS[check_name](CheckContext(check_, kept.reset_index(drop=True), tables))


# -- dates ----------------------------------------------------------------------------------


def _precision(ctx: CheckContext, date_col: str, prec_col: str) -> None:
    if date_col in ctx.table.absent:
        _no_date_column(ctx, date_col, prec_col)
        return
    for row, value, precision in ctx.rows(date_col, prec_col):
        if precision == "unknown" and value is not None and row not in ctx.table.blanks:
            # what the brief prints ("date unknown") and what it computes with must agree
            noun = date_col.replace("_", " ")
            ctx.invalid(
                row,
                date_col,
                value,
                f"no {noun} when {prec_col} is 'unknown' (or set {prec_col} to day, month or year)",
            )
        if precision is None or precision == "unknown":
            continue
        pattern, shape = PARTIAL_DATE_FORMATS[precision]
        excel = ctx.table.raw.excel_dates
        if value is not None and (
            (row, date_col) in excel or (row, date_col) in ctx.table.displayed_dates
        ):
            value = _excel_date_to_precision(ctx, row, date_col, value, precision)
        if value is None:
            ctx.warn(
                row,
                date_col,
                "",
                f"a date of precision '{precision}' (or precision "
                "'unknown' when the source gives none)",
            )
        elif not re.fullmatch(pattern, value):
            ctx.invalid(
                row,
                date_col,
                ctx.table.typed(row, date_col) or value,  # as typed: "Desember 2025"
                f"a date written to the precision in '{prec_col}' ({precision}: {shape})",
            )


def _no_date_column(ctx: CheckContext, date_col: str, prec_col: str) -> None:
    """The header has no date column: one warning for the rows that give a precision (none
    when the header only misspelt it: that header's own warning says so), not one per row."""
    dated = [row for row, p in ctx.rows(prec_col) if p is not None and p != "unknown"]
    if not dated or date_col in ctx.table.misspelt:
        return
    ctx.warn(
        ctx.table.raw.header_row,
        date_col,
        None,
        f"a column '{date_col}': {rows_text(dated)} give a precision in '{prec_col}' but the "
        "table has no such column, so their dates read as empty",
    )


def _excel_date_to_precision(ctx: CheckContext, row: int, column: str, value: str, precision):
    """An Excel date (``2025-05-17``) in a cell of precision ``month`` or ``year``, read to that
    precision (``2025-05``): a date cell always holds a day, and Excel stores ``Mei 2025`` typed
    in one as its first day, so a first of the month is read silently; another day, and any
    date of precision ``year`` (Excel never makes a date of a year typed alone), is read with a
    warning that part of it is dropped."""
    width = {"month": 7, "year": 4}.get(precision)
    if width is None or not re.fullmatch(PARTIAL_DATE_FORMATS["day"][0], value):
        return value
    kept = value[:width]
    if precision == "year" or not value.endswith("-01"):
        dropped = "the day" if precision == "month" else "the month and day"
        ctx.warn(
            row,
            column,
            value,
            f"a date of precision '{precision}' ({PARTIAL_DATE_FORMATS[precision][1]}); the "
            f"Excel date {value} was read as {kept} ({dropped} dropped, as its precision says)",
        )
    ctx.read_as(row, column, kept)
    return kept


@check("date_precision")
def date_precision(ctx: CheckContext) -> None:
    """A session's date is written to its precision (``2025-05`` for ``month``); precision
    'unknown' has no date."""
    _precision(ctx, "date", "date_precision")


@check("end_date_order")
def end_date_order(ctx: CheckContext) -> None:
    """A session's last day is not before its date (or the start of its month or year): the
    brief would print "15–1 Mei 2025" and count follow-up from a day before the session."""
    for row, date, end in ctx.rows("date", "end_date"):
        if date is None or end is None:
            continue
        first = pd.Timestamp(date)  # "2025" and "2025-05" read as their first day
        if pd.Timestamp(end).normalize() < first:
            ctx.invalid(
                row,
                "end_date",
                pd.Timestamp(end).date().isoformat(),
                f"a last day on or after the session's date ({date})",
            )


@check("due_precision")
def due_precision(ctx: CheckContext) -> None:
    """A due date is written to its precision; precision 'unknown' has no due date."""
    _precision(ctx, "due_date", "due_precision")


@check("due_after_session")
def due_after_session(ctx: CheckContext) -> None:
    """A commitment does not fall due before the session it was made at (a warning: the year
    is likely mistyped, and the brief would show it overdue from the day it was made).

    Both dates are compared at their precision: a due period ends before the session's period
    starts (a due date in 2025 and a session in May 2025 agree).
    """
    sessions = ctx.tables.get("fgd_sessions")
    if sessions is None or sessions.empty or not {"due_date", "due_precision"} <= set(ctx.frame):
        return
    from ikmpolicy.pentahelix.ledger import period_end
    from ikmpolicy.sessions import held_from

    starts = held_from(ctx.tables)  # one reading of when a session was held
    dates = dict(zip(sessions["session_id"], sessions["date"], strict=True))
    for row, session, due, precision in ctx.rows("session_id", "due_date", "due_precision"):
        start = starts.get(session, pd.NaT)
        if due is None or precision is None or pd.isna(start):
            continue
        end = period_end(due, precision)
        if end is not pd.NaT and end < start:
            ctx.warn(
                row,
                "due_date",
                due,
                f"a due date on or after its session ({session}, held {dates[session]}); a "
                "commitment cannot fall due before it was made, so check the year (it is kept, "
                "and shows as overdue)",
            )


@check("programme_cost")
def programme_cost(ctx: CheckContext) -> None:
    """A programme costs something per firm (a warning at 0: a cost left at 0 instead of
    unknown makes the programme free, first in every budget and worded "Rp0" in the brief)."""
    for row, cost in ctx.rows("unit_cost_idr"):
        if cost is not None and float(cost) == 0:
            ctx.warn(
                row,
                "unit_cost_idr",
                cost,
                "a cost per firm above 0; a programme at Rp0 is taken as free, funded first "
                "under any budget, so check that it costs nothing to the budget holder",
            )


@check("safe_session_id")
def safe_session_id(ctx: CheckContext) -> None:
    """A session id becomes a report folder: a plain name only."""
    for row, value in ctx.rows("session_id"):
        if value is None:
            continue
        try:
            check_id(value, "session_id")
        except UnsafeIdError as exc:
            ctx.invalid(
                row,
                "session_id",
                value,
                "a plain name (it becomes a report folder): " + str(exc).split(": ", 1)[1],
            )


# -- indicators -----------------------------------------------------------------------------


@check("indicator_scale")
def indicator_scale(ctx: CheckContext) -> None:
    """Scale min below max; direction +1 or -1; goalposts and target on the scale; a dimension
    whose weights are all zero."""
    columns = ("scale_min", "scale_max", "direction", "goal_low", "goal_high", "target")
    for row, low, high, direction, goal_low, goal_high, target in ctx.rows(*columns):
        if low is not None and high is not None and not low < high:
            ctx.invalid(row, "scale_max", high, f"a value above scale_min ({low:g})")
            continue
        if direction is not None and direction not in (-1, 1):
            ctx.invalid(
                row, "direction", direction, "+1 (higher is better) or -1 (higher is worse)"
            )
        _on_scale(
            ctx, row, low, high, {"goal_low": goal_low, "goal_high": goal_high, "target": target}
        )
        if goal_low is not None and goal_high is not None and not goal_low < goal_high:
            ctx.invalid(row, "goal_high", goal_high, f"a value above goal_low ({goal_low:g})")
    _zero_weights(ctx)


def _on_scale(ctx: CheckContext, row: int, low, high, values: dict) -> None:
    if low is None or high is None:
        return
    for column, value in values.items():
        if value is not None and not low <= value <= high:
            ctx.invalid(
                row, column, value, f"a value on the indicator's scale ({low:g} to {high:g})"
            )


def _zero_weights(ctx: CheckContext) -> None:
    frame = ctx.frame
    if frame.empty:
        return
    weights = pd.to_numeric(frame["weight"], errors="coerce")
    for dimension, group in frame.groupby("dimension", sort=False):
        w = weights.loc[group.index]
        if len(w) and w.notna().all() and (w == 0).all():
            for row in group["_row"]:
                ctx.invalid(
                    row,
                    "weight",
                    0.0,
                    f"a weight above 0 for at least one indicator "
                    f"of dimension '{dimension}' (all are 0, so it cannot be scored; "
                    "empty weights count as equal)",
                )


@check("level_in_scale")
def level_in_scale(ctx: CheckContext) -> None:
    """A programme's entry level lies on its indicator's scale."""
    indicators = ctx.tables.get("indicators")
    if indicators is None:
        return
    scale = indicators.set_index("indicator")[["scale_min", "scale_max"]]
    for row, indicator, level in ctx.rows("indicator", "min_level"):
        if indicator in scale.index and level is not None:
            lo, hi = scale.loc[indicator]
            if not lo <= level <= hi:
                ctx.invalid(
                    row, "min_level", level, f"a level on the indicator's scale ({lo:g} to {hi:g})"
                )


# -- firms, programmes, helices -------------------------------------------------------------


@check("kbli_code")
def kbli_code(ctx: CheckContext) -> None:
    """A KBLI 2020 code has five digits."""
    codes = ctx.frame["kbli"].astype(object)
    wrong = codes.notna() & ~codes.fillna("").astype(str).str.fullmatch(r"\d{5}")
    for row, code in zip(ctx.frame["_row"][wrong], codes[wrong], strict=True):
        ctx.invalid(row, "kbli", code, "a KBLI 2020 code of 5 digits")


@check("gain_order")
def gain_order(ctx: CheckContext) -> None:
    """Low, expected and high gains are in order."""
    for row, low, mid, high in ctx.rows("gain_low", "gain_mid", "gain_high"):
        if None not in (low, mid, high) and not low <= mid <= high:
            ctx.invalid(
                row,
                "gain_mid",
                f"{low:g} / {mid:g} / {high:g}",
                "gain_low <= gain_mid <= gain_high",
            )


@check("effect_in_targets")
def effect_in_targets(ctx: CheckContext) -> None:
    """A programme's effect is on one of the indicators it targets."""
    programmes = ctx.tables.get("interventions")
    if programmes is None:
        return
    targets = dict(zip(programmes["intervention_id"], programmes["targets"], strict=True))
    for row, iid, indicator in ctx.rows("intervention_id", "indicator"):
        if iid in targets and indicator is not None and indicator not in targets[iid]:
            ctx.invalid(
                row,
                "indicator",
                indicator,
                "one of the programme's targets ("
                f"{', '.join(targets[iid])}; see interventions.targets)",
            )


@check("owner_took_part")
def owner_took_part(ctx: CheckContext) -> None:
    """A programme's lead organisation took part in a session of the workbook (a warning).

    A catalogue copied from another region (``ikmpolicy template --from``) keeps that region's
    leads, and every brief would then name them; a national body may lead without attending, so
    this only warns.
    """
    if ctx.table.report.unusable("participation"):
        return  # who took part is not known: its own problem says why
    present: set = set()
    for table, column in (("participation", "org_id"), ("fgd_sessions", "organiser")):
        frame = ctx.tables.get(table)
        if frame is not None and column in frame.columns:
            present |= set(frame[column].dropna())
    if not present:
        return  # no session recorded yet: nothing to compare with
    names = ctx.tables.get("stakeholders")
    name_of = {} if names is None else dict(zip(names["org_id"], names["name"], strict=True))
    absent: dict[str, list[int]] = {}  # one warning per organisation, naming all its rows
    for row, owner in ctx.rows("owner_id"):
        if owner is not None and owner not in present:
            absent.setdefault(owner, []).append(row)
    for owner, rows in absent.items():
        which = "this programme" if len(rows) == 1 else f"the programmes of {rows_text(rows)}"
        ctx.warn(
            rows[0],
            "owner_id",
            owner,
            f"a lead organisation that took part in a session; {name_of.get(owner, owner)} "
            f"took part in none, so check that it leads {which} in this region "
            "(a catalogue copied with 'ikmpolicy template --from' keeps the other region's "
            "leads)",
        )


@check("helix_matches_sub_type")
def helix_matches_sub_type(ctx: CheckContext) -> None:
    """An organisation's helix is its sub-type's classic helix."""
    sub_types = ctx.tables.get("sub_types")
    if sub_types is None:
        return
    classic = dict(zip(sub_types["sub_type"], sub_types["classic_helix"], strict=True))
    for row, helix, sub in ctx.rows("helix", "sub_type"):
        if sub in classic and helix is not None and classic[sub] != helix:
            ctx.invalid(
                row,
                "helix",
                helix,
                f"'{classic[sub]}', the classic helix of sub-type '{sub}' (see sub_types)",
            )


@check("helix_in_model")
def helix_in_model(ctx: CheckContext) -> None:
    """A helix assignment names a helix of its model."""
    models = ctx.tables.get("helix_models")
    if models is None:
        return
    helices = set(zip(models["model"], models["helix"], strict=True))
    for row, model, helix in ctx.rows("model", "helix"):
        if model is not None and helix is not None and (model, helix) not in helices:
            ctx.invalid(row, "helix", helix, f"a helix of model '{model}' (see helix_models)")


@check("classic_model")
def classic_model(ctx: CheckContext) -> None:
    """The classic pentahelix is in ``helix_models``: briefs use it unless told otherwise, and
    stop without it (an error, for the table as a whole); a helix of it missing is a warning."""
    from ikmpolicy.schema import CLASSIC_HELICES

    frame = ctx.frame
    present = set(frame.loc[frame["model"] == "classic", "helix"])
    missing = [h for h in CLASSIC_HELICES if h not in present]
    if missing:
        ctx.table.problem(
            None,
            "model",
            None,
            "the 'classic' model with the helices "
            + ", ".join(CLASSIC_HELICES)
            + f" (missing: {', '.join(missing)}); "
            "briefs use it unless --helix-model names another",
            "error" if not present else "warning",
        )


# -- codebook -------------------------------------------------------------------------------


@check("codebook_usable")
def codebook_usable(ctx: CheckContext) -> None:
    """Each theme passes the coder's own checks (:func:`ikmpolicy.fgd.validate_codebook`):
    a code id of lower-case letters, digits and ``_``; keywords that are not only stop words;
    no keyword under two codes. A theme that fails is rejected, so briefs code with the rest."""
    if ctx.frame.empty:
        return
    from ikmpolicy.fgd import CodebookError, validate_codebook

    kept: list[int] = []
    for k in range(len(ctx.frame)):
        trial = ctx.frame.iloc[kept + [k]].reset_index(drop=True)
        try:
            validate_codebook(trial)
        except CodebookError as exc:
            column, value, expected = _parse_message(str(exc))
            ctx.reject(ctx.frame["_row"].iat[k], column, value, expected)
        else:
            kept.append(k)


def _parse_message(message: str) -> tuple[str | None, str | None, str]:
    """Column, value and expectation out of an analysis' message ``..., column 'c': found
    'v'; expected e``."""
    match = re.search(r"column '([^']+)': found (.+?); expected (.+)$", message, re.S)
    if not match:
        return None, None, message
    value = match.group(2)
    if value[:1] in "'\"" and value[-1:] == value[:1]:
        value = value[1:-1]
    return match.group(1), value, match.group(3)


# -- commitments ----------------------------------------------------------------------------


@check("ledger_readable")
def ledger_readable(ctx: CheckContext) -> None:
    """Each commitment is one the ledger of a brief can read
    (:func:`ikmpolicy.pentahelix.commitment_ledger` with the clean tables); else rejected."""
    if ctx.frame.empty:
        return
    from ikmpolicy.pentahelix import commitment_ledger

    tables = ctx.tables
    for k in range(len(ctx.frame)):
        one = ctx.frame.iloc[[k]]
        try:
            commitment_ledger(
                one,
                "2000-01-01",
                stakeholders=tables["stakeholders"],
                sessions=tables["fgd_sessions"],
                themes=tables["codebook"]["code"],
            )
        except InputError as exc:
            column, value, expected = _parse_message(str(exc))
            ctx.reject(one["_row"].iat[0], column, value, expected)


# -- pairwise judgements --------------------------------------------------------------------


@check("pair_distinct")
def pair_distinct(ctx: CheckContext) -> None:
    """A criterion is not compared with itself."""
    for row, a, b in ctx.rows("criterion_a", "criterion_b"):
        if a is not None and a == b:
            ctx.invalid(row, "criterion_b", b, "a criterion different from criterion_a")


_RTOL = 1e-6


@check("pairwise_reciprocal")
def pairwise_reciprocal(ctx: CheckContext) -> None:
    """A pair judged in both directions by one respondent gives reciprocal values (a over b =
    3 and b over a = 1/3); otherwise both rows are rejected."""
    seen: dict[tuple, tuple[int, float]] = {}
    for row, session, who, a, b, value in ctx.rows(
        "session_id", "respondent_id", "criterion_a", "criterion_b", "value"
    ):
        if value is None:
            continue
        back = seen.get((session, who, b, a))
        if back is not None and abs(back[1] * value - 1) > _RTOL:
            expected = _fraction(1 / back[1])
            ctx.reject(
                row,
                "value",
                value,
                f"{expected}, the reciprocal of row {back[0]} "
                f"({b} over {a} = {_fraction(back[1])}); or remove one of the two rows",
            )
            ctx.reject(
                back[0],
                "value",
                back[1],
                f"{_fraction(1 / value)}, the reciprocal of "
                f"row {row} ({a} over {b} = {_fraction(value)}); or remove one of the two",
            )
        seen.setdefault((session, who, a, b), (row, value))


def _fraction(value: float) -> str:
    return f"{value:g}" if value >= 1 else f"1/{1 / value:g}"


@check("pairwise_connected")
def pairwise_connected(ctx: CheckContext) -> None:
    """Each respondent's comparisons connect every readiness dimension (a brief completes the
    missing pairs from the others, which needs them connected); else the respondent's rows are
    rejected."""
    indicators = ctx.tables.get("indicators")
    if indicators is None or ctx.frame.empty:
        return
    criteria = list(dict.fromkeys(indicators["dimension"]))
    groups = ctx.frame.groupby(["session_id", "respondent_id"], sort=False)
    for (session, who), group in groups:
        parts = _components(criteria, zip(group["criterion_a"], group["criterion_b"], strict=True))
        if len(parts) > 1:
            listed = " | ".join("{" + ", ".join(p) + "}" for p in parts)
            ctx.reject_all(
                group["_row"],
                "respondent_id",
                who,
                f"judgements of respondent '{who}' in "
                f"session '{session}' that connect every dimension; they fall "
                f"apart into {listed}: add a judgement linking the groups",
            )


def _components(criteria: list[str], pairs) -> list[list[str]]:
    """Connected groups of criteria given the pairs compared (union-find)."""
    parent = {c: c for c in criteria}

    def root(c):
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for a, b in pairs:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for c in criteria:
        groups.setdefault(root(c), []).append(c)
    return list(groups.values())


@check("pairwise_readable")
def pairwise_readable(ctx: CheckContext) -> None:
    """Each respondent's judgements make the matrix a brief builds
    (:func:`ikmpolicy.mcda.pairwise_matrix`), as a last guard; a respondent's rows are
    rejected otherwise. One organisation per respondent (a warning otherwise)."""
    indicators = ctx.tables.get("indicators")
    if indicators is None or ctx.frame.empty:
        return
    from ikmpolicy.mcda import pairwise_matrix

    criteria = list(dict.fromkeys(indicators["dimension"]))
    for (session, who), group in ctx.frame.groupby(["session_id", "respondent_id"], sort=False):
        orgs = list(dict.fromkeys(group["org_id"]))
        if len(orgs) > 1:
            ctx.warn(
                group["_row"].iat[0],
                "org_id",
                ";".join(orgs),
                f"one organisation for "
                f"respondent '{who}' in session '{session}'; the first, '{orgs[0]}', is used",
            )
        try:
            pairwise_matrix(group, criteria)
        except InputError as exc:
            why = "judgements a brief can use: " + str(exc).split(": ", 1)[-1]
            ctx.reject_all(group["_row"], "value", None, why)


def _session_problem(rows: pd.DataFrame, criteria: list[str], helix_of: dict) -> str | None:
    """Why the brief's own summary of one session's judgements fails, or None."""
    from ikmpolicy.mcda import session_judgement

    groups = rows.drop_duplicates("respondent_id").set_index("respondent_id")["org_id"]
    try:
        session_judgement(rows, groups.map(helix_of), criteria)
    except (InputError, ValueError, ArithmeticError) as exc:
        return str(exc)
    return None


def _respondent_problem(rows: pd.DataFrame, criteria: list[str]) -> str | None:
    """Why one respondent's matrix cannot be weighed as a brief weighs it, or None."""
    from ikmpolicy.mcda import ahp, pairwise_matrix

    try:
        for matrix in pairwise_matrix(rows, criteria).values():
            ahp(matrix, scale=None)  # as the brief weighs a completed matrix
    except (InputError, ValueError, ArithmeticError) as exc:
        return str(exc)
    return None


@check("pairwise_session")
def pairwise_session(ctx: CheckContext) -> None:
    """Each session's judgements can be summarised as a brief summarises them
    (:func:`ikmpolicy.mcda.session_judgement`): respondents whose matrix cannot be weighed are
    rejected (e.g. a matrix with a zero or a missing value), and a session left with one
    respondent is rejected too (group weights and their agreement need two)."""
    indicators, stakeholders = ctx.tables.get("indicators"), ctx.tables.get("stakeholders")
    if indicators is None or stakeholders is None or ctx.frame.empty:
        return
    criteria = list(dict.fromkeys(indicators["dimension"]))
    helix_of = dict(zip(stakeholders["org_id"], stakeholders["helix"], strict=True))
    for session, rows in ctx.frame.groupby("session_id", sort=False):
        problem = _session_problem(rows, criteria, helix_of)
        if problem is None:
            continue
        for who, mine in rows.groupby("respondent_id", sort=False):
            why = _respondent_problem(mine, criteria)
            if why is not None:
                weigh = "judgements a brief can weigh: " + why.split(": ", 1)[-1]
                ctx.reject_all(mine["_row"], "respondent_id", who, weigh)
                rows = rows[rows["respondent_id"] != who]
        if rows.empty or _session_problem(rows, criteria, helix_of) is None:
            continue
        many = rows["respondent_id"].nunique()
        why = (
            "judgements from at least two respondents in the session (group weights and "
            f"their agreement need two; session '{session}' has {many})"
            if many < 2
            else "judgements the brief can summarise: "
            + (_session_problem(rows, criteria, helix_of) or "")
        )
        for who, mine in rows.groupby("respondent_id", sort=False):
            ctx.reject_all(mine["_row"], "respondent_id", who, why)


# -- assessments ----------------------------------------------------------------------------


@check("assessments_scoreable")
def assessments_scoreable(ctx: CheckContext) -> None:
    """Each assessment date can be scored as a brief scores it: at least one firm with the
    readiness index's minimum coverage of indicators, and every indicator scored for at least
    one of those firms. Otherwise the date's rows are rejected (charged to its first row), so
    a brief uses the date before. On a date that can be scored, a row without any score gets a
    warning: it reads as an assessment with nothing known."""
    indicators = ctx.tables.get("indicators")
    if indicators is None or ctx.frame.empty:
        return
    from ikmpolicy.readiness import IndexSpec

    names = [i for i in indicators["indicator"] if i in ctx.frame.columns]
    minimum = IndexSpec().min_coverage
    scores = ctx.frame[names].apply(pd.to_numeric, errors="coerce")
    never = [n for n in names if scores[n].isna().all()]
    if indicators.empty:
        lost = ctx.table.report.fatal_problem("indicators")  # the rows go with that table
        why = "indicators to score: the indicators table has no usable row"
        _unscoreable(ctx, None, None, why, cause=lost)
    elif never:
        _never_scored(ctx, indicators, never)
    else:
        for date, rows in ctx.frame.groupby("assessment_date", sort=True):
            if _scoreable_date(ctx, date, rows, scores.loc[rows.index], minimum):
                _unscored_rows(ctx, date, rows, scores.loc[rows.index])


def _never_scored(ctx: CheckContext, indicators: pd.DataFrame, never: list[str]) -> None:
    """Indicators no row scores (often: a column missing or misspelt): one problem, at the
    header, naming every misspelt header that looks like one of them (each is a cause: the
    rows stay rejected until all are corrected)."""
    where = dict(zip(indicators["indicator"], indicators["_row"], strict=True))
    needed = (
        "a score for indicator(s) "
        + ", ".join(f"'{n}' (indicators row {where[n]})" for n in never)
        + " in at least one row"
    )
    found = [m for m in (misspelt_header(ctx.table, n) for n in never) if m is not None]
    if not found:
        why = f"{needed}: the readiness index needs every indicator"
        _unscoreable(ctx, never[0], None, why, "add the column or the scores, or remove it")
    else:
        why = f"{'; and '.join(m.words for m in found)}: the readiness index needs {needed}"
        fix = "correct the header" if len(found) == 1 else f"correct the {len(found)} headers"
        _unscoreable(ctx, found[0].header, ", ".join(m.typed for m in found), why, fix)


def _unscoreable(
    ctx: CheckContext,
    column: str | None,
    value: str | None,
    why: str,
    fix: str = "",
    cause: int | None = None,
) -> None:
    """No row of the table can be scored: one problem at the header, naming the rows it
    rejects (not one line per row); ``cause``: the problem elsewhere they are charged to."""
    rows = ctx.frame["_row"].tolist()
    ctx.table.reject_rows(
        ctx.table.raw.header_row,
        rows,
        column,
        value,
        f"{why}, so {rows_text(rows)} cannot be scored" + (f"; {fix}" if fix else ""),
        cause,
    )


def _unscored_rows(ctx: CheckContext, date, rows: pd.DataFrame, scores: pd.DataFrame) -> None:
    day = pd.Timestamp(date).date().isoformat()
    for row, firm in rows.loc[scores.isna().all(axis=1), ["_row", "firm_id"]].itertuples(
        index=False
    ):
        ctx.warn(
            row,
            None,
            None,
            f"at least one indicator score; this assessment of {firm} on {day} has none (every "
            "indicator is empty), so the briefs know nothing of the firm on that day: delete the "
            "row if no assessment took place",
        )


def _scoreable_date(
    ctx: CheckContext, date, rows: pd.DataFrame, scores: pd.DataFrame, minimum: float
) -> bool:
    """Whether the date's rows can be scored; if not, they are rejected."""
    covered = scores.notna().mean(axis=1) >= minimum - 1e-12
    empty = [n for n in scores.columns if scores.loc[covered, n].isna().all()]
    if covered.any() and not empty:
        return True
    day = pd.Timestamp(date).date().isoformat()
    why = f"scores an index can use on {day}: " + (
        f"no firm has {minimum:.0%} of the indicators scored"
        if not covered.any()
        else f"indicator(s) {', '.join(empty)} have no score among the firms that can be ranked"
    )
    why += "; add the scores, or the date's rows are left out"
    ctx.reject_all(rows["_row"], "assessment_date", day, why)
    return False
