"""Criteria weights from the FGD participants' pairwise judgements (AHP)."""

from __future__ import annotations

import pandas as pd

from ikmpolicy import mcda, pentahelix
from ikmpolicy.agreement import agreement_strength
from ikmpolicy.report import figures
from ikmpolicy.report.blocks import figure, note, paragraph, table
from ikmpolicy.report.content import Block, Section, runs
from ikmpolicy.report.i18n import Locale
from ikmpolicy.report.sections.context import (
    BriefContext,
    helix_labels,
    model_helices,
    org_names,
)


def _saaty(loc: Locale, value: float) -> str:
    """A judgement as written on Saaty's scale: 3 or 1/3."""
    return loc.number(value) if value >= 1 else f"1/{loc.number(1 / value)}"


def session_judgement_of(ctx: BriefContext):
    """The session's pairwise judgements summarised (None when there are none); cached."""
    if "judgement" not in ctx.cache:
        ds = ctx.dataset
        pw = ds["pairwise"]
        rows = pw[pw["session_id"] == ctx.session["session_id"]]
        result = None
        if not rows.empty:
            _, assigned = model_helices(ctx)
            helix_of_org = dict(zip(ds["stakeholders"]["org_id"], assigned, strict=True))
            respondent_org = rows.drop_duplicates("respondent_id").set_index("respondent_id")[
                "org_id"
            ]
            criteria = list(dict.fromkeys(ds.indicators["dimension"]))
            result = (
                rows,
                respondent_org,
                mcda.session_judgement(rows, respondent_org.map(helix_of_org), criteria),
            )
        ctx.cache["judgement"] = result
    return ctx.cache["judgement"]


def group_judgement(ctx: BriefContext) -> Section:
    """Criteria weights from the participants' pairwise judgements (AHP), by helix, with CRs."""
    loc, ds = ctx.loc, ctx.dataset
    judged = session_judgement_of(ctx)
    if judged is None:
        return Section("judgement", loc.t("section.judgement"), omitted=loc.t("judgement.none"))
    rows, respondent_org, result = judged
    names = {r.dimension: ctx.label(r) for r in ds.indicators.itertuples(index=False)}
    criteria = list(dict.fromkeys(ds.indicators["dimension"]))
    helices = pentahelix.helix_model(ds["helix_models"], ctx.helix_model)
    labels = helix_labels(ctx, helices)
    who = result.respondents
    parts: list[Block] = [
        paragraph(
            loc.t(
                "judgement.intro",
                respondents=len(who),
                orgs=respondent_org.nunique(),
                criteria=len(criteria),
                threshold=loc.number(mcda.CR_THRESHOLD, 2),
            )
        )
    ]
    if bool(rows["synthetic"].fillna(False).any()):
        parts.append(note(loc.t("judgement.synthetic"), kind="synthetic"))
    order = result.weights["all"].sort_values(ascending=False).index
    weights = result.weights.loc[order]
    parts.append(
        table(
            pd.DataFrame(
                {
                    "criterion": [names[c] for c in order],
                    "all": weights["all"].to_numpy(),
                    "consistent": weights["consistent"].to_numpy(),
                }
            ),
            headers=[
                loc.t("judgement.criterion"),
                loc.t("judgement.all", n=len(who)),
                loc.t("judgement.consistent", n=int(who["consistent"].sum())),
            ],
            formats={"all": lambda v: loc.percent(v, 1), "consistent": lambda v: loc.percent(v, 1)},
            numeric=["all", "consistent"],
            caption=loc.t("judgement.table_weights"),
        )
    )
    groups = [
        h for h in list(helices["helix"]) + [pentahelix.UNASSIGNED] if h in result.by_group.columns
    ]
    by_group = result.by_group.loc[order, groups + ["all"]]
    group_labels = [f"{labels[h]} (n={int((who['group'] == h).sum())})" for h in groups]
    parts.append(
        figure(
            figures.weights_by_group(
                by_group,
                [names[c] for c in order],
                group_labels + [loc.t("judgement.balanced")],
                [*groups, "all"],
                loc.t("judgement.axis"),
                lambda v: loc.percent(v),
            ),
            loc.t("judgement.figure"),
        )
    )
    w = float(result.agreement["W"])
    if pd.isna(w):  # every respondent weighed all dimensions equally: W is 0/0
        parts.append(paragraph(loc.t("judgement.agreement_tied")))
    else:
        parts.append(
            paragraph(
                loc.t(
                    "judgement.agreement",
                    w=loc.number(w, 2),
                    strength=loc.t("strength." + agreement_strength(w)),
                    p=loc.p_value(float(result.agreement["pval"])),
                )
            )
        )
    inconsistent = who[~who["consistent"]]
    if not inconsistent.empty:
        parts.append(
            note(
                loc.t("judgement.inconsistent", n=len(inconsistent), total=len(who)), kind="warning"
            )
        )
    names_of_orgs = org_names(ctx)
    shown = who.reset_index().assign(
        org=lambda f: f["respondent_id"].map(respondent_org).map(names_of_orgs),
        helix=lambda f: f["group"].map(labels),
        flag=[
            loc.t(
                "judgement.reconsider",
                a=names[r.reconsider_a],
                b=names[r.reconsider_b],
                value=_saaty(loc, r.reconsider_value),
                implied=loc.number(r.reconsider_implied, 1),
            )
            if not r.consistent
            else ""
            for r in who.itertuples()
        ],
    )
    parts.append(
        table(
            shown[["respondent_id", "org", "helix", "cr", "imputed", "flag"]],
            headers=[
                loc.t("judgement.respondent"),
                loc.t("participation.org"),
                loc.t("participation.helix"),
                "CR",
                loc.t("judgement.imputed"),
                loc.t("judgement.revisit"),
            ],
            formats={"cr": lambda v: loc.number(v, 3), "imputed": loc.number},
            numeric=["cr", "imputed"],
            caption=loc.t("judgement.table_respondents"),
            style="compact",
        )
    )
    return Section(
        "judgement",
        loc.t("section.judgement"),
        tuple(parts),
        lead=runs(loc.t("judgement.lead")),
        methods=runs(loc.t("judgement.method")),
        references=(
            "saaty-1980",
            "saaty-2003",
            "aczel-saaty-1983",
            "harker-1987",
            "kendall-1939",
            "friedman-1937",
            "schmidt-1997",
        ),
    )
