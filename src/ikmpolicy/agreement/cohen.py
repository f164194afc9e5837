"""Cohen's kappa for two raters, unweighted or weighted.

References
----------
Cohen, J. (1960). "A coefficient of agreement for nominal scales". *Educational and
Psychological Measurement* 20, 37-46.
Cohen, J. (1968). "Weighted kappa: nominal scale agreement with provision for scaled
disagreement or partial credit". *Psychological Bulletin* 70, 213-220.
Fleiss, J. L. & Cohen, J. (1973). "The equivalence of weighted kappa and the intraclass
correlation coefficient as measures of reliability". *Educ. Psychol. Meas.* 33, 613-619.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import AgreementError

__all__ = ["cohen_kappa"]


def cohen_kappa(a, b, *, weights: str | None = None, categories: Sequence | None = None) -> float:
    """Cohen's kappa between two raters' labels of the same units.

    kappa = (p_o - p_e) / (1 - p_e) with observed and chance agreement from the two raters'
    marginal distributions; weighted: kappa_w = 1 - sum(v * O) / sum(v * E) with
    disagreement weights v_ij = |i - j| (linear) or (i - j)^2 (quadratic) over the positions
    of the ordered categories.

    Parameters
    ----------
    a, b : sequence
        Labels given by rater A and rater B to the same units, in the same order. Units where
        either label is missing (None/NaN) are dropped.
    weights : {None, "linear", "quadratic"}, default None
        Unweighted (nominal) or weighted kappa for ordered categories.
    categories : sequence, optional
        All categories, in order (needed for weighted kappa with non-numeric labels, and to
        count categories nobody used). Default: the sorted labels observed.

    Returns
    -------
    float
        Kappa (1 = perfect agreement, 0 = chance level).

    Raises
    ------
    AgreementError
        Unequal lengths, no unit labelled by both raters, labels outside ``categories``, or no
        variation (both raters used one and the same category for every unit: kappa is 0/0).

    Examples
    --------
    >>> from ikmpolicy.agreement import cohen_kappa
    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 4)
    0.4
    """
    if weights not in (None, "linear", "quadratic"):
        raise AgreementError(f"weights must be None, 'linear' or 'quadratic', got {weights!r}")
    sa, sb = pd.Series(list(a)), pd.Series(list(b))
    if len(sa) != len(sb):
        raise AgreementError(
            f"the two raters labelled different numbers of units: {len(sa)} and {len(sb)}"
        )
    keep = sa.notna() & sb.notna()
    sa, sb = sa[keep], sb[keep]
    if sa.empty:
        raise AgreementError("no unit labelled by both raters")
    if categories is None:
        try:
            cats = sorted(set(sa) | set(sb))
        except TypeError:
            raise AgreementError("labels cannot be ordered; pass categories=[...]") from None
    else:
        cats = list(categories)
        if len(set(cats)) != len(cats):
            # a repeated category would leave a gap in the positions the weights are taken from
            raise AgreementError(f"categories must not repeat, got {cats}")
        unknown = (set(sa) | set(sb)) - set(cats)
        if unknown:
            raise AgreementError(f"labels {sorted(map(str, unknown))} are not in categories {cats}")
    pos = {c: i for i, c in enumerate(cats)}
    k = len(cats)
    obs = np.zeros((k, k))
    np.add.at(obs, (sa.map(pos).to_numpy(int), sb.map(pos).to_numpy(int)), 1.0)
    obs /= obs.sum()
    exp = np.outer(obs.sum(axis=1), obs.sum(axis=0))
    i, j = np.indices((k, k))
    if weights is None:
        v = (i != j).astype(float)
    elif weights == "linear":
        v = np.abs(i - j).astype(float)
    else:
        v = ((i - j) ** 2).astype(float)
    de = (v * exp).sum()
    if de == 0:
        # Both raters put every unit in the same single category: chance disagreement is 0, so
        # kappa is 0/0. Say so rather than hand back a NaN that looks like a result.
        raise AgreementError(
            f"kappa is undefined: both raters gave every unit the same label "
            f"({sa.iloc[0]}), so there is no variation to agree on"
        )
    return float(1.0 - (v * obs).sum() / de)
