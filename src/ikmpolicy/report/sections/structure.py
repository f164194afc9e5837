"""Annex sections on the structure of what the FGD named: ISM/MICMAC of its elements and the
MACTOR analysis of its actors (each only when the session has such data).

Numbers and figures come from :mod:`ikmpolicy.structure`; this module picks, formats and words.
"""

from __future__ import annotations

import pandas as pd

from ikmpolicy.report.blocks import figure, table
from ikmpolicy.report.content import Block, Section, runs
from ikmpolicy.report.sections.context import BriefContext
from ikmpolicy.structure.annex import (
    ism_figures,
    levels_table,
    mactor_figures,
    mactor_power_table,
    micmac_table,
    reachability_table,
    session_ism,
    session_mactor,
)


def _numbers(frame: pd.DataFrame, ctx: BriefContext, digits: dict[str, int]) -> dict:
    return {
        c: (lambda v, d=d: ctx.loc.number(v, d)) for c, d in digits.items() if c in frame.columns
    }


def ism_structure(ctx: BriefContext) -> Section:
    """Which elements the FGD named drive the others (ISM levels and the MICMAC quadrants)."""
    loc = ctx.loc
    title = loc.t("structure.section_ism")
    found = session_ism(ctx.dataset, ctx.session["session_id"], ctx.lang)
    if found is None:
        return Section("ism", title, omitted=loc.t("structure.no_ssim"))
    digraph, plane = ism_figures(found, loc)
    reach = reachability_table(found, loc)
    levels = levels_table(found, loc)
    quadrants = micmac_table(found, loc)
    blocks: list[Block] = [
        figure(digraph, loc.t("structure.figure_digraph")),
        table(
            levels,
            numeric=[loc.t("structure.level")],
            caption=loc.t("structure.table_levels"),
            style="compact",
        ),
        table(
            reach,
            numeric=list(reach.columns[1:]),
            caption=loc.t("structure.table_reachability"),
            row_headers=True,
            style="compact",
        ),
        figure(plane, loc.t("structure.figure_micmac"), width=0.7),
        table(
            quadrants,
            numeric=[loc.t("structure.driving_power"), loc.t("structure.dependence")],
            caption=loc.t("structure.table_micmac"),
            style="compact",
        ),
    ]
    ties = loc.t("structure.ties_link" if found.include_ties else "structure.ties_no_link")
    cut = found.micmac.attrs["midpoint"]  # the cut micmac used (n / 2 unless given)
    method = runs(
        loc.t(
            "structure.method_ism",
            experts=loc.number(found.experts),
            threshold=loc.percent(found.threshold),
            ties=ties,
        ),
        " ",
        loc.t("structure.method_micmac", midpoint=loc.number(cut, 1)),
    )
    return Section(
        "ism",
        title,
        tuple(blocks),
        lead=runs(loc.t("structure.lead_ism")),
        methods=method,
        references=(
            "warfield-1974",
            "warfield-1976",
            "sage-1977",
            "marimin-2004",
            "mandal-deshmukh-1994",
        ),
    )


def actor_analysis(ctx: BriefContext) -> Section:
    """MACTOR: the actors' relative power and how they would mobilise on each objective."""
    loc = ctx.loc
    title = loc.t("structure.section_mactor")
    found = session_mactor(ctx.dataset, ctx.session["session_id"], ctx.lang)
    if found is None:
        return Section("mactor", title, omitted=loc.t("structure.no_mactor"))
    power = mactor_power_table(found, loc)
    plane, bars = mactor_figures(found, loc)
    numbers = {
        loc.t("structure.influence"): 1,
        loc.t("structure.actor_dependence"): 1,
        loc.t("structure.power"): 2,
    }
    blocks: list[Block] = [
        table(
            power,
            numeric=list(numbers),
            formats=_numbers(power, ctx, numbers),
            caption=loc.t("structure.table_mactor_power"),
            style="compact",
        ),
        figure(plane, loc.t("structure.figure_mactor_map"), width=0.8),
        figure(bars, loc.t("structure.figure_mobilisation"), width=0.8),
    ]
    return Section(
        "mactor",
        title,
        tuple(blocks),
        lead=runs(loc.t("structure.lead_mactor")),
        methods=runs(loc.t("structure.method_mactor")),
        references=("godet-1991", "godet-2001", "bendahan-2004"),
    )
