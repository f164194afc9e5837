"""Kendall's coefficient of concordance W.

References
----------
Kendall, M. G. & Babington Smith, B. (1939). "The problem of m rankings". *Ann. Math. Stat.*
10, 275-287.
Friedman, M. (1937). "The use of ranks to avoid the assumption of normality implicit in the
analysis of variance". *J. Am. Stat. Assoc.* 32, 675-701 (exact distribution, small designs).
Siegel, S. & Castellan, N. J. (1988). *Nonparametric Statistics for the Behavioral Sciences*,
2nd ed., McGraw-Hill, section 9.4 (W with correction for ties; chi-square test for more than
7 items, exact tables below).
Phipson, B. & Smyth, G. K. (2010). "Permutation p-values should never be zero". *Stat. Appl.
Genet. Mol. Biol.* 9(1), art. 39 (the estimate from random permutations).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
from scipy import special  # the chi-square tail without importing scipy.stats (0.6 s)

from .errors import AgreementError, NoRankingError

__all__ = ["kendall_w", "KENDALL_METHODS"]

KENDALL_METHODS = ("asymptotic", "exact", "auto")
#: Most items for which ``method="auto"`` uses the exact distribution: Siegel & Castellan (1988)
#: read the chi-square approximation only for more than 7 items
EXACT_ITEMS = 7
#: Work (distinct rank-sum states times orderings of one rater) the exact distribution may
#: take per rater; beyond it the p-value is estimated from random permutations
EXACT_WORK = 200_000
#: Random permutations of the estimate, and its seed (fixed: the same data, the same p-value)
N_RESAMPLES, SEED = 100_000, 19370601


def kendall_w(ratings, *, correct_ties: bool = True, method: str = "asymptotic") -> pd.Series:
    """Kendall's W: how far several raters agree in ranking the same items.

    Each rater's scores are turned into ranks (ties get average ranks). With R_i the rank sum
    of item i, S = sum (R_i - mean R)^2 and
    W = 12 S / (m^2 (n^3 - n) - m T), T = sum over raters and tie groups of (t^3 - t)
    (T = 0 without tie correction). chi2 = m (n - 1) W with n - 1 degrees of freedom (a large
    sample test, identical to Friedman's).

    The exact test (``method="exact"``) takes the p-value from the permutation distribution of
    S: under no agreement every rater's ranks, ties included, are in a random order, each order
    as likely (Friedman 1937; the tables of Siegel & Castellan 1988). It is computed exactly
    while that stays small (a few items); beyond, it is estimated from :data:`N_RESAMPLES`
    random permutations with a fixed seed, p = (1 + hits) / (1 + N_RESAMPLES) (Phipson & Smyth
    2010). The tie correction divides S by a constant, so it does not change this p-value.

    Parameters
    ----------
    ratings : pandas.DataFrame or array_like, shape (n items, m raters)
        Rows are the items ranked (e.g. criteria), columns the raters; scores or ranks. Rows
        with a missing value are dropped (listwise), as R's ``irr::kendall`` does.
    correct_ties : bool, default True
        Apply the tie correction.
    method : {"asymptotic", "exact", "auto"}, default "asymptotic"
        How ``pval`` is computed: the chi-square approximation (as R ``irr::kendall`` and
        ``DescTools::KendallW``), the permutation distribution (exact, or estimated when too
        large to enumerate), or exact for at most :data:`EXACT_ITEMS` items and chi-square above.

    Returns
    -------
    pandas.Series
        ``W``, ``chi2``, ``dof``, ``pval``, ``n_items``, ``n_raters`` and ``test``: "chi2",
        "exact" or "permutation" (estimated), the test ``pval`` comes from.

    Raises
    ------
    AgreementError
        Non-numeric scores, fewer than 2 complete items or 2 raters, or an unknown ``method``.
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

    Three raters ranking three items the same way: chi-square says p = 0.050, the exact
    distribution (Friedman 1937) 1/36:

    >>> same = pd.DataFrame({"a": [1, 2, 3], "b": [1, 2, 3], "c": [1, 2, 3]})
    >>> round(kendall_w(same)["pval"], 4), round(kendall_w(same, method="exact")["pval"], 4)
    (0.0498, 0.0278)
    """
    if method not in KENDALL_METHODS:
        raise AgreementError(
            f"kendall_w: unknown method {method!r}; choose one of {', '.join(KENDALL_METHODS)}"
        )
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
            result=_result(nan, nan, nan, n, m, "chi2"),
        )
    w = 12.0 * s / denom
    chi2 = m * (n - 1) * w
    if method == "exact" or (method == "auto" and n <= EXACT_ITEMS):
        pval, test = permutation_pval(ranks)
        return _result(w, chi2, pval, n, m, test)
    return _result(w, chi2, float(special.chdtrc(n - 1, chi2)), n, m, "chi2")


def permutation_pval(ranks: np.ndarray) -> tuple[float, str]:
    """P(S >= observed S) when each rater's ranks are put in a random order, and "exact" or
    "permutation" (estimated: the exact distribution would be too large).

    ``ranks``: items x raters, each column a rater's ranks (averages for ties).

    Examples
    --------
    Friedman (1937): two raters, three items in the same order, P = 1/6:

    >>> import numpy as np
    >>> p, test = permutation_pval(np.array([[1, 1], [2, 2], [3, 3]]))
    >>> round(p, 4), test
    (0.1667, 'exact')
    """
    # doubled ranks are integers (ties average to halves): S is compared exactly
    twice = np.rint(2 * np.asarray(ranks, float)).astype(np.int64)
    observed = int(_spread(twice.sum(axis=1)))
    exact = _exact_tail(twice, observed)
    if exact is not None:
        return exact, "exact"
    return _sampled_tail(twice, observed), "permutation"


def _spread(sums) -> np.ndarray:
    """S times the number of items, for each row of rank sums: n sum R^2 - (sum R)^2, an
    integer for integer sums (compared exactly)."""
    sums = np.asarray(sums, np.int64)
    return sums.shape[-1] * (sums**2).sum(axis=-1) - sums.sum(axis=-1) ** 2


def _exact_tail(twice: np.ndarray, observed: int) -> float | None:
    """The exact tail, or None when it would take more than :data:`EXACT_WORK` per rater.

    The distribution of the rank sums is built rater by rater. Each rater's order is uniform,
    so what follows depends on the current sums only as a multiset: states are sorted tuples.
    """
    n, m = twice.shape
    if math.factorial(n) > EXACT_WORK:
        return None
    states: dict[tuple, int] = {tuple(sorted(twice[:, 0].tolist())): 1}
    for j in range(1, m):
        orders = Counter(itertools.permutations(twice[:, j].tolist()))
        if len(states) * len(orders) > EXACT_WORK:
            return None
        grown: defaultdict[tuple, int] = defaultdict(int)
        for state, count in states.items():
            for order, times in orders.items():
                grown[tuple(sorted(a + b for a, b in zip(state, order, strict=True)))] += (
                    count * times
                )
        states = grown
    counts = np.fromiter(states.values(), float, len(states))
    return float(counts[_spread(list(states)) >= observed].sum() / counts.sum())


def _sampled_tail(twice: np.ndarray, observed: int) -> float:
    rng = np.random.default_rng(SEED)
    chunk = max(1, 2_000_000 // twice.size)  # permutations at a time: about 16 MB of ranks
    hits, done = 0, 0
    while done < N_RESAMPLES:
        size = min(chunk, N_RESAMPLES - done)
        shuffled = rng.permuted(np.broadcast_to(twice, (size, *twice.shape)), axis=1)
        hits += int((_spread(shuffled.sum(axis=2)) >= observed).sum())
        done += size
    return (1 + hits) / (1 + N_RESAMPLES)


def _result(w: float, chi2: float, pval: float, n: int, m: int, test: str) -> pd.Series:
    """The Series :func:`kendall_w` returns (``n`` items, ``m`` raters, n - 1 dof)."""
    return pd.Series(
        {
            "W": float(w),
            "chi2": float(chi2),
            "dof": int(n - 1),
            "pval": float(pval),
            "n_items": int(n),
            "n_raters": int(m),
            "test": test,
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
