"""The evidence behind each recommendation, and the rule that keeps a recommendation out.

An action's evidence trail holds:

* the gaps it addresses, with numbers: for each indicator a programme of the action raises, the
  participants short of the level of a requirement they fit by KBLI, and their mean largest
  shortfall (shown only for 3 firms or more); for each certificate it delivers, the participants
  that lack it while such a requirement asks for it;
* the buyer requirements it opens (firms made eligible per requirement);
* the session's FGD statements coded to one of its themes (the brief's final codes: a human
  coder's codes where given, else the keyword codes), quoted and attributed to the organisation —
  never to a person;
* the commitments still open on one of its themes (or naming its programme), made at this
  session or an earlier one and known by the reference date;
* the sources: the programmes' articles, the cost and effect sources, and those of the quoted
  statements and commitments.

Rule: an action is shown only with numeric evidence (a measured gap it addresses or a firm it
makes eligible) and a link to the session: a statement of the session coded to its theme, a
commitment made at the session on its theme or programme, or its lead organisation at the
table. Others are set aside with the reason (``no_numeric_evidence``, ``no_session_link``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ikmpolicy import fgd
from ikmpolicy.pentahelix.ledger import commitment_ledger

__all__ = [
    "MIN_GROUP",
    "Evidence",
    "FirmGaps",
    "SessionEvidence",
    "evidence_trail",
    "session_evidence",
]

#: Fewest firms an average is shown for (smaller groups are suppressed in aggregates).
MIN_GROUP = 3


@dataclass(frozen=True)
class Evidence:
    """The evidence trail of one action (see the module docstring).

    Attributes
    ----------
    gaps : pandas.DataFrame
        ``item`` (indicator or certificate id), ``kind`` (``"indicator"``/``"certificate"``),
        ``firms`` (participants with the gap), ``mean_gap`` (scale points; NaN for certificates
        and for fewer than 3 firms).
    requirements : pandas.DataFrame
        ``requirement_id``, ``buyer_id``, ``firms`` made eligible.
    statements : pandas.DataFrame
        ``statement_id``, ``org_id``, ``kind``, ``quote``, ``text``, ``codes``, ``source_id``.
    commitments : pandas.DataFrame
        ``commitment_id``, ``session_id``, ``org_id``, ``text``, ``theme``, ``state``,
        ``source_id``.
    sources : tuple of str
    links : tuple of str
        How it is tied to the session: ``"statement"``, ``"commitment"``, ``"lead_present"``.
    """

    gaps: pd.DataFrame
    requirements: pd.DataFrame
    statements: pd.DataFrame
    commitments: pd.DataFrame
    sources: tuple[str, ...]
    links: tuple[str, ...]

    @property
    def numeric(self) -> bool:
        """Whether a measured gap or an opened requirement backs the action."""
        return bool((self.gaps["firms"] > 0).any()) or bool((self.requirements["firms"] > 0).any())

    @property
    def reason(self) -> str | None:
        """Why the action is not shown (None when it is)."""
        if not self.numeric:
            return "no_numeric_evidence"
        if not self.links:
            return "no_session_link"
        return None


@dataclass(frozen=True)
class SessionEvidence:
    """What a session offers as evidence: its coded statements, the commitments known by the
    reference date, and who was present."""

    session_id: str
    statements: pd.DataFrame
    commitments: pd.DataFrame
    present: frozenset
    # (catalogue id, themes, programmes) -> (catalogue, what evidence_trail draws from the
    # session for them): actions on the same programmes and themes (one per target group)
    # share it. The catalogue is kept so that its id stays its own while cached.
    _drawn: dict = field(default_factory=dict, init=False, repr=False, compare=False)


def session_evidence(dataset, session_id: str, as_of, order: Sequence[str]) -> SessionEvidence:
    """Coded statements of the session and the open commitments up to it.

    Parameters
    ----------
    dataset : ikmpolicy.validation.Dataset
    session_id : str
    as_of : date-like
        Reference date (commitments of sessions that start after it are not known yet).
    order : sequence of str
        Session ids in time order (unknown dates last); commitments of this session and of the
        sessions before it count.
    """
    st = dataset["statements"]
    codebook = dataset["codebook"]
    here = st[st["session_id"] == session_id]
    if len(here) and len(codebook):
        final = fgd.final_codes(here, fgd.code_statements(here, codebook), codebook)
        codes = dict(zip(final["statement_id"], final["codes"], strict=True))
    else:
        codes = {}
    statements = here.assign(codes=[codes.get(s, ()) for s in here["statement_id"]])
    cm = dataset["commitments"]
    known = (
        list(order[: list(order).index(session_id) + 1]) if session_id in order else [session_id]
    )
    ledger = commitment_ledger(cm, as_of, sessions=dataset["fgd_sessions"]) if len(cm) else cm
    if len(ledger):
        starts = ledger["session_start"]
        keep = (
            ledger["session_id"].isin(known)
            & (starts.isna() | (starts <= pd.Timestamp(as_of)))
            & (ledger["state"] != "done")
        )
        ledger = ledger[keep]
        if "intervention_id" not in ledger.columns:
            ledger = ledger.assign(intervention_id=None)
    part = dataset["participation"]
    present = frozenset(part.loc[part["session_id"] == session_id, "org_id"])
    return SessionEvidence(
        session_id, statements.reset_index(drop=True), ledger.reset_index(drop=True), present
    )


@dataclass(frozen=True)
class FirmGaps:
    """Each firm's largest shortfall per indicator and the certificates it lacks, over the
    requirements it fits by KBLI (from :func:`ikmpolicy.matching.requirement_gaps`)."""

    worst: pd.DataFrame  # firm x indicator, largest gap (0 = met everywhere)
    lacking: dict  # certificate -> set of firm ids

    @classmethod
    def of(cls, gaps: pd.DataFrame, indicators: Sequence[str]) -> FirmGaps:
        """The gap columns of ``requirement_gaps`` per firm and indicator, for the evidence."""
        fit = gaps[gaps["kbli_fit"].astype(bool)]
        cols = [f"gap_{i}" for i in indicators]
        worst = fit.groupby("firm_id")[cols].max()
        worst.columns = list(indicators)
        lacking: dict = {}
        for firm, missing in zip(fit["firm_id"], fit["missing_certificates"], strict=True):
            for cert in missing:
                lacking.setdefault(cert, set()).add(firm)
        return cls(worst, lacking)


def _gap_rows(
    action: pd.Series, firm_gaps: FirmGaps, catalogue, indicators: Sequence[str]
) -> pd.DataFrame:
    effects = catalogue.effects
    # (programme, indicator) pairs with a positive expected gain (the catalogue has one row each)
    raised = set(effects.index[effects["gain_mid"].to_numpy(float) > 0])
    moved = [i for i in indicators if any((p, i) in raised for p in action["programmes"])]
    worst = firm_gaps.worst.reindex(list(action["participants"]))
    rows = []
    for ind in moved:
        gap = worst[ind].to_numpy()
        # the mean of a Series, as the shortfalls were averaged before (pandas' own summation)
        short = pd.Series(gap[gap > 1e-9], dtype=gap.dtype)
        mean = float(short.mean()) if len(short) >= MIN_GROUP else np.nan
        rows.append({"item": ind, "kind": "indicator", "firms": len(short), "mean_gap": mean})
    delivered = dict.fromkeys(
        c for p in action["programmes"] for c in catalogue.programmes.at[p, "delivers"]
    )
    for cert in delivered:
        lacking = firm_gaps.lacking.get(cert, set()) & set(action["participants"])
        rows.append(
            {"item": cert, "kind": "certificate", "firms": len(lacking), "mean_gap": np.nan}
        )
    return pd.DataFrame(rows, columns=["item", "kind", "firms", "mean_gap"])


def _sources(action, catalogue, statements, commitments) -> tuple[str, ...]:
    progs = catalogue.programmes
    out = []
    for p in action["programmes"]:
        out += [progs.at[p, "source_id"], progs.at[p, "cost_source"]]
        if p in catalogue.effects.index.get_level_values(0):
            out += list(catalogue.effects.loc[p, "source_id"])
    out += list(statements["source_id"]) + list(commitments["source_id"])
    return tuple(s for s in dict.fromkeys(out) if isinstance(s, str) and s)


def evidence_trail(
    action: pd.Series,
    gaps: pd.DataFrame | FirmGaps,
    catalogue,
    indicators: Sequence[str],
    requirements: pd.DataFrame,
    session: SessionEvidence,
) -> Evidence:
    """The evidence trail of one action (see the module docstring).

    Parameters
    ----------
    action : pandas.Series
        A row of the action table with its nominal effects (``participants``, ``programmes``,
        ``themes``, ``lead_id``, ``requirements_opened``).
    gaps : pandas.DataFrame or FirmGaps
        :func:`ikmpolicy.matching.requirement_gaps` of the profile (or its :class:`FirmGaps`,
        computed once for many actions).
    catalogue : ikmpolicy.programmes.Catalogue
    indicators : sequence of str
        Indicator ids.
    requirements : pandas.DataFrame
        The ``buyer_requirements`` table.
    session : SessionEvidence
    """
    themes, programmes = frozenset(action["themes"]), tuple(action["programmes"])
    key = (id(catalogue), themes, programmes)
    if key not in session._drawn:
        session._drawn[key] = (catalogue, _drawn(session, themes, programmes, catalogue))
    statements, commitments, links, sources = session._drawn[key][1]
    buyer = dict(zip(requirements["requirement_id"], requirements["buyer_id"], strict=True))
    opened = pd.DataFrame(
        [
            {"requirement_id": r, "buyer_id": buyer.get(r), "firms": n}
            for r, n in action["requirements_opened"]
        ],
        columns=["requirement_id", "buyer_id", "firms"],
    )
    if action["lead_id"] in session.present:
        links = (*links, "lead_present")
    firm_gaps = gaps if isinstance(gaps, FirmGaps) else FirmGaps.of(gaps, indicators)
    return Evidence(
        _gap_rows(action, firm_gaps, catalogue, indicators),
        opened,
        statements.copy(),  # each action its own frames, as when each was drawn apart
        commitments.copy(),
        sources,
        links,
    )


def _drawn(
    session: SessionEvidence, themes: frozenset, programmes: tuple, catalogue
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, ...], tuple[str, ...]]:
    """The session's statements and commitments on ``themes`` or ``programmes``, the links
    they make and the sources: what two actions on the same themes and programmes share."""
    st = session.statements
    statements = st.loc[np.array([bool(themes & set(c)) for c in st["codes"]], dtype=bool)]
    cm = session.commitments
    on_theme = (
        cm[cm["theme"].isin(themes) | cm["intervention_id"].isin(programmes)] if len(cm) else cm
    )
    links = []
    if len(statements):
        links.append("statement")
    if len(on_theme) and (on_theme["session_id"] == session.session_id).any():
        links.append("commitment")
    statements = statements[
        ["statement_id", "org_id", "kind", "quote", "text", "codes", "source_id"]
    ].reset_index(drop=True)
    commitments = (
        on_theme[
            ["commitment_id", "session_id", "org_id", "text", "theme", "state", "source_id"]
        ].reset_index(drop=True)
        if len(on_theme)
        else pd.DataFrame(
            columns=["commitment_id", "session_id", "org_id", "text", "theme", "state", "source_id"]
        )
    )
    sources = _sources({"programmes": programmes}, catalogue, statements, commitments)
    return statements, commitments, tuple(links), sources
