"""The calendar of sessions: their order (one definition for ``brief --all``, the overview and
the follow-up), their short labels, and the reference day a brief is made for.

Kept in a module of its own, with pandas as its only import, so that a brief's kernel can ask
for it without importing the notebook machinery of :mod:`ikmpolicy.pipeline`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


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


def reference_day(as_of: object = None) -> pd.Timestamp:
    """The day a brief, the overview or a recommendation is made as of: ``as_of`` (its day),
    else today.

    Examples
    --------
    >>> reference_day("2025-12-01 15:30")
    Timestamp('2025-12-01 00:00:00')
    >>> reference_day() == pd.Timestamp.today().normalize()
    True
    """
    return pd.Timestamp(as_of).normalize() if as_of else pd.Timestamp.today().normalize()
