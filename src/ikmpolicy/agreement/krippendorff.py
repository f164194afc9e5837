"""Krippendorff's alpha for any number of coders, with missing data.

Computed by the ``krippendorff`` package (Castro, S., *Fast Krippendorff*,
https://github.com/pln-fing-udelar/fast-krippendorff), a vectorised implementation of the
coincidence-matrix formulas; this wrapper adds labelled input, non-numeric categories and
checks.

Reference
---------
Krippendorff, K. (2011). "Computing Krippendorff's alpha-reliability". Annenberg School for
Communication, University of Pennsylvania, Departmental Papers 43.
"""

from __future__ import annotations

from collections.abc import Sequence

import krippendorff as _kd
import numpy as np
import pandas as pd

from .errors import AgreementError

__all__ = ["krippendorff_alpha", "LEVELS"]

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def krippendorff_alpha(
    data, level: str = "nominal", *, categories: Sequence | None = None
) -> float:
    """Krippendorff's alpha reliability coefficient.

    Parameters
    ----------
    data : pandas.DataFrame or array_like, shape (coders, units)
        Reliability data as Krippendorff lays it out: one row per coder, one column per unit
        (e.g. FGD statement), NaN/None where a coder did not code a unit.
    level : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        Level of measurement (chooses the difference function).
    categories : sequence, optional
        Ordered categories, for ``"ordinal"`` data with non-numeric labels (e.g.
        ``["low", "medium", "high"]``). Nominal labels of any type are accepted as they are.
        Refused at the interval and ratio levels: the labels' positions are ranks, not the
        distances or the absolute zero those levels compare (map the labels to their numbers
        first).

    Returns
    -------
    float
        Alpha (1 = perfect reliability, 0 = chance level).

    Raises
    ------
    AgreementError
        Fewer than 2 coders, no unit coded by two coders, one value only among the pairable
        values (alpha is 0/0), non-finite numbers, negative values at the ratio level,
        ``categories`` at the interval or ratio level, or labels outside ``categories``.

    Examples
    --------
    Krippendorff (2011), the example with 4 coders, 12 units and missing values:

    >>> import numpy as np
    >>> from ikmpolicy.agreement import krippendorff_alpha
    >>> nan = np.nan
    >>> d = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...      [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> round(krippendorff_alpha(d, "nominal"), 3)
    0.743
    """
    if level not in LEVELS:
        raise AgreementError(f"level must be one of {LEVELS}, got {level!r}")
    df = pd.DataFrame(data)
    if df.shape[0] < 2:
        raise AgreementError(f"need at least 2 coders (rows), got {df.shape[0]}")
    values = df.to_numpy(dtype=object)
    missing = pd.isna(df).to_numpy(dtype=bool)  # bool even for an empty frame
    # Only values in units coded by at least two coders are pairable (Krippendorff 2011): the
    # others enter neither the observed nor the expected disagreement.
    pairable = ~missing & ((~missing).sum(axis=0) >= 2)
    if not pairable.any():
        raise AgreementError("no unit was coded by at least two coders; alpha is undefined")
    present = values[~missing]
    if categories is not None and level in ("interval", "ratio"):
        # positions 0..k-1 would make the first label an absolute zero (ratio) and every step
        # between labels equal (interval): a claim about the scale the labels do not make
        raise AgreementError(
            f"{level} alpha needs the numbers the labels stand for; categories=[...] orders "
            "labels for ordinal alpha only (map the labels to their values first)"
        )
    if categories is not None:
        order = {c: i for i, c in enumerate(categories)}
        unknown = {v for v in present if v not in order}
        if unknown:
            raise AgreementError(f"values {sorted(map(str, unknown))} are not in categories")
        codes = np.full(values.shape, np.nan)
        codes[~missing] = [order[v] for v in present]
        domain = np.arange(len(order), dtype=float)
    elif all(isinstance(v, int | float | np.number) and not isinstance(v, bool) for v in present):
        codes = np.where(missing, np.nan, values).astype(float)
        domain = None
    elif level == "nominal":
        uniq = pd.unique(pd.Series(present))
        order = {c: i for i, c in enumerate(uniq)}
        codes = np.full(values.shape, np.nan)
        codes[~missing] = [order[v] for v in present]
        domain = np.arange(len(order), dtype=float)
    else:
        raise AgreementError(
            f"{level} alpha needs numeric values, or ordered categories=[...] for ordinal labels"
        )
    if domain is None:
        if not np.isfinite(codes[~missing]).all():
            raise AgreementError("coded values must be finite numbers")
        if level == "ratio" and (codes[~missing] < 0).any():
            # the ratio difference ((c - k) / (c + k))^2 assumes a scale with an absolute zero
            raise AgreementError("ratio alpha needs values >= 0")
        domain = np.unique(codes[~np.isnan(codes)])
    # Variation must be among the pairable values: with one value there, the expected
    # disagreement is 0 and alpha is 0/0, whatever the unpairable values are.
    if np.unique(codes[pairable]).size < 2:
        raise AgreementError("all pairable values are the same; alpha is undefined (no variation)")
    return float(_kd.alpha(reliability_data=codes, value_domain=domain, level_of_measurement=level))
