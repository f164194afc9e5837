"""Root lists for the stemmer: the shipped list of common Indonesian roots, or one of your own.

The stemmer (:func:`ikmpolicy.fgd.stem`) accepts a stem only when it is in a root list. FGD
coding uses the codebook's keywords (:func:`ikmpolicy.fgd.keyword_roots`); for stemming free
text, :func:`common_roots` gives about 3,700 common roots written for this project by its
contributors (everyday words and the vocabulary of industry, trade and public administration).
The list is the project's own work under the project's MIT licence: it is not copied or derived
from KBBI, Kateglo (CC BY-NC-SA, the source of Sastrawi's list), Wiktionary or any other
dictionary. :func:`read_roots` reads a list of your own (one word a line, ``#`` comments), for
example a licensed dictionary you hold.

Examples
--------
>>> roots = common_roots()
>>> {"kerja", "rusak", "rusa"} <= roots, "pelatihan" in roots
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ._errors import FGDInputError

__all__ = ["RootListError", "common_roots", "parse_roots", "read_roots"]

_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
COMMON_ROOTS_FILE = "roots-id.txt"


class RootListError(FGDInputError):
    """A root list with a line that is not one lower-case word."""


def parse_roots(lines, source: str = "root list") -> frozenset[str]:
    """The words of a root list: one lower-case word (letters, inner hyphens) a line.

    Blank lines and lines starting with ``#`` are skipped; surrounding spaces are ignored.

    Raises
    ------
    RootListError
        A line holds something other than one lower-case word; the message names the source
        and the line number.

    Examples
    --------
    >>> sorted(parse_roots(["# roots", "mitra", "", " kerja ", "kupu-kupu"]))
    ['kerja', 'kupu-kupu', 'mitra']
    >>> parse_roots(["mitra", "Kerja sama"], "my.txt")
    Traceback (most recent call last):
    ...
    ikmpolicy.fgd.roots.RootListError: my.txt, line 2: found 'Kerja sama'; expected one ...
    """
    words = set()
    for number, line in enumerate(lines, start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not _WORD.match(word):
            raise RootListError(
                f"{source}, line {number}: found {word!r}; expected one "
                "lower-case word (letters, inner hyphens allowed) a line"
            )
        words.add(word)
    return frozenset(words)


def read_roots(path: str | Path) -> frozenset[str]:
    """Read a root list file (UTF-8, one word a line, ``#`` comments).

    Raises :class:`RootListError` for a file that cannot be read or a malformed line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RootListError(f"{path}: cannot read the root list ({exc.strerror})") from None
    return parse_roots(text.splitlines(), str(path))


@lru_cache(maxsize=1)
def common_roots() -> frozenset[str]:
    """The shipped list of common Indonesian roots (about 3,700 words; MIT, project-written).

    The same ``frozenset`` object is returned on every call, so the stemmer's memo is reused.
    """
    text = (
        resources.files("ikmpolicy.fgd")
        .joinpath("data", COMMON_ROOTS_FILE)
        .read_text(encoding="utf-8")
    )
    return parse_roots(text.splitlines(), COMMON_ROOTS_FILE)
