"""Cross-row checks of the FGD instruments' tables, named in :mod:`ikmpolicy.schema`.

Each check receives the table as validated so far (typed cells, ``_row``), a ``problem`` callback
with the signature of the validator's (``row, column, value, expected, severity="error"``) and
the clean tables validated before it. :data:`FORM_CHECKS` maps a check name to its function;
each is registered with the validator's registry (:func:`ikmpolicy.validation.checks.check`),
so a row these checks refuse is reported by ``validate`` like any other.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

Problem = Callable[..., None]


def _rows(frame: pd.DataFrame, *columns: str):
    return zip(frame["_row"], *(frame[c] for c in columns), strict=True)


def check_ssim_pair(frame: pd.DataFrame, problem: Problem, tables: dict) -> None:
    """An element is not compared with itself; each pair once per expert (in either order);
    both elements are elements of the row's session (``fgd_elements``)."""
    elements = tables.get("fgd_elements")
    known = (
        set(zip(elements["session_id"], elements["element_id"], strict=True))
        if elements is not None
        else None
    )
    seen: dict[tuple, int] = {}
    for row, session, expert, i, j in _rows(
        frame, "session_id", "expert_id", "element_i", "element_j"
    ):
        if i is None or j is None:
            continue
        if i == j:
            problem(
                int(row),
                "element_j",
                j,
                "an element different from element_i (an element is not compared with itself)",
            )
            continue
        if known is not None and session is not None:
            for column, element in (("element_i", i), ("element_j", j)):
                if (session, element) not in known:
                    problem(
                        int(row),
                        column,
                        element,
                        f"an element of session '{session}' (see fgd_elements)",
                    )
        pair = (session, expert, frozenset((i, j)))
        if pair in seen:
            problem(
                int(row),
                "element_i+element_j",
                f"{i}/{j}",
                f"each pair once per expert; expert '{expert}' already judged "
                f"{'/'.join(sorted((i, j)))} in row {seen[pair]}",
            )
        else:
            seen[pair] = int(row)


def check_mactor_actors(frame: pd.DataFrame, problem: Problem, tables: dict) -> None:
    """No actor scores its influence on itself; actors took part in the session (warning)."""
    participation = tables.get("participation")
    present = (
        set(zip(participation["session_id"], participation["org_id"], strict=True))
        if participation is not None
        else None
    )
    for row, session, org, target in _rows(frame, "session_id", "org_id", "target_id"):
        if org is not None and org == target:
            problem(
                int(row),
                "target_id",
                target,
                "an actor other than org_id (an actor's influence on itself is not scored)",
            )
            continue
        if present is None or session is None:
            continue
        for column, actor in (("org_id", org), ("target_id", target)):
            if actor is not None and (session, actor) not in present:
                problem(
                    int(row),
                    column,
                    actor,
                    f"an organisation that took part in session "
                    f"'{session}' (participation); the row is kept",
                    "warning",
                )


def check_mactor_objective_in_session(frame: pd.DataFrame, problem: Problem, tables: dict) -> None:
    """The objective is one of the row's session (``mactor_objectives``)."""
    objectives = tables.get("mactor_objectives")
    if objectives is None:
        return
    known = set(zip(objectives["session_id"], objectives["objective_id"], strict=True))
    for row, session, objective in _rows(frame, "session_id", "objective_id"):
        if session is not None and objective is not None and (session, objective) not in known:
            problem(
                int(row),
                "objective_id",
                objective,
                f"an objective of session '{session}' (see mactor_objectives)",
            )


def check_anchor_in_scale(frame: pd.DataFrame, problem: Problem, tables: dict) -> None:
    """The anchored level lies on its indicator's scale."""
    indicators = tables.get("indicators")
    if indicators is None:
        return
    scale = {r.indicator: (r.scale_min, r.scale_max) for r in indicators.itertuples(index=False)}
    for row, indicator, level in _rows(frame, "indicator", "level"):
        if indicator in scale and level is not None:
            low, high = scale[indicator]
            if not low <= level <= high:
                problem(
                    int(row),
                    "level",
                    f"{level:g}",
                    f"a level on the indicator's scale ({low:g} to {high:g})",
                )


#: Check name (as named in a table's ``checks``) -> function.
FORM_CHECKS: dict[str, Callable[[pd.DataFrame, Problem, dict], None]] = {
    "ssim_pair": check_ssim_pair,
    "mactor_actors": check_mactor_actors,
    "mactor_objective_in_session": check_mactor_objective_in_session,
    "anchor_in_scale": check_anchor_in_scale,
}


def _registered(function: Callable[[pd.DataFrame, Problem, dict], None]):
    """The check as the validator's registry runs it (on a ``CheckContext``)."""

    def run(ctx) -> None:
        def problem(row, column, value, expected, severity="error"):
            if severity == "warning":
                ctx.warn(row, column, value, expected)
            else:
                ctx.invalid(row, column, value, expected)

        # a table lost as a whole is no evidence to compare with (every actor would be "absent
        # from the session"): the check sees None, as for a table the data do not have
        report = ctx.table.report
        tables = {n: (None if report.unusable(n) else t) for n, t in ctx.tables.items()}
        function(ctx.frame, problem, tables)

    return run


def register_form_checks() -> None:
    """Register :data:`FORM_CHECKS` with the validator (once; called by ikmpolicy.validation)."""
    from ikmpolicy.validation.checks import CHECKS, check

    for name, function in FORM_CHECKS.items():
        if name not in CHECKS:
            check(name)(_registered(function))
