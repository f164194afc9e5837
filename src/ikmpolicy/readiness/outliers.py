"""Outliers: detect them by skewness and kurtosis and treat them as COINr's ``Treat()`` does.

Detection (COINr ``check_SkewKurt``): an indicator *fails* when ``|skew| >= skew_thresh`` **and**
``kurt >= kurt_thresh``; defaults 2 and 3.5, the defaults of COINr's ``Treat()`` and ``qTreat()``
(COINr 1.1.14). Skewness and kurtosis are the sample statistics COINr uses (``skew()``, ``kurt()``,
equal to ``e1071`` type 2 and Excel's SKEW/KURT): adjusted Fisher–Pearson skewness and excess
kurtosis, i.e. ``scipy.stats.skew(x, bias=False)`` and ``scipy.stats.kurtosis(x, bias=False)``.

Treatments (``method`` of :func:`treat_outliers`):

``"winsorise"``
    COINr ``winsorise()``: while the indicator fails and fewer than ``winmax`` points have been
    changed, the highest value (if skew >= 0) or the lowest (if skew < 0) is replaced by the next
    highest/lowest value; tied extremes move together. Unlike COINr, which counts only the last
    step's points, the count here is cumulative, so ``winmax`` is a true cap (it can be
    exceeded only by the ties of one last step).
``"log"``
    COINr ``log_CT()``: ``log(x - min(x) + 0.01 * (max(x) - min(x)))``, for direction +1; the
    mirror image for a failing indicator whose skew is negative so that the order of firms is
    kept. Units change, so goalposts and targets no longer apply (the index refuses the mix).
``"auto"``
    COINr's default two-stage process: winsorise; if the indicator still fails, apply the log
    transform to the *original* values instead (COINr ``combine_treat = FALSE``).
``"none"``
    Detect and report only.

Every changed cell is recorded (:data:`TREATMENT_CODES`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import IndexSpecError

OUTLIER_METHODS = ("none", "winsorise", "log", "auto")
#: Code per cell in :attr:`Treatment.flags`.
TREATMENT_CODES = {0: "", 1: "winhi", 2: "winlo", 3: "log"}
SKEW_THRESH = 2.0
KURT_THRESH = 3.5
WINMAX = 5


@dataclass
class Treatment:
    """Result of :func:`treat_outliers`.

    Attributes
    ----------
    data : pandas.DataFrame
        Treated values.
    flags : pandas.DataFrame
        int8 code per cell (:data:`TREATMENT_CODES`).
    details : pandas.DataFrame
        Per indicator: skew and kurtosis before and after, ``failed_before``,
        ``treatment`` ("none", "winsorise" or "log"), ``n_winsorised``, ``failed_after``.
    """

    data: pd.DataFrame
    flags: pd.DataFrame
    details: pd.DataFrame

    def flag_labels(self) -> pd.DataFrame:
        """The flags as text."""
        labels = np.array([TREATMENT_CODES[k] for k in sorted(TREATMENT_CODES)], dtype=object)
        return pd.DataFrame(
            labels[self.flags.to_numpy()], index=self.flags.index, columns=self.flags.columns
        )


def _moments(values) -> tuple[int, float, float, float]:
    """N and the sums of squared, cubed and fourth-power deviations (NaN ignored)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return 0, 0.0, 0.0, 0.0
    d = x - x.mean()
    d2 = d * d  # integer powers by multiplication: much faster than ** on large arrays
    return x.size, float(d2.sum()), float((d2 * d).sum()), float((d2 * d2).sum())


def _skew_from(n: int, m2: float, m3: float) -> float:
    if n < 3:
        return float("nan")
    if m2 == 0:
        return 0.0
    g1 = np.sqrt(n) * m3 / m2**1.5
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))


def _kurt_from(n: int, m2: float, m4: float) -> float:
    if n < 4:
        return float("nan")
    if m2 == 0:
        return 0.0
    r = n * m4 / m2**2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def skew(values: np.ndarray | pd.Series) -> float:
    """Sample skewness as COINr ``skew()`` (e1071 type 2), NaN ignored; NaN if < 3 values.

    Examples
    --------
    >>> round(skew([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]), 4)
    3.0632
    """
    n, m2, m3, _ = _moments(values)
    return _skew_from(n, m2, m3)


def kurt(values: np.ndarray | pd.Series) -> float:
    """Sample excess kurtosis as COINr ``kurt()`` (e1071 type 2), NaN ignored; NaN if < 4 values.

    Examples
    --------
    >>> round(kurt([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]), 4)
    9.7414
    """
    n, m2, _, m4 = _moments(values)
    return _kurt_from(n, m2, m4)


def _fails(x: np.ndarray, skew_thresh: float, kurt_thresh: float) -> tuple[bool, float, float]:
    n, m2, m3, m4 = _moments(x)
    s, k = _skew_from(n, m2, m3), _kurt_from(n, m2, m4)
    if np.isnan(s) or np.isnan(k):
        return False, s, k
    return bool(abs(s) >= skew_thresh and k >= kurt_thresh), s, k


def check_outliers(
    frame: pd.DataFrame, skew_thresh: float = SKEW_THRESH, kurt_thresh: float = KURT_THRESH
) -> pd.DataFrame:
    """Skewness, kurtosis and the COINr pass/fail flag per indicator.

    Returns
    -------
    pandas.DataFrame
        Indexed by indicator: ``skew``, ``kurt``, ``failed`` (True when both thresholds are
        reached: ``|skew| >= skew_thresh`` and ``kurt >= kurt_thresh``).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"a": list(range(1, 11)) + [30, 100], "b": range(12)})
    >>> check_outliers(f)["failed"].tolist()
    [True, False]
    """
    rows = {}
    for col in frame.columns:  # one pass per indicator, vectorised over firms
        failed, s, k = _fails(frame[col].to_numpy(dtype=float), skew_thresh, kurt_thresh)
        rows[col] = {"skew": s, "kurt": k, "failed": failed}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("indicator")


def winsorise(
    x: np.ndarray,
    winmax: int = WINMAX,
    skew_thresh: float = SKEW_THRESH,
    kurt_thresh: float = KURT_THRESH,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Winsorise one indicator as COINr ``winsorise()`` (see module docstring).

    Returns
    -------
    x : numpy.ndarray
        Treated copy.
    flags : numpy.ndarray
        int8 per value: 1 winsorised high, 2 winsorised low, 0 unchanged.
    n : int
        Number of values changed.

    Examples
    --------
    >>> import numpy as np
    >>> x, flags, n = winsorise(np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100.0]))
    >>> x[-2:].tolist(), n
    ([30.0, 30.0], 1)
    """
    x = np.array(x, dtype=float)
    flags = np.zeros(x.shape, dtype=np.int8)
    n = 0
    failed, s, _ = _fails(x, skew_thresh, kurt_thresh)
    while failed and n < winmax:
        obs = ~np.isnan(x)
        if s >= 0:
            top = np.nanmax(x)
            hit = obs & (x == top)
            rest = x[obs & ~hit]
            if rest.size == 0:
                break
            x[hit] = rest.max()
            flags[hit] = 1
        else:
            bottom = np.nanmin(x)
            hit = obs & (x == bottom)
            rest = x[obs & ~hit]
            if rest.size == 0:
                break
            x[hit] = rest.min()
            flags[hit] = 2
        n += int(hit.sum())
        failed, s, _ = _fails(x, skew_thresh, kurt_thresh)
    return x, flags, int((flags > 0).sum())


def log_ct(x: np.ndarray, skew_sign: float = 1.0) -> np.ndarray:
    """COINr ``log_CT()``: ``log(x - min + 0.01 (max - min))``; mirrored when ``skew_sign < 0``.

    The mirrored form, ``-log(max - x + 0.01 (max - min))``, compresses a long *low* tail and
    keeps the order of values (COINr applies the plain form whatever the sign of the skew).

    Examples
    --------
    >>> import numpy as np
    >>> np.round(log_ct(np.array([0.0, 1.0, 100.0])), 3).tolist()
    [0.0, 0.693, 4.615]
    """
    x = np.asarray(x, dtype=float)
    lo, hi = np.nanmin(x), np.nanmax(x)
    a = 0.01 * (hi - lo)
    if a == 0:
        return x.copy()
    if skew_sign < 0:
        return -np.log(hi - x + a)
    return np.log(x - lo + a)


def treat_outliers(
    frame: pd.DataFrame,
    method: str = "auto",
    *,
    winmax: int = WINMAX,
    skew_thresh: float = SKEW_THRESH,
    kurt_thresh: float = KURT_THRESH,
) -> Treatment:
    """Detect and treat outliers in every indicator (see the module docstring for the rules).

    Parameters
    ----------
    frame : pandas.DataFrame
        Firms × indicators.
    method : str
        ``"auto"`` (COINr default: winsorise, then log if still failing), ``"winsorise"``,
        ``"log"`` or ``"none"``.
    winmax : int
        Most values winsorised per indicator (COINr default 5).
    skew_thresh, kurt_thresh : float
        Thresholds (COINr defaults 2 and 3.5).

    Returns
    -------
    Treatment

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100.0]})
    >>> t = treat_outliers(f, "winsorise")
    >>> t.details.loc["a", "treatment"], int(t.details.loc["a", "n_winsorised"])
    ('winsorise', 1)
    """
    if method not in OUTLIER_METHODS:
        raise IndexSpecError(
            f"outlier method {method!r} is unknown; expected one of {list(OUTLIER_METHODS)}"
        )
    if winmax is not None and int(winmax) < 0:
        raise IndexSpecError(f"winmax must be >= 0, got {winmax!r}")
    src = frame.to_numpy(dtype=float)
    out = None  # copied only when an indicator is actually changed
    flags = np.zeros(src.shape, dtype=np.int8)
    rows = {}
    for j, col in enumerate(frame.columns):
        x = src[:, j]
        failed, s0, k0 = _fails(x, skew_thresh, kurt_thresh)
        treatment, n_win = "none", 0
        if failed and method in ("winsorise", "auto"):
            xw, fw, n_win = winsorise(x, winmax, skew_thresh, kurt_thresh)
            still, _, _ = _fails(xw, skew_thresh, kurt_thresh)
            out = src.copy() if out is None else out
            if still and method == "auto":
                out[:, j] = log_ct(x, np.sign(s0))
                flags[:, j] = np.where(np.isnan(x), 0, 3)
                treatment, n_win = "log", 0
            else:
                out[:, j] = xw
                flags[:, j] = fw
                treatment = "winsorise"
        elif failed and method == "log":
            out = src.copy() if out is None else out
            out[:, j] = log_ct(x, np.sign(s0))
            flags[:, j] = np.where(np.isnan(x), 0, 3)
            treatment = "log"
        f1, s1, k1 = (
            (failed, s0, k0) if treatment == "none" else _fails(out[:, j], skew_thresh, kurt_thresh)
        )
        rows[col] = {
            "skew_before": s0,
            "kurt_before": k0,
            "failed_before": failed,
            "treatment": treatment,
            "n_winsorised": n_win,
            "skew_after": s1,
            "kurt_after": k1,
            "failed_after": f1,
        }
    details = pd.DataFrame.from_dict(rows, orient="index").rename_axis("indicator")
    data = (
        frame
        if out is None
        else pd.DataFrame(out, index=frame.index, columns=frame.columns, copy=False)
    )
    return Treatment(
        data=data,
        flags=pd.DataFrame(flags, index=frame.index, columns=frame.columns, copy=False),
        details=details,
    )
