"""One brief's wall time against the floor of the tools it stands on (a benchmark, not a test).

The floor is what papermill needs to execute a two-cell notebook plus what nbconvert needs to
render it to HTML, on the same machine in the same run; the target (issue 10) is one brief
(brief and annex: HTML, PDF, DOCX, executed notebook) in at most 1.5x that floor. It is measured
two ways: in one process after the imports (the tools' own work), and as the commands a user
types (``papermill`` then ``jupyter nbconvert``, against ``ikmpolicy brief --fgd``), start-up
and imports included. The script also prints the brief notebook executed alone (no document
written), a bound under any brief, and where a brief's time goes: the import of the sections,
each section in-process, the rendering of each PDF.

Run from the project folder: ``python benchmarks/bench_brief.py [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SESSION, AS_OF = "fgd-2025-05-15", "2025-12-01"

FLOOR = """
import time, tempfile, nbformat, papermill as pm
from nbconvert import HTMLExporter
nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                      "display_name": "Python 3"}})
nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("x + 1")]
with tempfile.TemporaryDirectory() as tmp:
    src, out = f"{tmp}/two.ipynb", f"{tmp}/out.ipynb"
    nbformat.write(nb, src)
    t = time.perf_counter()
    pm.execute_notebook(src, out, parameters={"x": 2}, kernel_name="python3",
                        progress_bar=False, log_output=False)
    HTMLExporter().from_filename(out)
    print(time.perf_counter() - t)
"""

BRIEF = f"""
import time, tempfile
from ikmpolicy.pipeline import run_brief
with tempfile.TemporaryDirectory() as tmp:
    t = time.perf_counter()
    run_brief({SESSION!r}, "id", "data/cilegon", tmp, as_of={AS_OF!r})
    print(time.perf_counter() - t)
"""

NOTEBOOK_ONLY = f"""
import time
from pathlib import Path
from ikmpolicy.kernel import execute
from ikmpolicy.pipeline import find_notebook
parameters = dict(fgd_id={SESSION!r}, lang="id", data="data/cilegon", helix_model="classic",
                  as_of={AS_OF!r}, budget_idr=None)
t = time.perf_counter()
execute(find_notebook(), parameters, Path.cwd())
print(time.perf_counter() - t)
"""

BREAKDOWN = f"""
import time
t = time.perf_counter()
from ikmpolicy.report import sections
print("import of the sections", time.perf_counter() - t)
import nbformat
from importlib import resources
ctx = sections.load_context("data/cilegon", {SESSION!r}, "id", "classic", {AS_OF!r})
nb = nbformat.read(resources.files("ikmpolicy").joinpath("notebooks", "brief.ipynb"), 4)
names = [c.source.split(".")[1].split("(")[0] for c in nb.cells
         if c.cell_type == "code" and c.source.startswith("sections.")]
shown = []
for name in names:
    t = time.perf_counter()
    section = getattr(sections, name)(ctx)
    section._repr_mimebundle_()
    shown.append(section)
    print("section " + name, time.perf_counter() - t)
from ikmpolicy.report.content import MIME_TYPE
from ikmpolicy.render import render
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
    "display_data", data={{MIME_TYPE: s.to_json()}})]) for s in shown]
t = time.perf_counter(); docs = render(nb, "id"); print("HTML and DOCX", time.perf_counter() - t)
t = time.perf_counter(); docs.brief_pdf(); print("brief PDF", time.perf_counter() - t)
t = time.perf_counter(); docs.annex_pdf(); print("annex PDF", time.perf_counter() - t)
"""


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    return out.stdout


def _commands_floor(folder: Path) -> float:
    """The floor as two commands: ``papermill`` executes the two cells, ``jupyter nbconvert``
    renders the result to HTML."""
    import nbformat

    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "P"}}
    )
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x + 1"),
    ]
    src, out = folder / "two.ipynb", folder / "out.ipynb"
    nbformat.write(nb, src)
    bin_ = Path(sys.executable).parent
    start = time.perf_counter()
    run = [str(bin_ / "papermill"), "--log-level", "ERROR", str(src), str(out), "-p", "x", "2"]
    subprocess.run(run, check=True, capture_output=True)
    convert = [str(bin_ / "jupyter-nbconvert"), "--to", "html", str(out)]
    subprocess.run(convert, check=True, capture_output=True)
    return time.perf_counter() - start


def _commands_brief(folder: Path) -> float:
    """One brief as the command an analyst types (``--force``: nothing skipped)."""
    command = [sys.executable, "-m", "ikmpolicy", "brief", "--fgd", SESSION, "--quiet"]
    command += ["--as-of", AS_OF, "--out", str(folder / "reports"), "--force"]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def _line(what: str, values: list[float]) -> str:
    runs = ", ".join(f"{v:.1f}" for v in values)
    return f"{what:<52} median {statistics.median(values):5.1f} s (runs {runs})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    floors, briefs, floor_cmds, brief_cmds, notebooks = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):  # interleaved, so all see the same machine
            floors.append(float(_run(FLOOR).strip().splitlines()[-1]))
            briefs.append(float(_run(BRIEF).strip().splitlines()[-1]))
            notebooks.append(float(_run(NOTEBOOK_ONLY).strip().splitlines()[-1]))
            floor_cmds.append(_commands_floor(Path(tmp)))
            brief_cmds.append(_commands_brief(Path(tmp)))
    print(f"load average at start: {load:.1f} on {os.cpu_count()} cores")
    print("in one process, after the imports:")
    print(_line("  floor (papermill two cells + nbconvert HTML)", floors))
    print(_line("  one brief (brief + annex, HTML, PDF, DOCX)", briefs))
    ratio = statistics.median(briefs) / statistics.median(floors)
    print(f"  ratio {ratio:.2f}x (target at most 1.5x)")
    # the brief notebook executed by papermill, no document written: a bound on any brief
    print(_line("  the brief notebook alone (papermill, no documents)", notebooks))
    print("as commands, start-up and imports included:")
    print(_line("  floor (papermill, then jupyter nbconvert --to html)", floor_cmds))
    print(_line("  ikmpolicy brief --fgd (brief + annex)", brief_cmds))
    ratio = statistics.median(brief_cmds) / statistics.median(floor_cmds)
    print(f"  ratio {ratio:.2f}x (target at most 1.5x)")
    print("where the time goes, in one process:")
    for line in _run(BREAKDOWN).splitlines():
        name, _, value = line.rpartition(" ")
        print(f"  {name:<42} {float(value):6.2f} s")


if __name__ == "__main__":
    main()
