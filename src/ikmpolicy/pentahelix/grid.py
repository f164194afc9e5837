"""Power-interest grid: where each actor sits, and what that asks of the convenor.

Scores are the ``power`` and ``interest`` columns of the stakeholders table (0-5, editable by
the analyst). An actor is *high* on a score when it is at least the threshold (default 2.5, the
middle of the 0-5 scale). Quadrant codes follow Mendelow's grid as named by Johnson, Scholes &
Whittington: ``'manage_closely'`` (high power, high interest), ``'keep_satisfied'`` (high power,
low interest), ``'keep_informed'`` (low power, high interest), ``'monitor'`` (low, low); an actor
missing either score is ``'unscored'``, never guessed.

References
----------
Mendelow, A. (1991). "Stakeholder mapping". *Proceedings of the 2nd International Conference on
Information Systems*, Cambridge, MA.
Johnson, G., Scholes, K. & Whittington, R. (2008). *Exploring Corporate Strategy*, 8th ed.,
Pearson, pp. 155-158.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._errors import PentahelixInputError, where

QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
SCALE = (0.0, 5.0)


def power_interest_grid(stakeholders: pd.DataFrame, threshold: float = 2.5) -> pd.DataFrame:
    """Each actor's power, interest and quadrant.

    Parameters
    ----------
    stakeholders : pandas.DataFrame
        With ``org_id``, ``power`` and ``interest`` (0-5, empty = not scored).
    threshold : float, default 2.5
        A score at or above it counts as high.

    Returns
    -------
    pandas.DataFrame
        ``org_id``, ``power``, ``interest``, ``quadrant`` (see module notes).

    Examples
    --------
    >>> st = pd.DataFrame({"org_id": ["a", "b", "c", "d", "e"],
    ...                    "power": [5, 4, 1, 0, None], "interest": [5, 1, 4, 0, 3]})
    >>> list(power_interest_grid(st)["quadrant"])
    ['manage_closely', 'keep_satisfied', 'keep_informed', 'monitor', 'unscored']
    """
    if not SCALE[0] <= threshold <= SCALE[1]:
        raise ValueError(f"threshold {threshold!r}; expected a number between 0 and 5")
    out = pd.DataFrame({"org_id": stakeholders["org_id"].to_numpy()})
    for col in ("power", "interest"):
        if col not in stakeholders.columns:
            raise PentahelixInputError(
                f"stakeholders has no column {col!r}; expected scores 0-5 (empty = not scored)"
            )
        values = pd.to_numeric(stakeholders[col], errors="coerce")
        for idx, raw, num in zip(stakeholders.index, stakeholders[col], values, strict=True):
            bad_text = pd.isna(num) and not pd.isna(raw) and str(raw).strip() != ""
            if bad_text or (pd.notna(num) and not SCALE[0] <= num <= SCALE[1]):
                raise PentahelixInputError(
                    f"{where(stakeholders, idx, 'stakeholders')}, column '{col}': found {raw!r};"
                    " expected a number between 0 and 5 (or empty)"
                )
        out[col] = values.to_numpy(dtype=float)
    hp, hi = out["power"] >= threshold, out["interest"] >= threshold
    quad = np.select([hp & hi, hp & ~hi, ~hp & hi], QUADRANTS[:3], default=QUADRANTS[3])
    out["quadrant"] = np.where(out["power"].isna() | out["interest"].isna(), "unscored", quad)
    return out
