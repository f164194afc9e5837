"""The calendar of sessions: their order (one definition for ``brief --all``, the overview and
the follow-up), their short labels, the reference day a brief is made for, the data as they stood
on that day (:func:`known_on`), and the one reading
of a day given as a parameter (:func:`parse_day`, for ``as_of`` and ``assessment_date`` alike;
a text is read by :func:`ikmpolicy.days.day_from_text`, which the command line uses too).

Kept in a module of its own, with pandas (and its numpy) as its only import, so that a
brief's kernel can ask for it without importing the notebook machinery of :mod:`ikmpolicy.pipeline`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ikmpolicy.days import DayParameterError, day_from_text
from ikmpolicy.errors import InputError


class SessionChoiceError(InputError):
    """A session id (a notebook's ``session_id`` or ``fgd_id``) that names no usable session, or
    a reference day (``as_of``) that is not a date."""


def session_order(dataset: Mapping[str, pd.DataFrame]) -> list[str]:
    """Session ids in time order, unknown dates last, then by id.

    Examples
    --------
    >>> ds = {"fgd_sessions": pd.DataFrame({"session_id": ["b", "a", "c"],
    ...                                     "date": ["2025-05-15", None, "2022"]})}
    >>> session_order(ds)
    ['c', 'b', 'a']
    """
    sessions = dataset["fgd_sessions"]
    order = sessions.assign(_sort=sessions["date"].fillna("9999"))
    return list(order.sort_values(["_sort", "session_id"])["session_id"])


def session_rows(
    dataset: Mapping[str, pd.DataFrame],
    session_id: str,
    table: str,
    parameter: str = "session_id",
) -> pd.DataFrame:
    """The rows of ``table`` (``statements``, ``pairwise``, ...) of one session, never none.

    A notebook filtering on a mistyped id would go on with empty tables and blank figures;
    this stops at once, naming the parameter, the id and the sessions that would do.

    Raises
    ------
    SessionChoiceError
        ``session_id`` is not in ``fgd_sessions``, or that session has no row in ``table``.

    Examples
    --------
    >>> ds = {"fgd_sessions": pd.DataFrame({"session_id": ["a", "b"], "date": [None, None]}),
    ...       "statements": pd.DataFrame({"session_id": ["a", "a"], "text": ["x", "y"]})}
    >>> session_rows(ds, "a", "statements")["text"].tolist()
    ['x', 'y']
    >>> try:
    ...     session_rows(ds, "b", "statements")
    ... except SessionChoiceError as exc:
    ...     print(exc)
    session_id 'b': this session has no rows in statements; sessions that have: a
    >>> try:
    ...     session_rows(ds, "c", "statements", parameter="fgd_id")
    ... except SessionChoiceError as exc:
    ...     print(exc)
    fgd_id 'c': not a session_id of fgd_sessions; sessions with statements: a
    """
    rows = dataset[table]
    has = [sid for sid in session_order(dataset) if (rows["session_id"] == sid).any()]
    if session_id not in set(dataset["fgd_sessions"]["session_id"]):
        raise SessionChoiceError(
            f"{parameter} {session_id!r}: not a session_id of fgd_sessions; sessions with "
            f"{table}: {', '.join(has) or 'none'}"
        )
    if session_id not in has:
        raise SessionChoiceError(
            f"{parameter} {session_id!r}: this session has no rows in {table}; sessions that "
            f"have: {', '.join(has) or 'none'}"
        )
    return rows[rows["session_id"] == session_id]


def held_from(dataset: Mapping[str, pd.DataFrame]) -> pd.Series:
    """The first day each session may have been held: its day, or the first day of its month or
    year; NaT for a session of unknown date.

    Examples
    --------
    >>> ds = {"fgd_sessions": pd.DataFrame({"session_id": ["a", "b", "c"],
    ...     "date": ["2025-05-15", "2022", None], "date_precision": ["day", "year", "unknown"]})}
    >>> held_from(ds).dt.strftime("%Y-%m-%d").tolist()
    ['2025-05-15', '2022-01-01', nan]
    """
    # imported here: the package's other analyses need not load with the sessions' calendar
    from ikmpolicy.pentahelix.ledger import period_start

    sessions = dataset["fgd_sessions"]
    days = [
        period_start(d, p)
        for d, p in zip(sessions["date"], sessions["date_precision"], strict=True)
    ]
    return pd.Series(pd.to_datetime(days), index=sessions["session_id"].tolist(), name="held")


def held_after(
    dataset: Mapping[str, pd.DataFrame], session_ids: list[str], day: pd.Timestamp
) -> list[str]:
    """The sessions among ``session_ids`` held after ``day`` (a session of unknown date never
    is): a brief cannot be made as of a day before its meeting.

    Examples
    --------
    >>> ds = {"fgd_sessions": pd.DataFrame({"session_id": ["a", "b", "c"],
    ...     "date": ["2025-05-15", "2022", None], "date_precision": ["day", "year", "unknown"]})}
    >>> held_after(ds, ["a", "b", "c"], pd.Timestamp("2022-06-30"))
    ['a']
    """
    starts = held_from(dataset)
    return [sid for sid in session_ids if starts.get(sid, pd.NaT) > day]


def known_on(dataset, day: pd.Timestamp):
    """The data as they stood on ``day``: without the sessions held after it (:func:`held_after`;
    a session of unknown date stays) and every row of theirs (each table with a ``session_id``:
    statements, commitments, judgements, ...), and without the assessments dated after it.

    The same rule as a brief's ledger and follow-up, so that a view made as of ``day`` (the
    overview) shows nothing a brief made as of that day could not. ``dataset`` is a
    :class:`~ikmpolicy.validation.Dataset` (returned with its tables filtered, the rest kept) or
    a mapping of tables (returned as a dict); it is returned itself when nothing is left out.

    Examples
    --------
    >>> ds = {"fgd_sessions": pd.DataFrame({"session_id": ["a", "b", "c"],
    ...         "date": ["2025-05-15", "2025-10", None],
    ...         "date_precision": ["day", "month", "unknown"]}),
    ...       "statements": pd.DataFrame({"session_id": ["a", "b", "c"], "text": ["x", "y", "z"]}),
    ...       "assessments": pd.DataFrame({"firm_id": ["f", "f"],
    ...         "assessment_date": pd.to_datetime(["2025-03-01", "2025-11-01"])})}
    >>> june = known_on(ds, pd.Timestamp("2025-06-01"))
    >>> june["fgd_sessions"]["session_id"].tolist(), june["statements"]["text"].tolist()
    (['a', 'c'], ['x', 'z'])
    >>> june["assessments"]["assessment_date"].dt.strftime("%Y-%m-%d").tolist()
    ['2025-03-01']
    >>> known_on(ds, pd.Timestamp("2025-12-01")) is ds
    True
    """
    sessions = dataset["fgd_sessions"]
    later = held_after(dataset, sessions["session_id"].tolist(), day)
    tables = dataset.tables if dataclasses.is_dataclass(dataset) else dict(dataset)
    kept = {}
    for name, frame in tables.items():
        if name == "assessments" and "assessment_date" in frame.columns:
            keep = ~(pd.to_datetime(frame["assessment_date"]) > day)  # an unknown date stays
        elif "session_id" in frame.columns:
            keep = ~frame["session_id"].isin(later)
        else:
            keep = None
        kept[name] = frame if keep is None or keep.all() else frame[keep].reset_index(drop=True)
    if all(kept[name] is frame for name, frame in tables.items()):
        return dataset
    return dataclasses.replace(dataset, tables=kept) if dataclasses.is_dataclass(dataset) else kept


def check_held(
    dataset: Mapping[str, pd.DataFrame], session_id: str, day: pd.Timestamp, parameter: str
) -> None:
    """Refuse to make a session's brief as of a day before the session was held.

    Such a brief would be issued before the meeting it reports on, list that meeting's
    commitments as due and recommend from what its participants had not yet said.

    Parameters
    ----------
    dataset : mapping of str to pandas.DataFrame
        The data, with ``fgd_sessions``.
    session_id : str
        The session of the brief.
    day : pandas.Timestamp
        The reference day (:func:`reference_day`).
    parameter : str
        How the message names the day (``"as_of"``, ``"--as-of"``, ``"today"``).

    Raises
    ------
    SessionChoiceError
        The session was held after ``day`` (a month or a year counts from its first day).

    Examples
    --------
    >>> ds = {"fgd_sessions": pd.DataFrame({"session_id": ["a"], "date": ["2025-05-15"],
    ...                                     "date_precision": ["day"]})}
    >>> check_held(ds, "a", pd.Timestamp("2025-05-15"), "as_of")
    >>> try:
    ...     check_held(ds, "a", pd.Timestamp("2020-01-01"), "as_of")
    ... except SessionChoiceError as exc:
    ...     print(exc)  # doctest: +NORMALIZE_WHITESPACE
    as_of 2020-01-01 is before session 'a' was held (2025-05-15): its brief can be made as of
    that date or later
    """
    if held_after(dataset, [session_id], day):
        sessions = dataset["fgd_sessions"].set_index("session_id")
        raise SessionChoiceError(
            f"{parameter} {day.date().isoformat()} is before session {session_id!r} was held "
            f"({sessions.at[session_id, 'date']}): its brief can be made as of that date or later"
        )


def session_labels(dataset: Mapping[str, pd.DataFrame], loc) -> dict[str, str]:
    """A short label per session, its kind and date ("DKT, 15 Mei 2025"), in ``loc``'s language.

    Sessions that would share a label (two of one kind on the same or an unknown date) are
    labelled by title and date instead, so that no label names two sessions.

    Examples
    --------
    >>> from ikmpolicy.report.i18n import Locale
    >>> ds = {"fgd_sessions": pd.DataFrame({
    ...     "session_id": ["a", "b", "c"], "kind": ["fgd", "fgd", "fgd"],
    ...     "title": ["FGD kemitraan", "FGD mutu", "FGD pasar"],
    ...     "date": ["2025-05-15", None, None], "date_precision": ["day", "unknown", "unknown"]})}
    >>> labels = session_labels(ds, Locale("en"))
    >>> labels["a"]
    'FGD, 15 May 2025'
    >>> labels["b"]
    'FGD mutu (date unknown)'
    """
    labels: dict[str, str] = {}
    long: dict[str, str] = {}
    for s in dataset["fgd_sessions"].itertuples(index=False):
        when = loc.date(s.date if pd.notna(s.date) else None, s.date_precision)
        key = f"session_label.{s.kind}"
        labels[s.session_id] = loc.t(key, date=when) if loc.has(key) else f"{s.kind}, {when}"
        long[s.session_id] = f"{s.title} ({when})"
    for labelling in (long, {sid: f"{long[sid][:-1]}; {sid})" for sid in long}):
        shared = pd.Series(labels).duplicated(keep=False)
        if not shared.any():
            break
        labels.update({sid: labelling[sid] for sid in shared[shared].index})
    return labels


def parse_day(value: object, parameter: str) -> pd.Timestamp:
    """The day a parameter names: a date, or a text ``YYYY-MM-DD``; a time of day is dropped.

    One reading for every day given as a parameter (a brief's ``as_of``, a notebook's
    ``assessment_date``). A text in another form is refused rather than guessed: pandas
    would read ``01/12/2025`` as 12 January, where an Indonesian analyst means 1 December.

    Parameters
    ----------
    value : str, datetime.date, numpy.datetime64 or pandas.Timestamp
        The day; a text may carry a time after the date (``2025-12-01 15:30``).
    parameter : str
        The parameter's name, for the message.

    Returns
    -------
    pandas.Timestamp
        The day, at midnight.

    Raises
    ------
    DayParameterError
        Anything else (another text, a number, a missing date), naming the parameter. It is
        the class of :mod:`ikmpolicy.days`, importable from here too.

    Examples
    --------
    >>> parse_day("2025-12-01 15:30", "as_of")
    Timestamp('2025-12-01 00:00:00')
    >>> try:
    ...     parse_day("01/12/2025", "as_of")
    ... except DayParameterError as exc:
    ...     print(exc)
    as_of: found '01/12/2025'; expected a date YYYY-MM-DD
    """
    if isinstance(value, str):
        return pd.Timestamp(day_from_text(value, parameter))
    day = _timestamp(value) if isinstance(value, dt.date | np.datetime64) else pd.NaT
    if pd.isna(day):  # NaT is a datetime too
        raise DayParameterError(f"{parameter}: found {value!r}; expected a date YYYY-MM-DD")
    return day.normalize()


def _timestamp(value) -> pd.Timestamp:
    """``value`` as a timestamp; NaT when it is no date (an impossible day, NaT itself)."""
    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError):
        return pd.NaT


def reference_day(as_of: object = None) -> pd.Timestamp:
    """The day a brief, the overview or a recommendation is made as of: ``as_of`` (its day,
    read by :func:`parse_day`), else today.

    Examples
    --------
    >>> reference_day("2025-12-01 15:30")
    Timestamp('2025-12-01 00:00:00')
    >>> reference_day() == pd.Timestamp.today().normalize()
    True

    A text must be ``YYYY-MM-DD`` (pandas would read ``01/12/2025`` as 12 January):

    >>> try:
    ...     reference_day("01/12/2025")
    ... except SessionChoiceError as exc:
    ...     print(exc)
    as_of: found '01/12/2025'; expected a date YYYY-MM-DD
    """
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return pd.Timestamp.today().normalize()
    try:
        return parse_day(as_of, "as_of")
    except DayParameterError as exc:
        raise SessionChoiceError(str(exc)) from None
