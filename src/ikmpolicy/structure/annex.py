"""A session's structural analyses for the technical annex: ISM/MICMAC and MACTOR.

:func:`session_ism` and :func:`session_mactor` return None when the session has no such data,
so the annex can leave the section out. Tables come with column names from the message
catalogue (``structure.yaml``) and figures with translated labels; the numbers come from
:mod:`ikmpolicy.structure` and :mod:`ikmpolicy.pentahelix.mactor`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ikmpolicy.pentahelix.mactor import (
    actor_power,
    convergences,
    divergences,
    mobilisation,
)
from ikmpolicy.report.i18n import Locale

from .ism import ISMResult, ism
from .micmac import QUADRANTS, micmac


def _label_column(lang: str) -> str:
    return "label_id" if lang == "id" else "label_en"


@dataclass(frozen=True)
class SessionISM:
    """ISM and MICMAC of one session's elements.

    Attributes
    ----------
    result : ISMResult
        Matrices, levels and powers.
    micmac : pandas.DataFrame
        ``driving_power``, ``dependence``, ``quadrant`` per element.
    labels : dict
        Element id -> label in the brief's language.
    experts : int
        Number of experts whose SSIM was aggregated.
    threshold, include_ties
        The aggregation rule used.
    """

    result: ISMResult
    micmac: pd.DataFrame
    labels: dict
    experts: int
    threshold: float
    include_ties: bool


def session_ism(
    dataset,
    session_id: str,
    lang: str = "id",
    threshold: float = 0.5,
    include_ties: bool = False,
    midpoint: float | None = None,
) -> SessionISM | None:
    """ISM of a session's elements from its experts' SSIM, or None without SSIM rows.

    Parameters
    ----------
    dataset : ikmpolicy.validation.Dataset
        Validated data.
    session_id : str
        The session.
    threshold, include_ties
        Aggregation rule (see :func:`ikmpolicy.structure.aggregate_reachability`).
    midpoint : float, optional
        MICMAC cut (default n / 2).

    Examples
    --------
    >>> from ikmpolicy.validation import load_dataset
    >>> s = session_ism(load_dataset("data/cilegon"), "fgd-2025-05-15")
    >>> s.experts, int(s.result.levels.max()) >= 2
    (6, True)
    """
    tables = dataset.tables
    if "ssim" not in tables or "fgd_elements" not in tables:
        return None
    ssim = tables["ssim"][tables["ssim"]["session_id"] == session_id]
    elements = tables["fgd_elements"][tables["fgd_elements"]["session_id"] == session_id]
    if ssim.empty or elements.empty:
        return None
    ids = list(elements["element_id"])
    result = ism(ssim, ids, threshold, include_ties)
    labels = dict(zip(elements["element_id"], elements[_label_column(lang)], strict=True))
    return SessionISM(
        result,
        micmac(result.final, midpoint),
        labels,
        int(ssim["expert_id"].nunique()),
        threshold,
        include_ties,
    )


def reachability_table(structure: SessionISM, loc: Locale) -> pd.DataFrame:
    """The final reachability matrix as published: ``1``, ``1*`` (added by transitivity) or
    ``0``, with the driving power of each row and the dependence of each column."""
    marked = structure.result.marked()
    power = structure.result.power
    table = marked.copy()
    table[loc.t("structure.driving_power")] = power["driving_power"].astype(str)
    dependence = [str(v) for v in power["dependence"]] + [""]
    table.loc[loc.t("structure.dependence")] = dependence
    table.index.name = loc.t("structure.element")
    return table.reset_index()


def levels_table(structure: SessionISM, loc: Locale) -> pd.DataFrame:
    """Per element: label, reachability, antecedent and intersection sets (of the iteration in
    which it took its level) and its level."""
    t = structure.result.partition.table
    return pd.DataFrame(
        {
            loc.t("structure.element"): t.index,
            loc.t("structure.label"): [structure.labels.get(e, e) for e in t.index],
            loc.t("structure.reachability_set"): [
                ", ".join(map(str, s)) for s in t["reachability"]
            ],
            loc.t("structure.antecedent_set"): [", ".join(map(str, s)) for s in t["antecedent"]],
            loc.t("structure.intersection_set"): [
                ", ".join(map(str, s)) for s in t["intersection"]
            ],
            loc.t("structure.level"): t["level"].to_numpy(),
        }
    )


def micmac_table(structure: SessionISM, loc: Locale) -> pd.DataFrame:
    """Per element: label, driving power, dependence and MICMAC quadrant (translated)."""
    m = structure.micmac
    return pd.DataFrame(
        {
            loc.t("structure.element"): m.index,
            loc.t("structure.label"): [structure.labels.get(e, e) for e in m.index],
            loc.t("structure.driving_power"): m["driving_power"].to_numpy(),
            loc.t("structure.dependence"): m["dependence"].to_numpy(),
            loc.t("structure.quadrant"): [loc.t(f"structure.quadrants.{q}") for q in m["quadrant"]],
        }
    )


def ism_figures(structure: SessionISM, loc: Locale):
    """The ISM digraph (boxes coloured by MICMAC quadrant) and the MICMAC plane."""
    from .figures import QUADRANT_COLOURS, ism_digraph, micmac_figure, quadrant_legend

    names = {q: loc.t(f"structure.quadrants.{q}") for q in QUADRANTS}
    colours = {e: QUADRANT_COLOURS[q] for e, q in structure.micmac["quadrant"].items()}
    labels = {e: f"{e}. {text}" for e, text in structure.labels.items()}
    digraph = ism_digraph(structure.result, labels, colours)
    quadrant_legend(digraph.axes[0], names)
    plane = micmac_figure(
        structure.micmac,
        None,
        names,
        (loc.t("structure.dependence"), loc.t("structure.driving_power")),
    )
    return digraph, plane


@dataclass(frozen=True)
class SessionMactor:
    """MACTOR of one session (Godet): power, convergences, divergences, mobilisation.

    Attributes
    ----------
    influence : pandas.DataFrame
        Direct influences (MDI), actors x actors.
    positions : pandas.DataFrame
        Positions (2MAO), actors x objectives.
    power : pandas.DataFrame
        :func:`ikmpolicy.pentahelix.actor_power` (influence, dependence, r_star, power).
    convergence, divergence : pandas.DataFrame
        3CAA and 3DAA (positions weighted by power).
    mobilisation : pandas.DataFrame
        Per objective: for, against, mobilisation (weighted).
    actor_labels, objective_labels : dict
        Display names.
    """

    influence: pd.DataFrame
    positions: pd.DataFrame
    power: pd.DataFrame
    convergence: pd.DataFrame
    divergence: pd.DataFrame
    mobilisation: pd.DataFrame
    actor_labels: dict
    objective_labels: dict


def session_mactor(dataset, session_id: str, lang: str = "id") -> SessionMactor | None:
    """MACTOR of a session, or None when it has no influence or no position rows.

    Actors are the organisations in the session's influence rows; a pair not scored counts
    as no influence (0). Positions not given count as neutral (0).

    Examples
    --------
    >>> from ikmpolicy.validation import load_dataset
    >>> m = session_mactor(load_dataset("data/cilegon"), "fgd-2025-05-15")
    >>> round(float(m.power["power"].mean()), 6)
    1.0
    """
    tables = dataset.tables
    needed = ("mactor_influence", "mactor_positions", "mactor_objectives")
    if any(n not in tables for n in needed):
        return None
    infl = tables["mactor_influence"][tables["mactor_influence"]["session_id"] == session_id]
    pos = tables["mactor_positions"][tables["mactor_positions"]["session_id"] == session_id]
    if infl.empty or pos.empty:
        return None
    actors = list(dict.fromkeys([*infl["org_id"], *infl["target_id"], *pos["org_id"]]))
    mdi = (
        infl.pivot_table(index="org_id", columns="target_id", values="influence", aggfunc="first")
        .reindex(index=actors, columns=actors)
        .astype(float)
        .fillna(0.0)
    )
    for actor in actors:
        mdi.loc[actor, actor] = 0.0
    objectives = tables["mactor_objectives"]
    objectives = objectives[objectives["session_id"] == session_id]
    order = list(objectives["objective_id"])
    mao = (
        pos.pivot_table(index="org_id", columns="objective_id", values="position", aggfunc="first")
        .reindex(index=actors, columns=order)
        .astype(float)
        .fillna(0.0)
    )
    power = actor_power(mdi)
    names = dict(zip(tables["stakeholders"]["org_id"], tables["stakeholders"]["name"], strict=True))
    return SessionMactor(
        influence=mdi,
        positions=mao,
        power=power,
        convergence=convergences(mao, power["power"]),
        divergence=divergences(mao, power["power"]),
        mobilisation=mobilisation(mao, power["power"]),
        actor_labels={a: names.get(a, a) for a in actors},
        objective_labels=dict(
            zip(objectives["objective_id"], objectives[_label_column(lang)], strict=True)
        ),
    )


def mactor_power_table(structure: SessionMactor, loc: Locale) -> pd.DataFrame:
    """Per actor: name, influence, dependence and normalised power (alpha_i)."""
    p = structure.power
    return pd.DataFrame(
        {
            loc.t("structure.actor"): [structure.actor_labels[a] for a in p.index],
            loc.t("structure.influence"): p["influence"].round(1).to_numpy(),
            loc.t("structure.actor_dependence"): p["dependence"].round(1).to_numpy(),
            loc.t("structure.power"): p["power"].round(2).to_numpy(),
        }
    )


def mactor_figures(structure: SessionMactor, loc: Locale):
    """MACTOR's actor map and the mobilisation on each objective."""
    from .figures import mactor_map, mobilisation_figure

    plane = mactor_map(
        structure.power,
        structure.actor_labels,
        (loc.t("structure.actor_dependence"), loc.t("structure.influence")),
    )
    bars = mobilisation_figure(
        structure.mobilisation,
        structure.objective_labels,
        (loc.t("structure.for"), loc.t("structure.against")),
    )
    return plane, bars
