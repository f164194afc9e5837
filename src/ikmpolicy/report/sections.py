"""The sections of a per-FGD policy brief.

Each section is one function ``section(ctx) -> Fragment`` and one cell of the brief notebook;
adding a section means adding one function here and one cell there. :func:`load_context`
gathers what every section needs (validated data, the session, the wording) once.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pandas as pd

from ikmpolicy import mcda, pentahelix, profile, readiness
from ikmpolicy.agreement import agreement_strength
from ikmpolicy.ids import check_id
from ikmpolicy.readiness import figures as readiness_figures
from ikmpolicy.report import figures
from ikmpolicy.report.html import (
    Fragment,
    bullets,
    figure,
    join,
    note,
    paragraph,
    section,
    table,
    tag,
)
from ikmpolicy.report.i18n import Locale
from ikmpolicy.report.provenance import code_version, package_versions
from ikmpolicy.validation import Dataset, load_dataset

#: How many data problems the brief lists before it says "and N more".
MAX_PROBLEMS_LISTED = 40
#: Monte Carlo of the readiness index: runs and seed (fixed, so the brief reproduces).
MC_REPLICATES = 1000
MC_SEED = 20250515
#: Firms shown in the rank table and the rank-interval figure.
TOP_FIRMS = 10
INTERVAL_FIRMS = 30


class UnknownSessionError(LookupError):
    """The FGD id asked for is not in the data."""


@dataclass
class BriefContext:
    """Everything a section needs: data, the session row, wording and the parameters."""

    dataset: Dataset
    session: pd.Series
    loc: Locale
    helix_model: str
    as_of: pd.Timestamp
    parameters: dict = field(default_factory=dict)
    #: results shared by several sections (computed once per brief)
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def lang(self) -> str:
        return self.loc.lang

    def label(self, row: pd.Series | object, prefix: str = "label") -> str:
        """The ``label_id``/``label_en`` (or ``name_id``/``name_en``) of a row in the language."""
        return str(getattr(row, f"{prefix}_{self.lang}"))


def default_as_of(dataset: Dataset) -> pd.Timestamp:
    """The latest date the data records (so a brief does not depend on the day it is run)."""
    dates = [pd.to_datetime(dataset["assessments"]["assessment_date"]).max(),
             pd.to_datetime(dataset["fgd_sessions"]["end_date"]).max()]
    for text in dataset["fgd_sessions"]["date"].dropna():
        padded = text + {4: "-12-31", 7: "-28"}.get(len(text), "")
        dates.append(pd.Timestamp(padded))
    dates = [d for d in dates if pd.notna(d)]
    return max(dates) if dates else pd.Timestamp("1970-01-01")


def load_context(data: str, fgd_id: str, lang: str = "id", helix_model: str = "classic",
                 as_of: str | None = None, dataset: Dataset | None = None) -> BriefContext:
    """Load and validate the data, find the session and set up the wording.

    Parameters
    ----------
    data : str
        Data folder or workbook.
    fgd_id : str
        Session id (``fgd_sessions.session_id``).
    lang : {"id", "en"}
        Language of the brief.
    helix_model : str
        Helix model from ``helix_models`` (``"classic"`` or ``"cilegon"`` in the sample).
    as_of : str, optional
        Reference date ``YYYY-MM-DD``; default: the latest date recorded in the data.
    dataset : Dataset, optional
        Already loaded data (skips loading).
    """
    check_id(fgd_id, "FGD id")
    loc = Locale(lang)
    dataset = dataset or load_dataset(data)
    sessions = dataset["fgd_sessions"]
    match = sessions[sessions["session_id"] == fgd_id]
    if match.empty:
        known = ", ".join(sessions["session_id"])
        raise UnknownSessionError(f"FGD id {fgd_id!r} is not in {data} (fgd_sessions); "
                                  f"known ids: {known}")
    pentahelix.helix_model(dataset["helix_models"], helix_model)  # fail early if unknown
    reference = pd.Timestamp(as_of) if as_of else default_as_of(dataset)
    parameters = {"fgd_id": fgd_id, "lang": lang, "data": str(data),
                  "helix_model": helix_model, "as_of": reference.date().isoformat()}
    return BriefContext(dataset, match.iloc[0], loc, helix_model, reference, parameters)


# -- helpers --------------------------------------------------------------------------------

def _org_names(ctx: BriefContext) -> dict[str, str]:
    st = ctx.dataset["stakeholders"]
    return dict(zip(st["org_id"], st["name"], strict=True))


def _sources(ctx: BriefContext) -> pd.DataFrame:
    return ctx.dataset["sources"].set_index("source_id")


def _cite(ctx: BriefContext, source_id: str) -> Fragment:
    """A short citation: publisher, linked to the address when there is one."""
    sources = _sources(ctx)
    if source_id not in sources.index:
        return join([source_id])
    row = sources.loc[source_id]
    text = row["publisher"]
    if row["url"]:
        return tag("a", text, href=row["url"])
    return join([text])


def _session_sources(ctx: BriefContext) -> list[str]:
    s = ctx.session
    return [s["source_id"], *[x for x in s["sources_other"] if x != s["source_id"]]]


def _participants(ctx: BriefContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    ds = ctx.dataset
    helices = pentahelix.helix_model(ds["helix_models"], ctx.helix_model)
    assigned = pentahelix.assign_helices(ds["stakeholders"], ds["helix_models"],
                                         ds["helix_assignment"], ctx.helix_model)
    people = pentahelix.session_participants(ds["participation"], ds["stakeholders"], assigned,
                                             ctx.session["session_id"])
    return people, helices


def _helix_labels(ctx: BriefContext, helices: pd.DataFrame) -> dict[str, str]:
    labels = {h.helix: ctx.label(h) for h in helices.itertuples(index=False)}
    labels[pentahelix.UNASSIGNED] = ctx.loc.t("helix.unassigned")
    return labels


def _indicator_labels(ctx: BriefContext) -> dict[str, str]:
    return {r.indicator: ctx.label(r) for r in ctx.dataset.indicators.itertuples(index=False)}


def _latest(ctx: BriefContext) -> pd.DataFrame:
    return profile.latest_assessments(ctx.dataset["assessments"], ctx.as_of)


def uses_synthetic(ctx: BriefContext) -> bool:
    """Whether any table this brief draws figures from holds synthetic rows."""
    ds = ctx.dataset
    return any(bool(ds[name]["synthetic"].fillna(False).any())
               for name in ("firms", "assessments"))


# -- sections -------------------------------------------------------------------------------

def title_block(ctx: BriefContext) -> Fragment:
    """Title, date, place and the synthetic-data notice."""
    s, loc = ctx.session, ctx.loc
    when = loc.date(s["date"], s["date_precision"])
    if pd.notna(s["end_date"]):
        when = loc.t("date.range", start=when, end=loc.date(s["end_date"]))
    place = ", ".join(str(x) for x in (s["venue"], s["city"]) if x)
    parts = [
        tag("p", loc.t("brief.kicker"), cls="kicker"),
        tag("h1", s["title"]),
        tag("p", f"{loc.t('kind.' + s['kind'])} · {when} · {place}", cls="subtitle"),
        tag("p", loc.t("brief.as_of", date=loc.date(ctx.as_of)), cls="subtitle"),
    ]
    if uses_synthetic(ctx):
        parts.append(note(loc.t("brief.synthetic_notice"), "synthetic"))
    return tag("header", join(parts), cls="brief-title")


def key_points(ctx: BriefContext) -> Fragment:
    """The few facts an official should take away, each computed from the sections below."""
    loc = ctx.loc
    people, helices = _participants(ctx)
    counts = pentahelix.helix_counts(people, helices)
    modelled = counts[counts["helix"] != pentahelix.UNASSIGNED]
    present = int((modelled["organisations"] > 0).sum())
    labels = _helix_labels(ctx, helices)
    absent = [labels[h] for h, n in zip(modelled["helix"], modelled["organisations"],
                                        strict=True) if n == 0]
    points = [loc.t("points.participation", orgs=len(people), present=present,
                    total=len(modelled))]
    if absent:
        points.append(loc.t("points.absent", helices=", ".join(absent)))
    st = ctx.dataset["statements"]
    cm = ctx.dataset["commitments"]
    sid = ctx.session["session_id"]
    points.append(loc.t("points.statements", statements=int((st["session_id"] == sid).sum()),
                        commitments=int((cm["session_id"] == sid).sum())))
    latest = _latest(ctx)
    if not latest.empty:
        indicators = list(ctx.dataset.indicators["indicator"])
        overall = profile.dimension_profile(latest, ctx.dataset["firms"], indicators)
        if not overall["suppressed"].iloc[0]:
            means = overall[indicators].iloc[0].dropna().sort_values()
            names = _indicator_labels(ctx)
            points.append(loc.t(
                "points.readiness", firms=int(overall["firms"].iloc[0]),
                weakest=names[means.index[0]], weak=loc.number(means.iloc[0], 1),
                strongest=names[means.index[-1]], strong=loc.number(means.iloc[-1], 1)))
    return section("key-points", loc.t("section.key_points"), bullets(points))


def session_facts(ctx: BriefContext) -> Fragment:
    """The session as the sources record it, each source cited."""
    s, loc = ctx.session, ctx.loc
    names = _org_names(ctx)
    date_text = loc.date(s["date"], s["date_precision"])
    if s["date_precision"] != "day" and s["date_text"]:
        date_text += f" ({s['date_text']})"
    rows = [
        (loc.t("facts.title"), s["title"]),
        (loc.t("facts.date"), date_text),
        (loc.t("facts.end_date"), loc.date(s["end_date"]) if pd.notna(s["end_date"]) else "–"),
        (loc.t("facts.venue"), s["venue"] or "–"),
        (loc.t("facts.city"), s["city"]),
        (loc.t("facts.organiser"), names.get(s["organiser"], loc.t("facts.not_stated"))),
        (loc.t("facts.kind"), loc.t("kind." + s["kind"])),
        (loc.t("facts.participants"),
         loc.number(s["participants"]) if pd.notna(s["participants"])
         else loc.t("facts.not_stated")),
    ]
    facts = table(pd.DataFrame(rows, columns=["k", "v"]),
                  headers=[loc.t("facts.item"), loc.t("facts.value")])
    src = _sources(ctx)
    cites = []
    for source_id in _session_sources(ctx):
        row = src.loc[source_id]
        cites.append(join([_cite(ctx, source_id), f", “{row['title']}”",
                           f" ({row['date_text']})" if row["date_text"] else ""]))
    return section("session", loc.t("section.session"), facts,
                   tag("h3", loc.t("facts.sources")), bullets(cites))


def participation(ctx: BriefContext) -> Fragment:
    """Who took part, by helix of the chosen model (chart and table)."""
    loc = ctx.loc
    people, helices = _participants(ctx)
    labels = _helix_labels(ctx, helices)
    counts = pentahelix.helix_counts(people, helices)
    model_name = loc.t(f"helix_model.{ctx.helix_model}") if loc.has(
        f"helix_model.{ctx.helix_model}") else ctx.helix_model
    parts: list[Fragment] = [paragraph(loc.t("participation.model", model=model_name))]
    if people.empty:
        parts.append(note(loc.t("participation.none"), "warning"))
        return section("participation", loc.t("section.participation"), *parts)
    parts.append(figure(figures.helix_bar(counts, labels, loc.t("participation.axis")),
                        loc.t("participation.figure", model=model_name)))
    shown = people.assign(
        helix_label=people["model_helix"].map(labels),
        role_text=people["roles"].map(
            lambda r: ", ".join(loc.t("role." + x) for x in r.split(";"))),
        order=people["model_helix"].map({h: i for i, h in enumerate(counts["helix"])}),
    ).sort_values(["order", "name"])
    parts.append(table(
        shown[["name", "helix_label", "role_text", "people"]],
        headers=[loc.t("participation.org"), loc.t("participation.helix"),
                 loc.t("participation.role"), loc.t("participation.people")],
        formats={"people": lambda v: loc.number(v) if pd.notna(v) else "–"},
        numeric=["people"]))
    return section("participation", loc.t("section.participation"), *parts)


def statements(ctx: BriefContext) -> Fragment:
    """What was said and committed at the session, attributed to organisation and office."""
    loc = ctx.loc
    sid = ctx.session["session_id"]
    names = _org_names(ctx)
    st = ctx.dataset["statements"]
    st = st[st["session_id"] == sid]
    parts: list[Fragment] = []
    if st.empty:
        parts.append(paragraph(loc.t("statements.none")))
    for row in st.itertuples(index=False):
        text = f"“{row.text}”" if row.quote else row.text
        who = f"{row.speaker_office} — {names.get(row.org_id, row.org_id)}"
        kind = loc.t("statement_kind." + row.kind)
        if not row.quote:
            kind += " · " + loc.t("statements.paraphrase")
        parts.append(tag("blockquote", join([
            tag("p", text),
            tag("footer", join([f"{who} ({kind}); ", _cite(ctx, row.source_id)])),
        ])))
    cm = ctx.dataset["commitments"]
    cm = cm[cm["session_id"] == sid]
    if not cm.empty:
        parts.append(tag("h3", loc.t("statements.commitments")))
        shown = cm.assign(
            actor=cm["org_id"].map(names),
            theme_text=cm["theme"].map(lambda x: loc.t("theme." + x) if loc.has("theme." + x)
                                       else x),
            due=[loc.date(d, p) if p != "unknown" else loc.t("commitments.no_due")
                 for d, p in zip(cm["due_date"], cm["due_precision"], strict=True)],
            status_text=cm["status"].map(lambda x: loc.t("status." + x)),
        )
        parts.append(table(
            shown[["actor", "text", "theme_text", "due", "status_text"]],
            headers=[loc.t("commitments.actor"), loc.t("commitments.text"),
                     loc.t("commitments.theme"), loc.t("commitments.due"),
                     loc.t("commitments.status")]))
    return section("statements", loc.t("section.statements"), *parts)


def readiness_profile(ctx: BriefContext) -> Fragment:
    """Mean readiness score per dimension, overall and by sub-sector (small groups suppressed)."""
    loc, ds = ctx.loc, ctx.dataset
    latest = _latest(ctx)
    parts: list[Fragment] = []
    if latest.empty:
        parts.append(note(loc.t("readiness.none"), "warning"))
        return section("readiness", loc.t("section.readiness"), *parts)
    ind = ds.indicators
    indicators = list(ind["indicator"])
    names = _indicator_labels(ctx)
    dates = latest["assessment_date"]
    parts.append(paragraph(loc.t(
        "readiness.intro", firms=len(latest), first=loc.date(dates.min()),
        last=loc.date(dates.max()), low=loc.number(ind["scale_min"].min()),
        high=loc.number(ind["scale_max"].max()))))
    overall = profile.dimension_profile(latest, ds["firms"], indicators)
    answered = latest[indicators].notna().sum()
    rows = pd.DataFrame({
        "dimension": [names[i] for i in indicators],
        "mean": overall[indicators].iloc[0].to_numpy(),
        "answered": answered.to_numpy(),
    }).sort_values("mean", ascending=False, kind="stable")
    parts.append(table(rows, headers=[loc.t("readiness.dimension"), loc.t("readiness.mean"),
                                      loc.t("readiness.answered")],
                       formats={"mean": lambda v: loc.number(v, 2),
                                "answered": lambda v: loc.number(v)},
                       numeric=["mean", "answered"], caption=loc.t("readiness.table_overall")))
    by_sector = profile.dimension_profile(latest, ds["firms"], indicators, by="sub_sector")
    sectors = ds["sub_sectors"].set_index("sub_sector")
    sector_label = {s: ctx.label(sectors.loc[s]) if s in sectors.index else s
                    for s in by_sector.index}
    # sub-sectors as columns (few, wrapped names), dimensions as rows: fits a portrait page
    col_labels = [textwrap.fill(f"{sector_label[s]} (n={n})", 16) for s, n in
                  zip(by_sector.index, by_sector["firms"], strict=True)]
    fig = figures.profile_heatmap(
        by_sector[indicators].T, [names[i] for i in indicators], col_labels,
        (float(ind["scale_min"].min()), float(ind["scale_max"].max())),
        lambda v: loc.number(v, 1), loc.t("readiness.colour"))
    parts.append(figure(fig, loc.t("readiness.figure")))
    shown = by_sector[~by_sector["suppressed"]]
    if not shown.empty:
        means = shown[indicators]
        summary = pd.DataFrame({
            "sub_sector": [sector_label[s] for s in shown.index],
            "firms": shown["firms"].to_numpy(),
            "weakest": [f"{names[means.loc[s].idxmin()]} ({loc.number(means.loc[s].min(), 1)})"
                        for s in shown.index],
            "strongest": [f"{names[means.loc[s].idxmax()]} "
                          f"({loc.number(means.loc[s].max(), 1)})" for s in shown.index],
        })
        parts.append(table(summary, headers=[loc.t("readiness.sub_sector"),
                                             loc.t("readiness.firms"), loc.t("readiness.weakest"),
                                             loc.t("readiness.strongest")],
                           formats={"firms": loc.number}, numeric=["firms"],
                           caption=loc.t("readiness.table_sector")))
    suppressed = [sector_label[s] for s in by_sector.index[by_sector["suppressed"]]]
    if suppressed:
        parts.append(note(loc.t("readiness.suppressed", groups=", ".join(suppressed),
                                n=profile.MIN_GROUP)))
    return section("readiness", loc.t("section.readiness"), *parts)


def _saaty(loc: Locale, value: float) -> str:
    """A judgement as written on Saaty's scale: 3 or 1/3."""
    return loc.number(value) if value >= 1 else f"1/{loc.number(1 / value)}"


def _judgement(ctx: BriefContext):
    """The session's pairwise judgements summarised (None when there are none); cached."""
    if "judgement" not in ctx.cache:
        ds = ctx.dataset
        pw = ds["pairwise"]
        rows = pw[pw["session_id"] == ctx.session["session_id"]]
        result = None
        if not rows.empty:
            assigned = pentahelix.assign_helices(ds["stakeholders"], ds["helix_models"],
                                                 ds["helix_assignment"], ctx.helix_model)
            helix_of_org = dict(zip(ds["stakeholders"]["org_id"], assigned, strict=True))
            respondent_org = rows.drop_duplicates("respondent_id").set_index(
                "respondent_id")["org_id"]
            criteria = list(dict.fromkeys(ds.indicators["dimension"]))
            result = (rows, respondent_org, mcda.session_judgement(
                rows, respondent_org.map(helix_of_org), criteria))
        ctx.cache["judgement"] = result
    return ctx.cache["judgement"]


def group_judgement(ctx: BriefContext) -> Fragment:
    """Criteria weights from the participants' pairwise judgements (AHP), by helix, with CRs."""
    loc, ds = ctx.loc, ctx.dataset
    judged = _judgement(ctx)
    if judged is None:
        return section("judgement", loc.t("section.judgement"),
                       paragraph(loc.t("judgement.none")))
    rows, respondent_org, result = judged
    names = {r.dimension: ctx.label(r) for r in ds.indicators.itertuples(index=False)}
    criteria = list(dict.fromkeys(ds.indicators["dimension"]))
    helices = pentahelix.helix_model(ds["helix_models"], ctx.helix_model)
    labels = _helix_labels(ctx, helices)
    who = result.respondents
    parts: list[Fragment] = [paragraph(loc.t(
        "judgement.intro", respondents=len(who), orgs=respondent_org.nunique(),
        criteria=len(criteria), threshold=loc.number(mcda.CR_THRESHOLD, 2)))]
    if bool(rows["synthetic"].fillna(False).any()):
        parts.append(note(loc.t("judgement.synthetic"), "synthetic"))
    order = result.weights["all"].sort_values(ascending=False).index
    weights = result.weights.loc[order]
    parts.append(table(
        pd.DataFrame({"criterion": [names[c] for c in order], "all": weights["all"].to_numpy(),
                      "consistent": weights["consistent"].to_numpy()}),
        headers=[loc.t("judgement.criterion"), loc.t("judgement.all", n=len(who)),
                 loc.t("judgement.consistent", n=int(who["consistent"].sum()))],
        formats={"all": lambda v: loc.percent(v, 1), "consistent": lambda v: loc.percent(v, 1)},
        numeric=["all", "consistent"], caption=loc.t("judgement.table_weights")))
    groups = [h for h in list(helices["helix"]) + [pentahelix.UNASSIGNED]
              if h in result.by_group.columns]
    by_group = result.by_group.loc[order, groups + ["all"]]
    group_labels = [f"{labels[h]} (n={int((who['group'] == h).sum())})" for h in groups]
    colours = [figures.HELIX_COLOURS.get(h, "#607d8b") for h in groups] + ["#444444"]
    parts.append(figure(
        figures.weights_by_group(by_group, [names[c] for c in order],
                                 group_labels + [loc.t("judgement.balanced")], colours,
                                 loc.t("judgement.axis"), lambda v: loc.percent(v)),
        loc.t("judgement.figure")))
    w = float(result.agreement["W"])
    parts.append(paragraph(loc.t(
        "judgement.agreement", w=loc.number(w, 2),
        strength=loc.t("strength." + agreement_strength(w)),
        p=loc.p_value(float(result.agreement["pval"])))))
    inconsistent = who[~who["consistent"]]
    if not inconsistent.empty:
        parts.append(note(loc.t("judgement.inconsistent", n=len(inconsistent),
                                total=len(who)), "warning"))
    org_names = _org_names(ctx)
    shown = who.reset_index().assign(
        org=lambda f: f["respondent_id"].map(respondent_org).map(org_names),
        helix=lambda f: f["group"].map(labels),
        flag=[loc.t("judgement.reconsider", a=names[r.reconsider_a], b=names[r.reconsider_b],
                    value=_saaty(loc, r.reconsider_value),
                    implied=loc.number(r.reconsider_implied, 1))
              if not r.consistent else "" for r in who.itertuples()])
    parts.append(table(
        shown[["respondent_id", "org", "helix", "cr", "imputed", "flag"]],
        headers=[loc.t("judgement.respondent"), loc.t("participation.org"),
                 loc.t("participation.helix"), "CR", loc.t("judgement.imputed"),
                 loc.t("judgement.revisit")],
        formats={"cr": lambda v: loc.number(v, 3), "imputed": loc.number},
        numeric=["cr", "imputed"], caption=loc.t("judgement.table_respondents")))
    return section("judgement", loc.t("section.judgement"), *parts)


def _index_weights(ctx: BriefContext) -> tuple[object, str]:
    """Dimension weights for the index: the session's AHP group weights when it has judgements,
    else those of the indicator table (equal when none is given)."""
    judged = _judgement(ctx)
    if judged is not None:
        return judged[2].weights["all"].to_dict(), "ahp"
    return "metadata", "metadata"


def readiness_index(ctx: BriefContext) -> Fragment:
    """The partnership-readiness index: ranks with their uncertainty, what moves them, groups,
    main weaknesses and change between the two latest assessment dates."""
    loc, ds = ctx.loc, ctx.dataset
    assessments = ds["assessments"][ds["assessments"]["assessment_date"] <= ctx.as_of]
    if assessments.empty:
        return section("index", loc.t("section.index"), note(loc.t("readiness.none"), "warning"))
    date = assessments["assessment_date"].max()
    current = assessments[assessments["assessment_date"] == date]
    weights, weight_source = _index_weights(ctx)
    record = readiness.build_index(current, ds.indicators, ds["firms"],
                                   dimension_weights=weights, zero="offset")
    mc = readiness.monte_carlo(record, MC_REPLICATES, seed=MC_SEED)
    names = {r.dimension: ctx.label(r) for r in ds.indicators.itertuples(index=False)}
    included = record.included
    parts: list[Fragment] = [paragraph(loc.t(
        "rindex.intro", firms=len(current), date=loc.date(date), ranked=int(included.sum()),
        weights=loc.t("rindex.weights_" + weight_source)))]
    excluded = record.coverage[~record.coverage["included"]]
    if not excluded.empty:
        parts.append(note(loc.t(
            "rindex.excluded", n=len(excluded), minimum=loc.percent(record.spec.min_coverage),
            firms=", ".join(f"{f} ({loc.percent(c)})"
                            for f, c in excluded["coverage"].items())), "warning"))
    dim_weights = record.dimension_weights.sort_values(ascending=False)
    parts.append(table(
        pd.DataFrame({"dimension": [names[d] for d in dim_weights.index],
                      "weight": dim_weights.to_numpy()}),
        headers=[loc.t("judgement.criterion"), loc.t("rindex.weight")],
        formats={"weight": lambda v: loc.percent(v, 1)}, numeric=["weight"],
        caption=loc.t("rindex.table_weights")))
    ranks = mc.ranks.join(record.overall.rename("score")).join(
        ds["firms"].set_index("firm_id")["sub_sector"])
    ranks = ranks.dropna(subset=["nominal_rank"]).sort_values("nominal_rank", kind="stable")
    sectors = ds["sub_sectors"].set_index("sub_sector")
    top = ranks.head(TOP_FIRMS)
    parts.append(table(
        pd.DataFrame({
            "rank": top["nominal_rank"].to_numpy(), "firm": top.index,
            "sub_sector": [ctx.label(sectors.loc[x]) for x in top["sub_sector"]],
            "score": top["score"].to_numpy(),
            "interval": [f"{loc.number(a)}–{loc.number(b)}" for a, b in
                         zip(top["q_low"], top["q_high"], strict=True)],
            "robustness": [loc.t("robustness." + x) for x in top["robustness"]]}),
        headers=[loc.t("rindex.rank"), loc.t("rindex.firm"), loc.t("readiness.sub_sector"),
                 loc.t("rindex.score"), loc.t("rindex.interval"), loc.t("rindex.robustness")],
        formats={"rank": loc.number, "score": lambda v: loc.number(v, 1)},
        numeric=["rank", "score"], caption=loc.t("rindex.table_top", n=len(top))))
    counts = ranks["robustness"].value_counts()
    parts.append(paragraph(loc.t(
        "rindex.robust", robust=int(counts.get("robust", 0)),
        fragile=int(counts.get("fragile", 0)), runs=mc.n_runs)))
    words = {k: loc.t("rindex.fig." + k) for k in ("median", "nominal", "rank_axis",
                                                  "overall_score", "group", "before", "after",
                                                  "mean_score")}
    parts.append(figure(readiness_figures.rank_intervals(mc, INTERVAL_FIRMS, text=words),
                        loc.t("rindex.figure_ranks", n=min(INTERVAL_FIRMS, len(ranks)))))
    sobol = mc.sobol.sort_values("ST", ascending=False)
    if not sobol.empty:
        parts.append(table(
            pd.DataFrame({"factor": [loc.t("factor." + f) for f in sobol.index],
                          "S1": sobol["S1"].to_numpy(), "ST": sobol["ST"].to_numpy()}),
            headers=[loc.t("rindex.factor"), loc.t("rindex.s1"), loc.t("rindex.st")],
            formats={"S1": lambda v: loc.number(v, 2), "ST": lambda v: loc.number(v, 2)},
            numeric=["S1", "ST"], caption=loc.t("rindex.table_sobol")))
        parts.append(paragraph(loc.t("rindex.sobol", factor=loc.t("factor." + sobol.index[0]))))
    summary = record.group_summary("sub_sector")
    shown = summary[summary["n_firms"] >= profile.MIN_GROUP]
    sector_label = {x: ctx.label(sectors.loc[x]) if x in sectors.index else x
                    for x in summary.index}
    parts.append(table(
        pd.DataFrame({"sub_sector": [sector_label[x] for x in shown.index],
                      "n": shown["n_firms"].to_numpy(), "mean": shown["overall_mean"].to_numpy(),
                      "range": [f"{loc.number(a, 1)}–{loc.number(b, 1)}" for a, b in
                                zip(shown["overall_min"], shown["overall_max"], strict=True)]}),
        headers=[loc.t("readiness.sub_sector"), loc.t("readiness.firms"),
                 loc.t("rindex.mean_score"), loc.t("rindex.range")],
        formats={"n": loc.number, "mean": lambda v: loc.number(v, 1)}, numeric=["n", "mean"],
        caption=loc.t("rindex.table_sector")))
    parts.append(figure(readiness_figures.subsector_comparison(
        record, labels=sector_label, text={**words, "group": loc.t("readiness.sub_sector")}),
        loc.t("rindex.figure_sector")))
    weakest = record.strengths_weaknesses(1)
    weakest = weakest[weakest["kind"] == "weakness"]["dimension"].value_counts()
    parts.append(table(
        pd.DataFrame({"dimension": [names[d] for d in weakest.index],
                      "firms": weakest.to_numpy()}),
        headers=[loc.t("judgement.criterion"), loc.t("rindex.weak_firms")],
        formats={"firms": loc.number}, numeric=["firms"], caption=loc.t("rindex.table_weak")))
    dates = sorted(assessments["assessment_date"].unique())
    if len(dates) >= 2:
        change = readiness.change_over_time(assessments, ds.indicators, ds["firms"],
                                            date_before=dates[-2], date_after=dates[-1])
        tests = change.tests
        label = {**names, "overall": loc.t("rindex.overall")}
        parts.append(tag("h3", loc.t("rindex.change_title", before=loc.date(dates[-2]),
                                     after=loc.date(dates[-1]))))
        parts.append(table(
            pd.DataFrame({
                "dimension": [label[d] for d in tests.index],
                "n": tests["n_pairs"].to_numpy(), "mean": tests["mean_change"].to_numpy(),
                "up": tests["n_improved"].to_numpy(), "down": tests["n_worsened"].to_numpy(),
                "p": [loc.p_value(p) for p in tests["p_value"]],
                "verdict": [loc.t("rindex.improved" if p < 0.05 else "rindex.not_shown")
                            for p in tests["p_value"]]}),
            headers=[loc.t("judgement.criterion"), loc.t("rindex.pairs"),
                     loc.t("rindex.mean_change"), loc.t("rindex.up"), loc.t("rindex.down"),
                     "Wilcoxon", loc.t("rindex.verdict")],
            formats={"n": loc.number, "mean": lambda v: loc.number(v, 1), "up": loc.number,
                     "down": loc.number}, numeric=["n", "mean", "up", "down"],
            caption=loc.t("rindex.table_change")))
        parts.append(figure(readiness_figures.before_after(
            change, labels=label, text=words, p_text=loc.p_value), loc.t("rindex.figure_change")))
    return section("index", loc.t("section.index"), *parts)


def data_quality(ctx: BriefContext) -> Fragment:
    """Rows read, accepted and rejected per table, and every problem found (up to a limit)."""
    loc, report = ctx.loc, ctx.dataset.report
    counts = report.counts_frame()
    parts: list[Fragment] = [paragraph(loc.t(
        "quality.intro", read=loc.number(counts["read"].sum()),
        rejected=loc.number(counts["rejected"].sum()), errors=len(report.errors),
        warnings=len(report.warnings)))]
    parts.append(table(counts[["table", "read", "accepted", "rejected", "blank_rows_skipped"]],
                       headers=[loc.t("quality.table"), loc.t("quality.read"),
                                loc.t("quality.accepted"), loc.t("quality.rejected"),
                                loc.t("quality.blank")],
                       formats={c: loc.number for c in ("read", "accepted", "rejected",
                                                         "blank_rows_skipped")},
                       numeric=["read", "accepted", "rejected", "blank_rows_skipped"]))
    if report.problems:
        listed = [str(p) for p in report.problems[:MAX_PROBLEMS_LISTED]]
        more = len(report.problems) - len(listed)
        if more > 0:
            listed.append(loc.t("quality.more", n=more))
        parts.append(tag("h3", loc.t("quality.problems")))
        parts.append(tag("ul", join(tag("li", tag("code", p)) for p in listed), cls="problems"))
    latest = _latest(ctx)
    indicators = list(ctx.dataset.indicators["indicator"])
    if not latest.empty:
        missing = latest[indicators].isna().sum()
        if missing.any():
            names = _indicator_labels(ctx)
            parts.append(paragraph(loc.t("quality.missing", items=", ".join(
                f"{names[i]} ({int(n)})" for i, n in missing.items() if n))))
    return section("data-quality", loc.t("section.data_quality"), *parts)


def provenance(ctx: BriefContext) -> Fragment:
    """Data files with checksums, parameters, code and package versions."""
    loc = ctx.loc
    files = pd.DataFrame([(f.path, f.sha256[:16], f.size) for f in ctx.dataset.files],
                         columns=["path", "sha", "size"])
    params = pd.DataFrame(sorted(ctx.parameters.items()), columns=["k", "v"])
    versions = package_versions()
    versions["ikmpolicy commit"] = code_version()
    parts = [
        paragraph(loc.t("provenance.intro")),
        table(files, headers=[loc.t("provenance.file"), loc.t("provenance.sha"),
                              loc.t("provenance.bytes")],
              formats={"size": loc.number}, numeric=["size"]),
        table(params, headers=[loc.t("provenance.parameter"), loc.t("provenance.value")]),
        table(pd.DataFrame(list(versions.items()), columns=["k", "v"]),
              headers=[loc.t("provenance.package"), loc.t("provenance.version")]),
    ]
    return section("provenance", loc.t("section.provenance"), *parts)

