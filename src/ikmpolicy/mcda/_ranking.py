"""Ranks shared by the ranking methods."""

from __future__ import annotations

import numpy as np


def rank_desc(score: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score; ties share the best (lowest) rank ("min" method)."""
    return _rank_min(-score)


def rank_asc(score: np.ndarray) -> np.ndarray:
    """Rank 1 = lowest score; ties share the best rank."""
    return _rank_min(score)


def _rank_min(v: np.ndarray) -> np.ndarray:
    order = np.argsort(v, kind="stable")
    sv = v[order]
    # Start of each run of equal values gets its 1-based position; the run shares it.
    new = np.empty(sv.size, dtype=bool)
    new[:1] = True
    np.not_equal(sv[1:], sv[:-1], out=new[1:])
    pos = np.flatnonzero(new)
    run_rank = np.repeat(pos + 1, np.diff(np.append(pos, sv.size)))
    out = np.empty(v.size, dtype=np.int64)
    out[order] = run_rank
    return out
