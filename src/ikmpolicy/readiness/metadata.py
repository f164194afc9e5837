"""Indicator metadata: one table that says, for every indicator, what it measures and how.

The readiness index reads everything it needs to know about an indicator from one table (the
``indicators`` table of the data model): its dimension, its direction (+1 when higher is better,
-1 when higher is worse), its scale, optional goalposts and target, and an optional weight. This
module checks that table once and turns it into a frame indexed by indicator id; every other
module takes that parsed frame.

A contradictory indicator table raises :class:`~.errors.IndexSpecError` (the metadata is the
specification of the index); assessments that cannot be used raise
:class:`~.errors.IndexDataError`. Both are :class:`ValueError` subclasses whose message names the
indicator, column or firm at fault and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ikmpolicy.schema import INDICATOR_DIRECTIONS

from .errors import IndexDataError, IndexSpecError

__all__ = [
    "IndexDataError",
    "IndexSpecError",
    "check_directions",
    "dimensions",
    "indicator_matrix",
    "parse_metadata",
    "select_indicators",
]

#: Columns every indicator table must have.
REQUIRED_COLUMNS = ("indicator", "dimension", "scale_min", "scale_max", "direction")
#: Optional columns (filled with NaN when absent).
OPTIONAL_COLUMNS = ("label_id", "label_en", "goal_low", "goal_high", "target", "weight")
_NUMERIC_COLUMNS = ("scale_min", "scale_max", "goal_low", "goal_high", "target", "weight")


def parse_metadata(indicators: pd.DataFrame) -> pd.DataFrame:
    """Validate the indicator table and index it by indicator id.

    Parameters
    ----------
    indicators : pandas.DataFrame
        One row per indicator with at least the columns :data:`REQUIRED_COLUMNS`; the columns
        of :data:`OPTIONAL_COLUMNS` are added as NaN when absent.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``indicator`` (order kept), with float ``scale_min``, ``scale_max``,
        ``goal_low``, ``goal_high``, ``target``, ``weight`` and int ``direction``. Goalposts that
        are not given default to the scale ends (``goal_low = scale_min``,
        ``goal_high = scale_max``) so that goalpost normalisation always has both ends.

    Raises
    ------
    IndexSpecError
        Missing column, duplicate or empty indicator id, direction other than +1/-1,
        ``scale_min >= scale_max``, ``goal_low >= goal_high``, a negative or infinite weight, or
        weights given for some indicators but not others (ambiguous: say all or none).

    Examples
    --------
    >>> import pandas as pd
    >>> meta = parse_metadata(pd.DataFrame({
    ...     "indicator": ["a", "b"], "dimension": ["d1", "d2"],
    ...     "scale_min": [1, 1], "scale_max": [5, 5], "direction": [1, -1]}))
    >>> meta.loc["b", "direction"], meta.loc["a", "goal_high"]
    (np.int64(-1), np.float64(5.0))
    """
    if not isinstance(indicators, pd.DataFrame):
        raise IndexSpecError(
            f"indicator metadata must be a pandas DataFrame, got {type(indicators).__name__}"
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in indicators.columns]
    if missing:
        raise IndexSpecError(
            f"indicator metadata: missing column(s) {missing}; "
            f"expected at least {list(REQUIRED_COLUMNS)}"
        )
    meta = indicators.copy()
    for col in OPTIONAL_COLUMNS:
        if col not in meta.columns:
            meta[col] = np.nan
    _check_ids(meta)
    meta["indicator"] = meta["indicator"].astype(str)
    meta["dimension"] = meta["dimension"].astype(str)
    meta = meta.set_index("indicator")
    for col in _NUMERIC_COLUMNS:
        meta[col] = pd.to_numeric(meta[col], errors="coerce").astype(float)
    _check_directions_column(meta["direction"])
    meta["direction"] = meta["direction"].astype(int)
    for name, row in meta.iterrows():  # metadata has a handful of rows: a loop is clearest
        _check_row(name, row)
    _check_weights_given(meta["weight"])
    meta["goal_low"] = meta["goal_low"].fillna(meta["scale_min"])
    meta["goal_high"] = meta["goal_high"].fillna(meta["scale_max"])
    return meta


def _check_ids(meta: pd.DataFrame) -> None:
    ids = meta["indicator"]
    if ids.isna().any() or (ids.astype(str).str.strip() == "").any():
        raise IndexSpecError("indicator metadata: every row needs a non-empty 'indicator' id")
    dup = ids[ids.duplicated()].tolist()
    if dup:
        raise IndexSpecError(f"indicator metadata: duplicate indicator id(s) {dup}")
    if meta["dimension"].isna().any():
        bad = ids[meta["dimension"].isna()].tolist()
        raise IndexSpecError(
            f"indicator(s) {bad}: 'dimension' is empty; every indicator must belong to a dimension"
        )


def _check_directions_column(direction: pd.Series) -> None:
    for name, d in direction.items():
        if d not in INDICATOR_DIRECTIONS:  # 1.0 == 1: floats read from a file pass
            raise IndexSpecError(
                f"indicator {name!r}: direction must be +1 (higher is better) "
                f"or -1 (higher is worse), got {d!r}"
            )


def _check_row(name, row) -> None:
    if not (
        np.isfinite(row.scale_min) and np.isfinite(row.scale_max) and row.scale_min < row.scale_max
    ):
        raise IndexSpecError(
            f"indicator {name!r}: scale_min must be a number below "
            f"scale_max, got {row.scale_min!r} and {row.scale_max!r}"
        )
    if np.isfinite(row.goal_low) and np.isfinite(row.goal_high) and row.goal_low >= row.goal_high:
        raise IndexSpecError(
            f"indicator {name!r}: goal_low must be below goal_high, got "
            f"{row.goal_low!r} and {row.goal_high!r}"
        )
    if np.isfinite(row.weight) and row.weight < 0 or np.isinf(row.weight):
        raise IndexSpecError(
            f"indicator {name!r}: weight must be a finite number >= 0 "
            f"(or empty for equal), got {row.weight!r}"
        )


def _check_weights_given(weight: pd.Series) -> None:
    given = weight.notna()
    if given.any() and not given.all():
        raise IndexSpecError(
            "indicator metadata: weight is given for "
            f"{weight.index[given].tolist()} but empty for "
            f"{weight.index[~given].tolist()}; give all weights or none (equal)"
        )
    if given.all() and weight.sum() <= 0:
        raise IndexSpecError("indicator metadata: weights are all zero; at least one must be > 0")


def select_indicators(meta: pd.DataFrame, indicators: Iterable[str] | None) -> pd.DataFrame:
    """Keep only ``indicators`` (in metadata order); ``None`` keeps all.

    Raises
    ------
    IndexSpecError
        An id that the metadata does not declare.
    """
    if indicators is None:
        return meta
    wanted = list(indicators)
    unknown = [i for i in wanted if i not in meta.index]
    if unknown:
        raise IndexSpecError(
            f"unknown indicator(s) {unknown}; the metadata declares {meta.index.tolist()}"
        )
    if not wanted:
        raise IndexSpecError("no indicator selected; give at least one")
    return meta.loc[[i for i in meta.index if i in set(wanted)]]


def dimensions(meta: pd.DataFrame) -> dict[str, list[str]]:
    """Dimension id → its indicator ids, both in metadata order.

    Examples
    --------
    >>> import pandas as pd
    >>> meta = parse_metadata(pd.DataFrame({
    ...     "indicator": ["a", "b", "c"], "dimension": ["x", "y", "x"],
    ...     "scale_min": 1, "scale_max": 5, "direction": 1}))
    >>> dimensions(meta)
    {'x': ['a', 'c'], 'y': ['b']}
    """
    out: dict[str, list[str]] = {}
    for ind, dim in meta["dimension"].items():
        out.setdefault(dim, []).append(ind)
    return out


def check_directions(
    directions: Mapping[str, float] | pd.Series | None, columns: Iterable[str]
) -> np.ndarray:
    """Turn a direction mapping into a ±1 array aligned to ``columns`` (missing = +1).

    Raises
    ------
    IndexSpecError
        A key that is not a column, or a value other than +1/-1.
    """
    cols = list(columns)
    out = np.ones(len(cols))
    if directions is None:
        return out
    items = dict(directions.items()) if hasattr(directions, "items") else None
    if items is None:
        raise IndexSpecError(
            f"directions must be a mapping column -> +1/-1, got {type(directions).__name__}"
        )
    pos = {c: i for i, c in enumerate(cols)}
    for col, d in items.items():
        if col not in pos:
            raise IndexSpecError(f"directions: unknown indicator {col!r}; columns are {cols}")
        if d not in INDICATOR_DIRECTIONS:
            raise IndexSpecError(f"directions: indicator {col!r} must be +1 or -1, got {d!r}")
        out[pos[col]] = d
    return out


def indicator_matrix(
    assessments: pd.DataFrame,
    meta: pd.DataFrame,
    id_column: str = "firm_id",
    check_scale: bool = True,
) -> pd.DataFrame:
    """Pick the indicator columns out of a wide assessment table, checked.

    Parameters
    ----------
    assessments : pandas.DataFrame
        Wide table: ``firm_id`` plus one numeric column per indicator; other columns are ignored.
    meta : pandas.DataFrame
        Parsed metadata (:func:`parse_metadata`).
    id_column : str
        Column naming the firm; it becomes the index and must be unique.
    check_scale : bool
        Reject values outside ``[scale_min, scale_max]``.

    Returns
    -------
    pandas.DataFrame
        float64, indexed by firm id, one column per indicator in metadata order.

    Raises
    ------
    IndexDataError
        Missing id column or indicator column, duplicate firm, non-numeric value, a column with
        no value at all, or a value outside the indicator's scale.
    """
    if id_column not in assessments.columns:
        raise IndexDataError(f"assessments: missing column {id_column!r}")
    absent = [i for i in meta.index if i not in assessments.columns]
    if absent:
        raise IndexDataError(
            f"assessments: no column for indicator(s) {absent}; expected one "
            "numeric column per indicator declared in the metadata"
        )
    ids = assessments[id_column]
    index = pd.Index(ids.to_numpy(), name=id_column)
    if not index.is_unique:  # the hash table built here is reused by later look-ups
        dup = ids[ids.duplicated()]
        raise IndexDataError(
            f"assessments: firm {dup.iloc[0]!r} appears more than once; pass "
            "one assessment date at a time (one row per firm)"
        )
    cols = []
    for ind in meta.index:
        col = assessments[ind]
        if not (pd.api.types.is_numeric_dtype(col) or col.isna().all()):
            conv = pd.to_numeric(col, errors="coerce")
            bad = col[conv.isna() & col.notna()]
            if len(bad):
                pos = assessments.index.get_loc(bad.index[0])
                raise IndexDataError(
                    f"indicator {ind!r}: {_firm_at(assessments, ids, pos)} "
                    f"has non-numeric value {bad.iloc[0]!r}"
                )
            col = conv
        cols.append(np.asarray(col, dtype=float))
    values = np.column_stack(cols) if cols else np.empty((len(assessments), 0))
    empty = np.isnan(values).all(axis=0)
    if empty.any():
        raise IndexDataError(
            f"indicator(s) {meta.index[empty].tolist()}: every value is "
            "missing; drop the indicator or supply data"
        )
    if check_scale:
        lo = meta["scale_min"].to_numpy()
        hi = meta["scale_max"].to_numpy()
        with np.errstate(invalid="ignore"):
            out = (values < lo) | (values > hi)
        if out.any():
            r, c = np.argwhere(out)[0]
            raise IndexDataError(
                f"indicator {meta.index[c]!r}: {_firm_at(assessments, ids, r)} "
                f"has {values[r, c]!r}, outside the scale [{lo[c]}, {hi[c]}]"
            )
    return pd.DataFrame(
        values, index=index, columns=pd.Index(meta.index, name="indicator"), copy=False
    )


def _firm_at(assessments: pd.DataFrame, ids: pd.Series, pos: int) -> str:
    """``firm 'IKM003'``, with the row of the user's file when the loader recorded it."""
    text = f"firm {ids.iloc[pos]!r}"
    if "_row" in assessments.columns and pd.notna(assessments["_row"].iloc[pos]):
        text += f" (assessments row {int(assessments['_row'].iloc[pos])})"
    return text
