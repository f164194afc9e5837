"""Candidate actions: a programme (or a short sequence of programmes) for a target group.

Target groups
    ``sub_sector``: the firms of a sub-sector;
    ``requirement``: the near-ready firms of a buyer requirement
    (:func:`ikmpolicy.matching.near_ready`): one action per programme that addresses one of
    their gaps or missing certificates, and one per cheapest multi-programme path shared by
    several of them.

Participants
    Firms of the group that have been assessed, can take part
    (:func:`ikmpolicy.programmes.can_take_part`; for a sequence, the first programme) and would
    gain something (a score that moves or a certificate they lack). When more firms qualify than
    the programme's yearly capacity (the smallest capacity along a sequence) takes, those that
    the programme makes eligible for the most requirements come first, then the largest
    readiness gain, then the firm id. An unknown capacity sets no limit.

Each action carries its cost (unit cost x participants, summed along a sequence), its time to
effect (the programme's months; for a sequence, the critical path :func:`~ikmpolicy.matching
.near_ready` gives), its lead organisation (the owner of the programme, the costliest one of a
sequence) with its helix, and partners: the owners of the other programmes of a sequence, then
the organisations present at the session whose helix is among the programmes' partner helices
(the programme's ``partner_helices`` say whose role fits), other than the lead and other than
the beneficiaries themselves (organisations of the sub-types in ``beneficiary_sub_types``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ikmpolicy.programmes import can_take_part
from ikmpolicy.schema import CLASSIC_HELICES

from .effects import EffectModel, ProgrammeArrays, action_effects

__all__ = ["ACTION_COLUMNS", "action_id", "candidate_actions", "nominal_effects"]

#: Columns of the candidate table (effects are added by :func:`nominal_effects`).
ACTION_COLUMNS = (
    "intervention_id",
    "programmes",
    "target_kind",
    "target_id",
    "participants",
    "firms",
    "pool",
    "cost_idr",
    "months",
    "lead_id",
    "lead_helix",
    "partner_ids",
    "themes",
)


def action_id(programmes: Sequence[str], kind: str, target: str) -> str:
    """A readable, stable id: ``"certification_testing@sub_sector:parts_fabrication"``.

    Examples
    --------
    >>> action_id(["licensing_assistance", "standardisation"], "requirement", "REQ-05")
    'licensing_assistance+standardisation@requirement:REQ-05'
    """
    return f"{'+'.join(programmes)}@{kind}:{target}"


def _gains_something(
    model: EffectModel, arrays: ProgrammeArrays, rows: np.ndarray, k: int
) -> np.ndarray:
    """Whether a firm's scores would move or it would get a certificate it lacks."""
    scores = model.scores[rows]
    moved = np.clip(scores + model.direction * arrays.mid[k], model.scale_min, model.scale_max)
    changed = (np.abs(np.nan_to_num(moved - scores)) > 1e-12).any(axis=1)
    new_cert = (arrays.delivers[k] & ~model.held[rows]).any(axis=1)
    return changed | new_cert


def _order(model, arrays, rows, steps) -> np.ndarray:
    """Rows sorted: most requirements made eligible, then largest readiness gain, then id."""
    if len(rows) == 0:
        return rows
    made, gain, _ = action_effects(model, arrays, rows, steps, arrays.mid)
    ids = model.firms[rows].astype(str).to_numpy()
    order = np.lexsort((ids, -np.round(gain, 12), -made.sum(axis=1)))
    return rows[order]


def _capacity(catalogue, programmes: Sequence[str]) -> float:
    caps = [catalogue.programmes.at[p, "capacity"] for p in programmes]
    known = [float(c) for c in caps if not pd.isna(c)]
    return min(known) if known else np.inf


class _Context:
    """What every action of one session shares."""

    def __init__(
        self, profile, catalogue, model, arrays, stakeholders, present, beneficiary_sub_types
    ):
        self.profile = profile
        self.catalogue = catalogue
        self.model = model
        self.arrays = arrays
        self.helix = dict(zip(stakeholders["org_id"], stakeholders["helix"], strict=True))
        sub_type = dict(zip(stakeholders["org_id"], stakeholders["sub_type"], strict=True))
        self.present = [
            o
            for o in dict.fromkeys(present)
            if o in self.helix and sub_type.get(o) not in beneficiary_sub_types
        ]
        assessed = (
            profile["assessment_date"].notna().to_numpy()
            if "assessment_date" in profile.columns
            else np.ones(len(profile), bool)
        )
        self.assessed = assessed
        self.can = {
            k: can_take_part(profile, catalogue, k)
            .reindex(model.firms)
            .fillna(False)
            .to_numpy(bool)
            for k in catalogue.programmes.index
        }
        self._pools: dict[str, np.ndarray] = {}

    def pool(self, programme: str) -> np.ndarray:
        """Rows of the assessed firms that can take part in ``programme`` and gain from it
        (computed once per programme: each requirement asks again; read-only)."""
        if programme not in self._pools:
            k = int(self.arrays.positions([programme])[0])
            rows = np.flatnonzero(self.can[programme] & self.assessed)
            rows = rows[_gains_something(self.model, self.arrays, rows, k)]
            rows.flags.writeable = False
            self._pools[programme] = rows
        return self._pools[programme]

    def describe(self, programmes: Sequence[str], months) -> dict:
        cat = self.catalogue.programmes
        costs = {p: float(cat.at[p, "unit_cost_idr"]) for p in programmes}
        main = max(programmes, key=lambda p: (costs[p], -programmes.index(p)))
        lead = cat.at[main, "owner_id"]
        lead = None if pd.isna(lead) else str(lead)
        others = [
            str(cat.at[p, "owner_id"])
            for p in programmes
            if p != main and not pd.isna(cat.at[p, "owner_id"])
        ]
        helices = {h for p in programmes for h in cat.at[p, "partner_helices"]}
        present = sorted(
            (o for o in self.present if self.helix[o] in helices),
            key=lambda o: (CLASSIC_HELICES.index(self.helix[o]), o),
        )
        partners = tuple(o for o in dict.fromkeys(others + present) if o != lead)
        themes = tuple(dict.fromkeys(t for p in programmes for t in cat.at[p, "themes"]))
        return {
            "intervention_id": main,
            "programmes": tuple(programmes),
            "unit_cost": sum(costs.values()),
            "months": months,
            "lead_id": lead,
            "lead_helix": self.helix.get(lead, cat.at[main, "owner_helix"]),
            "partner_ids": partners,
            "themes": themes,
        }


def _action(ctx: _Context, programmes, kind, target, rows, months) -> dict:
    steps = ctx.arrays.positions(programmes)
    ordered = _order(ctx.model, ctx.arrays, rows, steps)
    cap = _capacity(ctx.catalogue, programmes)
    chosen = ordered[: int(cap)] if np.isfinite(cap) else ordered
    info = ctx.describe(list(programmes), months)
    participants = tuple(ctx.model.firms[np.sort(chosen)].astype(str))
    return {
        "action_id": action_id(programmes, kind, target),
        **info,
        "target_kind": kind,
        "target_id": target,
        "participants": participants,
        "firms": len(participants),
        "pool": len(rows),
        "cost_idr": info.pop("unit_cost") * len(participants),
    }


def _months(catalogue, programme: str) -> float:
    value = catalogue.programmes.at[programme, "months_to_effect"]
    return np.nan if pd.isna(value) else float(value)


def _sub_sector_actions(ctx: _Context, by: str) -> list[dict]:
    groups = ctx.profile[by].astype(str).reindex(ctx.model.firms).to_numpy()
    out = []
    for programme in ctx.catalogue.programmes.index:
        pool = ctx.pool(programme)
        for group in sorted(set(groups[pool])):
            rows = pool[groups[pool] == group]
            out.append(
                _action(
                    ctx, [programme], "sub_sector", group, rows, _months(ctx.catalogue, programme)
                )
            )
    return out


def _addresses(catalogue, programme: str, gaps: tuple, missing: tuple, moved: set) -> bool:
    """Whether ``programme`` raises an indicator of ``gaps`` (``moved``: those it raises) or
    delivers a certificate of ``missing``."""
    delivers = set(catalogue.programmes.at[programme, "delivers"])
    return bool(moved & set(gaps)) or bool(delivers & set(missing))


def _requirement_actions(ctx: _Context, near: pd.DataFrame) -> list[dict]:
    if near is None or near.empty:
        return []
    out = []
    rows_of = dict(zip(ctx.model.firms.astype(str), range(len(ctx.model.firms)), strict=True))
    mid = pd.DataFrame(
        ctx.arrays.mid, index=ctx.arrays.programmes, columns=list(ctx.model.indicators)
    )
    # the indicators each programme raises, once (not once per firm and requirement)
    moved = {
        programme: {i for i, g in mid.loc[programme].items() if g > 0}
        for programme in ctx.catalogue.programmes.index
    }
    for req, group in near.groupby("requirement_id", sort=True):
        for programme in ctx.catalogue.programmes.index:
            pool = set(ctx.pool(programme))
            rows = [
                rows_of[f]
                for f, g, m in zip(
                    group["firm_id"], group["gaps"], group["missing_certificates"], strict=True
                )
                if rows_of.get(f) in pool
                and _addresses(ctx.catalogue, programme, g, m, moved[programme])
            ]
            if rows:
                out.append(
                    _action(
                        ctx,
                        [programme],
                        "requirement",
                        str(req),
                        np.array(sorted(set(rows))),
                        _months(ctx.catalogue, programme),
                    )
                )
        paths = group[group["reachable"].astype(bool) & (group["path"].map(len) > 1)]
        for path, members in paths.groupby("path", sort=True):
            rows = np.array(sorted(rows_of[f] for f in members["firm_id"] if f in rows_of))
            first = ctx.can[path[0]][rows] if len(rows) else rows.astype(bool)
            months = members["path_months"].iloc[0]
            out.append(
                _action(
                    ctx,
                    list(path),
                    "requirement",
                    str(req),
                    rows[first],
                    np.nan if pd.isna(months) else float(months),
                )
            )
    return out


def candidate_actions(
    profile: pd.DataFrame,
    catalogue,
    model: EffectModel,
    arrays: ProgrammeArrays,
    near: pd.DataFrame | None,
    stakeholders: pd.DataFrame,
    present: Sequence[str],
    *,
    by: str = "sub_sector",
    min_firms: int = 3,
    beneficiary_sub_types: Sequence[str] = ("ikm",),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every candidate action of a session, and those set aside with the reason.

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`ikmpolicy.matching.firm_profile` as of the reference date.
    catalogue : ikmpolicy.programmes.Catalogue
    model, arrays : EffectModel, ProgrammeArrays
        :func:`~ikmpolicy.recommend.effects.effect_model` of ``profile`` and
        :func:`~ikmpolicy.recommend.effects.programme_arrays`.
    near : pandas.DataFrame or None
        :func:`ikmpolicy.matching.near_ready` of ``profile``.
    stakeholders : pandas.DataFrame
        The ``stakeholders`` table.
    present : sequence of str
        Organisations that took part in the session.
    by : str
        Profile column of the groups (``"sub_sector"``).
    min_firms : int
        Fewest participants an action may have (3: groups of fewer firms are not reported).
    beneficiary_sub_types : sequence of str
        Sub-types of the organisations that stand for the firms themselves (never partners).

    Returns
    -------
    actions : pandas.DataFrame
        Indexed by ``action_id``; columns :data:`ACTION_COLUMNS`.
    excluded : pandas.DataFrame
        ``action_id``, ``intervention_id``, ``target_kind``, ``target_id``, ``firms``,
        ``reason`` (``"fewer_firms"`` or ``"duplicate"``: same programmes and participants as
        an action listed before it).
    """
    ctx = _Context(
        profile, catalogue, model, arrays, stakeholders, present, set(beneficiary_sub_types)
    )
    rows = _sub_sector_actions(ctx, by) + _requirement_actions(ctx, near)
    kept, excluded, seen = [], [], {}
    for row in rows:
        key = (row["programmes"], row["participants"])
        reason = "fewer_firms" if row["firms"] < min_firms else "duplicate" if key in seen else None
        if reason:
            excluded.append(
                {
                    "action_id": row["action_id"],
                    "intervention_id": row["intervention_id"],
                    "target_kind": row["target_kind"],
                    "target_id": row["target_id"],
                    "firms": row["firms"],
                    "reason": reason,
                }
            )
            continue
        seen[key] = row["action_id"]
        kept.append(row)
    actions = pd.DataFrame(kept, columns=["action_id", *ACTION_COLUMNS]).set_index("action_id")
    actions["months"] = actions["months"].astype(float)
    excluded = pd.DataFrame(
        excluded,
        columns=["action_id", "intervention_id", "target_kind", "target_id", "firms", "reason"],
    )
    return actions, excluded


def nominal_effects(
    actions: pd.DataFrame, model: EffectModel, arrays: ProgrammeArrays
) -> pd.DataFrame:
    """Add the expected effects (catalogue ``gain_mid``) of every action.

    Added columns: ``eligible_pairs`` (tuple of ``(firm_id, requirement_id)`` made eligible),
    ``n_eligible_pairs``, ``n_eligible_firms``, ``requirements_opened`` (tuple of
    ``(requirement_id, firms)``, most first), ``gaps_closed`` (indicator and certificate gaps
    closed, over requirements the firms fit by KBLI), ``readiness_gain_total`` (index points
    summed over participants) and ``readiness_gain_mean`` (per participant).
    """
    out = actions.copy()
    cols = {
        c: []
        for c in (
            "eligible_pairs",
            "n_eligible_pairs",
            "n_eligible_firms",
            "requirements_opened",
            "gaps_closed",
            "readiness_gain_total",
            "readiness_gain_mean",
        )
    }
    reqs = model.requirements.astype(str)
    for programmes, participants in zip(out["programmes"], out["participants"], strict=True):
        rows = model.rows(participants)
        made, gain, closed = action_effects(
            model, arrays, rows, arrays.positions(programmes), arrays.mid
        )
        pairs = tuple((participants[p], reqs[r]) for p, r in zip(*np.nonzero(made), strict=True))
        per_req = made.sum(axis=0)
        opened = tuple(
            sorted(
                ((reqs[r], int(n)) for r, n in enumerate(per_req) if n), key=lambda t: (-t[1], t[0])
            )
        )
        cols["eligible_pairs"].append(pairs)
        cols["n_eligible_pairs"].append(len(pairs))
        cols["n_eligible_firms"].append(int(made.any(axis=1).sum()))
        cols["requirements_opened"].append(opened)
        cols["gaps_closed"].append(int(closed.sum()))
        cols["readiness_gain_total"].append(float(gain.sum()))
        cols["readiness_gain_mean"].append(float(gain.mean()) if len(gain) else 0.0)
    for c, values in cols.items():
        out[c] = pd.Series(
            values,
            index=out.index,
            dtype=object if c in ("eligible_pairs", "requirements_opened") else None,
        )
    return out
