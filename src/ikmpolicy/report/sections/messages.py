"""The sentences of page 1 and page 4: the title that states the message, the key findings,
the method in five sentences and what the previous brief recommended.

Each sentence takes its numbers from the computation the annex shows (cached in the context),
so page 1 and the annex cannot disagree. No sentence opens with a numeral: a count that would
start a sentence is written in words.
"""

from __future__ import annotations

from ikmpolicy import pentahelix, profile
from ikmpolicy.report.content import Runs, runs
from ikmpolicy.report.sections.context import (
    BriefContext,
    helix_labels,
    indicator_labels,
    latest_assessment,
    participants_with_helix,
    sourced_records,
)
from ikmpolicy.report.sections.index import index_of
from ikmpolicy.report.sections.judgement import session_judgement_of
from ikmpolicy.report.sections.ledger import ledger_of, needs_of, needs_phrase
from ikmpolicy.report.sections.profile import lowest_shown


def capitalised_count(ctx: BriefContext, n: int) -> str:
    """A count written in words with a capital, for the start of a sentence ("Tujuh")."""
    from num2words import num2words

    text = num2words(int(n), lang=ctx.lang)
    return text[:1].upper() + text[1:]


def message_title(ctx: BriefContext) -> str:
    """The brief's title: its main message, not the event's name.

    The top recommendation when there is one; else that the event's evidence cannot yet
    support a recommendation (the first key message says why).
    """
    from ikmpolicy.report.sections.recommendations import headline

    line = headline(ctx)
    return line if line else ctx.loc.t("headline.none", title=str(ctx.session["title"]))


def _helix_finding(ctx: BriefContext) -> Runs | None:
    loc = ctx.loc
    people, helices = participants_with_helix(ctx)
    if people.empty:
        return None
    counts = pentahelix.helix_counts(people, helices)
    modelled = counts[counts["helix"] != pentahelix.UNASSIGNED]
    labels = helix_labels(ctx, helices)
    absent = modelled[modelled["organisations"] == 0]["helix"].tolist()
    if not absent:
        return runs(loc.t("points.all_helices", total=loc.number(len(modelled))))
    roles = pentahelix.helix_roles(ctx.dataset["helix_models"], ctx.helix_model).set_index("helix")
    role = [
        str(roles.loc[h, f"role_{ctx.lang}"] or "").strip() if h in roles.index else ""
        for h in absent
    ]
    role_text = "; ".join(r for r in role if r) or loc.t("points.role_unknown")
    return runs(
        loc.t(
            "points.absent_helices",
            helices=loc.join([labels[h] for h in absent]),
            present=loc.number(len(modelled) - len(absent)),
            total=loc.number(len(modelled)),
            roles=role_text,
        )
    )


def _readiness_finding(ctx: BriefContext) -> Runs | None:
    loc = ctx.loc
    scores = latest_assessment(ctx)
    if scores.empty:
        return None
    indicators = list(ctx.dataset.indicators["indicator"])
    overall = profile.dimension_profile(scores, ctx.dataset["firms"], indicators)
    if overall["suppressed"].iloc[0]:
        return None
    means = overall[indicators].iloc[0].dropna().sort_values(kind="stable")
    names = indicator_labels(ctx)
    if means.empty:
        return None
    weakest = means.index[0]
    # dimensions whose means the sentence cannot tell apart from the lowest: with all of them,
    # none is "the weakest"; with some, each is named, not the first
    shown = means.map(lambda v: loc.number(v, 1))
    tied = lowest_shown(means, lambda v: loc.number(v, 1))
    if len(tied) == len(means) > 1:
        return runs(
            loc.t(
                "points.weakest_none",
                mean=shown.iloc[0],
                top=loc.number(ctx.dataset.indicators["scale_max"].max()),
                firms=loc.number(int(overall["firms"].iloc[0])),
            )
        )
    scale_max = ctx.dataset.indicators.set_index("indicator").loc[weakest, "scale_max"]
    if len(tied) > 1:
        return runs(
            loc.t(
                "points.weakest_tied",
                dimensions=loc.join([names[i].lower() for i in tied]),
                mean=shown.iloc[0],
                top=loc.number(scale_max),
                firms=loc.number(int(overall["firms"].iloc[0])),
            )
        )
    judged = session_judgement_of(ctx)
    dimension = ctx.dataset.indicators.set_index("indicator").loc[weakest, "dimension"]
    if judged is not None:
        weights = judged[2].weights["all"]
        rank = int(weights.rank(ascending=False, method="min")[dimension])
        return runs(
            loc.t(
                "points.weakest_weighted",
                dimension=names[weakest].lower(),
                mean=loc.number(means.iloc[0], 1),
                top=loc.number(scale_max),
                firms=loc.number(int(overall["firms"].iloc[0])),
                weight=loc.percent(weights[dimension], 0),
                rank=loc.number(rank),
                n=loc.number(len(weights)),
            )
        )
    return runs(
        loc.t(
            "points.weakest",
            dimension=names[weakest].lower(),
            mean=loc.number(means.iloc[0], 1),
            top=loc.number(scale_max),
            firms=loc.number(int(overall["firms"].iloc[0])),
        )
    )


def _ledger_finding(ctx: BriefContext) -> Runs | None:
    loc = ctx.loc
    led = ledger_of(ctx)
    if led.empty:
        return None
    open_ = led[led["state"] != "done"]
    needs = needs_of(led).dropna()
    if needs.empty:
        return None
    needs_text = needs_phrase(loc, needs, len(open_))
    if len(open_) == len(led) == 1:  # not "of the 1 commitments, 1 is not done"
        return runs(loc.t("points.commitment_only", needs=needs_text))
    if len(open_) == len(led):  # not "of the 11 commitments, 11 are not done"
        return runs(loc.t("points.commitments_all", total=loc.number(len(led)), needs=needs_text))
    return runs(
        loc.tn("points.commitments", len(open_), total=loc.number(len(led)), needs=needs_text)
    )


def _index_finding(ctx: BriefContext) -> Runs | None:
    built = index_of(ctx)
    if built is None:
        return None
    robustness = built[3].ranks["robustness"]
    ranked = int(robustness.isin(["robust", "fragile"]).sum())
    robust = int((robustness == "robust").sum())
    return runs(
        ctx.loc.t("points.index", robust=ctx.loc.number(robust), ranked=ctx.loc.number(ranked))
    )


def key_findings(ctx: BriefContext) -> list[Runs]:
    """Three to five findings for page 1, most actionable first."""
    from ikmpolicy.report.sections.partnership import partnership_finding
    from ikmpolicy.report.sections.recommendations import (
        budget_finding,
        no_recommendation_finding,
    )

    found = [
        no_recommendation_finding(ctx),
        partnership_finding(ctx),
        budget_finding(ctx),
        _readiness_finding(ctx),
        _ledger_finding(ctx),
        _helix_finding(ctx),
        _index_finding(ctx),
    ]
    kept = [f for f in found if f]
    if not kept:
        return [runs(ctx.loc.t("points.nothing"))]
    return kept[:4]


def method_sentences(ctx: BriefContext) -> list[str]:
    """The method in at most five sentences (page 4)."""
    loc = ctx.loc
    records = sourced_records(ctx)  # the session's records that are not synthetic
    sentences = [loc.t("reading.m_sources", records=records)] if records else []
    scores = latest_assessment(ctx)
    if not scores.empty:
        sentences.append(
            loc.t(
                "reading.m_survey",
                firms=loc.number(len(scores)),
                date=loc.date(scores["assessment_date"].max()),
            )
        )
        sentences.append(loc.t("reading.m_index"))
    if session_judgement_of(ctx) is not None:
        sentences.append(loc.t("reading.m_judgement"))
    # what the simulation qualifies: the recommendations when there are any, else the index
    from ikmpolicy.report.sections.recommendations import recommendations_of

    rec = recommendations_of(ctx)
    if rec is not None and not rec.top.empty:
        sentences.append(loc.t("reading.m_uncertainty"))
    elif not scores.empty:
        sentences.append(loc.t("reading.m_uncertainty_index"))
    return sentences[:5]


def previous_brief(ctx: BriefContext) -> list:
    """What the previous session's brief recommended and what happened to it."""
    from ikmpolicy.report.sections.recommendations import previous_recommendations

    return previous_recommendations(ctx)
