"""What the forms of one session ask, built from the dataset (no file is written here).

A :class:`SessionForms` holds the session, its participants (one questionnaire per delegate,
each with a respondent code, organisation and helix when the participation table knows them),
the AHP criteria (the dimensions of the indicators table) and their pairs, the indicators with
their level anchors, the organisations and themes for the drop-downs, and the session's
elements for the SSIM form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

from ikmpolicy.errors import InputError
from ikmpolicy.ids import UnsafeIdError, check_id

#: Saaty's 1-9 scale: the odd values carry words, the even ones lie between.
SAATY_VALUES = tuple(range(1, 10))
#: Roles an attendance sheet offers (those of the participation table).
ROLES = (
    "organiser",
    "co_organiser",
    "opening",
    "speaker",
    "participant",
    "partner",
    "host",
    "exhibitor",
)
#: Kinds of form, in the order they are written.
KINDS = ("ahp", "readiness", "attendance", "commitments", "ssim")
FORM_VERSION = "1"


class FormsError(InputError):
    """A form cannot be made from the data as it is (unknown session, no criteria, ...)."""


@dataclass(frozen=True)
class Participant:
    """One questionnaire: who fills it (a code, never a name)."""

    respondent_id: str
    org_id: str | None
    org_name: str
    helix: str | None


@dataclass
class SessionForms:
    """Everything the forms of one session show."""

    session_id: str
    title: str
    date_text: str
    lang: str
    participants: list[Participant]
    criteria: list[tuple[str, str]]  #: (dimension id, label)
    pairs: list[tuple[str, str]]  #: (criterion a, criterion b), a before b
    indicators: list[dict]  #: id, label, scale_min, scale_max, anchors {level: text}
    organisations: list[tuple[str, str, str]]  #: (org_id, name, helix)
    themes: list[tuple[str, str]]  #: (code, label)
    elements: list[tuple[str, str]] = field(default_factory=list)  #: (element id, label)
    helices: tuple[str, ...] = ()
    helix_labels: dict = field(default_factory=dict)
    firm_ids: list[str] = field(default_factory=list)

    def choice(self, org_id: str) -> str:
        """How an organisation is shown in a drop-down: ``name [org_id]``."""
        names = {o: n for o, n, _ in self.organisations}
        return f"{names.get(org_id, org_id)} [{org_id}]"


_CODE = re.compile(r"^P(\d+)$")


def _next_number(dataset, session_id: str) -> int:
    """First free participant number: codes already imported for the session are not reused."""
    used = []
    for table, column in (("pairwise", "respondent_id"), ("ssim", "expert_id")):
        if table in dataset.tables:
            frame = dataset[table]
            for code in frame.loc[frame["session_id"] == session_id, column]:
                match = _CODE.match(str(code))
                if match:
                    used.append(int(match.group(1)))
    return max(used, default=0) + 1


def _participants(dataset, session_id: str) -> list[Participant]:
    part = dataset["participation"]
    part = part[part["session_id"] == session_id]
    st = dataset["stakeholders"].set_index("org_id")
    seats: dict[str, int] = {}
    for org, people in zip(part["org_id"], part["people"], strict=True):
        count = 1 if pd.isna(people) or int(people) < 1 else int(people)
        seats[org] = max(seats.get(org, 0), count)
    start = _next_number(dataset, session_id)
    width = max(3, len(str(start + sum(seats.values()))))
    out = []
    for org, count in seats.items():
        name = str(st.at[org, "name"]) if org in st.index else org
        helix = str(st.at[org, "helix"]) if org in st.index else None
        for _ in range(count):
            code = f"P{start + len(out):0{width}d}"
            out.append(Participant(code, org, name, helix))
    return out


def session_forms(
    dataset, session_id: str, lang: str = "id", extra_participants: int = 0
) -> SessionForms:
    """Collect what the forms of ``session_id`` show.

    Parameters
    ----------
    dataset : ikmpolicy.validation.Dataset
        Validated data.
    session_id : str
        The session (checked as a plain name first: it names a folder).
    lang : {"id", "en"}
        Language of labels.
    extra_participants : int
        Blank questionnaires (no organisation) added for participants not on the list.

    Examples
    --------
    >>> from ikmpolicy.validation import load_dataset
    >>> f = session_forms(load_dataset("data/cilegon"), "fgd-2025-05-15")
    >>> len(f.criteria), len(f.pairs), f.participants[0].respondent_id
    (9, 36, 'P001')
    """
    try:
        check_id(session_id, "session id")
    except UnsafeIdError as exc:
        raise FormsError(str(exc)) from exc
    sessions = dataset["fgd_sessions"]
    match = sessions[sessions["session_id"] == session_id]
    if match.empty:
        known = ", ".join(sessions["session_id"].astype(str))
        raise FormsError(f"session {session_id!r} is not in fgd_sessions; known: {known}")
    session = match.iloc[0]
    label = "label_id" if lang == "id" else "label_en"
    ind = dataset.indicators
    criteria = list(dict.fromkeys(ind["dimension"]))
    if len(criteria) < 2:
        raise FormsError(
            "the indicators table names fewer than two dimensions: there is "
            "nothing to compare pairwise"
        )
    # a dimension's label: the label of its indicator of the same id, else the id itself
    by_id = dict(zip(ind["indicator"], ind[label], strict=True))
    anchors = dataset.tables.get("level_anchors")
    described = "description_id" if lang == "id" else "description_en"
    indicators = []
    for r in ind.itertuples(index=False):
        texts = {}
        if anchors is not None:
            rows = anchors[anchors["indicator"] == r.indicator].sort_values("level")
            texts = {
                float(lv): str(t) for lv, t in zip(rows["level"], rows[described], strict=True)
            }
        indicators.append(
            {
                "id": r.indicator,
                "label": getattr(r, label),
                "scale_min": float(r.scale_min),
                "scale_max": float(r.scale_max),
                "anchors": texts,
            }
        )
    participants = _participants(dataset, session_id)
    start = len(participants)
    prefix_width = len(participants[-1].respondent_id) - 1 if participants else 3
    first = _next_number(dataset, session_id) + start
    for k in range(extra_participants):
        participants.append(Participant(f"P{first + k:0{prefix_width}d}", None, "", None))
    st = dataset["stakeholders"]
    elements_table = dataset.tables.get("fgd_elements")
    elements = []
    if elements_table is not None:
        own = elements_table[elements_table["session_id"] == session_id]
        elements = list(zip(own["element_id"], own[label], strict=True))
    codebook = dataset.tables.get("codebook")
    themes = (
        list(zip(codebook["code"], codebook[label], strict=True)) if codebook is not None else []
    )
    models = dataset["helix_models"]
    classic = models[models["model"] == "classic"].sort_values("order")
    date_text = session["date_text"] if pd.notna(session["date_text"]) else ""
    return SessionForms(
        session_id=session_id,
        title=str(session["title"]),
        date_text=str(date_text),
        lang=lang,
        participants=participants,
        criteria=[(c, str(by_id.get(c, c))) for c in criteria],
        pairs=list(combinations(criteria, 2)),
        indicators=indicators,
        organisations=list(zip(st["org_id"], st["name"], st["helix"], strict=True)),
        themes=themes,
        elements=elements,
        helices=tuple(classic["helix"]),
        helix_labels=dict(zip(classic["helix"], classic[label], strict=True)),
        firm_ids=list(dataset["firms"]["firm_id"]),
    )
