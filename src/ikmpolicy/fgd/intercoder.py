"""Agreement between two coders (two humans, or a human and the automatic coder).

The units are the coded segments: statements that at least one of the two coders coded. Text
that neither coder coded is left out, so silence on both sides does not inflate agreement.
Within those segments each code is a presence/absence judgement by each coder; per code,
Cohen's kappa and Krippendorff's alpha (nominal) are computed over the segments, and an
overall row pools every (segment, code) judgement. Both statistics come from
:mod:`ikmpolicy.agreement` (one implementation each in the project).

An undefined statistic (e.g. a code neither coder used in those segments, so there is no
variation) is NaN, never 1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ikmpolicy.agreement import AgreementError, cohen_kappa, krippendorff_alpha

#: ``code`` of the pooled row of :func:`coder_agreement`.
OVERALL = "*"
_COLUMNS = [
    "code",
    "segments",
    "both",
    "only_a",
    "only_b",
    "neither",
    "agreement",
    "kappa",
    "alpha",
]


def _coded(value) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


def _stats(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    # Both statistics raise AgreementError when they are undefined (both coders gave every
    # segment the same judgement, so there is no variation); in this table that is NaN.
    try:
        kappa = cohen_kappa(a, b, categories=[0, 1])
    except AgreementError:
        kappa = float("nan")
    try:
        alpha = krippendorff_alpha([a, b], "nominal")
    except AgreementError:
        alpha = float("nan")
    return kappa, alpha


def coder_agreement(codes_a: pd.Series, codes_b: pd.Series, codes) -> pd.DataFrame:
    """Per-code and pooled agreement of two coders over the segments either of them coded.

    Parameters
    ----------
    codes_a, codes_b : pandas.Series
        Codes per statement (tuple; None or NaN where the coder did not code it), same index.
    codes : sequence of str
        The codebook's codes.

    Returns
    -------
    pandas.DataFrame
        One row per code and a last row ``code='*'`` (pooled): ``segments`` (coded by at least
        one coder), counts ``both``, ``only_a``, ``only_b``, ``neither``, observed
        ``agreement`` (proportion), ``kappa`` (Cohen) and ``alpha`` (Krippendorff, nominal).

    Examples
    --------
    >>> a = pd.Series([("x",), ("x", "y"), ("y",), None])
    >>> b = pd.Series([("x",), ("x",), ("y",), None])
    >>> t = coder_agreement(a, b, ["x", "y"]).set_index("code")
    >>> int(t.loc["*", "segments"]), float(t.loc["x", "kappa"])
    (3, 1.0)
    >>> round(float(t.loc["y", "kappa"]), 4)
    0.4
    """
    if not codes_a.index.equals(codes_b.index):
        raise ValueError("the two coders' codes must be indexed by the same statements")
    codes = list(codes)
    keep = [i for i in codes_a.index if _coded(codes_a[i]) or _coded(codes_b[i])]
    rows = []
    pooled_a, pooled_b = [], []
    for code in codes:
        a = np.array([int(_coded(codes_a[i]) and code in codes_a[i]) for i in keep])
        b = np.array([int(_coded(codes_b[i]) and code in codes_b[i]) for i in keep])
        pooled_a.append(a)
        pooled_b.append(b)
        rows.append([code, *_row(a, b)])
    a = np.concatenate(pooled_a) if pooled_a else np.array([], dtype=int)
    b = np.concatenate(pooled_b) if pooled_b else np.array([], dtype=int)
    pooled = _row(a, b)
    pooled[0] = len(keep)  # segments, not segment x code judgements
    rows.append([OVERALL, *pooled])
    return pd.DataFrame(rows, columns=_COLUMNS)


def _row(a: np.ndarray, b: np.ndarray) -> list:
    n = len(a)
    if n == 0:
        return [0, 0, 0, 0, 0, float("nan"), float("nan"), float("nan")]
    kappa, alpha = _stats(a, b)
    return [
        n,
        int(((a == 1) & (b == 1)).sum()),
        int(((a == 1) & (b == 0)).sum()),
        int(((a == 0) & (b == 1)).sum()),
        int(((a == 0) & (b == 0)).sum()),
        float((a == b).mean()),
        kappa,
        alpha,
    ]


def human_agreement(final: pd.DataFrame, codes) -> pd.DataFrame:
    """Agreement of coder 1 and coder 2 (``code_human_1`` vs ``code_human_2`` of
    :func:`~ikmpolicy.fgd.coding.final_codes`).

    Examples
    --------
    >>> fc = pd.DataFrame({"code_human_1": [("a",), ("b",)], "code_human_2": [("a",), ("a",)]})
    >>> float(human_agreement(fc, ["a", "b"]).set_index("code").loc["b", "agreement"])
    0.5
    """
    return coder_agreement(final["code_human_1"], final["code_human_2"], codes)


def human_auto_agreement(final: pd.DataFrame, codes, coder: str = "code_human_1") -> pd.DataFrame:
    """Agreement of a human coder and the automatic coder, over the segments the human coded or
    the automatic coder coded (an empty automatic result counts as "not coded").

    Examples
    --------
    >>> fc = pd.DataFrame({"code_human_1": [("a",), None], "auto": [("a",), ("b",)]})
    >>> int(human_auto_agreement(fc, ["a", "b"]).set_index("code").loc["*", "segments"])
    2
    """
    auto = final["auto"].map(lambda c: tuple(c) if len(c) else None)
    return coder_agreement(final[coder], auto, codes)
