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

from ikmpolicy.schema import COMMITMENT_STATUSES, DATE_PRECISIONS

from ._errors import PentahelixInputError, where

#: Allowed ``status`` and ``due_precision`` values (declared once, in :mod:`ikmpolicy.schema`).
STATUSES = COMMITMENT_STATUSES
PRECISIONS = DATE_PRECISIONS
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
    start = period_start(date, precision)
    if start is pd.NaT:
        return pd.NaT
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
        raise PentahelixInputError(
            f"precision {precision!r}; expected one of {', '.join(PRECISIONS)}"
        )
    if precision == "unknown" or _blank(date):
        return pd.NaT
    text = str(date)
    if not _FORMAT[precision].match(text):
        raise PentahelixInputError(f"date {text!r} does not match precision {precision!r}")
    try:
        return pd.Timestamp(text)
    except ValueError:  # right shape, impossible date (2025-13, 2025-02-30)
        raise PentahelixInputError(f"date {text!r} is not a calendar date") from None


def _bad(frame, idx, column, value, expected) -> PentahelixInputError:
    return PentahelixInputError(
        f"{where(frame, idx, 'commitments')}, column '{column}': found "
        f"{value!r}; expected {expected}"
    )


def _partners(value) -> tuple[str, ...]:
    if _blank(value):
        return ()
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split(";") if p.strip())
    return tuple(value)


def commitment_ledger(
    commitments: pd.DataFrame,
    as_of,
    *,
    stakeholders: pd.DataFrame | None = None,
    sessions: pd.DataFrame | None = None,
    themes: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every commitment with its due date's end, its state on ``as_of`` and whether it is overdue.

    Parameters
    ----------
    commitments : pandas.DataFrame
        The ``commitments`` table (``partner_ids`` a tuple or a ``;``-separated string).
    as_of : date-like
        The day the ledger is read on.
    stakeholders, sessions : pandas.DataFrame, optional
        When given, every ``org_id`` (or none: no owner yet) and ``partner_ids`` must exist in
        ``stakeholders`` and every
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
    led["partner_ids"] = (
        [_partners(v) for v in led["partner_ids"]]
        if "partner_ids" in led.columns
        else [()] * len(led)
    )
    _check_references(led, stakeholders, sessions, themes)
    _check_allowed(led)
    led["due_end"] = _due_ends(led)
    led["session_start"] = _session_starts(led, sessions)
    not_done = led["status"] != "done"
    has_due = led["due_end"].notna()
    led["overdue"] = (not_done & has_due & (led["due_end"] < as_of)).astype(bool)
    led["days_overdue"] = pd.array(
        [
            (as_of - d).days if o else pd.NA
            for d, o in zip(led["due_end"], led["overdue"], strict=True)
        ],
        dtype="Int64",
    )
    led["state"] = [
        "done" if s == "done" else "overdue" if o else "open" if h else "no_due_date"
        for s, o, h in zip(led["status"], led["overdue"], has_due, strict=True)
    ]
    led = led.sort_values(["session_start", "commitment_id"], na_position="last", kind="stable")
    return led.reset_index(drop=True)


def _first_bad(led: pd.DataFrame, column: str, ok: pd.Series, expected: str) -> None:
    """Raise for the first row where ``ok`` is False (rows in file order)."""
    if not ok.all():
        idx = ok.index[~ok.to_numpy()][0]
        raise _bad(led, idx, column, led.at[idx, column], expected)


def _check_references(led: pd.DataFrame, stakeholders, sessions, themes) -> None:
    """Actors, partners, sessions and themes must exist (when the tables are given)."""
    if stakeholders is not None:
        actors = set(stakeholders["org_id"])
        # an empty owner is a commitment the meeting gave no one: kept, and asked for
        known = led["org_id"].isin(actors) | led["org_id"].isna()
        _first_bad(led, "org_id", known, "an org_id that exists in stakeholders, or empty")
        for idx, partners in led["partner_ids"].items():
            unknown = [p for p in partners if p not in actors]
            if unknown:
                raise _bad(
                    led, idx, "partner_ids", unknown[0], "org_ids that exist in stakeholders"
                )
    if sessions is not None:
        _first_bad(
            led,
            "session_id",
            led["session_id"].isin(set(sessions["session_id"])),
            "a session_id that exists in fgd_sessions",
        )
    if themes is not None:
        themes = set(themes)
        _first_bad(
            led,
            "theme",
            led["theme"].isin(themes),
            "a code of the codebook: " + ", ".join(sorted(themes)),
        )


def _check_allowed(led: pd.DataFrame) -> None:
    """Status and precision from the schema's lists; a date only with a known precision."""
    _first_bad(led, "status", led["status"].isin(STATUSES), "one of " + ", ".join(STATUSES))
    _first_bad(
        led,
        "due_precision",
        led["due_precision"].isin(PRECISIONS),
        "one of " + ", ".join(PRECISIONS),
    )
    dated = ~led["due_date"].map(_blank)
    unknown = led["due_precision"] == "unknown"
    if (dated & unknown).any():
        idx = led.index[(dated & unknown).to_numpy()][0]
        raise _bad(
            led,
            idx,
            "due_precision",
            "unknown",
            f"day, month or year for the due date {led.at[idx, 'due_date']!r}",
        )


def _due_ends(led: pd.DataFrame) -> pd.Series:
    ends = []
    for idx, date, precision in zip(led.index, led["due_date"], led["due_precision"], strict=True):
        try:
            ends.append(period_end(date, precision))
        except PentahelixInputError:
            raise _bad(
                led, idx, "due_date", date, f"a date matching precision {precision!r}"
            ) from None
    return pd.to_datetime(pd.Series(ends, index=led.index, dtype="object"))


def _session_starts(led: pd.DataFrame, sessions) -> pd.Series:
    if sessions is None:
        return pd.Series(pd.NaT, index=led.index)
    starts = {
        s.session_id: period_start(s.date, s.date_precision)
        for s in sessions.itertuples(index=False)
    }
    return pd.to_datetime(led["session_id"].map(starts))


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
