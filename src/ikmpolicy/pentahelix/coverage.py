"""Coverage and balance of a helix model's helices, per session and across sessions.

Balance is Pielou's evenness: the Shannon entropy of the helix shares of the organisations
present, divided by its maximum, the log of the number of helices in the model,

    J = -sum_h p_h ln p_h / ln k,   p_h = n_h / sum n,   0 ln 0 = 0,

so J = 1 when every helix of the model sends the same number of organisations and J = 0 when
one helix alone is present. ``k`` counts every helix of the model, present or not, so an
absent helix lowers the index. Organisations are counted, not people: the sources give head
counts for few organisations.

References
----------
Shannon, C. E. (1948). "A mathematical theory of communication". *Bell System Technical
Journal* 27, 379-423.
Pielou, E. C. (1966). "The measurement of diversity in different types of biological
collections". *Journal of Theoretical Biology* 13, 131-144.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._errors import HelixModelError, PentahelixInputError, where
from .model import UNASSIGNED, helix_roles

#: ``session_id`` of the row that pools all sessions in :func:`helix_coverage`.
ALL_SESSIONS = "*"


def balance_index(counts) -> float:
    """Pielou's evenness J of counts per helix (normalised Shannon entropy, 0..1).

    Parameters
    ----------
    counts : array_like of float
        Organisations per helix, one entry for every helix of the model (zeros included).

    Returns
    -------
    float
        J in [0, 1]; NaN when nothing was counted or the model has fewer than two helices.

    Examples
    --------
    >>> balance_index([2, 2, 2, 2, 2])
    1.0
    >>> balance_index([5, 0, 0, 0, 0])
    0.0
    >>> round(balance_index([1, 1, 0, 0]), 4)  # ln 2 / ln 4
    0.5
    """
    n = np.asarray(counts, dtype=float)
    if n.ndim != 1:
        raise ValueError("counts must be one-dimensional: one count per helix")
    if (n < 0).any() or not np.isfinite(n).all():
        raise ValueError(f"counts must be finite and non-negative, got {n.tolist()}")
    if n.size < 2 or n.sum() == 0:
        return float("nan")
    p = n[n > 0] / n.sum()
    j = -(p * np.log(p)).sum() / np.log(n.size)
    return float(min(1.0, max(0.0, j)))  # clip rounding noise: J lies in [0, 1]


def _helix_of(
    stakeholders: pd.DataFrame, model_helix: pd.Series, helices: pd.DataFrame
) -> dict[str, str]:
    known = set(helices["helix"]) | {UNASSIGNED}
    for idx, helix in model_helix.items():
        if helix not in known:
            raise HelixModelError(
                f"{where(stakeholders, idx, 'stakeholders')}, column 'helix': found {helix!r}; "
                f"expected one of the model's helices: {', '.join(helices['helix'])}"
            )
    return dict(zip(stakeholders["org_id"], model_helix.to_numpy(), strict=True))


def _check_participation(participation: pd.DataFrame, helix_of: dict[str, str]) -> None:
    for idx, org in participation["org_id"].items():
        if org not in helix_of:
            raise PentahelixInputError(
                f"{where(participation, idx, 'participation')}, column 'org_id': found "
                f"{org!r}; expected an org_id that exists in stakeholders"
            )


def helix_coverage(
    participation: pd.DataFrame,
    stakeholders: pd.DataFrame,
    model_helix: pd.Series,
    helices: pd.DataFrame,
    sessions: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Organisations per helix of the model, per session and pooled over the sessions.

    Parameters
    ----------
    participation, stakeholders : pandas.DataFrame
        The validated tables.
    model_helix : pandas.Series
        :func:`~ikmpolicy.pentahelix.assign_helices` for ``stakeholders``.
    helices : pandas.DataFrame
        :func:`~ikmpolicy.pentahelix.helix_model` of the chosen model.
    sessions : iterable of str, optional
        Sessions to report, in this order (default: those in ``participation``, sorted).

    Returns
    -------
    pandas.DataFrame
        Long table ``session_id``, ``helix``, ``organisations``, ``share``, ``status`` with one
        row per session and helix of the model (zeros included; ``status`` ``'present'`` or
        ``'absent'``), a row ``helix='unassigned'`` (status ``'unassigned'``) where some
        organisation has no helix in the model, and the same rows for
        ``session_id='*'`` (:data:`ALL_SESSIONS`): distinct organisations over all the sessions.

    Examples
    --------
    >>> st = pd.DataFrame({"org_id": ["g", "b"], "helix": ["government", "business"],
    ...                    "sub_type": ["x", "y"]})
    >>> part = pd.DataFrame({"session_id": ["s", "s"], "org_id": ["g", "b"]})
    >>> hx = pd.DataFrame({"helix": ["government", "business", "media"]})
    >>> cov = helix_coverage(part, st, st["helix"], hx)
    >>> one = cov[cov.session_id == "s"]
    >>> list(one["helix"]), list(one["organisations"]), list(one["status"])
    (['government', 'business', 'media'], [1, 1, 0], ['present', 'present', 'absent'])
    """
    helix_of = _helix_of(stakeholders, model_helix, helices)
    _check_participation(participation, helix_of)
    order = list(helices["helix"])
    if sessions is None:
        sessions = sorted(participation["session_id"].unique())
    sessions = list(sessions)
    rows = []
    scopes = [
        (sid, participation.loc[participation["session_id"] == sid, "org_id"]) for sid in sessions
    ]
    scopes.append(
        (ALL_SESSIONS, participation.loc[participation["session_id"].isin(sessions), "org_id"])
    )
    for sid, orgs in scopes:
        counts = pd.Series([helix_of[o] for o in set(orgs)], dtype=object).value_counts()
        total = int(counts.sum())
        shown = order + ([UNASSIGNED] if counts.get(UNASSIGNED, 0) else [])
        for h in shown:
            n = int(counts.get(h, 0))
            status = "unassigned" if h == UNASSIGNED else ("present" if n else "absent")
            rows.append((sid, h, n, n / total if total else float("nan"), status))
    return pd.DataFrame(rows, columns=["session_id", "helix", "organisations", "share", "status"])


def helix_balance(coverage: pd.DataFrame) -> pd.DataFrame:
    """One row per session of :func:`helix_coverage`: how many helices came and how evenly.

    Returns columns ``session_id``, ``organisations`` (all, unassigned included),
    ``unassigned``, ``helices_present``, ``helices_total``, ``balance`` (:func:`balance_index`
    over the model's helices; unassigned organisations are left out of it), ``absent`` (tuple
    of helix ids) and ``status``: ``'no_participants'``, ``'absent_helix'`` or ``'complete'``.

    Examples
    --------
    >>> cov = pd.DataFrame({"session_id": ["s", "s"], "helix": ["a", "b"],
    ...                     "organisations": [2, 0], "share": [1.0, 0.0],
    ...                     "status": ["present", "absent"]})
    >>> helix_balance(cov)[["helices_present", "balance", "absent", "status"]].to_dict("records")
    [{'helices_present': 1, 'balance': 0.0, 'absent': ('b',), 'status': 'absent_helix'}]
    """
    out = []
    for sid, rows in coverage.groupby("session_id", sort=False):
        modelled = rows[rows["status"] != "unassigned"]
        absent = tuple(modelled.loc[modelled["organisations"] == 0, "helix"])
        total = int(rows["organisations"].sum())
        if total == 0:
            status = "no_participants"
        elif absent:
            status = "absent_helix"
        else:
            status = "complete"
        out.append(
            {
                "session_id": sid,
                "organisations": total,
                "unassigned": int(rows.loc[rows["status"] == "unassigned", "organisations"].sum()),
                "helices_present": int((modelled["organisations"] > 0).sum()),
                "helices_total": len(modelled),
                "balance": balance_index(modelled["organisations"].to_numpy()),
                "absent": absent,
                "status": status,
            }
        )
    return pd.DataFrame(out)


def absent_helix_warnings(
    coverage: pd.DataFrame, helix_models: pd.DataFrame, model: str
) -> pd.DataFrame:
    """Each helix absent from a session, with the role that goes unplayed (what it costs).

    Returns columns ``session_id``, ``helix``, ``code`` (always ``'absent'``), ``role_id``,
    ``role_en``: the role the data gives that helix (e.g. media: promotion and publicity).

    Examples
    --------
    >>> cov = pd.DataFrame({"session_id": ["s", "s"], "helix": ["government", "media"],
    ...                     "organisations": [3, 0], "share": [1.0, 0.0],
    ...                     "status": ["present", "absent"]})
    >>> hm = pd.DataFrame({"model": ["m", "m"], "helix": ["government", "media"],
    ...                    "order": [1, 2], "label_id": ["", ""], "label_en": ["", ""],
    ...                    "role_id": ["Pelatihan", "Promosi"],
    ...                    "role_en": ["Training", "Promotion"]})
    >>> absent_helix_warnings(cov, hm, "m")[["helix", "code", "role_en"]].to_dict("records")
    [{'helix': 'media', 'code': 'absent', 'role_en': 'Promotion'}]
    """
    roles = helix_roles(helix_models, model).set_index("helix")
    absent = coverage[coverage["status"] == "absent"]
    unknown = set(absent["helix"]) - set(roles.index)
    if unknown:
        raise HelixModelError(f"helices {sorted(unknown)} are not in helix model {model!r}")
    return pd.DataFrame(
        {
            "session_id": absent["session_id"].to_numpy(),
            "helix": absent["helix"].to_numpy(),
            "code": "absent",
            "role_id": [roles.at[h, "role_id"] for h in absent["helix"]],
            "role_en": [roles.at[h, "role_en"] for h in absent["helix"]],
        }
    )
