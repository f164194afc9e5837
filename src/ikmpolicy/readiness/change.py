"""Change over time: how each firm's readiness moved between two assessment dates, and whether
the group as a whole improved (Wilcoxon signed-rank test on the paired changes).

Scores at two dates can only be subtracted when the same value means the same score at both
dates. Min–max, z-score and rank normalisations, PCA weights and data-driven outlier
treatment all depend on who else was assessed that day, so :func:`change_over_time` refuses
them and uses goalposts (default) or a target, which are fixed in the metadata (COINr treats
panel data the same way, normalising against fixed goalposts or a reference year).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ikmpolicy.sessions import DayParameterError, parse_day

from .errors import IndexDataError, IndexSpecError
from .index import IndexRecord, IndexSpec, build_index


def assessments_on(
    assessments: pd.DataFrame, assessment_date=None
) -> tuple[pd.Timestamp, pd.DataFrame]:
    """The assessments of one date: ``(date, rows)``; the latest date when none is given.

    ``assessment_date`` is a date, or a text ``YYYY-MM-DD`` (the notebooks' parameter), read
    by :func:`ikmpolicy.sessions.parse_day` as every day parameter is: a text in another form
    (``10/03/2025`` reads as 3 October to pandas) or a date without assessments stops with a
    message naming the value and the dates the data holds.

    Raises
    ------
    IndexSpecError
        A text that is not ``YYYY-MM-DD``, or a date without assessments.
    IndexDataError
        No ``assessment_date`` column, or no dated assessment.

    Examples
    --------
    >>> a = pd.DataFrame({"firm_id": ["A", "A", "B"],
    ...                   "assessment_date": pd.to_datetime(["2025-03-10", "2025-11-10",
    ...                                                      "2025-11-10"])})
    >>> date, rows = assessments_on(a)
    >>> str(date.date()), rows["firm_id"].tolist()
    ('2025-11-10', ['A', 'B'])
    >>> try:
    ...     assessments_on(a, "10/03/2025")
    ... except IndexSpecError as exc:
    ...     print(exc)
    assessment_date: found '10/03/2025'; expected a date YYYY-MM-DD; dates in the data:
    2025-03-10, 2025-11-10
    """
    if "assessment_date" not in assessments.columns:
        raise IndexDataError("assessments: missing column 'assessment_date'")
    dates = pd.to_datetime(assessments["assessment_date"])
    present = [str(pd.Timestamp(d).date()) for d in np.sort(dates.dropna().unique())]
    if not present:
        raise IndexDataError("assessments: no row has an assessment_date")
    if assessment_date is None:
        return _on(assessments, dates, pd.Timestamp(present[-1]))
    known = f"dates in the data: {', '.join(present)}"
    try:
        day = parse_day(assessment_date, "assessment_date")
    except DayParameterError as exc:
        raise IndexSpecError(f"{exc}; {known}") from None
    if str(day.date()) not in present:
        raise IndexSpecError(
            f"assessment_date: found {assessment_date!r}; expected a date with assessments "
            f"(there is none on {day.date()}); {known}"
        )
    return _on(assessments, dates, day)


def _on(assessments: pd.DataFrame, dates: pd.Series, day: pd.Timestamp):
    """``(day, the rows assessed on it)``."""
    return day, assessments[dates.dt.normalize() == day.normalize()]


@dataclass
class ChangeResult:
    """Result of :func:`change_over_time`.

    Attributes
    ----------
    changes : pandas.DataFrame
        Tidy: ``firm_id``, ``dimension`` (each dimension and ``overall``), ``before``,
        ``after``, ``change`` (after − before); firms ranked at both dates only.
    tests : pandas.DataFrame
        Per dimension and ``overall``: ``n_pairs``, ``n_nonzero``, ``mean_change``,
        ``median_change``, ``n_improved``, ``n_worsened``, ``statistic``, ``p_value``,
        ``alternative``.
    before, after : IndexRecord
        The two indices.
    """

    changes: pd.DataFrame
    tests: pd.DataFrame
    before: IndexRecord
    after: IndexRecord


def change_over_time(
    assessments: pd.DataFrame,
    metadata: pd.DataFrame,
    firms: pd.DataFrame | None = None,
    *,
    date_before=None,
    date_after=None,
    spec: IndexSpec | None = None,
    alternative: str = "greater",
    zero_method: str = "wilcox",
    **choices,
) -> ChangeResult:
    """Each firm's change per dimension between two dates, with a paired test of improvement.

    Parameters
    ----------
    assessments : pandas.DataFrame
        Wide assessments with ``firm_id`` and ``assessment_date`` holding (at least) two dates.
    metadata : pandas.DataFrame
        Indicator metadata (the ``indicators`` table).
    firms : pandas.DataFrame, optional
        Firm attributes.
    date_before, date_after : date-like, optional
        The dates compared; default the earliest and the latest.
    spec : IndexSpec, optional
        Choices; defaults to goalposts normalisation and no outlier treatment.
    alternative : str
        ``"greater"`` (default: did the group improve?), ``"less"`` or ``"two-sided"``.
    zero_method : str
        How ``scipy.stats.wilcoxon`` treats firms that did not change ("wilcox": leave them
        out, scipy's default; "pratt" or "zsplit" keep them).
    **choices
        Override fields of ``spec``.

    Returns
    -------
    ChangeResult

    Raises
    ------
    IndexSpecError
        A date not in the data, or a choice that is not comparable across dates (normalisation
        other than goalposts/target, PCA weights, outlier treatment).
    IndexDataError
        No ``assessment_date`` column, or fewer than two dates.

    Examples
    --------
    >>> import pandas as pd
    >>> meta = pd.DataFrame({"indicator": ["q"], "dimension": ["quality"],
    ...                      "scale_min": 1, "scale_max": 5, "direction": 1})
    >>> a = pd.DataFrame({"firm_id": list("ABCDEF") * 2,
    ...                   "assessment_date": pd.to_datetime(["2024-01-01"] * 6
    ...                                                     + ["2025-01-01"] * 6),
    ...                   "q": [1, 2, 2, 3, 1, 2, 3, 4, 3, 5, 2, 4]})
    >>> res = change_over_time(a, meta)
    >>> res.tests.loc["overall", ["n_pairs", "n_improved"]].tolist()
    [6, 6]
    """
    if "assessment_date" not in assessments.columns:
        raise IndexDataError("assessments: missing column 'assessment_date'")
    base = spec or IndexSpec(normalisation="goalposts", outliers="none")
    spec = base.replace(**choices) if choices else base
    if spec.normalisation not in ("goalposts", "target"):
        raise IndexSpecError(
            f"normalisation {spec.normalisation!r} depends on the firms "
            "assessed at each date, so scores could not be compared; use "
            "'goalposts' (or 'target')"
        )
    if spec.outliers != "none":
        raise IndexSpecError(
            "outlier treatment depends on each date's data; use outliers='none' to compare dates"
        )
    if "pca" in (spec.indicator_weights, spec.dimension_weights):
        raise IndexSpecError(
            "PCA weights depend on each date's data; fix the weights "
            "(metadata, equal or a mapping) to compare dates"
        )
    if "copeland" in (spec.dimension_method, spec.overall_method):
        raise IndexSpecError(
            "Copeland scores are relative to the other firms of the date; "
            "use a mean to compare dates"
        )
    if alternative not in ("greater", "less", "two-sided"):
        raise IndexSpecError(
            f"alternative {alternative!r}: expected 'greater', 'less' or 'two-sided'"
        )
    dates = pd.to_datetime(assessments["assessment_date"])
    uniq = np.sort(dates.dropna().unique())
    if len(uniq) < 2 and (date_before is None or date_after is None):
        raise IndexDataError(f"change over time needs two assessment dates, found {len(uniq)}")
    d0 = pd.Timestamp(date_before) if date_before is not None else pd.Timestamp(uniq[0])
    d1 = pd.Timestamp(date_after) if date_after is not None else pd.Timestamp(uniq[-1])
    for d in (d0, d1):
        if not (dates == d).any():
            raise IndexSpecError(
                f"no assessment on {d.date()}; dates present: "
                f"{[str(pd.Timestamp(u).date()) for u in uniq]}"
            )
    if d0 == d1:
        raise IndexSpecError("date_before and date_after are the same date")
    rec0 = build_index(assessments[dates == d0], metadata, firms, spec=spec)
    rec1 = build_index(assessments[dates == d1], metadata, firms, spec=spec)
    both = rec0.included[rec0.included].index.intersection(rec1.included[rec1.included].index)
    levels = list(rec0.dimension_scores.columns) + ["overall"]
    s0 = rec0.dimension_scores.loc[both].assign(overall=rec0.overall.loc[both])
    s1 = rec1.dimension_scores.loc[both].assign(overall=rec1.overall.loc[both])
    delta = s1 - s0
    changes = pd.DataFrame(
        {
            "firm_id": np.repeat(both.to_numpy(), len(levels)),
            "dimension": np.tile(levels, len(both)),
            "before": s0[levels].to_numpy().ravel(),
            "after": s1[levels].to_numpy().ravel(),
            "change": delta[levels].to_numpy().ravel(),
        }
    )
    from scipy import stats  # here: importing it takes 0.5 s that loading the data need not pay

    rows = {}
    for lev in levels:
        d = delta[lev].dropna().to_numpy()
        nz = d[np.abs(d) > 1e-12]
        stat, p = np.nan, np.nan
        if (zero_method == "wilcox" and nz.size) or (
            zero_method != "wilcox" and d.size and nz.size
        ):
            res = stats.wilcoxon(
                d if zero_method != "wilcox" else nz,
                zero_method=zero_method,
                alternative=alternative,
            )
            stat, p = float(res.statistic), float(res.pvalue)
        elif d.size:
            p = 1.0  # nobody changed: no evidence of any change
        rows[lev] = {
            "n_pairs": int(d.size),
            "n_nonzero": int(nz.size),
            "mean_change": float(d.mean()) if d.size else np.nan,
            "median_change": float(np.median(d)) if d.size else np.nan,
            "n_improved": int((nz > 0).sum()),
            "n_worsened": int((nz < 0).sum()),
            "statistic": stat,
            "p_value": p,
            "alternative": alternative,
        }
    tests = pd.DataFrame.from_dict(rows, orient="index").rename_axis("dimension")
    return ChangeResult(changes=changes, tests=tests, before=rec0, after=rec1)
