"""First-pass automatic coding of statements, and human codes that take precedence.

A statement gets a code when one of the code's keywords occurs in it after stemming (a phrase
must occur as consecutive words). Each assignment keeps the keywords and the words of the text
that matched, so a human can check it. Human codes, when the statements table has them
(optional columns ``code_human_1`` and ``code_human_2``, ``;``-separated code ids; an empty cell
means that coder did not code the statement), take precedence: the final codes of a statement
are coder 1's if present, else coder 2's, else the automatic ones.
"""

from __future__ import annotations

import pandas as pd

from ._errors import FGDInputError, where
from .codebook import _split, keyword_roots
from .stemming import stem_tokens

HUMAN_COLUMNS = ("code_human_1", "code_human_2")
_CODED_COLUMNS = ["statement_id", "session_id", "org_id", "code", "keywords", "matched_words"]


def _keyword_patterns(codebook: pd.DataFrame, roots: frozenset[str]):
    for code, keywords in zip(codebook["code"], codebook["keywords"], strict=True):
        for keyword in _split(keywords):
            stems = tuple(s for _, s in stem_tokens(keyword, roots))
            if stems:
                yield code, keyword, stems


def match_codes(text: str, codebook: pd.DataFrame) -> dict[str, tuple[tuple, tuple]]:
    """Codes whose keywords occur in ``text``: code -> (keywords matched, words matched).

    Examples
    --------
    >>> cb = pd.DataFrame({"code": ["partnership", "market"],
    ...                    "keywords": [("mitra", "kerja sama"), ("pasar", "rantai pasok")]})
    >>> found = match_codes("IKM bermitra dan bekerja sama; kemitraan memberi kepastian pasar", cb)
    >>> found["partnership"]
    (('kerja sama', 'mitra'), ('bermitra', 'bekerja', 'sama', 'kemitraan'))
    >>> found["market"]
    (('pasar',), ('pasar',))
    """
    roots = keyword_roots(codebook)
    tokens = stem_tokens(text, roots)
    stems = [s for _, s in tokens]
    found: dict[str, tuple[set, set]] = {}
    for code, keyword, pattern in _keyword_patterns(codebook, roots):
        n = len(pattern)
        for i in range(len(stems) - n + 1):
            if tuple(stems[i : i + n]) == pattern:
                kws, positions = found.setdefault(code, (set(), set()))
                kws.add(keyword)
                positions.update(range(i, i + n))
    return {
        code: (tuple(sorted(kws)), tuple(tokens[i][0] for i in sorted(pos)))
        for code, (kws, pos) in found.items()
    }


def code_statements(
    statements: pd.DataFrame, codebook: pd.DataFrame, text_column: str = "text"
) -> pd.DataFrame:
    """Automatic codes: one row per statement and code found.

    Returns columns ``statement_id``, ``session_id``, ``org_id``, ``code``, ``keywords`` and
    ``matched_words`` (tuples: what a human checks). Statements with no code have no row.

    Examples
    --------
    >>> cb = pd.DataFrame({"code": ["partnership"], "keywords": [("mitra",)]})
    >>> st = pd.DataFrame({"statement_id": ["s1", "s2"], "session_id": ["f", "f"],
    ...                    "org_id": ["o", "o"], "text": ["Kemitraan penting", "Cuaca cerah"]})
    >>> code_statements(st, cb)[["statement_id", "code", "matched_words"]].to_dict("records")
    [{'statement_id': 's1', 'code': 'partnership', 'matched_words': ('kemitraan',)}]
    """
    rows = []
    order = {c: i for i, c in enumerate(codebook["code"])}
    for row in statements.itertuples(index=False):
        matches = match_codes(getattr(row, text_column), codebook)
        for code in sorted(matches, key=order.__getitem__):
            keywords, words = matches[code]
            rows.append((row.statement_id, row.session_id, row.org_id, code, keywords, words))
    return pd.DataFrame(rows, columns=_CODED_COLUMNS)


def human_codes(statements: pd.DataFrame, column: str, codes) -> pd.Series:
    """A human coder's codes per statement (tuple, or None where the cell is empty).

    Raises :class:`FGDInputError` naming file, row and column for a code not in ``codes``.

    Examples
    --------
    >>> st = pd.DataFrame({"code_human_1": ["a; b", ""]})
    >>> human_codes(st, "code_human_1", ["a", "b"]).tolist()
    [('a', 'b'), None]
    """
    known = set(codes)
    if column not in statements.columns:
        return pd.Series([None] * len(statements), index=statements.index, dtype=object)
    out = []
    for idx, value in statements[column].items():
        parsed = _split(value)
        for code in parsed:
            if code not in known:
                raise FGDInputError(
                    f"{where(statements, idx, 'statements')}, column "
                    f"'{column}': found {code!r}; expected codes of the "
                    f"codebook: {', '.join(sorted(known))}"
                )
        out.append(tuple(dict.fromkeys(parsed)) if parsed else None)
    return pd.Series(out, index=statements.index, dtype=object)


def final_codes(
    statements: pd.DataFrame, coded: pd.DataFrame, codebook: pd.DataFrame
) -> pd.DataFrame:
    """One row per statement: automatic, human and final codes, and where the final ones came from.

    Returns columns ``statement_id``, ``session_id``, ``org_id``, ``auto``, ``code_human_1``,
    ``code_human_2`` (tuples, None where that coder left the statement uncoded), ``codes`` (final,
    a tuple) and ``code_source`` (``'human_1'``, ``'human_2'``, ``'auto'`` or ``'none'``).

    Examples
    --------
    >>> cb = pd.DataFrame({"code": ["a", "b"], "keywords": [("mitra",), ("mutu",)]})
    >>> st = pd.DataFrame({"statement_id": ["s1", "s2"], "session_id": ["f", "f"],
    ...                    "org_id": ["o", "o"], "text": ["mitra", "mutu"],
    ...                    "code_human_1": ["b", None]})
    >>> fc = final_codes(st, code_statements(st, cb), cb)
    >>> fc[["codes", "code_source"]].to_dict("list")
    {'codes': [('b',), ('b',)], 'code_source': ['human_1', 'auto']}
    """
    codes = list(codebook["code"])
    auto = coded.groupby("statement_id", sort=False)["code"].agg(tuple).to_dict()
    out = pd.DataFrame(
        {
            "statement_id": statements["statement_id"].to_numpy(),
            "session_id": statements["session_id"].to_numpy(),
            "org_id": statements["org_id"].to_numpy(),
        }
    )
    out["auto"] = [auto.get(s, ()) for s in out["statement_id"]]
    for col in HUMAN_COLUMNS:
        out[col] = human_codes(statements, col, codes).to_numpy()
    final, source = [], []
    for a, h1, h2 in zip(out["auto"], out["code_human_1"], out["code_human_2"], strict=True):
        if h1 is not None:
            final.append(h1)
            source.append("human_1")
        elif h2 is not None:
            final.append(h2)
            source.append("human_2")
        else:
            final.append(a)
            source.append("auto" if a else "none")
    out["codes"] = final
    out["code_source"] = source
    return out
