"""Code frequencies per session and per helix, code co-occurrence, and supporting quotes.

Frequencies count statements (a statement with a code counts once however many keywords
matched), from the final codes of :func:`ikmpolicy.fgd.coding.final_codes`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def long_codes(final: pd.DataFrame) -> pd.DataFrame:
    """One row per statement and final code.

    Examples
    --------
    >>> fc = pd.DataFrame({"statement_id": ["s"], "session_id": ["f"], "org_id": ["o"],
    ...                    "codes": [("a", "b")]})
    >>> long_codes(fc)["code"].tolist()
    ['a', 'b']
    """
    rows = [
        (r.statement_id, r.session_id, r.org_id, c)
        for r in final.itertuples(index=False)
        for c in r.codes
    ]
    return pd.DataFrame(rows, columns=["statement_id", "session_id", "org_id", "code"])


def code_frequencies(
    final: pd.DataFrame, codes, by: str = "session_id", group_of: dict | None = None
) -> pd.DataFrame:
    """Statements per group (rows) and code (columns, every code of ``codes``, zeros included).

    Parameters
    ----------
    final : pandas.DataFrame
        :func:`~ikmpolicy.fgd.coding.final_codes`.
    codes : sequence of str
        The codebook's codes, in display order.
    by : str, default "session_id"
        Column to group by (``"session_id"`` or ``"org_id"``).
    group_of : dict, optional
        Maps the ``by`` value to a group, e.g. org_id -> helix for frequencies per helix.

    Examples
    --------
    >>> fc = pd.DataFrame({"statement_id": ["s1", "s2"], "session_id": ["f", "f"],
    ...                    "org_id": ["x", "y"], "codes": [("a",), ("a", "b")]})
    >>> code_frequencies(fc, ["a", "b", "c"]).loc["f"].tolist()
    [2, 1, 0]
    >>> helix = {"x": "gov", "y": "gov"}
    >>> code_frequencies(fc, ["a", "b"], by="org_id", group_of=helix).loc["gov"].tolist()
    [2, 1]
    """
    codes = list(codes)
    lc = long_codes(final)
    groups = final[by].map(group_of) if group_of is not None else final[by]
    index = list(dict.fromkeys(groups.dropna()))
    if lc.empty:
        return pd.DataFrame(0, index=pd.Index(index, name=by), columns=codes)
    key = lc[by].map(group_of) if group_of is not None else lc[by]
    table = pd.crosstab(key, lc["code"]).reindex(index=index, columns=codes, fill_value=0)
    table.index.name, table.columns.name = by if group_of is None else "group", None
    return table.astype(int)


def cooccurrence(final: pd.DataFrame, codes) -> pd.DataFrame:
    """Code x code: statements coded with both (the diagonal: statements with the code).

    Examples
    --------
    >>> fc = pd.DataFrame({"codes": [("a", "b"), ("a",), ()]})
    >>> cooccurrence(fc, ["a", "b"]).to_numpy().tolist()
    [[2, 1], [1, 1]]
    """
    codes = list(codes)
    pos = {c: i for i, c in enumerate(codes)}
    m = np.zeros((len(codes), len(codes)), dtype=int)
    for cs in final["codes"]:
        idx = sorted({pos[c] for c in cs if c in pos})
        m[np.ix_(idx, idx)] += 1
    return pd.DataFrame(m, index=codes, columns=codes)


def _shorten(text: str, max_words: int) -> str:
    words = str(text).split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def theme_quotes(
    final: pd.DataFrame,
    statements: pd.DataFrame,
    stakeholders: pd.DataFrame,
    codes=None,
    max_words: int = 30,
    per_code: int | None = 3,
) -> pd.DataFrame:
    """Short quotes supporting each theme, attributed to the organisation (never a person).

    Returns columns ``code``, ``statement_id``, ``session_id``, ``org_id``, ``organisation``,
    ``quote`` (bool: a direct quote rather than a paraphrase, when the table says), ``text``
    (cut to ``max_words`` words with an ellipsis). At most ``per_code`` statements per code, in
    the statements' order.

    Examples
    --------
    >>> fc = pd.DataFrame({"statement_id": ["s"], "session_id": ["f"], "org_id": ["o"],
    ...                    "codes": [("a",)]})
    >>> st = pd.DataFrame({"statement_id": ["s"], "text": ["satu dua tiga"], "quote": [True]})
    >>> sh = pd.DataFrame({"org_id": ["o"], "name": ["Dinas X"]})
    >>> theme_quotes(fc, st, sh, max_words=2)[["organisation", "text"]].to_dict("records")
    [{'organisation': 'Dinas X', 'text': 'satu dua …'}]
    """
    names = dict(zip(stakeholders["org_id"], stakeholders["name"], strict=True))
    text = dict(zip(statements["statement_id"], statements["text"], strict=True))
    quote = (
        dict(zip(statements["statement_id"], statements["quote"], strict=True))
        if "quote" in statements.columns
        else {}
    )
    lc = long_codes(final)
    if codes is not None:
        order = {c: i for i, c in enumerate(codes)}
        lc = lc[lc["code"].isin(order)]
        lc = lc.assign(_o=lc["code"].map(order)).sort_values("_o", kind="stable").drop(columns="_o")
    if per_code is not None:
        lc = lc.groupby("code", sort=False).head(per_code)
    return pd.DataFrame(
        {
            "code": lc["code"].to_numpy(),
            "statement_id": lc["statement_id"].to_numpy(),
            "session_id": lc["session_id"].to_numpy(),
            "org_id": lc["org_id"].to_numpy(),
            "organisation": [names.get(o, o) for o in lc["org_id"]],
            "quote": [
                bool(quote[s]) if pd.notna(quote.get(s)) else False for s in lc["statement_id"]
            ],
            "text": [_shorten(text[s], max_words) for s in lc["statement_id"]],
        }
    )
