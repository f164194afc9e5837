"""Shared fixtures: the shipped sample data, a scratch copy to break, the loaded dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ikmpolicy.validation import load_dataset

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cilegon"


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
