"""Fixtures of the forms tests: a session's forms written from a scratch copy of the data, and
an empty folder to put filled copies in."""

from __future__ import annotations

import pytest

from ikmpolicy.cli import main

from .helpers import SESSION


@pytest.fixture
def written(data_copy, tmp_path):
    """The Excel forms of :data:`SESSION`, as ``ikmpolicy forms`` writes them (no PDF)."""
    out = tmp_path / "forms"
    args = ["forms", "--fgd", SESSION, "--data", str(data_copy), "--out", str(out), "--no-pdf"]
    assert main(args) == 0
    return out / SESSION


@pytest.fixture
def filled_folder(tmp_path):
    """An empty folder for the filled forms ``import-forms`` reads."""
    folder = tmp_path / "filled"
    folder.mkdir()
    return folder
