"""Notebooks are thin and clean in git, and every notebook runs the way a user runs it.

JupyterLab starts a notebook's kernel in the notebook's own folder, so the run tests start the
kernel in ``notebooks/`` (not in the project folder, where relative data paths would hide the
problem).
"""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
#: Every notebook of the project: the exploration notebooks and the brief (wherever it lives).
NOTEBOOKS = sorted([*FOLDER.glob("*.ipynb"), *(ROOT / "src" / "ikmpolicy").rglob("*.ipynb")])
#: The notebooks a user opens in JupyterLab; the brief runs through ``ikmpolicy brief``
#: (tests/test_pipeline.py), with parameters the command sets.
EXPLORATION = [p for p in sorted(FOLDER.glob("*.ipynb")) if p.name != "brief.ipynb"]


def test_there_are_notebooks():
    names = {p.name for p in EXPLORATION}
    assert {"readiness_index.ipynb", "ahp_reproduce.ipynb", "fgd_coding.ipynb"} <= names
    assert any(p.name == "brief.ipynb" for p in NOTEBOOKS)


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
            assert not re.search(r"^\s*(async\s+)?(def|class)\s", cell.source, re.M), cell.id


def run_in_notebooks_folder(path: Path, output: Path, **parameters) -> nbformat.NotebookNode:
    """Execute as JupyterLab would: the kernel's working folder is ``notebooks/``."""
    import papermill as pm

    return pm.execute_notebook(
        str(path),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(FOLDER),
        progress_bar=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )


def figure_outputs(nb: nbformat.NotebookNode) -> tuple[int, list[str]]:
    """Image outputs, and any output that printed a figure's repr instead of the figure.

    An image output carries the repr too, as its plain-text alternative: only a repr without
    an image beside it is a figure that did not show.
    """
    images, reprs = 0, []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if any(k.startswith("image/") for k in data):
                images += 1
                continue
            text = "".join(data.get("text/plain", "")) + "".join(out.get("text", ""))
            reprs += re.findall(r"<(?:Figure size|Axes(?:Subplot)?:)[^>]*>", text)
    return images, reprs


@pytest.mark.parametrize("path", EXPLORATION, ids=lambda p: p.name)
def test_notebook_runs_from_its_folder_and_shows_figures(path, tmp_path):
    """Every exploration notebook runs top to bottom from ``notebooks/`` and shows its figures
    as images (never "<Figure size ...>")."""
    nb = run_in_notebooks_folder(path, tmp_path / path.name)
    images, reprs = figure_outputs(nb)
    assert reprs == [], f"figures printed as text: {reprs}"
    assert images >= 1, "no figure shown"
    assert shown_twice(nb) == [], "a figure shown twice (returned and drawn by the backend)"


def shown_twice(nb: nbformat.NotebookNode) -> list[str]:
    """Ids of cells that show the same image twice (``df.plot().figure`` as a cell's last line:
    the returned figure, and the inline backend drawing the open figure again)."""
    twice = []
    for cell in nb.cells:
        images = [
            out["data"]["image/png"]
            for out in cell.get("outputs", [])
            if "image/png" in out.get("data", {})
        ]
        if len(images) != len(set(images)):
            twice.append(cell.get("id", "?"))
    return twice


def test_figure_check_can_fail():
    """The check above catches a figure printed as text (the readiness notebook's old bug)."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={"text/plain": "<Figure size 640x480 with 1 Axes>"},
            execution_count=1,
        )
    ]
    nb.cells = [cell]
    assert figure_outputs(nb) == (0, ["<Figure size 640x480 with 1 Axes>"])


def test_ahp_notebook_sets_published_next_to_reproduced(tmp_path):
    """Saaty (2008), Table 2 (drinks consumed in the U.S.): priorities .177 .019 .042 .116 .190
    .129 .327 and C.R. .022, shown next to the reproduced eigenvector weights."""
    nb = run_in_notebooks_folder(FOLDER / "ahp_reproduce.ipynb", tmp_path / "ahp.ipynb")
    tables = [
        "".join(o["data"].get("text/html", ""))
        for c in nb.cells
        for o in c.get("outputs", [])
        if "data" in o
    ]
    comparison = next(t for t in tables if "published" in t and "difference" in t)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", comparison, re.S):
        label = re.findall(r"<th>(.*?)</th>", row)
        values = re.findall(r"<td>(.*?)</td>", row)
        if label and len(values) == 3:
            rows[label[0]] = [float(v) for v in values]
    assert list(rows) == ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
    assert rows["water"][0] == pytest.approx(0.327)
    for published, reproduced, difference in rows.values():
        assert difference == pytest.approx(reproduced - published, abs=1e-4)
        # three printed decimals: agreement within rounding (0.0005) plus one unit of the fourth
        assert abs(difference) <= 0.0015
    text = " ".join(tables) + " ".join(
        "".join(o.get("data", {}).get("text/markdown", ""))
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    assert "Saaty, T. L. (2008)" in text and "0.022" in text


def test_readiness_notebook_rebuilds_the_index_of_a_brief(tmp_path, monkeypatch):
    """With ``brief`` set, the notebook rebuilds the same index the brief shows: the same firms
    in the same order, with the same scores, in the brief's top-ranks table."""
    from ikmpolicy.pipeline import run_brief
    from ikmpolicy.report.i18n import Locale

    monkeypatch.chdir(ROOT)
    files = run_brief("fgd-2025-05-15", "en", "data/cilegon", str(tmp_path / "reports"))
    record_xlsx = tmp_path / "record.xlsx"
    nb = run_in_notebooks_folder(
        FOLDER / "readiness_index.ipynb",
        tmp_path / "ri.ipynb",
        brief=str(files.notebook),
        excel_out=str(record_xlsx),
    )
    made = json.loads(files.notebook.read_text("utf-8"))["metadata"]["papermill"]["parameters"]
    assert made["fgd_id"] == "fgd-2025-05-15"

    import pandas as pd

    results = pd.read_excel(record_xlsx, sheet_name="results")
    overall = results[results["dimension"] == "overall"].set_index("firm_id")
    ranked = overall.dropna(subset=["rank"]).sort_values(["rank"], kind="stable")

    html = files.annex_html.read_text("utf-8")  # the ranks are in the technical annex
    loc = Locale("en")
    rows = brief_rank_rows(html, [loc.t("rindex.rank"), loc.t("rindex.interval")])
    assert len(rows) >= 5
    for rank, firm, score in rows:
        assert int(overall.loc[firm, "rank"]) == rank, firm
        assert loc.number(overall.loc[firm, "score"], 1) == score, firm
    assert [firm for _, firm, _ in rows] == list(ranked.index[: len(rows)])
    # the notebook did rebuild in brief mode (the AHP weights of the session, not metadata)
    assert "fgd-2025-05-15" in json.dumps(nb.cells[4]["outputs"])


def brief_rank_rows(html: str, headers: list[str]) -> list[tuple[int, str, str]]:
    """(rank, firm, score) of the brief's top-ranks table (rank, firm, sub-sector, score...),
    the table whose header holds ``headers``."""
    for body in re.findall(r"<table.*?</table>", html, re.S):
        head = unescape(" ".join(re.findall(r"<th[^>]*>(.*?)</th>", body, re.S)))
        if not all(h in head for h in headers):
            continue
        rows = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            cells = [
                unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            ]
            if len(cells) >= 4 and cells[0].isdigit():
                rows.append((int(cells[0]), cells[1], cells[3]))
        if rows:
            return rows
    raise AssertionError("no rank table in the brief")


def test_git_tracks_no_executed_notebook():
    tracked = subprocess.run(
        ["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert not [t for t in tracked if t.startswith("reports/")]
