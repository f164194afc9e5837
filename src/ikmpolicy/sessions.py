"""The calendar of sessions: their order (one definition for ``brief --all``, the overview and
the follow-up) and the reference day a brief is made for.

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
