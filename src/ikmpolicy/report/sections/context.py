"""What every section of a brief needs: the validated data, the session, the wording,
and small shared look-ups (organisation names, citations, helix labels).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ikmpolicy import pentahelix, profile
from ikmpolicy.errors import InputError
from ikmpolicy.ids import check_id
from ikmpolicy.report.html import Fragment, join, tag
from ikmpolicy.report.i18n import Locale
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

def org_names(ctx: BriefContext) -> dict[str, str]:
    st = ctx.dataset["stakeholders"]
    return dict(zip(st["org_id"], st["name"], strict=True))


def sources_table(ctx: BriefContext) -> pd.DataFrame:
    return ctx.dataset["sources"].set_index("source_id")


def cite(ctx: BriefContext, source_id: str) -> Fragment:
    """A short citation: publisher, linked to the address when there is one."""
    sources = sources_table(ctx)
    if source_id not in sources.index:
        return join([source_id])
    row = sources.loc[source_id]
    text = row["publisher"]
    if row["url"]:
        return tag("a", text, href=row["url"])
    return join([text])


def session_sources(ctx: BriefContext) -> list[str]:
    s = ctx.session
    return [s["source_id"], *[x for x in s["sources_other"] if x != s["source_id"]]]


def participants_with_helix(ctx: BriefContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The organisations at the session with their helix, and the model's helices."""
    ds = ctx.dataset
    helices, assigned = model_helices(ctx)
    people = pentahelix.session_participants(ds["participation"], ds["stakeholders"], assigned,
                                             ctx.session["session_id"])
    return people, helices


def helix_labels(ctx: BriefContext, helices: pd.DataFrame) -> dict[str, str]:
    labels = {h.helix: ctx.label(h) for h in helices.itertuples(index=False)}
    labels[pentahelix.UNASSIGNED] = ctx.loc.t("helix.unassigned")
    return labels


def indicator_labels(ctx: BriefContext) -> dict[str, str]:
    return {r.indicator: ctx.label(r) for r in ctx.dataset.indicators.itertuples(index=False)}


def latest_assessment(ctx: BriefContext) -> pd.DataFrame:
    return profile.latest_assessments(ctx.dataset["assessments"], ctx.as_of)


def uses_synthetic(ctx: BriefContext) -> bool:
    """Whether any table this brief draws figures from holds synthetic rows."""
    ds = ctx.dataset
    return any(bool(ds[name]["synthetic"].fillna(False).any())
               for name in ("firms", "assessments"))


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
    assigned = pentahelix.assign_helices(ds["stakeholders"], ds["helix_models"],
                                         ds["helix_assignment"], ctx.helix_model)
    return helices, assigned


def session_order(ctx: BriefContext) -> list[str]:
    """Session ids in time order, unknown dates last (the order of ``brief --all``)."""
    from ikmpolicy.pipeline import session_ids

    return session_ids(ctx.dataset)


def session_labels(ctx: BriefContext) -> dict[str, str]:
    """A short label per session: kind and date ("FGD, 15 Mei 2025")."""
    loc = ctx.loc
    labels = {}
    for s in ctx.dataset["fgd_sessions"].itertuples(index=False):
        when = loc.date(s.date if pd.notna(s.date) else None, s.date_precision)
        key = f"session_label.{s.kind}"
        labels[s.session_id] = (loc.t(key, date=when) if loc.has(key)
                                else f"{s.kind}, {when}")
    return labels
