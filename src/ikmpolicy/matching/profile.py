"""One row per firm: what a buyer's requirement is checked against."""

from __future__ import annotations

import pandas as pd

from ikmpolicy.profile import latest_assessments
from ikmpolicy.schema import CERTIFICATES, TABLES
from ikmpolicy.sessions import DayParameterError, parse_day

from ._errors import MatchingError

#: Firm columns a profile carries besides the scores (never a personal column).
PROFILE_COLUMNS = (
    "sub_sector",
    "kbli",
    "has_nib",
    "has_sni",
    "has_iso9001",
    "capacity_yearly",
    "capacity_unit",
)
#: Columns that hold personal data in any table of the schema.
PERSONAL_COLUMNS = frozenset(c for table in TABLES.values() for c in table.personal_columns)


def indicator_ids(indicators: pd.DataFrame) -> list[str]:
    """Indicator ids from the ``indicators`` table (column or index ``indicator``).

    Examples
    --------
    >>> indicator_ids(pd.DataFrame({"indicator": ["q", "hr"]}))
    ['q', 'hr']
    """
    if "indicator" in indicators.columns:
        return [str(i) for i in indicators["indicator"]]
    return [str(i) for i in indicators.index]


def firm_profile(
    firms: pd.DataFrame, assessments: pd.DataFrame, indicators: pd.DataFrame, as_of=None
) -> pd.DataFrame:
    """Each firm with its certificates, capacity and its latest scores as of a date.

    Parameters
    ----------
    firms : pandas.DataFrame
        The ``firms`` table.
    assessments : pandas.DataFrame
        The ``assessments`` table (one column per indicator).
    indicators : pandas.DataFrame
        The ``indicators`` table.
    as_of : date-like, optional
        Reference date: the latest assessment on or before it counts (all dates when None).

    Returns
    -------
    pandas.DataFrame
        Index ``firm_id`` (the order of ``firms``); ``sub_sector``, ``kbli``, ``has_nib``,
        ``has_sni``, ``has_iso9001``, ``capacity_yearly``, ``capacity_unit``,
        ``assessment_date`` (NaT = not assessed by ``as_of``) and one float column per indicator
        (NaN = no score). Personal columns (owner name, phone) are never carried; nor is the
        business name (see :func:`ikmpolicy.matching.shortlist`).

    Examples
    --------
    >>> firms = pd.DataFrame({"firm_id": ["a", "b"], "sub_sector": "s", "kbli": "25111",
    ...                       "has_nib": True, "has_sni": False, "has_iso9001": False,
    ...                       "capacity_yearly": [10.0, None], "capacity_unit": ["ton", None],
    ...                       "owner_name": ["X", "Y"]})
    >>> a = pd.DataFrame({"firm_id": ["a", "a"], "q": [2.0, 4.0],
    ...                   "assessment_date": pd.to_datetime(["2025-01-01", "2025-06-01"])})
    >>> p = firm_profile(firms, a, pd.DataFrame({"indicator": ["q"]}), as_of="2025-03-01")
    >>> p["q"].tolist(), "owner_name" in p.columns, bool(pd.isna(p.loc["b", "assessment_date"]))
    ([2.0, nan], False, True)
    """
    ids = indicator_ids(indicators)
    for column in ("firm_id", *PROFILE_COLUMNS):
        if column not in firms.columns:
            raise MatchingError(f"table 'firms': missing column '{column}'")
    for column in ("firm_id", "assessment_date", *ids):
        if column not in assessments.columns:
            raise MatchingError(
                f"table 'assessments': missing column '{column}'"
                + (" (an indicator of the indicators table)" if column in ids else "")
            )
    duplicated = firms["firm_id"].duplicated()
    if duplicated.any():
        where = firms.index[duplicated.to_numpy()][0]
        row = firms.loc[where]
        at = f"row {int(row['_row'])}" if "_row" in firms.columns else f"index {where!r}"
        raise MatchingError(
            f"table 'firms', {at}, column 'firm_id': found "
            f"{row['firm_id']!r}; expected a unique firm id"
        )
    try:
        cutoff = None if as_of is None else parse_day(as_of, "as_of")
    except DayParameterError as exc:
        raise MatchingError(str(exc)) from None
    dated = assessments[["firm_id", "assessment_date", *ids]].copy()
    dated["assessment_date"] = pd.to_datetime(dated["assessment_date"])
    latest = latest_assessments(dated, cutoff).set_index("firm_id")
    profile = firms.set_index("firm_id")[list(PROFILE_COLUMNS)].copy()
    profile.index = profile.index.astype(object)
    for cert in CERTIFICATES:
        profile[f"has_{cert}"] = profile[f"has_{cert}"].astype("boolean")
    profile["capacity_yearly"] = profile["capacity_yearly"].astype(float)
    profile["capacity_unit"] = profile["capacity_unit"].astype(object)
    profile["assessment_date"] = latest["assessment_date"].reindex(profile.index)
    scores = latest[ids].reindex(profile.index).astype(float)
    profile = pd.concat([profile, scores], axis=1)
    profile.index.name = "firm_id"
    assert not PERSONAL_COLUMNS & set(profile.columns)
    return profile
