"""The works the methods notes cite: author-year in the text, the full entry in the annex.

Entries live in ``references.yaml`` beside this module, one key per work; a section lists the
keys it cites and the annex prints each cited work once, sorted by author and year.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import yaml

from ikmpolicy.errors import InputError
from ikmpolicy.report.content import Emph, Link, Runs, runs


class UnknownReferenceError(InputError):
    """A section cites a key that ``references.yaml`` does not hold."""


@cache
def catalogue() -> dict[str, dict]:
    """Every reference entry by key."""
    text = resources.files("ikmpolicy").joinpath("report", "references.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def entry(key: str) -> Runs:
    """One reference in full, as runs (title in italics, DOI or address linked).

    Examples
    --------
    >>> from ikmpolicy.report.content import plain_text
    >>> plain_text(entry("saaty-1980"))
    'Saaty, T. L. (1980). The analytic hierarchy process. McGraw-Hill, New York.'
    """
    refs = catalogue()
    if key not in refs:
        raise UnknownReferenceError(f"reference {key!r} is not in references.yaml")
    ref = refs[key]
    parts: list = [f"{ref['authors']} ({ref['year']}). ", Emph(ref["title"]), ". "]
    if ref.get("container"):
        parts.append(f"{ref['container']}.")
    if ref.get("doi"):
        address = f"https://doi.org/{ref['doi']}"
        parts += [" ", Link(address, address)]
    elif ref.get("url"):
        parts += [" ", Link(ref["url"], ref["url"])]
    return runs(*parts)


def bibliography(keys: Iterable[str]) -> list[Runs]:
    """The cited works in full, each once, sorted by authors then year."""
    refs = catalogue()
    unique = dict.fromkeys(keys)
    for key in unique:
        if key not in refs:
            raise UnknownReferenceError(f"reference {key!r} is not in references.yaml")
    ordered = sorted(unique, key=lambda k: (refs[k]["authors"].lower(), refs[k]["year"]))
    return [entry(k) for k in ordered]
