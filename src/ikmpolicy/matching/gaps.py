"""Gaps and eligibility of every firm against every buyer requirement, vectorised.

Definitions
-----------
gap
    Per indicator the requirement sets a level on: the points the firm's score must still move
    in the indicator's good direction to reach the level (``level - score`` for direction +1,
    ``score - level`` for -1, where the level is then the highest allowed), 0 when met, NaN when
    the firm has no score (unknown, never guessed). 0 where the requirement sets no level.
eligible
    The firm's KBLI code is in the requirement's list, no gap, no unknown score and every
    required certificate held (``has_nib``, ``has_sni``, ``has_iso9001``).
near-ready
    KBLI fit, no unknown score, not eligible, and at most ``max_gaps`` (default 2) things
    missing in all, of which at most ``max_certificates`` (default 1) certificates: one or two
    indicator gaps, one certificate, or one gap and one certificate.
status
    ``no_kbli_fit`` (KBLI not in the list), ``eligible``, ``near_ready``, ``unknown`` (some
    required score missing while the known gaps and certificates would still allow near-ready),
    ``not_yet`` (anything further away).
capacity
    ``capacity_share`` = the firm's yearly capacity / the buyer's yearly volume when both are
    known, the volume is positive and the units are the same (compared lower-cased; no unit is
    converted); ``enough`` when at least 1, ``partial`` below 1, ``unknown`` otherwise. It is
    compared with the whole yearly volume; a buyer taking several suppliers splits it.

The kernel works on firms x requirements arrays, one indicator at a time, so memory grows with
firms x requirements, not firms x requirements x indicators.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ikmpolicy.programmes import EPS

from .fit import fit_matrix, indicator_weights, pair_headroom
from .requirements import (
    MASK_TUPLES,
    FirmArrays,
    RequirementArrays,
    firm_arrays,
    kbli_fit_matrix,
    requirement_arrays,
    unit_match_matrix,
)

#: Status codes of a (firm, requirement) pair, in code order.
STATUSES = ("eligible", "near_ready", "not_yet", "no_kbli_fit", "unknown")
CAPACITY_STATUSES = ("enough", "partial", "unknown")
MAX_GAPS = 2
MAX_CERTIFICATES = 1
_POPCOUNT = np.array([bin(m).count("1") for m in range(8)], dtype=np.int8)


def indicator_gap(
    score: np.ndarray, level: np.ndarray, direction: float, out: np.ndarray | None = None
) -> np.ndarray:
    """Firms x requirements gap on one indicator: >= 0, 0 = met or no level, NaN = unknown.

    Examples
    --------
    >>> indicator_gap(np.array([2.0, 4.0, np.nan]), np.array([3.0, np.nan]), 1.0).tolist()
    [[1.0, 0.0], [0.0, 0.0], [nan, 0.0]]
    >>> indicator_gap(np.array([2.0, 4.0]), np.array([3.0]), -1.0).tolist()  # 3 = at most
    [[0.0], [1.0]]
    """
    gap = np.subtract((direction * level)[None, :], (direction * score)[:, None], out=out)
    # met (and within EPS: sums of gains such as 2.7 + 0.3 land a hair short) -> 0; NaN stays
    np.copyto(gap, 0.0, where=gap <= EPS)
    free = np.isnan(level)
    if free.any():
        gap[:, free] = 0.0  # no level: nothing to reach, nothing unknown
    return gap


def classify(
    kbli_fit: np.ndarray,
    gaps: np.ndarray,
    unknown: np.ndarray,
    missing: np.ndarray,
    max_gaps: int = MAX_GAPS,
    max_certificates: int = MAX_CERTIFICATES,
) -> np.ndarray:
    """Status code (index into :data:`STATUSES`) from the counts of one pair or of arrays.

    Examples
    --------
    >>> [STATUSES[c] for c in classify(np.array([True, True, True, False, True]),
    ...                                np.array([0, 2, 0, 0, 1]), np.array([0, 0, 1, 0, 0]),
    ...                                np.array([0, 0, 0, 0, 2]))]
    ['eligible', 'near_ready', 'unknown', 'no_kbli_fit', 'not_yet']
    """
    away = gaps + missing
    close = (away <= max_gaps) & (missing <= max_certificates)
    status = np.where(unknown > 0, np.where(close, 4, 2), np.where(close, 1, 2))
    status = np.where((away == 0) & (unknown == 0), 0, status)
    return np.where(kbli_fit, status, 3).astype(np.int8)


def pair_counts(
    firms: FirmArrays, reqs: RequirementArrays, gaps_out: np.ndarray | None = None
) -> dict:
    """The kernel: firms x requirements arrays of counts, and optionally the gaps.

    Returns a dict with ``kbli_fit``, ``dimension_gaps``, ``unknown_dimensions``,
    ``missing_mask`` (certificate bit mask), ``missing`` (count). ``gaps_out``, an indicators x
    firms x requirements array, receives the gaps when given.

    Examples
    --------
    >>> meta = pd.DataFrame({"indicator": ["q"], "scale_min": [1.0], "scale_max": [5.0],
    ...                      "direction": [1]})
    >>> prof = pd.DataFrame({"kbli": ["25111", "25111"], "has_nib": [True, False],
    ...                      "has_sni": False, "has_iso9001": False, "q": [2.0, np.nan]})
    >>> req = pd.DataFrame({"requirement_id": ["R"], "buyer_id": "b", "kbli": [("25111",)],
    ...                     "certificates": [("nib",)], "q": [3.0]})
    >>> reqs = requirement_arrays(req, meta)
    >>> gaps = np.empty((1, 2, 1))
    >>> k = pair_counts(firm_arrays(prof, reqs.meta), reqs, gaps)
    >>> k["dimension_gaps"].ravel().tolist(), k["unknown_dimensions"].ravel().tolist()
    ([1, 0], [0, 1])
    >>> k["missing"].ravel().tolist(), gaps.ravel().tolist()
    ([0, 1], [1.0, nan])
    """
    scores = firms.scores
    n, r = len(scores), len(reqs.ids)
    missing_mask = reqs.cert_masks[None, :] & ~firms.cert_masks[:, None]
    out = {
        "kbli_fit": kbli_fit_matrix(firms, reqs),
        "missing_mask": missing_mask,
        "missing": _POPCOUNT[missing_mask],
    }
    asked = ~np.isnan(reqs.levels)
    # unknown = a required score missing: a product of two 0/1 matrices
    out["unknown_dimensions"] = (
        np.isnan(scores).astype(np.float32) @ asked.T.astype(np.float32)
    ).astype(np.int16)
    dim_gaps = np.zeros((n, r), dtype=np.int16)
    for j, direction in enumerate(reqs.meta["direction"].to_numpy(float)):
        target = None if gaps_out is None else gaps_out[j]
        if not asked[:, j].any():
            if target is not None:
                target[...] = 0.0
            continue
        gap = indicator_gap(scores[:, j], reqs.levels[:, j], direction, out=target)
        dim_gaps += gap > 0
    out["dimension_gaps"] = dim_gaps
    return out


def capacity_arrays(firms: FirmArrays, reqs: RequirementArrays) -> tuple[np.ndarray, np.ndarray]:
    """Firms x requirements capacity share (NaN = unknown) and capacity status codes.

    Examples
    --------
    >>> meta = pd.DataFrame({"scale_min": [1.0], "scale_max": [5.0], "direction": [1.0]},
    ...                     index=pd.Index(["q"], name="indicator"))
    >>> prof = pd.DataFrame({"kbli": "25111", "has_nib": True, "has_sni": True,
    ...                      "has_iso9001": True, "q": 2.0, "capacity_yearly": [600.0, 50.0],
    ...                      "capacity_unit": ["Ton", "unit"]})
    >>> req = pd.DataFrame({"requirement_id": ["R"], "buyer_id": "b", "kbli": [("25111",)],
    ...                     "yearly_volume": [400.0], "volume_unit": ["ton"]})
    >>> share, status = capacity_arrays(firm_arrays(prof, meta),
    ...                                 requirement_arrays(req, meta.reset_index()))
    >>> share.ravel().tolist(), [CAPACITY_STATUSES[s] for s in status.ravel()]
    ([1.5, nan], ['enough', 'unknown'])
    """
    same = unit_match_matrix(firms, reqs)
    capacity = firms.capacity[:, None]
    volume = reqs.volume[None, :]
    known = same & ~np.isnan(capacity) & (volume > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(known, capacity / np.where(volume > 0, volume, 1.0), np.nan)
    status = np.where(np.isnan(share), 2, np.where(share >= 1 - EPS, 0, 1)).astype(np.int8)
    return share, status


def requirement_gaps(
    profile: pd.DataFrame,
    requirements: pd.DataFrame,
    indicators: pd.DataFrame,
    weights: pd.Series | None = None,
    *,
    max_gaps: int = MAX_GAPS,
    max_certificates: int = MAX_CERTIFICATES,
) -> pd.DataFrame:
    """Every firm against every buyer requirement: KBLI fit, gaps, certificates, eligibility,
    status, fit and capacity (definitions in the module text and :mod:`.fit`).

    Parameters
    ----------
    profile : pandas.DataFrame
        From :func:`~ikmpolicy.matching.firm_profile` (index ``firm_id``).
    requirements : pandas.DataFrame
        The ``buyer_requirements`` table.
    indicators : pandas.DataFrame
        The ``indicators`` table.
    weights : pandas.Series, optional
        Indicator or dimension -> weight (the AHP group weights of the session); equal weights
        when None.
    max_gaps, max_certificates : int
        How far away a near-ready firm may be (see the module text).

    Returns
    -------
    pandas.DataFrame
        One row per (firm, requirement), firm by firm in profile order, requirements in table
        order: ``firm_id``, ``requirement_id``, ``buyer_id``, ``kbli_fit``, ``gap_<indicator>``
        per indicator, ``missing_certificates`` (tuple), ``dimension_gaps``,
        ``unknown_dimensions``, ``eligible``, ``status``, ``fit``, ``margin`` (headroom of an
        eligible pair, NaN for the others),
        ``capacity_share``, ``capacity_status``, ``max_suppliers`` (the requirement's limit,
        NaN = none; read by :func:`~ikmpolicy.matching.assign_suppliers`). ``.attrs``:
        ``weights_source`` (``"given"`` or ``"equal"``), ``weights`` (indicator -> weight),
        ``max_gaps``, ``max_certificates``.

    Raises
    ------
    MatchingError
        For a requirement for an unknown indicator, a level off the scale, an unknown
        certificate (naming file, row and column), or unusable weights.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["q", "waste"], "dimension": ["q", "waste"],
    ...                     "scale_min": 1.0, "scale_max": 5.0, "direction": [1, -1]})
    >>> prof = pd.DataFrame({"kbli": ["25111", "25111", "25920"], "has_nib": True,
    ...                      "has_sni": [True, False, True], "has_iso9001": False,
    ...                      "q": [4.0, 2.0, 5.0], "waste": [2.0, np.nan, 1.0]},
    ...                     index=pd.Index(["a", "b", "c"], name="firm_id"))
    >>> req = pd.DataFrame({"requirement_id": ["R1"], "buyer_id": ["ks"],
    ...                     "kbli": [("25111",)], "certificates": [("nib", "sni")],
    ...                     "q": [3.0], "waste": [2.0]})
    >>> pairs = requirement_gaps(prof, req, ind)
    >>> pairs["status"].tolist()
    ['eligible', 'unknown', 'no_kbli_fit']
    >>> pairs["gap_q"].tolist(), pairs["gap_waste"].tolist()
    ([0.0, 1.0, 0.0], [0.0, nan, 0.0])
    >>> pairs["missing_certificates"].tolist(), pairs["fit"].round(2).tolist()
    ([(), ('sni',), ()], [1.0, 0.25, 1.0])
    """
    reqs = requirement_arrays(requirements, indicators)
    firms = firm_arrays(profile, reqs.meta)
    w, source = indicator_weights(reqs.meta, weights)
    n, r, m = len(firms.ids), len(reqs.ids), len(reqs.meta)
    # every float column in one block, filled in place: no copy when the frame is built
    block = np.empty((m + 4, n, r))
    k = pair_counts(firms, reqs, gaps_out=block[:m])
    fit_matrix(firms.scores, reqs.levels, reqs.meta, w.to_numpy(), out=block[m])
    share, cap_status = capacity_arrays(firms, reqs)
    block[m + 2] = share
    block[m + 3] = reqs.max_suppliers[None, :]
    status = classify(
        k["kbli_fit"],
        k["dimension_gaps"],
        k["unknown_dimensions"],
        k["missing"],
        max_gaps,
        max_certificates,
    ).ravel()
    margin = block[m + 1].reshape(-1)
    margin[:] = np.nan
    eligible = np.flatnonzero(status == 0)
    margin[eligible] = pair_headroom(
        firms.scores[eligible // r], reqs.levels[eligible % r], reqs.meta, w.to_numpy()
    )
    floats = [f"gap_{i}" for i in reqs.meta.index] + [
        "fit",
        "margin",
        "capacity_share",
        "max_suppliers",
    ]
    pairs = pd.DataFrame(block.reshape(m + 4, n * r).T, columns=floats, copy=False)

    def text(values):
        return pd.Series(values, dtype=object, copy=False)

    before = {
        "firm_id": text(np.repeat(firms.ids, r)),
        "requirement_id": text(np.tile(reqs.ids, n)),
        "buyer_id": text(np.tile(reqs.buyer_ids, n)),
        "kbli_fit": k["kbli_fit"].ravel(),
    }
    after_gaps = {
        "missing_certificates": text(MASK_TUPLES[k["missing_mask"].ravel()]),
        "dimension_gaps": k["dimension_gaps"].ravel().astype(np.int64),
        "unknown_dimensions": k["unknown_dimensions"].ravel().astype(np.int64),
        "eligible": status == 0,
        "status": text(np.asarray(STATUSES, dtype=object)[status]),
    }
    for pos, (name, values) in enumerate(before.items()):
        pairs.insert(pos, name, values)
    for pos, (name, values) in enumerate(after_gaps.items(), start=4 + m):
        pairs.insert(pos, name, values)
    pairs.insert(
        len(pairs.columns) - 1,
        "capacity_status",
        text(np.asarray(CAPACITY_STATUSES, dtype=object)[cap_status.ravel()]),
    )
    pairs.attrs.update(
        {
            "weights_source": source,
            "weights": w.to_dict(),
            "max_gaps": max_gaps,
            "max_certificates": max_certificates,
        }
    )
    return pairs
