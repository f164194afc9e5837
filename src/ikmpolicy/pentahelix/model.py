"""The helix model: which helix each organisation belongs to, and who took part in a session.

A helix model is data (``helix_models`` and ``helix_assignment``): the classic pentahelix
(academia, business, community, government, media) or a regional variant such as the Cilegon
office's own (IKM, government, academia, large industry, local community; no media; Mitra
Aspirasi, 15 May 2025). An organisation's helix under a model is the model's assignment for its
sub-type, else its classic helix if the model has that helix, else it is unassigned.
The role each helix plays is data too (``role_id``/``role_en`` of ``helix_models``), so a region
can change it without code: :func:`helix_roles`.
"""

from __future__ import annotations

import pandas as pd

from ._errors import HelixModelError

UNASSIGNED = "unassigned"


def helix_model(helix_models: pd.DataFrame, model: str) -> pd.DataFrame:
    """The helices of one model in display order.

    Examples
    --------
    >>> hm = pd.DataFrame({"model": ["m", "m"], "helix": ["b", "a"], "order": [2, 1],
    ...                    "label_id": ["B", "A"], "label_en": ["B", "A"]})
    >>> list(helix_model(hm, "m")["helix"])
    ['a', 'b']
    """
    rows = helix_models[helix_models["model"] == model]
    if rows.empty:
        known = ", ".join(sorted(helix_models["model"].unique()))
        raise HelixModelError(f"helix model {model!r} is not in helix_models; known: {known}")
    return rows.sort_values(["order", "helix"]).reset_index(drop=True)


def helix_roles(helix_models: pd.DataFrame, model: str) -> pd.DataFrame:
    """The role each helix of ``model`` plays, as the data says (columns ``helix``, ``role_id``,
    ``role_en``; empty text where the data gives no role).

    Examples
    --------
    >>> hm = pd.DataFrame({"model": ["m"], "helix": ["government"], "order": [1],
    ...                    "label_id": ["Pemerintah"], "label_en": ["Government"],
    ...                    "role_id": ["Pelatihan"], "role_en": ["Training"]})
    >>> helix_roles(hm, "m").to_dict("records")
    [{'helix': 'government', 'role_id': 'Pelatihan', 'role_en': 'Training'}]
    """
    rows = helix_model(helix_models, model)
    out = pd.DataFrame({"helix": rows["helix"]})
    for col in ("role_id", "role_en"):
        out[col] = rows[col].fillna("").astype(str) if col in rows.columns else ""
    return out


def assign_helices(
    stakeholders: pd.DataFrame,
    helix_models: pd.DataFrame,
    helix_assignment: pd.DataFrame,
    model: str,
) -> pd.Series:
    """Each organisation's helix under ``model`` (``"unassigned"`` where the model has none).

    Returns a Series indexed like ``stakeholders``.

    Examples
    --------
    >>> st = pd.DataFrame({"org_id": ["x", "y"], "helix": ["business", "media"],
    ...                    "sub_type": ["ikm", "press"]})
    >>> hm = pd.DataFrame({"model": ["c", "c"], "helix": ["ikm", "government"],
    ...                    "order": [1, 2], "label_id": ["", ""], "label_en": ["", ""]})
    >>> ha = pd.DataFrame({"model": ["c"], "sub_type": ["ikm"], "helix": ["ikm"]})
    >>> list(assign_helices(st, hm, ha, "c"))
    ['ikm', 'unassigned']
    """
    helices = set(helix_model(helix_models, model)["helix"])
    mapping = helix_assignment[helix_assignment["model"] == model]
    by_sub_type = dict(zip(mapping["sub_type"], mapping["helix"], strict=True))
    assigned = [
        by_sub_type.get(sub, classic if classic in helices else UNASSIGNED)
        for sub, classic in zip(stakeholders["sub_type"], stakeholders["helix"], strict=True)
    ]
    return pd.Series(assigned, index=stakeholders.index, name="model_helix", dtype=object)


def session_participants(
    participation: pd.DataFrame, stakeholders: pd.DataFrame, model_helix: pd.Series, session_id: str
) -> pd.DataFrame:
    """Organisations at a session with their helix, roles (joined by ``;``) and people sent.

    ``model_helix`` is :func:`assign_helices` for the stakeholders. People is the sum of the
    counts given (missing when no row gives one).
    """
    rows = participation[participation["session_id"] == session_id]
    orgs = stakeholders.assign(model_helix=model_helix.to_numpy())
    grouped = (
        rows.groupby("org_id", sort=True)
        .agg(
            roles=("role", lambda r: ";".join(sorted(set(r)))),
            people=("people", lambda p: p.sum(min_count=1)),
        )
        .reset_index()
    )
    return grouped.merge(
        orgs[["org_id", "name", "model_helix", "sub_type"]],
        on="org_id",
        how="left",
        validate="one_to_one",
    )


def helix_counts(participants: pd.DataFrame, helices: pd.DataFrame) -> pd.DataFrame:
    """Number of organisations per helix of the model, zeros included, plus unassigned if any.

    Returns columns ``helix``, ``organisations``, ``share`` (of all organisations present).
    """
    order = list(helices["helix"])
    counts = participants["model_helix"].value_counts()
    if counts.get(UNASSIGNED, 0):
        order.append(UNASSIGNED)
    organisations = [int(counts.get(h, 0)) for h in order]
    total = sum(organisations)
    return pd.DataFrame(
        {
            "helix": order,
            "organisations": organisations,
            "share": [c / total if total else float("nan") for c in organisations],
        }
    )
