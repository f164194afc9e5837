"""Which groups of firms (sub-sectors by default) can supply which buyer: now, soon, not yet."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._errors import MatchingError

_COUNTS = ["firms", "eligible_now", "near_ready", "not_yet", "kbli_fit", "unknown"]


def partnership_summary(pairs: pd.DataFrame, profile: pd.DataFrame, near: pd.DataFrame | None,
                        by: str = "sub_sector") -> pd.DataFrame:
    """Counts per (group, requirement): firms, eligible now, near-ready, not yet.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`~ikmpolicy.matching.requirement_gaps`.
    profile : pandas.DataFrame
        From :func:`~ikmpolicy.matching.firm_profile` (holds the ``by`` column).
    near : pandas.DataFrame or None
        From :func:`~ikmpolicy.matching.near_ready`; only its reachable rows count as
        near-ready. None = no firm counts as near-ready.
    by : str
        Column of the profile to group firms by.

    Returns
    -------
    pandas.DataFrame
        One row per (group, requirement), every group of the profile with every requirement of
        the pairs (zeros kept; counts below 3 are *not* suppressed here, the report does it):
        ``<by>``, ``requirement_id``, ``buyer_id``, ``firms`` (firms of the group),
        ``eligible_now``, ``near_ready`` (near-ready with a reachable path), ``not_yet`` (the
        rest: firms = eligible_now + near_ready + not_yet), ``kbli_fit`` (firms whose KBLI the
        requirement lists), ``unknown`` (status unknown: a required score missing), and
        ``outlook``: ``now`` when a firm is eligible, else ``soon`` when one is near-ready,
        else ``not_yet``.

    Examples
    --------
    >>> pairs = pd.DataFrame({"firm_id": ["a", "b", "c"], "requirement_id": "R1",
    ...                       "buyer_id": "ks", "kbli_fit": True,
    ...                       "status": ["eligible", "near_ready", "not_yet"]})
    >>> profile = pd.DataFrame({"sub_sector": ["steel", "steel", "tools"]},
    ...                        index=pd.Index(["a", "b", "c"], name="firm_id"))
    >>> near = pd.DataFrame({"firm_id": ["b"], "requirement_id": ["R1"], "reachable": [True]})
    >>> s = partnership_summary(pairs, profile, near)
    >>> s[["sub_sector", "firms", "eligible_now", "near_ready", "not_yet", "outlook"]
    ...   ].values.tolist()
    [['steel', 2, 1, 1, 0, 'now'], ['tools', 1, 0, 0, 1, 'not_yet']]
    """
    if by not in profile.columns:
        raise MatchingError(f"profile: no column '{by}' to group firms by (columns: "
                            + ", ".join(map(str, profile.columns)) + ")")
    for column in ("firm_id", "requirement_id", "buyer_id", "status", "kbli_fit"):
        if column not in pairs.columns:
            raise MatchingError(f"pairs: missing column '{column}'; build them with "
                                "ikmpolicy.matching.requirement_gaps")
    group_of = profile[by].astype(object)
    data = pairs[["firm_id", "requirement_id", "buyer_id", "status", "kbli_fit"]].copy()
    data["group"] = data["firm_id"].map(group_of)
    if data["group"].isna().any():
        lost = data.loc[data["group"].isna(), "firm_id"].iloc[0]
        raise MatchingError(f"pairs: firm {lost!r} has no '{by}' in the profile")
    reach = set()
    if near is not None and len(near):
        ok = near[near["reachable"].astype(bool)]
        reach = set(zip(ok["firm_id"], ok["requirement_id"], strict=True))
    key = list(zip(data["firm_id"], data["requirement_id"], strict=True))
    data["eligible_now"] = data["status"].eq("eligible").astype(int)
    data["near_ready"] = np.array([k in reach for k in key], dtype=int) * (
        1 - data["eligible_now"].to_numpy())
    data["unknown"] = data["status"].eq("unknown").astype(int)
    data["kbli_fit"] = data["kbli_fit"].astype(bool).astype(int)
    data["firms"] = 1
    counts = data.groupby(["group", "requirement_id"], sort=True)[
        ["firms", "eligible_now", "near_ready", "kbli_fit", "unknown"]].sum()
    groups = sorted(pd.unique(group_of.dropna()), key=str)
    requirements = list(pd.unique(data["requirement_id"]))
    full = pd.MultiIndex.from_product([groups, requirements], names=["group", "requirement_id"])
    counts = counts.reindex(full, fill_value=0)
    firms_per_group = group_of.value_counts()
    counts["firms"] = [int(firms_per_group.get(g, 0)) for g, _ in counts.index]
    counts["not_yet"] = counts["firms"] - counts["eligible_now"] - counts["near_ready"]
    out = counts.reset_index().rename(columns={"group": by})
    buyer = data.drop_duplicates("requirement_id").set_index("requirement_id")["buyer_id"]
    out.insert(2, "buyer_id", out["requirement_id"].map(buyer).astype(object))
    out = out[[by, "requirement_id", "buyer_id", *_COUNTS]]
    out[_COUNTS] = out[_COUNTS].astype(np.int64)
    out["outlook"] = np.where(out["eligible_now"] > 0, "now",
                              np.where(out["near_ready"] > 0, "soon", "not_yet"))
    return out
