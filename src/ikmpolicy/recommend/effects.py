"""What a programme does to the firms that follow it: eligibility and readiness, as arrays.

:func:`ikmpolicy.programmes.apply_programmes` and :func:`ikmpolicy.matching.requirement_gaps`
define the effect of a programme on a firm profile. A Monte Carlo run needs that effect for every
programme, firm and run, so this module holds the same rules as numpy arrays
(:class:`EffectModel`) and evaluates them for many gain vectors at once; the tests check it
against those two functions on the sample.

Rules (the same as :mod:`ikmpolicy.programmes` and :mod:`ikmpolicy.matching`):

* a gain moves a score in the indicator's good direction, clipped to the scale; a missing score
  stays missing;
* a participant holds the certificates the programme delivers;
* a firm is eligible for a requirement when it fits by KBLI, reaches every level the requirement
  sets (a missing score is unknown, hence not eligible) and holds every certificate it asks for.

Readiness gain: the change of the firm's composite index, built as the readiness index with
goalposts normalisation (``(x - goal_low) / (goal_high - goal_low)``, capped at the goalposts, on
0-100; direction -1 reversed), the arithmetic mean of a dimension's observed indicators and the
weighted arithmetic mean of the observed dimensions (COINr skips missing values the same way).
Goalposts do not depend on the other firms, so a gain means the same in every dataset.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from ikmpolicy.schema import CERTIFICATES

from ._errors import RecommendError

__all__ = ["EffectModel", "ProgrammeArrays", "action_effects", "effect_model", "programme_arrays"]

#: Scores closer than this to a level count as reaching it (as in ikmpolicy.programmes).
EPS = 1e-9


@dataclass(frozen=True)
class EffectModel:
    """A firm profile and the buyer requirements as arrays (F firms, I indicators, R
    requirements, C certificates, D dimensions).

    Attributes
    ----------
    firms : pandas.Index
    indicators : tuple of str
    scores : numpy.ndarray, (F, I)
        NaN = no score.
    direction, scale_min, scale_max, goal_low, goal_high : numpy.ndarray, (I,)
    membership : numpy.ndarray, (I, D)
        Indicator weight within its dimension (0 outside it).
    dimensions : tuple of str
    dimension_weight : numpy.ndarray, (D,)
    held : numpy.ndarray of bool, (F, C)
    requirements : pandas.Index
    buyers : numpy.ndarray, (R,)
    levels : numpy.ndarray, (R, I)
        NaN = no level.
    required : numpy.ndarray of bool, (R, C)
    kbli_fit : numpy.ndarray of bool, (F, R)
    """

    firms: pd.Index
    indicators: tuple[str, ...]
    scores: np.ndarray
    direction: np.ndarray
    scale_min: np.ndarray
    scale_max: np.ndarray
    goal_low: np.ndarray
    goal_high: np.ndarray
    membership: np.ndarray
    dimensions: tuple[str, ...]
    dimension_weight: np.ndarray
    held: np.ndarray
    requirements: pd.Index
    buyers: np.ndarray
    levels: np.ndarray
    required: np.ndarray
    kbli_fit: np.ndarray

    def rows(self, firm_ids) -> np.ndarray:
        """Positions of firms in :attr:`firms`."""
        return self.firms.get_indexer(list(firm_ids))

    # ------------------------------------------------------------------ rules
    def eligible(self, rows: np.ndarray, scores: np.ndarray, held: np.ndarray) -> np.ndarray:
        """Eligibility ``(..., P, R)`` of firms ``rows`` with ``scores (..., P, I)`` and
        certificates ``held (..., P, C)``."""
        # One comparison per (firm, requirement, indicator), the largest array of a Monte Carlo
        # run: "score <= level + EPS" (less is better) is the same test as
        # "-score >= -(level + EPS)", negation being exact; an unset level is a bar of -inf.
        up = self.direction > 0
        signed = np.where(up, scores, -scores)
        no_level = np.isnan(self.levels)
        bar = np.where(no_level, -np.inf, np.where(up, self.levels - EPS, -(self.levels + EPS)))
        # A missing score clears every bar here (+inf) and is counted apart: it fails each
        # level that is set. Counts of 0/1 by matmul are exact.
        missing = np.isnan(signed)
        cleared = (np.where(missing, np.inf, signed)[..., :, None, :] >= bar).all(axis=-1)
        short = missing.astype(float) @ (~no_level).T.astype(float) > 0
        lacks = (~held).astype(float) @ self.required.T.astype(float) > 0
        return self.kbli_fit[rows] & ~lacks & cleared & ~short

    def composite(self, scores: np.ndarray) -> np.ndarray:
        """Goalposts composite (0-100) of scores ``(..., P, I)``: shape ``(..., P)``."""
        span = self.goal_high - self.goal_low
        norm = np.where(self.direction > 0, scores - self.goal_low, self.goal_high - scores)
        norm = np.clip(norm / span, 0.0, 1.0) * 100.0
        observed = ~np.isnan(norm)
        num = np.where(observed, norm, 0.0) @ self.membership
        den = observed.astype(float) @ self.membership
        with np.errstate(invalid="ignore", divide="ignore"):
            dim = num / den
        seen = den > 0
        w = self.dimension_weight
        top = np.where(seen, dim, 0.0) @ w
        bottom = seen.astype(float) @ w
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(bottom > 0, top / bottom, np.nan)


def _meta(indicators: pd.DataFrame) -> pd.DataFrame:
    meta = indicators.set_index("indicator") if "indicator" in indicators.columns else indicators
    out = pd.DataFrame(index=pd.Index(meta.index.astype(str), name="indicator"))
    for c in ("scale_min", "scale_max", "direction"):
        if c not in meta.columns:
            raise RecommendError(f"table 'indicators': missing column '{c}'")
        out[c] = pd.to_numeric(meta[c]).astype(float).to_numpy()
    for c, fallback in (("goal_low", "scale_min"), ("goal_high", "scale_max")):
        given = (
            pd.to_numeric(meta[c], errors="coerce")
            if c in meta.columns
            else pd.Series(np.nan, index=meta.index)
        )
        out[c] = given.fillna(meta[fallback].astype(float)).astype(float).to_numpy()
    out["dimension"] = (
        meta["dimension"].astype(str).to_numpy()
        if "dimension" in meta.columns
        else out.index.to_numpy()
    )
    weight = (
        pd.to_numeric(meta["weight"], errors="coerce")
        if "weight" in meta.columns
        else pd.Series(np.nan, index=meta.index)
    )
    out["weight"] = (
        weight.fillna(1.0).to_numpy()
        if weight.isna().all() or weight.notna().all()
        else weight.fillna(0.0).to_numpy()
    )
    return out


def _dimension_weights(
    meta: pd.DataFrame, dims: list[str], weights: Mapping[str, float] | pd.Series | None
) -> np.ndarray:
    if weights is None:
        # the readiness index's "metadata" scheme: a dimension weighs the sum of its
        # indicators' weights (all equal when none is given)
        w = meta.groupby("dimension", sort=False)["weight"].sum().reindex(dims)
    else:
        w = pd.Series(dict(weights), dtype=float).reindex(dims)
        if w.isna().any():
            raise RecommendError(
                f"dimension weights: no weight for dimension "
                f"{w.index[w.isna()][0]!r}; expected one per dimension of "
                "the indicators table"
            )
    w = w.to_numpy(float)
    if (w < 0).any() or w.sum() <= 0:
        raise RecommendError(
            "dimension weights: expected numbers of at least 0 with a positive sum"
        )
    return w / w.sum()


def _requirement_levels(requirements: pd.DataFrame, indicators: tuple[str, ...]) -> tuple:
    reqs = (
        requirements.set_index("requirement_id")
        if "requirement_id" in requirements.columns
        else requirements
    )
    levels = (
        np.column_stack(
            [
                pd.to_numeric(reqs[i], errors="coerce").to_numpy(float)
                if i in reqs.columns
                else np.full(len(reqs), np.nan)
                for i in indicators
            ]
        )
        if len(reqs)
        else np.empty((0, len(indicators)))
    )
    required = np.zeros((len(reqs), len(CERTIFICATES)), dtype=bool)
    for r, certs in enumerate(
        reqs["certificates"] if "certificates" in reqs.columns else [()] * len(reqs)
    ):
        items = (
            certs
            if isinstance(certs, tuple | list)
            else (
                ()
                if certs is None or (isinstance(certs, float) and np.isnan(certs))
                else tuple(s.strip() for s in str(certs).split(";") if s.strip())
            )
        )
        for c in items:
            required[r, CERTIFICATES.index(c)] = True
    return (
        pd.Index(reqs.index.astype(str), name="requirement_id"),
        reqs["buyer_id"].astype(str).to_numpy(),
        levels,
        required,
    )


def effect_model(
    profile: pd.DataFrame,
    requirements: pd.DataFrame,
    indicators: pd.DataFrame,
    gaps: pd.DataFrame,
    dimension_weights: Mapping[str, float] | None = None,
) -> EffectModel:
    """Build the arrays of a firm profile and the requirements.

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`ikmpolicy.matching.firm_profile`.
    requirements : pandas.DataFrame
        The ``buyer_requirements`` table.
    indicators : pandas.DataFrame
        The ``indicators`` table.
    gaps : pandas.DataFrame
        :func:`ikmpolicy.matching.requirement_gaps` of ``profile``: its ``kbli_fit`` is used,
        so KBLI matching has one definition.
    dimension_weights : mapping, optional
        Dimension -> weight of the readiness composite; by default the ``indicators`` table's
        weights (equal when none is given), as the readiness index's ``"metadata"`` scheme.

    Returns
    -------
    EffectModel
    """
    meta = _meta(indicators)
    ids = tuple(meta.index)
    missing = [i for i in ids if i not in profile.columns]
    if missing:
        raise RecommendError(f"firm profile: missing the score column '{missing[0]}'")
    dims = list(dict.fromkeys(meta["dimension"]))
    membership = np.zeros((len(ids), len(dims)))
    for k, (dim, w) in enumerate(zip(meta["dimension"], meta["weight"], strict=True)):
        membership[k, dims.index(dim)] = w
    sums = membership.sum(axis=0)
    membership = membership / np.where(sums > 0, sums, 1.0)
    req_ids, buyers, levels, required = _requirement_levels(requirements, ids)
    fit = (
        gaps.pivot_table(
            index="firm_id", columns="requirement_id", values="kbli_fit", aggfunc="first"
        )
        if len(gaps)
        else pd.DataFrame()
    )
    kbli_fit = (
        fit.reindex(index=profile.index, columns=req_ids).fillna(False).to_numpy(bool)
        if len(gaps)
        else np.zeros((len(profile), len(req_ids)), dtype=bool)
    )
    held = np.column_stack(
        [profile[f"has_{c}"].astype("boolean").fillna(False).to_numpy(bool) for c in CERTIFICATES]
    )
    return EffectModel(
        firms=pd.Index(profile.index, name="firm_id"),
        indicators=ids,
        scores=profile[list(ids)].to_numpy(float),
        direction=meta["direction"].to_numpy(float),
        scale_min=meta["scale_min"].to_numpy(float),
        scale_max=meta["scale_max"].to_numpy(float),
        goal_low=meta["goal_low"].to_numpy(float),
        goal_high=meta["goal_high"].to_numpy(float),
        membership=membership,
        dimensions=tuple(dims),
        dimension_weight=_dimension_weights(meta, dims, dimension_weights),
        held=held,
        requirements=req_ids,
        buyers=buyers,
        levels=levels,
        required=required,
        kbli_fit=kbli_fit,
    )


@dataclass(frozen=True)
class ProgrammeArrays:
    """The catalogue as arrays over the model's indicators (K programmes).

    ``low``, ``mid``, ``high`` (K, I) gains (0 where a programme has no effect); ``delivers``
    (K, C) bool; ``prereq_levels`` (K, I) levels a firm must reach first (NaN = none);
    ``prereq_certs`` (K, C) certificates it must hold first; ``moves`` (K, D) bool: the
    dimensions a programme has a positive gain on.
    """

    programmes: pd.Index
    low: np.ndarray
    mid: np.ndarray
    high: np.ndarray
    delivers: np.ndarray
    prereq_levels: np.ndarray
    prereq_certs: np.ndarray
    moves: np.ndarray

    def positions(self, intervention_ids) -> np.ndarray:
        """Positions of programmes in :attr:`programmes` (-1 for an unknown one)."""
        # a dict look-up: called per action and per run batch, where get_indexer's set-up
        # cost more than the look-up itself
        at = self._position
        if at is None:  # repeated ids: get_indexer says so
            return self.programmes.get_indexer(list(intervention_ids))
        return np.array([at.get(p, -1) for p in intervention_ids], dtype=np.intp)

    @cached_property
    def _position(self) -> dict | None:
        if not self.programmes.is_unique:
            return None
        return {p: k for k, p in enumerate(self.programmes)}


def _cert_mask(items) -> np.ndarray:
    mask = np.zeros(len(CERTIFICATES), dtype=bool)
    for c in items:
        mask[CERTIFICATES.index(c)] = True
    return mask


def programme_arrays(catalogue, model: EffectModel) -> ProgrammeArrays:
    """The gains, prerequisites and delivered certificates of every programme, aligned with
    ``model``'s indicators."""
    ids = list(model.indicators)
    low, mid, high = (
        catalogue.gain_matrix(g, ids).to_numpy(float) for g in ("gain_low", "gain_mid", "gain_high")
    )
    programmes = catalogue.programmes
    delivers = np.array([_cert_mask(c) for c in programmes["delivers"]]).reshape(
        len(programmes), len(CERTIFICATES)
    )
    prereq_certs = np.array([_cert_mask(c) for c in programmes["prereq_certificates"]]).reshape(
        len(programmes), len(CERTIFICATES)
    )
    levels = catalogue.prerequisite_matrix(ids).to_numpy(float)
    moves = (high > 0).astype(int) @ (model.membership > 0).astype(int) > 0
    return ProgrammeArrays(
        pd.Index(programmes.index), low, mid, high, delivers, levels, prereq_certs, moves
    )


def action_effects(
    model: EffectModel, arrays: ProgrammeArrays, rows, steps, gains: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Effect of a programme, or of programmes taken one after the other, on firms ``rows``.

    At each step a firm takes part only if it then holds the programme's prerequisite
    certificates and reaches its prerequisite levels (an earlier step may have brought it
    there; a low Monte Carlo gain may leave it short).

    Parameters
    ----------
    model : EffectModel
    arrays : ProgrammeArrays
    rows : array_like of int
        Participants (positions in ``model.firms``).
    steps : array_like of int
        Programmes in order (positions in ``arrays.programmes``).
    gains : numpy.ndarray, (K, I) or (N, K, I)
        Gain per programme and indicator: one set (e.g. ``arrays.mid``) or one per Monte Carlo
        run.

    Returns
    -------
    made : numpy.ndarray of bool, (..., P, R)
        Requirements a participant becomes eligible for (not eligible before, eligible after).
    gain : numpy.ndarray, (..., P)
        Change of the participant's readiness composite (0 when it has none).
    closed : numpy.ndarray of int, (P, R), or None
        Gaps closed (indicators and certificates missing before and met after), for requirements
        the firm fits by KBLI; only for one set of gains (None for runs).

    Examples
    --------
    See ``tests/recommend/test_effects.py``: the result matches
    :func:`ikmpolicy.programmes.apply_programmes` followed by
    :func:`ikmpolicy.matching.requirement_gaps`.
    """
    rows = np.asarray(rows, dtype=int)
    gains = np.asarray(gains, float)
    lead = gains.shape[:-2]
    before = model.scores[rows]
    held0 = model.held[rows]
    scores = np.broadcast_to(before, lead + before.shape).copy()
    held = np.broadcast_to(held0, lead + held0.shape).copy()
    for k in np.asarray(steps, dtype=int):
        joins = _can_join(model, arrays, k, scores, held)
        moved = np.clip(
            scores + model.direction * gains[..., k, None, :], model.scale_min, model.scale_max
        )
        scores = np.where(joins[..., None], moved, scores)
        held = held | (joins[..., None] & arrays.delivers[k])
    made = model.eligible(rows, scores, held) & ~model.eligible(rows, before, held0)
    gain = model.composite(scores) - model.composite(before)
    gain = np.where(np.isnan(gain), 0.0, gain)
    closed = _gaps_closed(model, rows, before, scores, held0, held) if not lead else None
    return made, gain, closed


def _can_join(
    model: EffectModel, arrays: ProgrammeArrays, k: int, scores: np.ndarray, held: np.ndarray
) -> np.ndarray:
    levels = arrays.prereq_levels[k]
    with np.errstate(invalid="ignore"):
        ok = np.where(model.direction > 0, scores >= levels - EPS, scores <= levels + EPS)
    reach = np.where(np.isnan(levels), True, ok).all(axis=-1)
    certs = ~(arrays.prereq_certs[k] & ~held).any(axis=-1)
    return reach & certs


def _unmet(model: EffectModel, scores: np.ndarray) -> np.ndarray:
    """(P, R, I) bool: a level set and not reached (a missing score counts as not reached)."""
    s = scores[:, None, :]
    lv = model.levels[None, :, :]
    with np.errstate(invalid="ignore"):
        ok = np.where(model.direction > 0, s >= lv - EPS, s <= lv + EPS)
    return ~np.isnan(lv) & ~ok


def _gaps_closed(model, rows, before, after, held_before, held_after) -> np.ndarray:
    measured = ~np.isnan(before)[:, None, :]
    ind = (_unmet(model, before) & ~_unmet(model, after) & measured).sum(axis=-1)
    cert = (model.required[None] & ~held_before[:, None, :] & held_after[:, None, :]).sum(-1)
    return np.where(model.kbli_fit[rows], ind + cert, 0)
