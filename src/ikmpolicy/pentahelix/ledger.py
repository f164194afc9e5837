"""Commitments ledger: what was promised, by whom, when it falls due, whether it is overdue.

A due date is a partial date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) with its precision. A
commitment falls due at the *end* of that period: "by 2025" is not late before 1 January 2026.
A commitment is overdue when it is not done and that end lies before the ``as_of`` date. The
seed articles give no due dates, so most commitments have none: they are ``'no_due_date'``,
never overdue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ._errors import PentahelixInputError, where

STATUSES = ("planned", "in_progress", "done", "unknown")
PRECISIONS = ("day", "month", "year", "unknown")
#: ``state`` codes of :func:`commitment_ledger`.
STATES = ("done", "overdue", "open", "no_due_date")

_FORMAT = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == ""


def period_end(date: str | None, precision: str) -> pd.Timestamp:
    """Last day of the period a partial date names (NaT for no date or precision unknown).

    Examples
    --------
    >>> str(period_end("2024", "year").date()), str(period_end("2024-02", "month").date())
    ('2024-12-31', '2024-02-29')
    >>> period_end(None, "unknown") is pd.NaT
    True
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision {precision!r}; expected one of {', '.join(PRECISIONS)}")
    if precision == "unknown" or _blank(date):
        return pd.NaT
    text = str(date)
    if not _FORMAT[precision].match(text):
        raise ValueError(f"date {text!r} does not match precision {precision!r}")
    start = pd.Timestamp(text)
    if precision == "day":
        return start
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return pd.Timestamp(year=start.year, month=12, day=31)


def period_start(date: str | None, precision: str) -> pd.Timestamp:
    """First day of the period a partial date names (NaT for no date or precision unknown).

    Examples
    --------
    >>> str(period_start("2022", "year").date())
    '2022-01-01'
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision {precision!r}; expected one of {', '.join(PRECISIONS)}")
    if precision == "unknown" or _blank(date):
        return pd.NaT
    if not _FORMAT[precision].match(str(date)):
        raise ValueError(f"date {date!r} does not match precision {precision!r}")
    return pd.Timestamp(str(date))


def _bad(frame, idx, column, value, expected) -> PentahelixInputError:
    return PentahelixInputError(f"{where(frame, idx, 'commitments')}, column '{column}': found "
                                f"{value!r}; expected {expected}")


def _partners(value) -> tuple[str, ...]:
    if _blank(value):
        return ()
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split(";") if p.strip())
    return tuple(value)


def commitment_ledger(commitments: pd.DataFrame, as_of, *,
                      stakeholders: pd.DataFrame | None = None,
                      sessions: pd.DataFrame | None = None,
                      themes: Iterable[str] | None = None) -> pd.DataFrame:
    """Every commitment with its due date's end, its state on ``as_of`` and whether it is overdue.

    Parameters
    ----------
    commitments : pandas.DataFrame
        The ``commitments`` table (``partner_ids`` a tuple or a ``;``-separated string).
    as_of : date-like
        The day the ledger is read on.
    stakeholders, sessions : pandas.DataFrame, optional
        When given, every ``org_id``/``partner_ids`` must exist in ``stakeholders`` and every
        ``session_id`` in ``sessions`` (whose ``date``/``date_precision`` then give
        ``session_start``, so the ledger follows the sessions in time).
    themes : iterable of str, optional
        Allowed theme ids (e.g. the codebook's codes).

    Returns
    -------
    pandas.DataFrame
        The commitments (sorted by session start, unknown dates last, then id) with
        ``partner_ids`` as tuples and added columns ``session_start``, ``due_end``,
        ``overdue`` (bool), ``days_overdue`` (whole days, missing unless overdue) and ``state``:
        ``'done'``; ``'overdue'``; ``'open'`` (due end on or after ``as_of``);
        ``'no_due_date'`` (no due date recorded, never overdue).

    Raises
    ------
    PentahelixInputError
        A commitment names an unknown actor, partner, session, theme, status or precision, or a
        due date that does not match its precision; the message names file, row and column.

    Examples
    --------
    >>> cm = pd.DataFrame({"commitment_id": ["a", "b", "c"], "session_id": ["s"] * 3,
    ...                    "org_id": ["x"] * 3, "partner_ids": [(), (), ()],
    ...                    "text": ["", "", ""], "theme": ["t"] * 3,
    ...                    "due_date": ["2025-03", None, "2025-03"],
    ...                    "due_precision": ["month", "unknown", "month"],
    ...                    "status": ["planned", "planned", "done"]})
    >>> led = commitment_ledger(cm, "2025-04-02")
    >>> list(led["state"]), led["days_overdue"].tolist()
    (['overdue', 'no_due_date', 'done'], [2, <NA>, <NA>])
    """
    as_of = pd.Timestamp(as_of).normalize()
    led = commitments.copy()
    actors = set(stakeholders["org_id"]) if stakeholders is not None else None
    session_ids = set(sessions["session_id"]) if sessions is not None else None
    themes = set(themes) if themes is not None else None
    led["partner_ids"] = [_partners(v) for v in led["partner_ids"]] \
        if "partner_ids" in led.columns else [()] * len(led)
    due_end = []
    for idx, row in led.iterrows():
        if actors is not None and row["org_id"] not in actors:
            raise _bad(led, idx, "org_id", row["org_id"], "an org_id that exists in stakeholders")
        if actors is not None:
            for partner in row["partner_ids"]:
                if partner not in actors:
                    raise _bad(led, idx, "partner_ids", partner,
                               "org_ids that exist in stakeholders")
        if session_ids is not None and row["session_id"] not in session_ids:
            raise _bad(led, idx, "session_id", row["session_id"],
                       "a session_id that exists in fgd_sessions")
        if themes is not None and row["theme"] not in themes:
            raise _bad(led, idx, "theme", row["theme"], "a code of the codebook: "
                       + ", ".join(sorted(themes)))
        if row["status"] not in STATUSES:
            raise _bad(led, idx, "status", row["status"], "one of " + ", ".join(STATUSES))
        if row["due_precision"] not in PRECISIONS:
            raise _bad(led, idx, "due_precision", row["due_precision"],
                       "one of " + ", ".join(PRECISIONS))
        if row["due_precision"] == "unknown" and not _blank(row["due_date"]):
            raise _bad(led, idx, "due_precision", "unknown",
                       f"day, month or year for the due date {row['due_date']!r}")
        try:
            due_end.append(period_end(row["due_date"], row["due_precision"]))
        except ValueError:
            raise _bad(led, idx, "due_date", row["due_date"],
                       f"a date matching precision {row['due_precision']!r}") from None
    led["due_end"] = pd.to_datetime(pd.Series(due_end, index=led.index, dtype="object"))
    if sessions is not None:
        starts = {s.session_id: period_start(s.date, s.date_precision)
                  for s in sessions.itertuples(index=False)}
        led["session_start"] = pd.to_datetime(led["session_id"].map(starts))
    else:
        led["session_start"] = pd.NaT
    not_done = led["status"] != "done"
    has_due = led["due_end"].notna()
    led["overdue"] = (not_done & has_due & (led["due_end"] < as_of)).astype(bool)
    led["days_overdue"] = pd.array(
        [(as_of - d).days if o else pd.NA for d, o in zip(led["due_end"], led["overdue"],
                                                          strict=True)], dtype="Int64")
    led["state"] = [
        "done" if s == "done" else "overdue" if o else "open" if h else "no_due_date"
        for s, o, h in zip(led["status"], led["overdue"], has_due, strict=True)
    ]
    led = led.sort_values(["session_start", "commitment_id"], na_position="last", kind="stable")
    return led.reset_index(drop=True)


def ledger_summary(ledger: pd.DataFrame, by: str = "theme") -> pd.DataFrame:
    """Number of commitments in each state per group (``by``: a column of the ledger).

    Examples
    --------
    >>> led = pd.DataFrame({"theme": ["a", "a", "b"], "state": ["done", "overdue", "open"]})
    >>> ledger_summary(led).to_dict("index")["a"]
    {'done': 1, 'overdue': 1, 'open': 0, 'no_due_date': 0, 'total': 2}
    """
    table = pd.crosstab(ledger[by], ledger["state"]).reindex(columns=list(STATES), fill_value=0)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table.astype(int)
