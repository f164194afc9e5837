"""Follow-up across sessions: what was recommended before, and whether a commitment took it up.

Earlier sessions
    The sessions before this one in time order (unknown dates last, the order of
    ``brief --all``) whose date is known. Each one's recommendations are recomputed
    deterministically from the data as of its last day (``end_date``, else the end of the period
    its date names): the assessments and commitments known then, the same method, criteria and
    multiplier, without the Monte Carlo (the recommended actions follow from the nominal ranks).
    Its first ``top`` recommendations are followed up.
Take-up rule
    A commitment takes up a recommendation when it was made at a later session (after the
    recommending one, up to this one) known by the reference date, and either names one of the
    recommendation's programmes (``commitments.intervention_id``), or, when it names none, comes
    from the recommendation's lead organisation on one of its themes.

:func:`recommendations_table` flattens a session's recommendations into the table a brief writes
as CSV (no firm ids: the public edition shows counts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ikmpolicy.pentahelix.ledger import commitment_ledger, period_end
from ikmpolicy.report.i18n import Locale
from ikmpolicy.sessions import session_order

from .wording import action_sentence

__all__ = [
    "FOLLOW_UP_COLUMNS",
    "TABLE_COLUMNS",
    "follow_up",
    "recommendations_table",
    "session_end",
    "takes_up",
]

FOLLOW_UP_COLUMNS = (
    "session_id",
    "as_of",
    "rank",
    "action_id",
    "intervention_id",
    "programmes",
    "target_kind",
    "target_id",
    "lead_id",
    "themes",
    "firms",
    "cost_idr",
    "taken_up",
    "commitment_ids",
    "commitment_states",
)


def session_end(session: pd.Series | object) -> pd.Timestamp:
    """The last day of a session: its ``end_date``, else the end of the period of its date
    (NaT when the date is unknown).

    Examples
    --------
    >>> s = pd.Series({"date": "2022", "date_precision": "year", "end_date": pd.NaT})
    >>> str(session_end(s).date())
    '2022-12-31'
    """
    get = (
        session.get
        if isinstance(session, pd.Series)
        else (lambda k, d=None: getattr(session, k, d))
    )
    end = get("end_date")
    if end is not None and not pd.isna(end):
        return pd.Timestamp(end).normalize()
    date = get("date")
    if date is None or (isinstance(date, float) and pd.isna(date)):
        return pd.NaT
    return period_end(str(date), get("date_precision"))


def takes_up(commitment: Mapping, recommendation: Mapping) -> bool:
    """The take-up rule (module docstring) for one commitment and one recommendation.

    Examples
    --------
    >>> rec = {"programmes": ("certification_testing",), "lead_id": "bbspji_lm",
    ...        "themes": ("certification_testing",)}
    >>> takes_up({"intervention_id": None, "org_id": "bbspji_lm",
    ...           "theme": "certification_testing"}, rec)
    True
    >>> takes_up({"intervention_id": "training", "org_id": "bbspji_lm",
    ...           "theme": "certification_testing"}, rec)
    False
    """
    named = commitment.get("intervention_id")
    if named is not None and not pd.isna(named) and str(named):
        return str(named) in tuple(recommendation["programmes"])
    return commitment.get("org_id") == recommendation["lead_id"] and commitment.get(
        "theme"
    ) in tuple(recommendation["themes"])


def _later_commitments(
    dataset, earlier: str, session_id: str, order: Sequence[str], as_of: pd.Timestamp
) -> pd.DataFrame:
    cm = dataset["commitments"]
    if cm.empty:
        return cm.assign(state=pd.Series(dtype=object))
    ledger = commitment_ledger(cm, as_of, sessions=dataset["fgd_sessions"])
    later = order[order.index(earlier) + 1 : order.index(session_id) + 1]
    keep = ledger["session_id"].isin(later) & (
        ledger["session_start"].isna() | (ledger["session_start"] <= as_of)
    )
    out = ledger[keep]
    return out if "intervention_id" in out.columns else out.assign(intervention_id=None)


def follow_up(
    dataset, session_id: str, as_of, *, top: int = 3, **recommend_options
) -> pd.DataFrame:
    """What the earlier sessions recommended and whether a later commitment took it up.

    Parameters
    ----------
    dataset : ikmpolicy.validation.Dataset
    session_id : str
    as_of : date-like
        Reference date of this session's brief.
    top : int
        How many of each earlier session's recommendations are followed up.
    **recommend_options
        Passed to :func:`~ikmpolicy.recommend.session.recommend_for_session` (method,
        criteria, effect multiplier, ...).

    Returns
    -------
    pandas.DataFrame
        One row per earlier recommendation (:data:`FOLLOW_UP_COLUMNS`): the recommending
        session, its reference date, rank, the action, ``taken_up`` and the ids and states of
        the commitments that took it up. ``attrs["sessions"]`` lists the earlier sessions
        considered with the number of their recommendations.
    """
    from .session import leading_actions, recommend_for_session

    as_of = pd.Timestamp(as_of).normalize()
    order = session_order(dataset)
    sessions = dataset["fgd_sessions"].set_index("session_id")
    rows, considered = [], {}
    for earlier in order[: order.index(session_id)]:
        end = session_end(sessions.loc[earlier])
        if pd.isna(end) or end > as_of:
            continue
        if {"budget_idr", "steps"} & set(recommend_options):
            # a budget or steps asked for: the whole recommendation, which checks them
            shown = recommend_for_session(
                dataset, earlier, end, n_runs=0, top=top, follow_up=False, **recommend_options
            ).top
        else:  # the leading actions alone: the budget curve and wording look-ups are not used
            shown = leading_actions(dataset, earlier, end, n_runs=0, top=top, **recommend_options)
        considered[earlier] = len(shown)
        commitments = _later_commitments(dataset, earlier, session_id, order, as_of)
        records = commitments.to_dict("records")
        for aid, row in shown.iterrows():
            # a boolean Series, not a list: an empty list would select no columns, not no rows
            took = pd.Series(
                [takes_up(c, row) for c in records], index=commitments.index, dtype=bool
            )
            hits = commitments[took]
            rows.append(
                {
                    "session_id": earlier,
                    "as_of": end,
                    "rank": int(row["rank"]),
                    "action_id": aid,
                    "intervention_id": row["intervention_id"],
                    "programmes": row["programmes"],
                    "target_kind": row["target_kind"],
                    "target_id": row["target_id"],
                    "lead_id": row["lead_id"],
                    "themes": row["themes"],
                    "firms": int(row["firms"]),
                    "cost_idr": float(row["cost_idr"]),
                    "taken_up": bool(len(hits)),
                    "commitment_ids": tuple(hits["commitment_id"]),
                    "commitment_states": tuple(hits["state"]),
                }
            )
    out = pd.DataFrame(rows, columns=list(FOLLOW_UP_COLUMNS))
    out.attrs["sessions"] = considered
    return out


#: Columns of :func:`recommendations_table`.
TABLE_COLUMNS = (
    "session_id",
    "as_of",
    "rank",
    "action_id",
    "intervention_id",
    "programmes",
    "target_kind",
    "target_id",
    "lead_id",
    "lead_helix",
    "partner_ids",
    "firms",
    "cost_idr",
    "months",
    "eligible_pairs",
    "eligible_pairs_low",
    "eligible_pairs_high",
    "eligible_firms",
    "requirements_opened",
    "readiness_gain_mean",
    "readiness_mean_low",
    "readiness_mean_high",
    "priority",
    "score",
    "q_low",
    "q_high",
    "robustness",
    "in_portfolio",
    "themes",
    "source_ids",
    "text",
)


def _joined(values) -> str:
    return ";".join(str(v) for v in values)


def recommendations_table(recommendations, lang: str = "id") -> pd.DataFrame:
    """The shown recommendations of a session as one flat table (one row per action).

    Columns: ``session_id``, ``as_of``, ``rank``, ``action_id``, ``intervention_id``,
    ``programmes``, ``target_kind``, ``target_id``, ``lead_id``, ``lead_helix``,
    ``partner_ids``, ``firms``, ``cost_idr``, ``months``, ``eligible_pairs``,
    ``eligible_pairs_low``, ``eligible_pairs_high``, ``eligible_firms``, ``requirements_opened``
    (``"REQ-02:2;REQ-06:2"``), ``readiness_gain_mean``, ``readiness_mean_low``,
    ``readiness_mean_high``, ``priority``, ``score``, ``q_low``, ``q_high``, ``robustness``,
    ``in_portfolio``, ``themes``, ``source_ids`` and ``text`` (the sentence in ``lang``).
    Lists are ``;``-separated. No firm id appears.
    """
    rec = recommendations
    loc = Locale(lang)
    rows = []
    for aid, a in rec.actions.iterrows():
        ev = rec.evidence[aid]
        rows.append(
            {
                "session_id": rec.session_id,
                "as_of": str(rec.as_of.date()),
                "rank": int(a["rank"]),
                "action_id": aid,
                "intervention_id": a["intervention_id"],
                "programmes": _joined(a["programmes"]),
                "target_kind": a["target_kind"],
                "target_id": a["target_id"],
                "lead_id": a["lead_id"],
                "lead_helix": a["lead_helix"],
                "partner_ids": _joined(a["partner_ids"]),
                "firms": int(a["firms"]),
                "cost_idr": float(a["cost_idr"]),
                "months": a["months"],
                "eligible_pairs": int(a["n_eligible_pairs"]),
                "eligible_pairs_low": a.get("eligible_pairs_low"),
                "eligible_pairs_high": a.get("eligible_pairs_high"),
                "eligible_firms": int(a["n_eligible_firms"]),
                "requirements_opened": _joined(f"{r}:{n}" for r, n in a["requirements_opened"]),
                "readiness_gain_mean": float(a["readiness_gain_mean"]),
                "readiness_mean_low": a.get("readiness_mean_low"),
                "readiness_mean_high": a.get("readiness_mean_high"),
                "priority": float(a["priority"]),
                "score": float(a["score"]),
                "q_low": a.get("q_low"),
                "q_high": a.get("q_high"),
                "robustness": a.get("robustness"),
                "in_portfolio": bool(a["in_portfolio"]),
                "themes": _joined(a["themes"]),
                "source_ids": _joined(ev.sources),
                "text": action_sentence(a, loc, rec.names),
            }
        )
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
