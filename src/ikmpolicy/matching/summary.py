"""Which groups of firms (sub-sectors by default) can supply which buyer: now, soon, not yet."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._errors import MatchingError

_COUNTS = ["firms", "eligible_now", "near_ready", "not_yet", "kbli_fit", "unknown"]


def partnership_summary(
    pairs: pd.DataFrame, profile: pd.DataFrame, near: pd.DataFrame | None, by: str = "sub_sector"
) -> pd.DataFrame:
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
        raise MatchingError(
            f"profile: no column '{by}' to group firms by (columns: "
            + ", ".join(map(str, profile.columns))
            + ")"
        )
    for column in ("firm_id", "requirement_id", "buyer_id", "status", "kbli_fit"):
        if column not in pairs.columns:
            raise MatchingError(
                f"pairs: missing column '{column}'; build them with "
                "ikmpolicy.matching.requirement_gaps"
            )
    firm_code = pd.Index(profile.index).get_indexer(pairs["firm_id"])
    if (firm_code < 0).any():
        lost = pairs["firm_id"].to_numpy()[firm_code < 0][0]
        raise MatchingError(f"pairs: firm {lost!r} is not in the profile")
    group_code, groups = pd.factorize(profile[by], sort=True, use_na_sentinel=True)
    if (group_code < 0).any():
        lost = profile.index[group_code < 0][0]
        raise MatchingError(f"profile: firm {lost!r} has no '{by}'")
    req_code, requirements = pd.factorize(pairs["requirement_id"])
    n_req = len(requirements)
    cell = group_code[firm_code] * n_req + req_code
    status = pairs["status"].to_numpy(dtype=object)
    eligible = status == "eligible"
    near_now = np.zeros(len(pairs), dtype=bool)
    if near is not None and len(near):
        ok = near[near["reachable"].astype(bool).to_numpy()]
        near_cell = pd.Index(profile.index).get_indexer(ok["firm_id"]) * n_req + pd.Index(
            requirements
        ).get_indexer(ok["requirement_id"])
        near_cell = near_cell[(near_cell >= 0)]
        near_now = np.isin(firm_code * n_req + req_code, near_cell) & ~eligible
    size = len(groups) * n_req

    def count(mask):
        return np.bincount(cell[mask], minlength=size)

    per_group = np.bincount(group_code, minlength=len(groups))
    out = pd.DataFrame(
        {
            by: np.repeat(np.asarray(groups, dtype=object), n_req),
            "requirement_id": np.tile(np.asarray(requirements, dtype=object), len(groups)),
        }
    )
    buyer = pairs.drop_duplicates("requirement_id").set_index("requirement_id")["buyer_id"]
    out["buyer_id"] = out["requirement_id"].map(buyer).astype(object)
    out["firms"] = np.repeat(per_group, n_req)
    out["eligible_now"] = count(eligible)
    out["near_ready"] = count(near_now)
    out["not_yet"] = out["firms"] - out["eligible_now"] - out["near_ready"]
    out["kbli_fit"] = count(pairs["kbli_fit"].to_numpy(dtype=bool))
    out["unknown"] = count(status == "unknown")
    out[_COUNTS] = out[_COUNTS].astype(np.int64)
    out["outlook"] = np.where(
        out["eligible_now"] > 0, "now", np.where(out["near_ready"] > 0, "soon", "not_yet")
    )
    return out
