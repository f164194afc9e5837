"""Eligibility counts for millions of firms, in chunks (no table of pairs is ever built).

:func:`~ikmpolicy.matching.requirement_gaps` returns one row per firm and requirement: 4.4
million firms (the order of magnitude of Indonesia's registered small and medium manufacturers)
against 50 requirements would be 220 million rows. :func:`eligibility_counts` applies the same
rules (:mod:`ikmpolicy.matching.gaps`) to a block of firms at a time with numpy and keeps only
the counts per requirement (and group), so memory is bounded by the chunk size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ikmpolicy.programmes import EPS

from ._errors import MatchingError
from .gaps import MAX_CERTIFICATES, MAX_GAPS, STATUSES, classify
from .requirements import firm_arrays, kbli_fit_matrix, requirement_arrays

_POPCOUNT = np.array([bin(m).count("1") for m in range(8)], dtype=np.int16)
CHUNK_SIZE = 100_000


def _status_block(profile: pd.DataFrame, reqs, max_gaps: int, max_certificates: int) -> np.ndarray:
    """Status codes (firms x requirements) of one block of the profile; the lean twin of
    :func:`~ikmpolicy.matching.gaps.pair_counts` (counts only, no gaps or fit kept)."""
    firms = firm_arrays(profile, reqs.meta)
    n, r = len(firms.ids), len(reqs.ids)
    gaps = np.zeros((n, r), dtype=np.int16)
    asked = ~np.isnan(reqs.levels)  # requirements x indicators
    missing_score = np.isnan(firms.scores)
    # unknown = required score missing: a product of two 0/1 matrices
    unknown = (missing_score.astype(np.float32) @ asked.T.astype(np.float32)).astype(np.int16)
    for j, direction in enumerate(reqs.meta["direction"].to_numpy(float)):
        if not asked[:, j].any():
            continue
        level = np.where(asked[:, j], reqs.levels[:, j], -np.inf * direction)  # never short
        # short of the level by more than EPS; NaN scores compare False (counted as unknown)
        if direction > 0:
            gaps += firms.scores[:, j, None] < level[None, :] - EPS
        else:
            gaps += firms.scores[:, j, None] > level[None, :] + EPS
    missing = _POPCOUNT[reqs.cert_masks[None, :] & ~firms.cert_masks[:, None]]
    return classify(
        kbli_fit_matrix(firms, reqs), gaps, unknown, missing, max_gaps, max_certificates
    )


def eligibility_counts(
    profile: pd.DataFrame,
    requirements: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    by: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    max_gaps: int = MAX_GAPS,
    max_certificates: int = MAX_CERTIFICATES,
) -> pd.DataFrame:
    """How many firms are eligible, near-ready, not yet... per requirement, counted in chunks.

    Parameters
    ----------
    profile : pandas.DataFrame
        From :func:`~ikmpolicy.matching.firm_profile` (or any frame with its columns).
    requirements, indicators : pandas.DataFrame
        The ``buyer_requirements`` and ``indicators`` tables.
    by : str, optional
        Column of the profile to count by as well (e.g. ``"sub_sector"``).
    chunk_size : int
        Firms per block; memory grows with ``chunk_size`` x requirements.
    max_gaps, max_certificates : int
        As in :func:`~ikmpolicy.matching.requirement_gaps`.

    Returns
    -------
    pandas.DataFrame
        One row per requirement (per group and requirement with ``by``): ``requirement_id``,
        ``buyer_id``, ``firms``, and one count per status (``eligible``, ``near_ready``,
        ``not_yet``, ``no_kbli_fit``, ``unknown``), which add up to ``firms``. The counts equal
        those of the ``status`` column of :func:`~ikmpolicy.matching.requirement_gaps`.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["q"], "scale_min": [1.0], "scale_max": [5.0],
    ...                     "direction": [1]})
    >>> prof = pd.DataFrame({"kbli": ["25111"] * 3 + ["25920"], "has_nib": True,
    ...                      "has_sni": False, "has_iso9001": False,
    ...                      "q": [4.0, 2.0, np.nan, 5.0]})
    >>> req = pd.DataFrame({"requirement_id": ["R1"], "buyer_id": ["ks"],
    ...                     "kbli": [("25111",)], "q": [3.0]})
    >>> eligibility_counts(prof, req, ind, chunk_size=2).iloc[0].to_dict()
    {'requirement_id': 'R1', 'buyer_id': 'ks', 'firms': 4, 'eligible': 1, 'near_ready': 1, \
'not_yet': 0, 'no_kbli_fit': 1, 'unknown': 1}
    """
    if int(chunk_size) < 1:
        raise MatchingError(f"chunk_size: found {chunk_size!r}; expected at least 1")
    reqs = requirement_arrays(requirements, indicators)
    r, s = len(reqs.ids), len(STATUSES)
    if by is not None:
        if by not in profile.columns:
            raise MatchingError(f"profile: no column '{by}' to count by")
        group_codes, groups = pd.factorize(profile[by], sort=True, use_na_sentinel=True)
        if (group_codes < 0).any():
            raise MatchingError(f"profile: some firms have no '{by}'")
    else:
        group_codes, groups = np.zeros(len(profile), dtype=np.int64), pd.Index(["all"])
    g = len(groups)
    counts = np.zeros(g * r * s, dtype=np.int64)
    offsets = (np.arange(r) * s)[None, :]
    for start in range(0, len(profile), int(chunk_size)):
        block = profile.iloc[start : start + int(chunk_size)]
        status = _status_block(block, reqs, max_gaps, max_certificates).astype(np.int64)
        cell = group_codes[start : start + len(block), None] * (r * s) + offsets + status
        counts += np.bincount(cell.ravel(), minlength=g * r * s)
    cube = counts.reshape(g, r, s)
    frame = pd.DataFrame(cube.reshape(g * r, s), columns=list(STATUSES))
    frame.insert(0, "firms", cube.sum(axis=2).ravel())
    frame.insert(0, "buyer_id", np.tile(reqs.buyer_ids, g))
    frame.insert(0, "requirement_id", np.tile(reqs.ids, g))
    if by is not None:
        frame.insert(0, by, np.repeat(np.asarray(groups, dtype=object), r))
    return frame
