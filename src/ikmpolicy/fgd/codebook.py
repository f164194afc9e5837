"""The codebook: the themes FGD statements are coded with, each with a definition and keywords.

A codebook is a CSV file (``data/<dataset>/codebook.csv``) with columns ``code``, ``label_id``,
``label_en``, ``definition_id``, ``definition_en``, ``keywords`` (``;``-separated; a keyword is a
root word or a phrase of words, matched after stemming: see :mod:`ikmpolicy.fgd.stemming`) and
optionally ``source_ids`` (the sources that raise the theme). Codes are ids: lower-case letters,
digits and ``_``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from ._errors import CodebookError, where
from .stemming import STOPWORDS, tokenize

REQUIRED = ("code", "label_id", "label_en", "definition_id", "definition_en", "keywords")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def _split(value) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ()
    if isinstance(value, str):
        return tuple(x.strip() for x in value.split(";") if x.strip())
    return tuple(str(x).strip() for x in value if str(x).strip())


def validate_codebook(codebook: pd.DataFrame) -> pd.DataFrame:
    """Check a codebook and return it with ``keywords`` (and ``source_ids``) as tuples.

    Raises
    ------
    CodebookError
        A required column is missing; a code is empty, malformed or duplicated; a theme has no
        keyword; a keyword is only stop words (it could never match) or appears under two codes.

    Examples
    --------
    >>> cb = pd.DataFrame({"code": ["a", "a"], "label_id": ["", ""], "label_en": ["", ""],
    ...                    "definition_id": ["", ""], "definition_en": ["", ""],
    ...                    "keywords": ["mitra", "mutu"]})
    >>> try:
    ...     validate_codebook(cb)
    ... except CodebookError as exc:
    ...     message = str(exc)
    >>> message.split(";")[0], "(index 0)" in message
    ("codebook, index 1, column 'code': found 'a'", True)
    """
    missing = [c for c in REQUIRED if c not in codebook.columns]
    if missing:
        raise CodebookError(f"codebook: missing columns {missing}; expected {list(REQUIRED)}")
    cb = codebook.copy()
    cb["keywords"] = [_split(v) for v in cb["keywords"]]
    if "source_ids" in cb.columns:
        cb["source_ids"] = [_split(v) for v in cb["source_ids"]]
    first_row: dict[str, object] = {}
    keyword_owner: dict[str, str] = {}
    for idx, row in cb.iterrows():
        code = row["code"]
        at = where(cb, idx, "codebook")
        if not isinstance(code, str) or not _CODE.match(code):
            raise CodebookError(
                f"{at}, column 'code': found {code!r}; expected an id of "
                "lower-case letters, digits and '_'"
            )
        if code in first_row:
            other = first_row[code]
            raise CodebookError(
                f"{at}, column 'code': found {code!r}; expected a code not already used ({other})"
            )
        first_row[code] = where(cb, idx, "codebook").split(", ", 1)[1]
        if not row["keywords"]:
            raise CodebookError(
                f"{at}, column 'keywords': found no keyword; expected one or "
                "more words or phrases separated by ';'"
            )
        for keyword in row["keywords"]:
            words = tokenize(keyword)
            if not words or all(w in STOPWORDS for w in words):
                raise CodebookError(
                    f"{at}, column 'keywords': found {keyword!r}; expected a "
                    "keyword that is not only stop words"
                )
            norm = " ".join(words)
            if norm in keyword_owner and keyword_owner[norm] != code:
                raise CodebookError(
                    f"{at}, column 'keywords': found {keyword!r}; expected a "
                    f"keyword not already under code {keyword_owner[norm]!r}"
                )
            keyword_owner[norm] = code
    return cb.reset_index(drop=True)


def load_codebook(path: str | Path) -> pd.DataFrame:
    """Read and check a codebook CSV (UTF-8); rows keep ``_file`` and ``_row`` for messages.

    Examples
    --------
    >>> cb = load_codebook("data/cilegon/codebook.csv")
    >>> cb.loc[cb.code == "partnership", "keywords"].iloc[0][:2]
    ('mitra', 'kerja sama')
    """
    path = Path(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except OSError as exc:
        raise CodebookError(f"{path}: cannot read the codebook ({exc.strerror})") from None
    if not rows:
        raise CodebookError(f"{path}: the codebook is empty; expected a header row {REQUIRED}")
    header = [h.strip().lower() for h in rows[0]]
    records = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        record = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        record.update(_file=str(path), _row=number)
        records.append(record)
    frame = pd.DataFrame(records, columns=[*header, "_file", "_row"])
    return validate_codebook(frame)


def keyword_roots(codebook: pd.DataFrame) -> frozenset[str]:
    """The root list for stemming: every word of every keyword (stop words left out).

    Examples
    --------
    >>> cb = pd.DataFrame({"keywords": [("mitra", "kerja sama")]})
    >>> sorted(keyword_roots(cb))
    ['kerja', 'mitra', 'sama']
    """
    return frozenset(
        w
        for kws in codebook["keywords"]
        for kw in _split(kws)
        for w in tokenize(kw)
        if w not in STOPWORDS
    )
