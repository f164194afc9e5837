"""Kendall's coefficient of concordance W.

References
----------
Kendall, M. G. & Babington Smith, B. (1939). "The problem of m rankings". *Ann. Math. Stat.*
10, 275-287.
Siegel, S. & Castellan, N. J. (1988). *Nonparametric Statistics for the Behavioral Sciences*,
2nd ed., McGraw-Hill, section 9.4 (W with correction for ties; chi-square test).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special  # the chi-square tail without importing scipy.stats (0.6 s)

from .errors import AgreementError, NoRankingError

__all__ = ["kendall_w"]


def kendall_w(ratings, *, correct_ties: bool = True) -> pd.Series:
    """Kendall's W: how far several raters agree in ranking the same items.

    Each rater's scores are turned into ranks (ties get average ranks). With R_i the rank sum
    of item i, S = sum (R_i - mean R)^2 and
    W = 12 S / (m^2 (n^3 - n) - m T), T = sum over raters and tie groups of (t^3 - t)
    (T = 0 without tie correction). chi2 = m (n - 1) W with n - 1 degrees of freedom (a large
    sample test, identical to Friedman's).

    Parameters
    ----------
    ratings : pandas.DataFrame or array_like, shape (n items, m raters)
        Rows are the items ranked (e.g. criteria), columns the raters; scores or ranks. Rows
        with a missing value are dropped (listwise), as R's ``irr::kendall`` does.
    correct_ties : bool, default True
        Apply the tie correction.

    Returns
    -------
    pandas.Series
        ``W``, ``chi2``, ``dof``, ``pval``, ``n_items``, ``n_raters``.

    Raises
    ------
    AgreementError
        Non-numeric scores, or fewer than 2 complete items or 2 raters.
    NoRankingError
        (An AgreementError) with the tie correction, every rater tied all items: W is 0/0;
        its ``result`` is this Series with W, chi2 and pval NaN.

    Examples
    --------
    Siegel & Castellan (1988), the "d.att" example of R DescTools::KendallW (8 items, 3
    raters, no ties):

    >>> import pandas as pd
    >>> from ikmpolicy.agreement import kendall_w
    >>> d = pd.DataFrame({"r4": [5, 6, 7, 1, 2, 4, 3, 8], "r21": [1, 7, 6, 2, 3, 5, 4, 8],
    ...                   "r11": [4, 5, 1, 3, 2, 7, 6, 8]})
    >>> res = kendall_w(d)
    >>> round(res["W"], 7), round(res["chi2"], 3), round(res["pval"], 5)
    (0.6560847, 13.778, 0.05528)
    """
    df = pd.DataFrame(ratings)
    try:
        df = df.apply(pd.to_numeric, errors="raise").dropna(axis=0, how="any")
    except (TypeError, ValueError) as exc:
        raise AgreementError(f"kendall_w needs numeric scores or ranks: {exc}") from None
    n, m = df.shape
    if n < 2 or m < 2:
        raise AgreementError(
            f"kendall_w needs at least 2 items (rows) and 2 raters (columns) without missing "
            f"values, got {n} x {m}"
        )
    ranks = df.rank(axis=0, method="average").to_numpy()
    r = ranks.sum(axis=1)
    s = ((r - r.mean()) ** 2).sum()
    t = 0.0
    if correct_ties:
        for j in range(m):
            _, counts = np.unique(ranks[:, j], return_counts=True)
            t += float((counts**3 - counts).sum())
    denom = m**2 * (n**3 - n) - m * t
    if denom <= 0:
        # Only with the tie correction: every rater tied all items (T = m (n^3 - n)), so S = 0
        # and W = 0/0. Raise instead of returning a NaN W, chi2 and p-value.
        nan = float("nan")
        raise NoRankingError(
            "Kendall's W is undefined: every rater gave all items the same score (no ranking)",
            result=_result(nan, nan, nan, n, m),
        )
    w = 12.0 * s / denom
    chi2 = m * (n - 1) * w
    return _result(w, chi2, float(special.chdtrc(n - 1, chi2)), n, m)


def _result(w: float, chi2: float, pval: float, n: int, m: int) -> pd.Series:
    """The Series :func:`kendall_w` returns (``n`` items, ``m`` raters, n - 1 dof)."""
    return pd.Series(
        {
            "W": float(w),
            "chi2": float(chi2),
            "dof": int(n - 1),
            "pval": float(pval),
            "n_items": int(n),
            "n_raters": int(m),
        },
        name="kendall_w",
        dtype=object,
    )


#: Bands around Schmidt's (1997) reading of Kendall's W: 0.1 very weak, 0.3 weak, 0.5 moderate,
#: 0.7 strong, 0.9 unusually strong agreement. Schmidt, R. C. (1997). Managing Delphi surveys
#: using nonparametric statistical techniques. Decision Sciences 28(3), 763-774, Table 1.
W_BANDS = (
    (0.2, "very_weak"),
    (0.4, "weak"),
    (0.6, "moderate"),
    (0.8, "strong"),
    (float("inf"), "very_strong"),
)


def agreement_strength(w: float) -> str:
    """A word for Kendall's W, by bands centred on Schmidt's (1997) points.

    Returns one of ``very_weak`` (W < 0.2), ``weak`` (< 0.4), ``moderate`` (< 0.6),
    ``strong`` (< 0.8), ``very_strong``.

    Examples
    --------
    >>> from ikmpolicy.agreement import agreement_strength
    >>> agreement_strength(0.46), agreement_strength(0.05), agreement_strength(0.93)
    ('moderate', 'very_weak', 'very_strong')
    """
    if not 0 <= w <= 1:
        raise AgreementError(f"Kendall's W must lie in [0, 1], got {w!r}")
    return next(word for limit, word in W_BANDS if w < limit)
