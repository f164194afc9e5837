"""Descriptive readiness profile of the surveyed firms, by dimension and group.

This is the plain profile the brief shows (mean score per indicator, overall and per sub-sector);
the composite index with its uncertainty lives in :mod:`ikmpolicy.readiness`. Groups of fewer
than ``min_group`` firms are suppressed, so no figure describes one or two identifiable firms.
"""

from __future__ import annotations

import pandas as pd

MIN_GROUP = 3


def latest_assessments(
    assessments: pd.DataFrame, as_of: pd.Timestamp | str | None = None
) -> pd.DataFrame:
    """Each firm's most recent assessment on or before ``as_of`` (all dates when None).

    Examples
    --------
    >>> a = pd.DataFrame({"firm_id": ["f", "f", "g"],
    ...                   "assessment_date": pd.to_datetime(["2025-01-01", "2025-06-01",
    ...                                                      "2025-01-01"]),
    ...                   "q": [1.0, 3.0, 2.0]})
    >>> latest_assessments(a)["q"].tolist()
    [3.0, 2.0]
    >>> latest_assessments(a, "2025-03-01")["q"].tolist()
    [1.0, 2.0]
    """
    frame = assessments
    if as_of is not None:
        frame = frame[frame["assessment_date"] <= pd.Timestamp(as_of)]
    frame = frame.sort_values(["firm_id", "assessment_date"], kind="stable")
    return frame.groupby("firm_id", sort=True).tail(1).reset_index(drop=True)


def dimension_profile(
    latest: pd.DataFrame,
    firms: pd.DataFrame,
    indicators: list[str],
    by: str | None = None,
    min_group: int = MIN_GROUP,
) -> pd.DataFrame:
    """Mean score per indicator, overall or per group, with the number of firms.

    Parameters
    ----------
    latest : pandas.DataFrame
        One assessment per firm (see :func:`latest_assessments`).
    firms : pandas.DataFrame
        The ``firms`` table (for the grouping column).
    indicators : list of str
        Indicator columns to average (missing scores are left out of that indicator's mean).
    by : str, optional
        Column of ``firms`` to group by (e.g. ``"sub_sector"``); overall when None.
    min_group : int
        Groups with fewer firms are suppressed: their means are NaN and ``suppressed`` is True.

    Returns
    -------
    pandas.DataFrame
        Index: group (``"all"`` when ``by`` is None); columns: ``firms``, ``suppressed``, then
        one mean per indicator.

    Examples
    --------
    >>> latest = pd.DataFrame({"firm_id": list("abcd"), "q": [1.0, 2.0, 3.0, 5.0]})
    >>> firms = pd.DataFrame({"firm_id": list("abcd"), "s": ["x", "x", "x", "y"]})
    >>> p = dimension_profile(latest, firms, ["q"], by="s")
    >>> float(p.loc["x", "q"]), bool(p.loc["y", "suppressed"])
    (2.0, True)
    """
    data = latest.merge(
        firms[["firm_id"] + ([by] if by else [])], on="firm_id", how="left", validate="one_to_one"
    )
    key = data[by] if by else pd.Series("all", index=data.index)
    grouped = data.groupby(key, sort=True)
    result = grouped[indicators].mean()
    result.insert(0, "firms", grouped.size())
    result.insert(1, "suppressed", result["firms"] < min_group)
    result.loc[result["suppressed"], indicators] = float("nan")
    result.index.name = by or "group"
    return result
