"""Shared fixtures: the shipped sample data, a scratch copy to break, the loaded dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ikmpolicy.validation import load_dataset

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cilegon"
#: Reference date of the sample briefs made by the tests (fixed, so they reproduce).
AS_OF = "2025-12-01"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample():
    """The shipped sample, loaded and validated once."""
    return load_dataset(SAMPLE)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the sample data folder that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    return target


def edit_csv(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file; ``row`` is the row number a spreadsheet shows (header = 1)."""
    import csv

    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(column)] = value
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def pytest_collection_modifyitems(items):
    """Under ``make test`` (pytest-xdist, ``--dist loadgroup``) the tests that read the sample
    briefs go to one worker, so the ``briefs`` fixture (about a minute) is made once."""
    for item in items:
        if "briefs" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("briefs"))


@pytest.fixture(scope="session")
def briefs(tmp_path_factory):
    """The sample's briefs, made once: two Indonesian runs of one session (to compare bytes;
    the second is handed the validated dataset, as the ``brief`` command does) and one English
    run of another; ``(first, second, english, out_folder)``."""
    import os

    from ikmpolicy.handover import write_handover
    from ikmpolicy.pipeline import run_brief

    out = tmp_path_factory.mktemp("reports")
    again = tmp_path_factory.mktemp("reports-again")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        first = run_brief(
            "fgd-kemenperin-royale-krakatau", "id", "data/cilegon", str(out), as_of=AS_OF
        )
        private = tmp_path_factory.mktemp("handover")
        handed = write_handover(load_dataset("data/cilegon"), "data/cilegon", private)
        second = run_brief(
            "fgd-kemenperin-royale-krakatau",
            "id",
            "data/cilegon",
            str(again),
            as_of=AS_OF,
            handover=handed,
        )
        english = run_brief("fgd-2025-05-15", "en", "data/cilegon", str(out), as_of=AS_OF)
    finally:
        os.chdir(cwd)
    return first, second, english, out
