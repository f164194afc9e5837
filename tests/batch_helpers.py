"""Small brief notebooks for the batch and command-line tests (a kernel starts in about a
second, so a batch of them runs in seconds where real briefs take a minute each)."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat


def tiny_notebook(path: Path, fail_for: tuple[str, ...] = (), sleep: float = 0) -> Path:
    """A brief notebook that shows its parameters in a masthead (the one section the renderer
    needs), fails for the sessions in ``fail_for`` (with "no brief for <id>") and sleeps
    ``sleep`` seconds first."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell(
        'fgd_id = "x"\nlang = "id"\ndata = "data/cilegon"\nhelix_model = "classic"\nas_of = None\n'
        "budget_idr = None"
    )
    parameters.metadata["tags"] = ["parameters"]
    body = nbformat.v4.new_code_cell(
        "import time\n"
        f"time.sleep({sleep!r})\n"
        f"if fgd_id in {list(fail_for)!r}:\n"
        "    raise ValueError(f'no brief for {fgd_id}')\n"
        "from ikmpolicy.report.content import Masthead, Paragraph, Section\n"
        "Section('masthead', '', (Masthead('tiny', fgd_id, lang, str(as_of)),),\n"
        "        edition='brief', meta={'title': fgd_id, 'lang': lang})"
    )
    nb.cells = [parameters, body]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def kernel_processes(run) -> list:
    """The kernel processes a :class:`ikmpolicy.kernel.NotebookRun` launched so far (a manager
    may exist a moment before its kernel)."""
    managers = [km for km in run._started if km.provisioner]
    return [km.provisioner.process for km in managers if km.provisioner.process is not None]


def gone(processes: list, seconds: float = 10) -> bool:
    """Whether every process has ended within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(p.poll() is not None for p in processes):
            return True
        time.sleep(0.05)
    return False
