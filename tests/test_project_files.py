"""LICENSE and CITATION.cff agree with pyproject.toml and follow their formats."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
#: Top-level keys of the Citation File Format 1.2.0 schema (its root has additionalProperties
#: false), and the keys it requires.
CFF_KEYS = {
    "abstract",
    "authors",
    "cff-version",
    "commit",
    "contact",
    "date-released",
    "doi",
    "identifiers",
    "keywords",
    "license",
    "license-url",
    "message",
    "preferred-citation",
    "references",
    "repository",
    "repository-artifact",
    "repository-code",
    "title",
    "type",
    "url",
    "version",
}
CFF_REQUIRED = {"authors", "cff-version", "message", "title"}


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]


def test_license_is_mit_with_the_holders():
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c) 2025–2026 ikmpolicy contributors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text
    assert project()["license"] == "MIT"  # an SPDX expression (PEP 639)


def test_citation_file_is_valid_cff_with_the_package_version():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert CFF_REQUIRED <= set(cff) <= CFF_KEYS, set(cff) - CFF_KEYS
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] in {"software", "dataset"}
    from ikmpolicy import __version__

    assert "version" in project()["dynamic"]  # written once, in ikmpolicy/__init__.py
    assert cff["version"] == __version__
    assert isinstance(cff["version"], str)  # YAML would read 0.1 as a number
    names = [a["name"] for a in cff["authors"]]
    assert names == [a["name"] for a in project()["authors"]]
    assert cff["license"] == "MIT"
    assert len(cff["abstract"]) > 200 and all(isinstance(k, str) for k in cff["keywords"])
