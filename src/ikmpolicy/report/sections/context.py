"""What every section of a brief needs: the validated data, the session, the wording,
and small shared look-ups (organisation names, citations, helix labels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ikmpolicy import pentahelix, profile, sessions
from ikmpolicy.errors import InputError
from ikmpolicy.handover import handed_over
from ikmpolicy.ids import check_id
from ikmpolicy.report.content import Link, Runs, runs
from ikmpolicy.report.i18n import Locale
from ikmpolicy.sessions import check_held, reference_day
from ikmpolicy.validation import Dataset, load_dataset


class UnknownSessionError(InputError, LookupError):
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
        """The brief's language (``id`` or ``en``)."""
        return self.loc.lang

    def label(self, row: pd.Series | object, prefix: str = "label") -> str:
        """The ``label_id``/``label_en`` (or ``name_id``/``name_en``) of a row in the language."""
        return str(getattr(row, f"{prefix}_{self.lang}"))


def load_context(
    data: str,
    fgd_id: str,
    lang: str = "id",
    helix_model: str = "classic",
    as_of: str | None = None,
    dataset: Dataset | None = None,
    *,
    budget_idr: float | None = None,
) -> BriefContext:
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
        Reference date ``YYYY-MM-DD``; default: today, so an official sees what is overdue
        today (pass a date to reproduce an earlier brief; provenance records it).
    dataset : Dataset, optional
        Already loaded data (skips loading). Without it, the dataset the ``brief`` command
        validated is used when it was handed over for this very data
        (:func:`ikmpolicy.handover.handed_over`); otherwise the data is loaded and validated.
    budget_idr : float, optional
        Programme budget for the recommended portfolio; default: the budget steps of the
        recommendation section.
    """
    check_id(fgd_id, "FGD id")
    loc = Locale(lang)
    dataset = dataset or handed_over(data) or load_dataset(data)
    sessions = dataset["fgd_sessions"]
    match = sessions[sessions["session_id"] == fgd_id]
    if match.empty:
        known = ", ".join(sessions["session_id"])
        raise UnknownSessionError(
            f"FGD id {fgd_id!r} is not in {data} (fgd_sessions); known ids: {known}"
        )
    pentahelix.helix_model(dataset["helix_models"], helix_model)  # fail early if unknown
    reference = reference_day(as_of)
    check_held(dataset, fgd_id, reference, "as_of" if as_of else "today")
    parameters = {
        "fgd_id": fgd_id,
        "lang": lang,
        "data": str(data),
        "helix_model": helix_model,
        "as_of": reference.date().isoformat(),
        "budget_idr": budget_idr,
    }
    return BriefContext(dataset, match.iloc[0], loc, helix_model, reference, parameters)


# -- helpers --------------------------------------------------------------------------------


def org_names(ctx: BriefContext) -> dict[str, str]:
    """Organisation id to name."""
    st = ctx.dataset["stakeholders"]
    return dict(zip(st["org_id"], st["name"], strict=True))


def sources_table(ctx: BriefContext) -> pd.DataFrame:
    """The sources, indexed by their id."""
    return ctx.dataset["sources"].set_index("source_id")


def cite(ctx: BriefContext, source_id: str) -> Runs:
    """A short citation: publisher, linked to the address when there is one; the year (and a
    letter) when another source has the same publisher, so two articles read as two."""
    sources = sources_table(ctx)
    if source_id not in sources.index:
        return runs(source_id)
    row = sources.loc[source_id]
    if "short_citations" not in ctx.cache:
        ctx.cache["short_citations"] = short_citations(sources)
    text = ctx.cache["short_citations"][source_id]
    if row["url"]:
        return runs(Link(text, row["url"]))
    return runs(text)


def short_citations(sources: pd.DataFrame) -> dict[str, str]:
    """Each source's short citation: its publisher alone when it is the publisher's only source,
    else with the year the date text states ("Kontan 2017", "Kontan 2020"), and a letter when
    the year is shared ("Kontan 2020a", "Kontan 2020b") or a letter alone when it is unknown
    ("X (a)"), in the order of the sources' ids.

    Examples
    --------
    >>> s = pd.DataFrame({"publisher": ["Kontan", "Kontan", "Antara", "X", "X"],
    ...                   "date_text": ["3 Juli 2020", "23 Oktober 2017", "2025", "", ""]},
    ...                  index=["k2", "k1", "a", "x1", "x2"])
    >>> short_citations(s)
    {'k2': 'Kontan 2020', 'k1': 'Kontan 2017', 'a': 'Antara', 'x1': 'X (a)', 'x2': 'X (b)'}
    """
    out = {}
    for publisher, group in sources.groupby("publisher", sort=False):
        if len(group) == 1:
            out[group.index[0]] = str(publisher)
            continue
        years = {
            sid: (found.group(0) if (found := _YEAR.search(str(text or ""))) else "")
            for sid, text in group["date_text"].items()
        }
        for year in dict.fromkeys(years.values()):
            same = sorted(sid for sid, y in years.items() if y == year)
            for k, sid in enumerate(same):
                letter = "abcdefghijklmnopqrstuvwxyz"[k % 26] if len(same) > 1 or not year else ""
                label = f"{year}{letter}" if year else f"({letter})"
                out[sid] = f"{publisher} {label}"
    return {sid: out[sid] for sid in sources.index}


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def synthetic_sources(ctx: BriefContext) -> set[str]:
    """Ids of the sources that are generators or assumptions, not evidence."""
    src = ctx.dataset["sources"]
    return set(src.loc[src["synthetic"].fillna(False).astype(bool), "source_id"])


def synthetic_inputs(ctx: BriefContext) -> list[str]:
    """The tables (and scored columns) of the data that hold synthetic or assumed values.

    A table counts when a row is flagged ``synthetic`` or cites a synthetic source in any of
    its source columns; the brief names each one in its notice and running header.
    """
    if "synthetic_inputs" not in ctx.cache:
        fake = synthetic_sources(ctx)
        found = []
        for name, frame in ctx.dataset.tables.items():
            if frame.empty:
                continue
            flagged = "synthetic" in frame and bool(frame["synthetic"].fillna(False).any())
            cited = any(
                frame[c].isin(fake).any()
                for c in ("source_id", "scores_source", "cost_source")
                if c in frame
            )
            if (flagged or cited) and name != "sources":
                found.append(name)
        ctx.cache["synthetic_inputs"] = found
    return ctx.cache["synthetic_inputs"]


#: The tables of what the session itself recorded, in the order the brief names them: its
#: facts, the statements made and the commitments given.
SESSION_RECORDS = ("fgd_sessions", "statements", "commitments")


def sourced_records(ctx: BriefContext) -> str:
    """Those of :data:`SESSION_RECORDS` that hold rows and are not among the
    :func:`synthetic_inputs`, named as a list that opens a sentence ("Fakta kegiatan,
    pernyataan, dan komitmen"); "" when none is left.

    What the brief may say comes from the sources cited, and nothing more: a table of the
    session that cites a synthetic source is named in the notice, not here.
    """
    loc, fake = ctx.loc, set(synthetic_inputs(ctx))
    names = [
        loc.t(f"table_name.{name}")
        for name in SESSION_RECORDS
        if name not in fake
        and (frame := ctx.dataset.tables.get(name)) is not None
        and not frame.empty
    ]
    return loc.sentence(loc.join(names)) if names else ""


def publisher_of(ctx: BriefContext) -> dict[str, str]:
    """Who issues the brief, for which region and sector (the ``publisher`` table's first
    row); without one, the session's organiser and city stand in and nothing is invented."""
    pub = ctx.dataset.tables.get("publisher")
    names = org_names(ctx)
    if pub is not None and not pub.empty:
        row = pub.iloc[0]
        return {
            "office": names.get(row["org_id"], row["org_id"]),
            "series": str(row[f"series_{ctx.lang}"]),
            "contact": str(row["contact"]),
            "region": str(row["region"]),
            "sector": str(row[f"sector_{ctx.lang}"]),
        }
    organiser = ctx.session["organiser"]
    return {
        "office": names.get(organiser, "") if organiser else "",
        "series": ctx.loc.t("brief.series_default"),
        "contact": "",
        "region": str(ctx.session["city"]),
        "sector": "",
    }


def session_sources(ctx: BriefContext) -> list[str]:
    """The session's sources: its own first, then the others that report it."""
    s = ctx.session
    return [s["source_id"], *[x for x in s["sources_other"] if x != s["source_id"]]]


def participants_with_helix(ctx: BriefContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The organisations at the session with their helix, and the model's helices."""
    ds = ctx.dataset
    helices, assigned = model_helices(ctx)
    people = pentahelix.session_participants(
        ds["participation"], ds["stakeholders"], assigned, ctx.session["session_id"]
    )
    return people, helices


def helix_labels(ctx: BriefContext, helices: pd.DataFrame) -> dict[str, str]:
    """Helix id to its name in the brief's language (and the label of unassigned)."""
    labels = {h.helix: ctx.label(h) for h in helices.itertuples(index=False)}
    labels[pentahelix.UNASSIGNED] = ctx.loc.t("helix.unassigned")
    return labels


def indicator_labels(ctx: BriefContext) -> dict[str, str]:
    """Indicator id to its name in the brief's language."""
    return {r.indicator: ctx.label(r) for r in ctx.dataset.indicators.itertuples(index=False)}


def latest_assessment(ctx: BriefContext) -> pd.DataFrame:
    """Each firm's latest assessment on or before the reference date."""
    return profile.latest_assessments(ctx.dataset["assessments"], ctx.as_of)


def rejected_rows_sentence(loc: Locale, dataset: Dataset, tables: list[str]) -> str:
    """Why a section that found no rows may be wrong about the data: for each of ``tables``
    that lost rows in validation, how many and where they are listed ("" when none did).

    A header typo can reject every assessment; the brief then says so instead of saying the
    data hold none.

    Examples
    --------
    >>> from ikmpolicy.validation.report import TableCounts, ValidationReport
    >>> report = ValidationReport(counts={"assessments": TableCounts("a.csv", 114, 114)})
    >>> ds = Dataset("data", {}, report, [])
    >>> rejected_rows_sentence(Locale("en"), ds, ["assessments", "interventions"])[:57]
    'In table assessments, all 114 rows were rejected for data'
    """
    sentences = []
    for name in dict.fromkeys(tables):
        counts = dataset.report.counts.get(name)
        if counts is None or not counts.rejected:
            continue
        section = loc.t("section.data_quality")
        if counts.accepted == 0 and counts.rejected > 1:
            said = loc.t("quality.rejected_all", table=name, count=counts.rejected, section=section)
        else:
            said = loc.tn(
                "quality.rejected_rows",
                counts.rejected,
                table=name,
                read=counts.read,
                section=section,
            )
        sentences.append(said)
    return " ".join(sentences)


def with_rejected_rows(loc: Locale, dataset: Dataset, reason: str, tables: list[str]) -> str:
    """``reason`` (a section left out for lack of rows) and :func:`rejected_rows_sentence`."""
    return " ".join(filter(None, [reason, rejected_rows_sentence(loc, dataset, tables)]))


def no_assessment_reason(ctx: BriefContext) -> str:
    """Why the readiness sections are left out: no assessment by the reference date, and the
    assessments that validation rejected, if any."""
    return with_rejected_rows(ctx.loc, ctx.dataset, ctx.loc.t("readiness.none"), ["assessments"])


def uses_synthetic(ctx: BriefContext) -> bool:
    """Whether any input of the brief is synthetic or assumed."""
    return bool(synthetic_inputs(ctx))


# -- sections -------------------------------------------------------------------------------


def theme_labels(ctx: BriefContext) -> dict[str, str]:
    """The codebook's label of each theme in the brief's language."""
    return {r.code: ctx.label(r) for r in ctx.dataset["codebook"].itertuples(index=False)}


def model_name(ctx: BriefContext) -> str:
    """The chosen helix model in words (its id when the catalogue has no name for it)."""
    key = f"helix_model.{ctx.helix_model}"
    return ctx.loc.t(key) if ctx.loc.has(key) else ctx.helix_model


def model_helices(ctx: BriefContext) -> tuple[pd.DataFrame, pd.Series]:
    """The helices of the chosen model and each stakeholder's helix under it."""
    ds = ctx.dataset
    helices = pentahelix.helix_model(ds["helix_models"], ctx.helix_model)
    assigned = pentahelix.assign_helices(
        ds["stakeholders"], ds["helix_models"], ds["helix_assignment"], ctx.helix_model
    )
    return helices, assigned


def session_order(ctx: BriefContext) -> list[str]:
    """Session ids in time order, unknown dates last (the order of ``brief --all``)."""
    return sessions.session_order(ctx.dataset)


def session_labels(ctx: BriefContext) -> dict[str, str]:
    """A short label per session: kind and date ("DKT, 15 Mei 2025"); see
    :func:`ikmpolicy.sessions.session_labels`."""
    return sessions.session_labels(ctx.dataset, ctx.loc)


def session_when(ctx: BriefContext) -> str:
    """When the session took place, to the precision the sources give ("14–16 Oktober 2025")."""
    s, loc = ctx.session, ctx.loc
    if pd.notna(s["end_date"]) and s["date_precision"] == "day" and s["date"]:
        return loc.date_range(s["date"], s["end_date"])
    return loc.date(s["date"], s["date_precision"])
