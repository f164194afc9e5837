"""Notebooks are thin and clean in git, and every notebook runs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BRIEF = ROOT / "src" / "ikmpolicy" / "notebooks" / "brief.ipynb"
NOTEBOOKS = [*sorted((ROOT / "notebooks").glob("*.ipynb")), BRIEF]


def test_there_are_notebooks():
    assert BRIEF.is_file() and len(NOTEBOOKS) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters' for papermill"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_analysis_logic_in_notebooks(path):
    """Thin notebooks: no function or class is defined in a notebook."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert "def " not in cell.source and "class " not in cell.source, cell.id


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name != "brief.ipynb"],
                         ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    """Every exploration notebook executes top to bottom (brief.ipynb runs in test_pipeline)."""
    import papermill as pm

    pm.execute_notebook(str(path), str(tmp_path / path.name), kernel_name="python3",
                        cwd=str(ROOT), progress_bar=False,
                        extra_arguments=["--IPKernelApp.log_level=ERROR"])


def test_git_tracks_no_executed_notebook():
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True,
                             text=True).stdout.split()
    assert not [t for t in tracked if t.startswith("reports/")]
