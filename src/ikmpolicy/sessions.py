"""The order of sessions: one definition for ``brief --all``, the overview and the follow-up.

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
