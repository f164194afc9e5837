"""Missing data: report it, impute it, and decide who has too little data to be ranked.

Imputation methods (the OECD/JRC Handbook, 2008, section 1.3, calls the first two kinds
"unconditional/conditional mean substitution"; COINr's ``Impute()`` offers the same by column,
by row within an aggregation group and by column within a group):

``"none"``
    Nothing is filled; aggregation later averages over what exists (weights re-normalised over
    the available indicators, as COINr's ``a_amean`` does when skipping ``NA``).
``"indicator_mean"``
    The indicator's mean over all firms.
``"dimension_mean"``
    The firm's own mean over the other indicators of the same dimension, taken on one scale
    as COINr's ``Impute(impute_by = "row")`` does within an aggregation group (``R/impute.R``,
    ``normalise_first``, on by default for row imputation): each indicator of the dimension is
    multiplied by its direction and min–max scaled over its observed values, the firm's mean of
    those scaled values is taken, and that mean is mapped back onto the missing indicator's
    observed range (``mean * (max - min) + min``, times the direction). A raw mean would mix
    units and directions (a defect rate in % filling a 1–5 score). A constant indicator
    carries no position and is left out of the mean, as in COINr (its scaled values are
    0/0). When the firm has no other usable value in that dimension (always the case for a
    one-indicator dimension) the indicator's mean over all firms is used instead, and the cell
    is flagged ``indicator_mean``.
``"subsector_mean"``
    The indicator's mean over firms of the same sub-sector (COINr ``use_group``). When nobody in
    the sub-sector has a value, or the firm has no sub-sector, the overall mean is used and the
    cell is flagged ``indicator_mean``.

Every filled cell is recorded with a small integer code (:data:`IMPUTATION_CODES`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import IndexSpecError
from .metadata import check_directions

IMPUTATION_METHODS = ("none", "indicator_mean", "dimension_mean", "subsector_mean")
#: Code stored per cell in :attr:`Imputation.flags`: 0 = observed or still missing.
IMPUTATION_CODES = {0: "", 1: "indicator_mean", 2: "dimension_mean", 3: "subsector_mean"}


@dataclass
class Imputation:
    """Result of :func:`impute`.

    Attributes
    ----------
    data : pandas.DataFrame
        The data with filled cells (cells that stay missing stay NaN).
    flags : pandas.DataFrame
        int8 code per cell, see :data:`IMPUTATION_CODES`.
    method : str
        The method asked for.
    """

    data: pd.DataFrame
    flags: pd.DataFrame
    method: str

    def flag_labels(self) -> pd.DataFrame:
        """The flags as text ("" where nothing was filled)."""
        labels = np.array([IMPUTATION_CODES[k] for k in sorted(IMPUTATION_CODES)], dtype=object)
        return pd.DataFrame(
            labels[self.flags.to_numpy()], index=self.flags.index, columns=self.flags.columns
        )


def missing_by_indicator(frame: pd.DataFrame) -> pd.DataFrame:
    """Count missing values per indicator.

    Returns
    -------
    pandas.DataFrame
        Indexed by indicator: ``n_missing``, ``n_observed``, ``share_missing``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> missing_by_indicator(pd.DataFrame({"a": [1, np.nan], "b": [1, 2]}))["n_missing"].tolist()
    [1, 0]
    """
    miss = frame.isna().sum(axis=0).astype(int)
    n = len(frame)
    return pd.DataFrame(
        {"n_missing": miss, "n_observed": n - miss, "share_missing": miss / n if n else np.nan},
        index=frame.columns,
    ).rename_axis("indicator")


def missing_by_firm(frame: pd.DataFrame, dimension_of: pd.Series | None = None) -> pd.DataFrame:
    """Count missing values per firm, and the share of indicators observed (its coverage).

    Parameters
    ----------
    frame : pandas.DataFrame
        Firms × indicators.
    dimension_of : pandas.Series, optional
        Indicator → dimension; when given, adds ``dimensions_observed`` (dimensions with at
        least one value).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``: ``n_missing``, ``coverage`` (share of indicators observed) and
        ``missing_indicators`` (ids separated by ``;``).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> f = pd.DataFrame({"a": [1, np.nan], "b": [1, np.nan]}, index=["x", "y"])
    >>> missing_by_firm(f)["coverage"].tolist()
    [1.0, 0.0]
    """
    isna = np.isnan(frame.to_numpy(dtype=float))
    n_missing = isna.sum(axis=1)
    out = pd.DataFrame(
        {"n_missing": n_missing, "coverage": 1.0 - n_missing / max(frame.shape[1], 1)},
        index=frame.index,
        copy=False,
    )
    cols = [str(c) for c in frame.columns]
    # the text is built once per distinct pattern of gaps, not once per firm
    if len(cols) <= 62:  # each pattern as the bits of one integer: hashing ints is fast
        bits = isna.astype(np.int64) @ (np.int64(1) << np.arange(len(cols), dtype=np.int64))
        codes, uniq = pd.factorize(bits)
        patterns = (
            (uniq[:, None] >> np.arange(len(cols))) & 1
            if len(uniq)
            else np.zeros((0, len(cols)), dtype=np.int64)
        )
    else:
        patterns, codes = np.unique(isna, axis=0, return_inverse=True)
    texts = [";".join(c for c, miss in zip(cols, p, strict=False) if miss) for p in patterns]
    out["missing_indicators"] = pd.Categorical.from_codes(
        np.asarray(codes).ravel(), categories=pd.Index(texts, dtype=object)
    )
    if dimension_of is not None:
        dims = dimension_of.reindex(frame.columns).to_numpy()
        obs = ~isna
        per_dim = np.column_stack([obs[:, dims == d].any(axis=1) for d in pd.unique(dims)])
        out["dimensions_observed"] = per_dim.sum(axis=1)
    return out


def coverage_exclusions(frame: pd.DataFrame, min_coverage: float) -> pd.DataFrame:
    """Who is ranked: firms whose share of observed indicators is at least ``min_coverage``.

    The rule is applied to the raw data, before any imputation, so that imputed values never
    make a firm look better known than it is.

    Parameters
    ----------
    frame : pandas.DataFrame
        Raw firms × indicators.
    min_coverage : float
        In ``[0, 1]``; e.g. ``2/3`` means at least 6 of 9 indicators must be observed.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``: ``coverage``, ``included`` (bool) and ``exclusion_reason``
        (empty for included firms, e.g. ``"coverage 0.33 < 0.67"`` otherwise).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> f = pd.DataFrame({"a": [1, np.nan], "b": [2, np.nan], "c": [3, 1]}, index=["x", "y"])
    >>> coverage_exclusions(f, 0.5)["included"].tolist()
    [True, False]
    """
    if not 0.0 <= float(min_coverage) <= 1.0:
        raise IndexSpecError(f"min_coverage must lie in [0, 1], got {min_coverage!r}")
    cov = frame.notna().to_numpy().mean(axis=1) if frame.shape[1] else np.zeros(len(frame))
    # a firm with no value at all is never ranked, whatever the rule says
    included = (cov >= min_coverage - 1e-12) & (cov > 0)
    # reasons depend only on the coverage level: one text per level, stored as categories
    levels, codes = np.unique(np.where(included, -1.0, cov), return_inverse=True)
    texts = [
        "" if c < 0 else (f"coverage {c:.2f} < {min_coverage:.2f}" if c > 0 else "no data")
        for c in levels
    ]
    reason = pd.Categorical.from_codes(
        np.asarray(codes).ravel(), categories=pd.Index(texts, dtype=object)
    )
    return pd.DataFrame(
        {"coverage": cov, "included": included, "exclusion_reason": reason}, index=frame.index
    )


def impute(
    frame: pd.DataFrame,
    method: str = "none",
    *,
    dimension_of: pd.Series | None = None,
    groups: pd.Series | None = None,
    directions: Mapping[str, int] | pd.Series | None = None,
) -> Imputation:
    """Fill missing values by one of :data:`IMPUTATION_METHODS` (see the module docstring).

    Parameters
    ----------
    frame : pandas.DataFrame
        Firms × indicators (NaN = missing).
    method : str
        ``"none"``, ``"indicator_mean"``, ``"dimension_mean"`` or ``"subsector_mean"``.
    dimension_of : pandas.Series, optional
        Indicator → dimension; required for ``"dimension_mean"``.
    groups : pandas.Series, optional
        Firm (index of ``frame``) → sub-sector; required for ``"subsector_mean"``.
    directions : mapping or Series, optional
        Indicator → +1 (higher is better) or -1; unlisted indicators are +1. Used by
        ``"dimension_mean"`` to put a dimension's indicators on one scale.

    Returns
    -------
    Imputation

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> f = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [2.0, 4.0, 6.0]})
    >>> impute(f, "indicator_mean").data["a"].tolist()
    [1.0, 2.0, 3.0]
    >>> dims = pd.Series({"a": "d", "b": "d"})
    >>> impute(f, "dimension_mean", dimension_of=dims).data["a"].tolist()  # b is mid-range
    [1.0, 2.0, 3.0]
    """
    if method not in IMPUTATION_METHODS:
        raise IndexSpecError(
            f"imputation method {method!r} is unknown; expected one of {list(IMPUTATION_METHODS)}"
        )
    flags = np.zeros(frame.shape, dtype=np.int8)
    if method == "none":  # nothing to fill: share the data instead of copying it
        return Imputation(
            data=frame,
            flags=pd.DataFrame(flags, index=frame.index, columns=frame.columns, copy=False),
            method=method,
        )
    values = frame.to_numpy(dtype=float, copy=True)
    missing = np.isnan(values)
    if missing.any():
        col_mean = _nanmean_cols(values)
        if method == "dimension_mean":
            if dimension_of is None:
                raise IndexSpecError(
                    "imputation 'dimension_mean' needs the indicator → dimension map (dimension_of)"
                )
            dims = dimension_of.reindex(frame.columns)
            if dims.isna().any():
                raise IndexSpecError(
                    f"indicator(s) {dims.index[dims.isna()].tolist()} have no "
                    "dimension in dimension_of"
                )
            dims = dims.to_numpy()
            sign = check_directions(directions, frame.columns)
            for d in pd.unique(dims):  # a loop over dimensions, vectorised over firms
                cols = np.flatnonzero(dims == d)
                block = values[:, cols]
                bmiss = missing[:, cols]
                row_mean, lo, span = _scaled_row_mean(block * sign[cols], bmiss)
                with np.errstate(invalid="ignore"):
                    back = (row_mean[:, None] * span[None, :] + lo[None, :]) * sign[cols]
                none = np.isnan(row_mean)[:, None] | np.isnan(back)
                fill = np.where(none, col_mean[cols][None, :], back)
                code = np.where(none, 1, 2)
                values[:, cols] = np.where(bmiss, fill, block)
                flags[:, cols] = np.where(bmiss, code, 0)
        elif method == "subsector_mean":
            if groups is None:
                raise IndexSpecError(
                    "imputation 'subsector_mean' needs each firm's sub-sector "
                    "(pass firms with a 'sub_sector' column)"
                )
            g = pd.Series(groups).reindex(frame.index)
            codes, _ = pd.factorize(g, use_na_sentinel=True)
            gmean = _group_means(values, codes)
            fill = np.where(codes[:, None] >= 0, gmean[np.maximum(codes, 0)], np.nan)
            code = np.where(np.isnan(fill), 1, 3)
            fill = np.where(np.isnan(fill), col_mean[None, :], fill)
            values = np.where(missing, fill, values)
            flags = np.where(missing, code, 0).astype(np.int8)
        else:  # indicator_mean
            values = np.where(missing, col_mean[None, :], values)
            flags = np.where(missing, 1, 0).astype(np.int8)
    data = pd.DataFrame(values, index=frame.index, columns=frame.columns, copy=False)
    return Imputation(
        data=data,
        flags=pd.DataFrame(flags, index=frame.index, copy=False, columns=frame.columns),
        method=method,
    )


def _scaled_row_mean(block: np.ndarray, miss: np.ndarray):
    """Row means of the min-max scaled columns of ``block`` (NaN = missing), with each column's
    observed minimum and span. Constant or empty columns are left out of the means."""
    obs = ~miss
    has = obs.any(axis=0)
    lo = np.where(has, np.where(obs, block, np.inf).min(axis=0), np.nan)
    hi = np.where(has, np.where(obs, block, -np.inf).max(axis=0), np.nan)
    span = hi - lo
    usable = obs & (span > 0)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = np.where(usable, (block - lo) / np.where(span > 0, span, 1.0), 0.0)
    n = usable.sum(axis=1)
    row_mean = np.where(n > 0, scaled.sum(axis=1) / np.maximum(n, 1), np.nan)
    return row_mean, lo, span


def _nanmean_cols(values: np.ndarray) -> np.ndarray:
    obs = ~np.isnan(values)
    n = obs.sum(axis=0)
    s = np.where(obs, values, 0.0).sum(axis=0)
    return np.where(n > 0, s / np.maximum(n, 1), np.nan)


def _group_means(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Column means within each group code (NaN-aware), shape (n_groups, n_columns)."""
    k = int(codes.max()) + 1 if len(codes) and codes.max() >= 0 else 0
    keep = codes >= 0
    obs = ~np.isnan(values[keep])
    vals = np.where(obs, values[keep], 0.0)
    out = np.full((k, values.shape[1]), np.nan)
    for j in range(values.shape[1]):
        s = np.bincount(codes[keep], weights=vals[:, j], minlength=k)
        n = np.bincount(codes[keep], weights=obs[:, j], minlength=k)
        out[:, j] = np.where(n > 0, s / np.maximum(n, 1), np.nan)
    return out
